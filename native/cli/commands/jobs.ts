import { isVaultError, msg, VaultApi } from '../../api/index.js';
import { resumeMediaJob } from './backup.js';
import { resumeDrill, resumeRestore } from './restore.js';
import type { Command } from '../command.js';
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
    const { api, session } = await ctx.openSession();
    let job;
    try {
      job = api.jobs.get(session, id);
    } catch (e) {
      if (!(isVaultError(e) && e.code === 'JOB_NOT_FOUND')) throw e;
      ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotFound, { id }), details: { id } });
      return EXIT.PROBLEMS;
    }
    const options = { signal: ctx.signal, resumeJobId: id };
    const params = JSON.parse(job.params) as { recordId?: number | null; quick?: boolean; repair?: boolean; roundId?: number; drill?: boolean; from?: string[] };
    switch (job.kind) {
      case 'ingest':
        return reportIngest(ctx, await api.ingest.resume(session, id, { signal: ctx.signal, onProgress: ingestProgress(ctx) }).finally(() => ctx.endProgress()));
      case 'ocr':
        // The queue itself remembers every page: running again under the same job goes on where it stopped.
        return reportOcr(ctx, await api.ocr.run(session, params.recordId ? { recordId: params.recordId } : {}, { ...options, onProgress: ocrProgress(ctx) }));
      case 'check':
        return reportCheck(ctx, await api.maintenance.check(session, { quick: params.quick === true, repair: params.repair === true }, options));
      case 'reindex':
        return reportReindex(ctx, await api.maintenance.reindex(session, { ...options, onProgress: reindexProgress(ctx) }));
      case 'qc': {
        // Pages already measured are kept per page: the machine checks go on with the rest.
        const r = await api.qc.resume(session, id, { signal: ctx.signal, onProgress: qcProgress(ctx) }).finally(() => ctx.endProgress());
        printFindings(ctx, r.machine);
        ctx.emitJson({ ok: r.machine.findings.length === 0, ...r });
        return r.machine.findings.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
      }
      case 'destroy': {
        // The register is written first; running again removes what is still listed.
        const register = await api.appraisal.destroy(session, Number(params.roundId), options);
        ctx.say(msg(cliCatalogMessages.destroyed, { id: register.id, records: register.items.length, objects: register.objects.length }));
        ctx.emitJson({ ok: true, register });
        return EXIT.OK;
      }
      case 'restore':
        if (params.drill === true) return resumeDrill(ctx, api, session, id, params.from ?? []);
        // A restore's job lives in the restored folder's catalog: resume it there (--vault DIR).
        ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotResumable, { id, kind: job.kind }), details: { id, kind: job.kind } });
        return EXIT.PROBLEMS;
      default: {
        const media = await resumeMediaJob(ctx, api, session, job.kind, id, params as Record<string, unknown>);
        if (media !== undefined) return media;
        ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotResumable, { id, kind: job.kind }), details: { id, kind: job.kind } });
        return EXIT.PROBLEMS;
      }
    }
  },
};
