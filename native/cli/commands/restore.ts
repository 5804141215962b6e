import path from 'node:path';
import { msg, VaultApi, type DrillReport, type RestoreReport, type Session } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { listOption } from './auth-common.js';
import { readBackupPassphrase } from './media.js';
import { mediaCliMessages as m } from './media-messages.js';

function printRestore(ctx: CliContext, r: RestoreReport): void {
  const audit = r.audit.ok ? ctx.t(msg(m.auditOk, { rows: r.audit.rows })) : ctx.t(msg(m.auditBad, { problems: r.audit.problems.slice(0, 5).join('; ') }));
  ctx.say(msg(m.restoreDone, { media: r.media.join(', '), to: r.to, snapshot: r.snapshot.file, at: r.snapshot.writtenAt, restored: r.restored + r.alreadyThere, objects: r.objects, audit }));
  if (r.missing.length > 0) {
    ctx.say(msg(m.restoreMissing, { count: r.missing.length }));
    for (const x of r.missing) ctx.say(msg(m.restoreMissingLine, { sha256: x.sha256, codes: x.archivalCodes.join(', ') || '-', reasons: x.reasons.join('; ') }));
  }
}

/**
 * `lantai restore --from PATH… --to DIR`: a vault rebuilt on a fresh machine from media and
 * the backup passphrase (no vault needed). When a user is given (--user or LANTAI_USER), that
 * person logs into the restored vault and the restore is written to its audit log.
 * `--drill` restores into a scratch folder instead and compares with the live vault (--vault).
 */
export const restoreCommand: Command = {
  name: 'restore',
  summary: { zh: '用载体和备份口令在新机器上恢复整个档案库（核验全部摘要与审计日志）；--drill 做恢复演练', en: 'Rebuild a vault from media and the backup passphrase (every digest and the audit chain verified); --drill runs a restore drill' },
  usage: 'lantai restore --from PATH [--from PATH…] --to DIR   |   lantai restore --drill --from PATH… --vault LIVE-VAULT',
  options: { from: { type: 'string', multiple: true }, to: { type: 'string' }, drill: { type: 'boolean' } },
  async run(ctx, values) {
    const from = listOption(values, 'from');
    if (from.length === 0) throw new UsageError('--from PATH is required (one per medium)');
    if (values['drill'] === true) {
      const { api, session } = await ctx.openSession();
      const passphrase = await readBackupPassphrase(ctx, false);
      return reportDrill(ctx, await api.media.drill(session, { from, passphrase }, { signal: ctx.signal, onProgress: restoreProgress(ctx) }).finally(() => ctx.endProgress()));
    }
    const to = stringOption(values, 'to');
    if (!to) throw new UsageError('--to DIR is required');
    const passphrase = await readBackupPassphrase(ctx, false);
    const r = await VaultApi.restoreFromMedia({ from, to: path.resolve(to), passphrase }, { signal: ctx.signal, onProgress: restoreProgress(ctx) }).finally(() => ctx.endProgress());
    return reportRestore(ctx, r, values);
  },
};

function restoreProgress(ctx: CliContext): (p: { done: number; total: number }) => void {
  return (p) => ctx.progress(msg(m.restoreProgress, { done: p.done, total: p.total }));
}

export function reportDrill(ctx: CliContext, r: DrillReport): number {
  printRestore(ctx, r);
  if (r.matchesLive) ctx.say(msg(m.drillOk, { restored: r.restored + r.alreadyThere, objects: r.objects }));
  else {
    ctx.say(m.drillDiff);
    for (const d of r.differences) ctx.say(`  ${d}`);
  }
  ctx.emitJson({ ok: r.matchesLive, ...r });
  return r.matchesLive ? EXIT.OK : EXIT.PROBLEMS;
}

/** The restore's report; when complete and a user is given, that person records it in the restored vault's audit log. */
async function reportRestore(ctx: CliContext, r: RestoreReport, values: Record<string, unknown>): Promise<number> {
  printRestore(ctx, r);
  if (r.missing.length === 0) {
    const user = typeof values['user'] === 'string' ? values['user'] : ctx.io.env['LANTAI_USER'];
    if (user) {
      // The restorer logs into the restored vault: its own audit log records the restore.
      const restored = new CliContext(ctx.io, { json: ctx.json, vault: r.to, signal: ctx.signal, credentials: { user, passwordStdin: values['password-stdin'] === true } });
      try {
        const { api, session } = await restored.openSession();
        api.media.recordRestore(session, r);
      } finally {
        restored.close();
      }
    } else ctx.say(m.restoreLogin);
  }
  ctx.emitJson({ ok: r.complete, ...r });
  return r.complete ? EXIT.OK : EXIT.PROBLEMS;
}

/**
 * `lantai resume ID --vault DIR` where DIR holds an interrupted restore (no vault to log in to
 * yet): the restore goes on under the same job with the backup passphrase.
 */
export async function resumeRestore(ctx: CliContext, dir: string, jobId: number, values: Record<string, unknown>): Promise<number> {
  const passphrase = await readBackupPassphrase(ctx, false);
  const r = await VaultApi.resumeRestore({ to: dir, jobId, passphrase }, { signal: ctx.signal, onProgress: restoreProgress(ctx) }).finally(() => ctx.endProgress());
  return reportRestore(ctx, r, values);
}

/** `lantai resume` of a restore drill (its job is in the live vault). */
export async function resumeDrill(ctx: CliContext, api: VaultApi, session: Session, jobId: number, from: string[]): Promise<number> {
  const passphrase = await readBackupPassphrase(ctx, false);
  return reportDrill(ctx, await api.media.drill(session, { from, passphrase }, { signal: ctx.signal, resumeJobId: jobId, onProgress: restoreProgress(ctx) }).finally(() => ctx.endProgress()));
}
