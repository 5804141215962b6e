import { authorize, failureDetail, recordAudit } from '../../auth/authorize.js';
import { checkVault } from '../../check/check-vault.js';
import type { CheckReport } from '../../check/types.js';
import { msg } from '../../i18n/messages.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const checkCommand: Command = {
  name: 'check',
  summary: { zh: '检查整个档案库（目录 ↔ 对象、摘要、件号连续性），有问题时以非零状态退出', en: 'Verify the whole vault (catalog ↔ objects, digests, item-number continuity); non-zero exit on any problem' },
  usage: 'lantai check [--quick]',
  options: { quick: { type: 'boolean' } },
  async run(ctx, values) {
    const { vault, op } = await ctx.openSession();
    const target = { type: 'vault', id: vault.info.vaultId };
    authorize(op, 'verify_vault', target);
    let report: CheckReport;
    try {
      report = await checkVault(vault, { quick: values['quick'] === true, signal: ctx.signal });
    } catch (e) {
      recordAudit(op, 'verify_vault', target, 'failed', failureDetail(e));
      throw e;
    }
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    const warnings = report.problems.filter((p) => p.severity === 'warning').length;
    for (const p of report.problems) ctx.say(`[${p.severity}] ${p.code}: ${ctx.t(p.message)}`);
    if (report.ok && warnings === 0) {
      ctx.say(msg(cliMessages.checkOk, { records: report.records, pages: report.pages, objects: report.objects, mb: (report.bytesVerified / 1e6).toFixed(1) }));
    } else {
      ctx.say(msg(cliMessages.checkFailed, { errors, warnings, records: report.records, pages: report.pages }));
    }
    recordAudit(op, 'verify_vault', target, report.ok ? 'ok' : 'failed', {
      quick: values['quick'] === true,
      records: report.records,
      pages: report.pages,
      objects: report.objects,
      errors,
      warnings,
      problems: report.problems.slice(0, 50).map((p) => ({ code: p.code, severity: p.severity })),
    });
    ctx.emitJson(report);
    return report.ok && warnings === 0 ? EXIT.OK : EXIT.PROBLEMS;
  },
};
