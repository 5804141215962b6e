import { msg, transferCliMessages, verifyPackagePath, type PackageProblem } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

function line(ctx: CliContext, p: PackageProblem): string {
  return ctx.t(msg(transferCliMessages.problemLine, { stage: p.stage, code: p.code, text: ctx.t(p.message) }));
}

/** The receiving side: needs no vault and no login; exit 0 only for a valid package. */
export const verifyPackageCommand: Command = {
  name: 'verify-package',
  summary: { zh: '校验移交包（结构、清单、摘要、签名、证书、目录与文件、规定结构、四性），无需档案库', en: 'Verify a transfer package (structure, manifests, digests, signature, certificate, catalog ↔ files, layout, four properties); no vault needed' },
  usage: 'lantai verify-package PATH [--pin CERT|SHA256] [--json]',
  options: { pin: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const target = positionals[0];
    if (!target) throw new UsageError('PATH is required');
    const pin = stringOption(values, 'pin');
    const v = await verifyPackagePath(target, { ...(pin ? { pin } : {}), signal: ctx.signal });
    if (v.valid) {
      ctx.say(msg(transferCliMessages.verifyOk, { id: v.transferId ?? '?', org: v.sourceOrganization ?? '?', records: v.records ?? 0, files: v.payload?.files ?? 0, signer: v.signature?.signer?.subject ?? '?' }));
    } else {
      ctx.say(msg(transferCliMessages.verifyBad, { count: v.problems.length }));
      for (const p of v.problems) ctx.say(line(ctx, p));
    }
    if (v.warnings.length > 0 && !ctx.json) {
      ctx.warn(transferCliMessages.warningsHeader);
      for (const w of v.warnings) ctx.warn(line(ctx, w));
    }
    ctx.emitJson({ ok: v.valid, ...v });
    return v.valid ? EXIT.OK : EXIT.PROBLEMS;
  },
};
