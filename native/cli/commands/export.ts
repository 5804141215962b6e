import fs from 'node:fs';
import { CARRIER_CAPACITY, isVaultError, msg, toErrorDTO, transferCliMessages, type FourPropertyReport, type TransferSelection } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { readKeyApproval } from './keys.js';

function codesFrom(file: string): string[] {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

function printReport(ctx: CliContext, report: FourPropertyReport): void {
  const s = report.summary;
  const text = (p: keyof typeof s): string => `${s[p].pass}/${s[p].pass + s[p].fail + s[p].warn}`;
  ctx.say(msg(transferCliMessages.checkSummary, { a: text('authenticity'), i: text('integrity'), u: text('usability'), s: text('security') }));
  if (report.refused.length > 0) {
    ctx.say(transferCliMessages.refusedHeader);
    for (const r of report.refused) ctx.say(msg(transferCliMessages.refusedLine, { subject: r.subject, reasons: r.reasons.map((x) => `${x.id} ${ctx.t(x.detail)}`).join('；') }));
  }
  for (const c of report.checks.filter((x) => x.result === 'warn').slice(0, 50)) ctx.say(msg(transferCliMessages.warningLine, { id: c.id, subject: c.subject, text: ctx.t(c.detail) }));
}

export const exportCommand: Command = {
  name: 'export',
  summary: { zh: '导出签名的移交包（须安全保密管理员批准，先做四性检测）', en: 'Export a signed transfer package (needs the security officer\'s approval; four-property check first)' },
  usage: 'lantai export (--select QUERY | --year Y | --category C | --codes FILE) --out PATH[.zip] --approver USER [--carrier CD|DVD|BD25|BD50|BYTES] [--zip] [--to 接收单位] [--name 名称]',
  options: {
    select: { type: 'string' }, year: { type: 'string' }, category: { type: 'string' }, codes: { type: 'string' }, out: { type: 'string' }, zip: { type: 'boolean' },
    approver: { type: 'string' }, carrier: { type: 'string' }, to: { type: 'string' }, name: { type: 'string' },
  },
  async run(ctx, values) {
    const out = stringOption(values, 'out');
    if (!out) throw new UsageError('--out is required');
    const year = intOption(values, 'year');
    const category = stringOption(values, 'category');
    const codesFile = stringOption(values, 'codes');
    const selection: TransferSelection = {
      ...(year !== undefined ? { year } : {}),
      ...(category ? { categoryCode: category.toUpperCase() } : {}),
      ...(codesFile ? { codes: codesFrom(codesFile) } : {}),
      ...(stringOption(values, 'select') ? { query: stringOption(values, 'select')! } : {}),
    };
    const carrier = stringOption(values, 'carrier');
    const capacity = carrier === undefined ? undefined : (CARRIER_CAPACITY[carrier.toUpperCase()] ?? Number(carrier));
    if (capacity !== undefined && !(Number.isSafeInteger(capacity) && capacity > 0)) throw new UsageError(`--carrier must be CD, DVD, BD25, BD50 or a size in bytes, not "${carrier ?? ''}"`);
    const kind = values['zip'] === true || out.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
    const { api, session } = await ctx.openSession();
    // The security officer approves at the moment of export, with their own login and the key passphrase.
    const approval = await readKeyApproval(ctx, api, values);
    try {
      const result = await api.transfer.export(session, {
        selection, output: out, kind, ...(capacity !== undefined ? { carrierCapacity: capacity } : {}),
        ...(stringOption(values, 'to') ? { toUnit: stringOption(values, 'to')! } : {}),
        ...(stringOption(values, 'name') ? { transferName: stringOption(values, 'name')! } : {}),
      }, approval, {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(msg(transferCliMessages.progress, { phase: p.message, done: p.done, total: p.total })),
      });
      ctx.endProgress();
      printReport(ctx, result.report);
      ctx.say(msg(transferCliMessages.exported, { id: result.transferId, records: result.records, files: result.package.files, mb: (result.package.bytes / 1e6).toFixed(1), path: result.package.path }));
      ctx.emitJson({ ok: true, ...result });
      return EXIT.OK;
    } catch (e) {
      ctx.endProgress();
      const report = isVaultError(e) ? (toErrorDTO(e).details['report'] as FourPropertyReport | undefined) : undefined;
      if (report && !ctx.json) printReport(ctx, report);
      throw e;
    }
  },
};
