import { isVaultError, msg, RESUMABLE_KINDS, VaultApi, type JobKind, type JobProgress, type Session } from '../../api/index.js';
import { resumeMediaJob } from './backup.js';
import { resumeDrill, resumeRestore } from './restore.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printFindings, qcProgress } from './qc.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { reportCheck } from './check.js';
import { ingestProgress, reportIngest } from './ingest.js';
import { ocrProgress, reportOcr } from './ocr.js';
import { reindexProgress, reportReindex } from './reindex.js';
import { cliCatalogMessages } from './catalog-messages.js';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: { zh: '列出任务及其进度', en: 'List jobs and their progress' },
  usage: 'lantai jobs',
  options: {},
  async run(ctx) {
    const { api, session } = await ctx.openSession();
    const jobs = api.jobs.list(session);
    if (jobs.length === 0) ctx.say(cliMessages.noJobs);
    else ctx.say(cliMessages.jobsHeader);
    for (const j of jobs) ctx.say([j.id, j.kind, j.status, `${j.done}/${j.total}${j.failed ? ` (${j.failed}✗)` : ''}`, j.message].join('\t'));
    ctx.emitJson({ ok: true, jobs });
    return EXIT.OK;
  },
};

export const resumeCommand: Command = {
  name: 'resume',
  summary: { zh: '继续执行中断或取消的任务', en: 'Resume an interrupted or cancelled job' },
  usage: 'lantai resume JOB-ID   (an interrupted restore: lantai resume JOB-ID --vault RESTORE-DIR, with LANTAI_BACKUP_PASSPHRASE_FILE)',
  options: {},
  positionals: 'some',
  async run(ctx, values, positionals) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id)) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    // An interrupted restore is not a vault yet: no one can log in, the passphrase is the authority.
    if (VaultApi.restoreInProgress(ctx.vaultDir())) return resumeRestore(ctx, ctx.vaultDir(), id, values);
    ctx.indexNotice = false;
    const { api, session } = await ctx.openSession();
    let job;
    try {
      job = api.jobs.get(session, id);
    } catch (e) {
      if (!(isVaultError(e) && e.code === 'JOB_NOT_FOUND')) throw e;
      ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotFound, { id }), details: { id } });
      return EXIT.PROBLEMS;
    }
    const notResumable = (): number => {
      ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotResumable, { id, kind: job.kind }), details: { id, kind: job.kind } });
      return EXIT.PROBLEMS;
    };
    // The kinds the engine resumes itself (the desktop's jobs panel calls the same).
    if (RESUMABLE_KINDS.includes(job.kind as JobKind)) return resumeInEngine(ctx, api, session, id, job.kind, notResumable);
    const params = JSON.parse(job.params) as { drill?: boolean; from?: string[] };
    switch (job.kind) {
      case 'qc': {
        // Pages already measured are kept per page: the machine checks go on with the rest.
        const r = await api.qc.resume(session, id, { signal: ctx.signal, onProgress: qcProgress(ctx) }).finally(() => ctx.endProgress());
        printFindings(ctx, r.machine);
        ctx.emitJson({ ok: r.machine.findings.length === 0, ...r });
        return r.machine.findings.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
      }
      case 'restore':
        if (params.drill === true) return resumeDrill(ctx, api, session, id, params.from ?? []);
        // A restore's job lives in the restored folder's catalog: resume it there (--vault DIR).
        return notResumable();
      default: {
        const media = await resumeMediaJob(ctx, api, session, job.kind, id, params as Record<string, unknown>);
        return media ?? notResumable();
      }
    }
  },
};

async function resumeInEngine(ctx: CliContext, api: VaultApi, session: Session, id: number, kind: string, notResumable: () => number): Promise<number> {
  const progress: Record<string, (p: JobProgress) => void> = { ingest: ingestProgress(ctx), ocr: ocrProgress(ctx), reindex: reindexProgress(ctx) };
  const onProgress = progress[kind];
  let resumed;
  try {
    resumed = await api.jobs.resume(session, id, { signal: ctx.signal, ...(onProgress ? { onProgress } : {}) }).finally(() => ctx.endProgress());
  } catch (e) {
    if (!(isVaultError(e) && e.code === 'JOB_NOT_RESUMABLE')) throw e;
    return notResumable();
  }
  switch (resumed.kind) {
    case 'ingest':
      return reportIngest(ctx, resumed.result);
    case 'ocr':
      return reportOcr(ctx, resumed.result);
    case 'check':
      return reportCheck(ctx, resumed.result);
    case 'reindex':
      return reportReindex(ctx, resumed.result);
    case 'destroy': {
      const register = resumed.result;
      ctx.say(msg(cliCatalogMessages.destroyed, { id: register.id, records: register.items.length, objects: register.objects.length }));
      ctx.emitJson({ ok: true, register });
      return EXIT.OK;
    }
  }
}
