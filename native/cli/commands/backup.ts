import { isVaultError, msg, toErrorDTO, type BackupResult, type JobProgress, type MediumRef, type MigrationResult, type RepairOutcome, type Session, type VaultApi, type VerifyResult } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { listOption, requiredOption } from './auth-common.js';
import { mediaCliMessages as m } from './media-messages.js';

const mb = (n: number): string => (n / 1e6).toFixed(1);

function progress(ctx: CliContext, entry: typeof m.backupProgress): (p: JobProgress) => void {
  return (p) => ctx.progress(msg(entry, { done: p.done, total: p.total }));
}

/** "ID" or "ID=PATH" (a medium and where it is mounted). */
function refOf(text: string): MediumRef {
  const i = text.indexOf('=');
  return i < 0 ? { mediumId: text } : { mediumId: text.slice(0, i), path: text.slice(i + 1) };
}

function mediumRef(values: Record<string, unknown>): MediumRef {
  const mediumId = requiredOption(values as never, 'medium');
  const p = stringOption(values as never, 'path');
  return { mediumId, ...(p ? { path: p } : {}) };
}

export function reportBackup(ctx: CliContext, r: BackupResult): number {
  ctx.say(msg(m.backupDone, { id: r.mediumId, written: r.written, mb: mb(r.bytes), already: r.alreadyThere, snapshot: r.snapshot ?? '-', freeMb: mb(r.freeBytes) }));
  for (const f of r.failed) ctx.say(msg(m.backupFailedItem, f));
  if (r.iso) ctx.say(msg(m.iso, { path: r.iso, folder: r.staged ?? '-' }));
  else if (r.staged) ctx.say(msg(m.staged, { path: r.staged }));
  ctx.emitJson({ ok: r.failed.length === 0, ...r });
  return r.failed.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
}

export function reportVerify(ctx: CliContext, r: VerifyResult): number {
  const mode = r.mode === 'full' ? (ctx.lang === 'zh' ? '全部' : 'full') : (ctx.lang === 'zh' ? '轮换抽检' : 'rolling sample');
  if (r.clean) ctx.say(msg(m.verifyClean, { id: r.mediumId, mode, checked: r.checked, mb: mb(r.bytes), run: r.runId }));
  else {
    ctx.say(msg(m.verifyProblems, { id: r.mediumId, count: r.findings.length, mode, run: r.runId }));
    for (const f of r.findings) ctx.say(msg(m.finding, { kind: f.kind, text: ctx.t(f.message) }));
  }
  if (r.flaggedBatch.length > 0) ctx.say(msg(m.batchFlagged, { ids: r.flaggedBatch.join(', ') }));
  const s = r.smartSummary;
  if (s) {
    const health = s.passed === null ? '-' : s.passed ? (ctx.lang === 'zh' ? '通过' : 'PASSED') : (ctx.lang === 'zh' ? '未通过' : 'FAILED');
    ctx.say(msg(m.smartSummary, { device: s.device, model: s.model ?? '-', serial: s.serial ?? '-', health, hours: s.powerOnHours ?? '-', reallocated: s.reallocatedSectors ?? '-' }));
  } else if (r.smart === 'unavailable') ctx.say(msg(m.smartUnavailable));
  ctx.emitJson({ ok: r.clean, ...r });
  return r.clean ? EXIT.OK : EXIT.PROBLEMS;
}

export function reportRepair(ctx: CliContext, out: RepairOutcome[]): number {
  for (const o of out) ctx.say(msg(m.repairLine, { ok: o.ok ? '✓' : '✗', file: o.file, from: o.from ?? o.reason ?? '-' }));
  const ok = out.filter((o) => o.ok).length;
  ctx.say(msg(m.repairDone, { ok, failed: out.length - ok }));
  ctx.emitJson({ ok: ok === out.length, repaired: out });
  return ok === out.length ? EXIT.OK : EXIT.PROBLEMS;
}

export const backupCommand: Command = {
  name: 'backup',
  summary: { zh: '把载体缺少的内容加密备份到载体（逐个回读核验），并写入目录快照', en: 'Back up what a medium lacks, encrypted, every write read back; plus a catalog snapshot' },
  usage: 'lantai backup --medium ID [--path MOUNT]',
  options: { medium: { type: 'string' }, path: { type: 'string' } },
  async run(ctx, values) {
    const ref = mediumRef(values);
    const { api, session } = await ctx.openSession();
    return runBackup(ctx, api, session, ref, {});
  },
};

/** A backup (new, or resumed as job resumeJobId) with its report; a full medium is a reported outcome, exit 1. */
export async function runBackup(ctx: CliContext, api: VaultApi, session: Session, ref: MediumRef, options: { resumeJobId?: number }): Promise<number> {
  try {
    const r = await api.media.backup(session, ref, { ...options, signal: ctx.signal, onProgress: progress(ctx, m.backupProgress) });
    ctx.endProgress();
    return reportBackup(ctx, r);
  } catch (e) {
    ctx.endProgress();
    // A full medium: what was verified is kept; the message says how much is left.
    // A disc image the tool could not make: the staged folder is verified; the message says so.
    if (isVaultError(e) && (e.code === 'MEDIUM_FULL' || e.code === 'MEDIUM_CAPACITY' || e.code === 'MEDIUM_ISO_FAILED')) {
      ctx.error(e);
      ctx.emitJson({ ok: false, error: toErrorDTO(e) });
      return EXIT.PROBLEMS;
    }
    throw e;
  }
}

