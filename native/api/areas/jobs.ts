import { guarded, withAuditSync } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import { getJob, listJobs } from '../../jobs/job-store.js';
import type { JobListener, JobProgress } from '../../jobs/manager.js';
import type { JobRow } from '../../jobs/types.js';
import type { Action } from '../../auth/permissions.js';
import { VaultError } from '../../errors.js';
import type { JobKind } from '../../jobs/manager.js';
import { Area } from '../area.js';
import { apiMessages } from '../messages.js';

// A kind not listed here is cancelled under view_jobs (whoever may see the job).
const CANCEL_ACTION: Partial<Record<JobKind, Action>> = { ingest: 'ingest', watch: 'ingest', ocr: 'ocr', check: 'verify_vault', reindex: 'rebuild_index', export: 'export_transfer', backup: 'backup', 'verify-media': 'verify_media', repair: 'backup', migrate: 'manage_media', restore: 'restore', 'catalog-export': 'export_catalog', destroy: 'destroy_records', 'self-check': 'export_transfer', 'verify-package': 'ingest' };

/** The jobs: persisted ones (of every process), the ones running here, cancel, and one subscription. */
export class JobsArea extends Area {
  list(session: Session): JobRow[] {
    return withAuditSync(this.op(session), 'view_jobs', { type: 'job' }, () => listJobs(this.vault.db), (jobs) => ({ count: jobs.length }));
  }

  /** One persisted job (to resume it by its kind). */
  get(session: Session, jobId: number): JobRow {
    return withAuditSync(this.op(session), 'view_jobs', { type: 'job', id: jobId }, () => {
      const job = getJob(this.vault.db, jobId);
      if (!job) throw VaultError.of('JOB_NOT_FOUND', apiMessages.noJobId, { id: jobId });
      return job;
    }, (j) => ({ kind: j.kind, status: j.status }));
  }

  /** What runs in this process now, with progress and time left. */
  running(session: Session): JobProgress[] {
    return guarded(this.op(session), 'view_jobs', { type: 'job' }, () => this.host.jobManager.running());
  }

  /**
   * Cancels a job of this process; finished work is kept and the job can be resumed. Who may
   * start a kind of job may cancel it (the action of its kind).
   */
  cancel(session: Session, jobId: number): { cancelled: boolean } {
    const kind = this.host.jobManager.running().find((j) => j.jobId === jobId)?.kind;
    const action: Action = (kind && CANCEL_ACTION[kind]) || 'view_jobs';
    return withAuditSync(this.op(session), action, { type: 'job', id: jobId }, () => {
      if (!kind) throw VaultError.of('JOB_NOT_RUNNING', apiMessages.noJobRunning, { id: jobId });
      return { cancelled: this.host.jobManager.cancel(jobId) };
    }, (r) => ({ op: 'cancel', kind, ...r }));
  }

  /**
   * Every job's progress and end, for the one who opened the vault (the desktop shell's one
   * event stream). Progress carries counts only, never record content.
   */
  subscribe(listener: JobListener): () => void {
    return this.host.jobManager.subscribe(listener);
  }
}
