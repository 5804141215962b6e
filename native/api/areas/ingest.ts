import path from 'node:path';
import { authorize, authorizeRecords, can, failureDetail, recordAudit } from '../../auth/authorize.js';
import type { OperationContext, Session, Target } from '../../auth/types.js';
import { getRecordByCode } from '../../catalog/records.js';
import { VaultError } from '../../errors.js';
import { attachTarget, checkAttachRequest } from '../../ingest/attach.js';
import { ingest, INGEST_JOB, runIngestJob, type IngestSummary } from '../../ingest/ingest-job.js';
import { watchInbox, type WatchEvent, type WatchOptions } from '../../ingest/watch.js';
import { getJob, retryFailedItems } from '../../jobs/job-store.js';
import { Area, type JobCallOptions } from '../area.js';
import { apiMessages } from '../messages.js';
import type { IngestRequestDTO } from '../types.js';

export type { JobCallOptions } from '../area.js';

/**
 * The audit row of one ingest run: who, which sources, and the counts; the records added are
 * named (first 200) so the log links each catalog entry to the person who brought it in.
 */
function auditIngest(op: OperationContext, summary: IngestSummary, extra: Record<string, unknown>): void {
  const added = summary.items.filter((i) => i.status === 'done');
  const failed = summary.items.filter((i) => i.status === 'failed');
  recordAudit(op, 'ingest', { type: 'ingest_job', id: summary.jobId }, summary.status === 'done' ? 'ok' : 'failed', {
    ...extra,
    status: summary.status,
    resumed: summary.resumed,
    added: added.length,
    skipped: summary.items.filter((i) => i.status === 'skipped').length,
    failed: summary.failed,
    ignored: summary.ignored.length,
    records: added.slice(0, 200).map((i) => ({ id: i.recordId, code: i.archivalCode, source: i.key })),
    failures: failed.slice(0, 50).map((i) => ({ source: i.key, error: i.error?.code })),
  });
}

/** An ingest's own status as the job's end (its items failing make the job failed). */
function ingestJobStatus(s: IngestSummary): 'done' | 'failed' | 'cancelled' {
  return s.status === 'cancelled' ? 'cancelled' : s.status === 'done' ? 'done' : 'failed';
}

/** Scans into the catalog: ingest as a job of the job manager, resume, the scanner's inbox. */
export class IngestArea extends Area {
  /**
   * Each record is searchable by its catalog fields from the transaction that adds it.
   * With attachTo (a 档号), the files are the scans of that catalog entry awaiting them.
   */
  async run(session: Session, request: IngestRequestDTO, options: JobCallOptions = {}): Promise<IngestSummary> {
    const op = this.op(session);
    const attachTo = request.attachTo?.trim();
    const extra = { paths: request.paths.slice(0, 50), ...(attachTo !== undefined ? { attachTo } : {}) };
    return this.audited(op, { type: 'ingest_job' }, extra, () => {
      // Attaching scans changes a catalog entry: the person must be allowed to edit that record too.
      if (attachTo !== undefined) {
        checkAttachRequest(request.metadata, request.eachFile);
        authorizeRecords(op, 'edit_record', [attachTarget(op.db, attachTo).id]);
      }
      return this.host.jobManager.run('ingest', (job) => ingest(this.vault, request, {
        signal: job.signal,
        onProgress: (p) => {
          job.adopt(p.jobId);
          job.report(p);
        },
      }), { ...this.jobOptions(options), params: { paths: request.paths.length, ...(attachTo !== undefined ? { attachTo } : {}) }, statusOf: ingestJobStatus });
    });
  }

  /** Resumes an interrupted, cancelled or failed ingest job (its failed items are tried again). */
  async resume(session: Session, jobId: number, options: JobCallOptions = {}): Promise<IngestSummary> {
    const op = this.op(session);
    const target = { type: 'ingest_job', id: jobId };
    return this.audited(op, target, { resume: jobId }, () => {
      const job = getJob(op.db, jobId);
      if (!job || job.kind !== INGEST_JOB) throw VaultError.of('JOB_NOT_FOUND', apiMessages.noJob, { id: jobId });
      retryFailedItems(op.db, jobId);
      return this.host.jobManager.run('ingest', (j) => runIngestJob(this.vault, jobId, { signal: j.signal, resumed: true, onProgress: (p) => j.report(p) }),
        { ...this.jobOptions(options), existingJobId: jobId, statusOf: ingestJobStatus });
    });
  }

  /**
   * Watches the scanner's inbox until the signal aborts. Logged in once for the whole watch (a
   * service has nobody to retype the password); every file is audited under that person, and
   * the watch stops as soon as the session ends or the account may no longer ingest.
   * Resolves with whether it stopped because the right was withdrawn.
   */
  async watch(session: Session, options: Omit<WatchOptions, 'signal' | 'onEvent'> & { signal: AbortSignal; onEvent?: (e: WatchEvent) => void; checkIntervalMs?: number }): Promise<{ failures: number; revoked: boolean }> {
    const op = this.op(session);
    const target = { type: 'inbox', id: path.resolve(options.inbox) };
    authorize(op, 'ingest', target);
    recordAudit(op, 'ingest', target, 'ok', { op: 'watch_start' });
    const stop = new AbortController();
    const abort = () => stop.abort(options.signal.reason);
    options.signal.addEventListener('abort', abort, { once: true });
    let failures = 0;
    let revoked = false;
    const checkStillAllowed = () => {
      if (revoked || can(op, 'ingest').allowed) return;
      revoked = true;
      stop.abort(new Error('session revoked'));
    };
    // Between files too: a disabled account must not ingest the next file that arrives.
    const timer = setInterval(checkStillAllowed, Math.max(200, options.checkIntervalMs ?? 1000));
    try {
      const { signal: _s, onEvent, checkIntervalMs: _c, ...rest } = options;
      await watchInbox(this.vault, {
        ...rest,
        signal: stop.signal,
        onEvent: (e) => {
          if (e.kind === 'ingested') {
            const rec = getRecordByCode(op.db, e.archivalCode);
            recordAudit(op, 'ingest', rec ? { type: 'record', id: rec.id } : target, 'ok', { source: e.name, archivalCode: e.archivalCode, alreadyIngested: e.alreadyIngested, via: 'watch' });
          } else {
            failures++;
            recordAudit(op, 'ingest', target, 'failed', { source: e.name, error: e.code, movedTo: e.movedTo, via: 'watch' });
          }
          onEvent?.(e);
          checkStillAllowed();
        },
      });
    } finally {
      clearInterval(timer);
      options.signal.removeEventListener('abort', abort);
      recordAudit(op, 'ingest', target, 'ok', { op: 'watch_stop', failures, revoked });
    }
    return { failures, revoked };
  }

  /** Authorized first; the run's summary (or its failure) audited once. */
  private async audited(op: OperationContext, target: Target, extra: Record<string, unknown>, run: () => Promise<IngestSummary>): Promise<IngestSummary> {
    authorize(op, 'ingest', target);
    let summary: IngestSummary;
    try {
      summary = await run();
    } catch (e) {
      recordAudit(op, 'ingest', target, 'failed', { ...extra, ...failureDetail(e) });
      throw e;
    }
    auditIngest(op, summary, extra);
    return summary;
  }

}
