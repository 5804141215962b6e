import { isVaultError, msg, type JobProgress } from '../../api/index.js';
import type { Command } from '../command.js';
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
  usage: 'lantai resume JOB-ID',
  options: {},
  positionals: 'some',
  async run(ctx, _values, positionals) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id)) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
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
    const progress: Record<string, (p: JobProgress) => void> = { ingest: ingestProgress(ctx), ocr: ocrProgress(ctx), reindex: reindexProgress(ctx) };
    const onProgress = progress[job.kind];
    let resumed;
    try {
      resumed = await api.jobs.resume(session, id, { signal: ctx.signal, ...(onProgress ? { onProgress } : {}) }).finally(() => ctx.endProgress());
    } catch (e) {
      if (!(isVaultError(e) && e.code === 'JOB_NOT_RESUMABLE')) throw e;
      ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotResumable, { id, kind: job.kind }), details: { id, kind: job.kind } });
      return EXIT.PROBLEMS;
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
  },
};
