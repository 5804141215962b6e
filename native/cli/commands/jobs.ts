import { authorize, recordAudit } from '../../auth/authorize.js';
import { getJob, listJobs } from '../../jobs/job-store.js';
import { INGEST_JOB, runIngestJob } from '../../ingest/ingest-job.js';
import { msg } from '../../i18n/messages.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { auditedIngest, reportIngest } from './ingest.js';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: { zh: '列出任务及其进度', en: 'List jobs and their progress' },
  usage: 'lantai jobs',
  options: {},
  async run(ctx) {
    const { vault, op } = await ctx.openSession();
    authorize(op, 'view_jobs', { type: 'job' });
    const jobs = listJobs(vault.db);
    recordAudit(op, 'view_jobs', { type: 'job' }, 'ok', { count: jobs.length });
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
    const { vault, op } = await ctx.openSession();
    authorize(op, 'ingest', { type: 'ingest_job', id });
    const job = getJob(vault.db, id);
    if (!job || job.kind !== INGEST_JOB) {
      ctx.error({ code: 'JOB_NOT_FOUND', message: msg(cliMessages.jobNotFound, { id }), details: { id } });
      return EXIT.PROBLEMS;
    }
    vault.db.prepare(`UPDATE job_items SET status = 'pending' WHERE job_id = ? AND status = 'failed'`).run(id);
    return reportIngest(ctx, await auditedIngest(op, { type: 'ingest_job', id }, () => runIngestJob(vault, id, { signal: ctx.signal, resumed: true }), { resume: id }));
  },
};