export function reportMigrate(ctx: CliContext, r: MigrationResult): number {
  ctx.say(msg(m.migrated, { from: r.from, to: r.to, copied: r.copied, keepUntil: r.keepUntil.slice(0, 10) }));
  ctx.emitJson({ ok: true, ...r });
  return EXIT.OK;
}

/** What `lantai resume` runs for a media job, from the parameters its row keeps. */
export async function resumeMediaJob(ctx: CliContext, api: VaultApi, session: Session, kind: string, jobId: number, params: Record<string, unknown>): Promise<number | undefined> {
  const options = { signal: ctx.signal, resumeJobId: jobId };
  const ref = (): MediumRef => ({ mediumId: String(params['mediumId']), ...(typeof params['path'] === 'string' ? { path: params['path'] } : {}) });
  const sources = Array.isArray(params['sources']) ? (params['sources'] as MediumRef[]) : [];
  switch (kind) {
    case 'backup':
      return runBackup(ctx, api, session, ref(), { resumeJobId: jobId });
    case 'verify-media':
      return reportVerify(ctx, await api.media.verify(session, { ...ref(), mode: params['mode'] === 'sample' ? 'sample' : 'full' }, { ...options, onProgress: progress(ctx, m.verifyProgress) }).finally(() => ctx.endProgress()));
    case 'repair':
      if (params['vault'] === true) return reportRepair(ctx, await api.media.repairVault(session, { sources }, options));
      return reportRepair(ctx, await api.media.repair(session, { ...ref(), sources }, options));
    case 'migrate': {
      const request = {
        from: String(params['from']), to: params['to'] as MediumRef,
        ...(typeof params['fromPath'] === 'string' ? { fromPath: params['fromPath'] } : {}), ...(typeof params['reason'] === 'string' ? { reason: params['reason'] } : {}),
      };
      return reportMigrate(ctx, await api.media.migrate(session, request, { ...options, onProgress: progress(ctx, m.backupProgress) }).finally(() => ctx.endProgress()));
    }
    default:
      return undefined;
  }
}

export const verifyMediaCommand: Command = {
  name: 'verify-media',
  summary: { zh: '检测载体（无需密钥）：全部或轮换抽检；发现问题生成告警；仅在全部相符时以 0 退出', en: 'Verify a medium without the key: full or rolling sample; problems raise alerts; exit 0 only when clean' },
  usage: 'lantai verify-media --medium ID [--path MOUNT] [--sample] [--json]',
  options: { medium: { type: 'string' }, path: { type: 'string' }, sample: { type: 'boolean' } },
  async run(ctx, values) {
    const ref = mediumRef(values);
    const { api, session } = await ctx.openSession();
    const r = await api.media.verify(session, { ...ref, mode: values['sample'] === true ? 'sample' : 'full' }, { signal: ctx.signal, onProgress: progress(ctx, m.verifyProgress) }).finally(() => ctx.endProgress());
    return reportVerify(ctx, r);
  },
};

export const repairCommand: Command = {
  name: 'repair',
  summary: { zh: '修复载体上损坏或缺失的副本（取自档案库或其他载体）；--vault 用载体修复档案库中损坏的对象', en: 'Repair a medium\'s damaged or missing copies (from the vault or other media); --vault repairs the vault\'s damaged objects from media' },
  usage: 'lantai repair --medium ID [--path MOUNT] [--source ID[=PATH]]…   |   lantai repair --vault --source ID[=PATH]…',
  options: { medium: { type: 'string' }, path: { type: 'string' }, source: { type: 'string', multiple: true }, vault: { type: 'boolean' } },
  async run(ctx, values) {
    const sources = listOption(values, 'source').map(refOf);
    if (values['vault'] === true) {
      if (sources.length === 0) throw new UsageError('repair --vault needs at least one --source medium');
      const { api, session } = await ctx.openSession();
      return reportRepair(ctx, await api.media.repairVault(session, { sources }, { signal: ctx.signal }));
    }
    const ref = mediumRef(values);
    const { api, session } = await ctx.openSession();
    return reportRepair(ctx, await api.media.repair(session, { ...ref, sources }, { signal: ctx.signal }));
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: { zh: '迁移载体：复制到新载体、检测，然后让旧载体退役并登记处置', en: 'Migrate a medium: copy to a new one, verify, retire the old with a disposal record' },
  usage: 'lantai migrate --from ID --to ID [--path MOUNT-OF-NEW] [--from-path MOUNT-OF-OLD] [--reason …]',
  options: { from: { type: 'string' }, to: { type: 'string' }, path: { type: 'string' }, 'from-path': { type: 'string' }, reason: { type: 'string' } },
  async run(ctx, values) {
    const from = requiredOption(values, 'from');
    const to = requiredOption(values, 'to');
    const p = stringOption(values, 'path');
    const { api, session } = await ctx.openSession();
    const fromPath = stringOption(values, 'from-path');
    const reason = stringOption(values, 'reason');
    const r = await api.media.migrate(session, { from, to: { mediumId: to, ...(p ? { path: p } : {}) }, ...(fromPath ? { fromPath } : {}), ...(reason ? { reason } : {}) }, { signal: ctx.signal, onProgress: progress(ctx, m.backupProgress) })
      .finally(() => ctx.endProgress());
    return reportMigrate(ctx, r);
  },
};
