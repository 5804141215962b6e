import { guarded, withAuditSync } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import { getJob, listJobs } from '../../jobs/job-store.js';
import type { JobListener, JobProgress } from '../../jobs/manager.js';
import type { JobRow } from '../../jobs/types.js';
import type { Action } from '../../auth/permissions.js';
import { VaultError } from '../../errors.js';
import type { JobKind } from '../../jobs/manager.js';
import { Area, type AreaHost, type JobCallOptions } from '../area.js';
import { apiMessages } from '../messages.js';
import type { AppraisalArea } from './appraisal.js';
import type { IngestArea } from './ingest.js';
import type { MaintenanceArea } from './maintenance.js';
import type { OcrArea } from './ocr.js';

/** The areas whose jobs can be resumed (VaultApi is such a host). */
export interface ResumeHost extends AreaHost {
  readonly ingest: IngestArea;
  readonly ocr: OcrArea;
  readonly maintenance: MaintenanceArea;
  readonly appraisal: AppraisalArea;
}

/** What resuming a job gave, by its kind (each the result its own operation returns). */
export type ResumedJob =
  | { kind: 'ingest'; result: Awaited<ReturnType<IngestArea['resume']>> }
  | { kind: 'ocr'; result: Awaited<ReturnType<OcrArea['run']>> }
  | { kind: 'check'; result: Awaited<ReturnType<MaintenanceArea['check']>> }
  | { kind: 'reindex'; result: Awaited<ReturnType<MaintenanceArea['reindex']>> }
  | { kind: 'destroy'; result: Awaited<ReturnType<AppraisalArea['destroy']>> };

/** The kinds resume() knows how to go on with. */
export const RESUMABLE_KINDS: readonly JobKind[] = ['ingest', 'ocr', 'check', 'reindex', 'destroy'];

// A kind not listed here is cancelled under view_jobs (whoever may see the job).
const CANCEL_ACTION: Partial<Record<JobKind, Action>> = { ingest: 'ingest', watch: 'ingest', ocr: 'ocr', check: 'verify_vault', reindex: 'rebuild_index', export: 'export_transfer', backup: 'backup', 'verify-media': 'verify_media', repair: 'backup', migrate: 'manage_media', restore: 'restore', 'catalog-export': 'export_catalog', destroy: 'destroy_records', qc: 'run_qc', import: 'ingest', 'self-check': 'export_transfer', 'verify-package': 'ingest' };

/** The jobs: persisted ones (of every process), the ones running here, cancel, and one subscription. */
export class JobsArea extends Area {
  constructor(private readonly areas: ResumeHost) {
    super(areas);
  }

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
   * Goes on with an interrupted, cancelled or failed job, by its kind, under the operation of
   * that kind (authorized and audited there, once): ingest from its job items, OCR from its
   * queue, a check again, a reindex from its place, a destruction from its register. The CLI
   * (`lantai resume ID`) and the desktop (jobs:resume) both come here.
   */
  async resume(session: Session, jobId: number, options: Omit<JobCallOptions, 'resumeJobId'> = {}): Promise<ResumedJob> {
    const job = this.get(session, jobId);
    if (!RESUMABLE_KINDS.includes(job.kind as JobKind)) throw VaultError.of('JOB_NOT_RESUMABLE', apiMessages.jobNotResumable, { id: jobId, kind: job.kind });
    if (this.host.jobManager.running().some((j) => j.jobId === jobId)) throw VaultError.of('JOB_NOT_RESUMABLE', apiMessages.jobAlreadyRunning, { id: jobId, kind: job.kind });
    const again = { ...options, resumeJobId: jobId };
    const params = JSON.parse(job.params) as { recordId?: number | null; quick?: boolean; repair?: boolean; roundId?: number };
    switch (job.kind as JobKind) {
      case 'ingest':
        // Ingest keeps its own job row with per-file items: it resumes by that row.
        return { kind: 'ingest', result: await this.areas.ingest.resume(session, jobId, options) };
      case 'ocr':
        // The queue itself remembers every page: running again under the same job goes on where it stopped.
        return { kind: 'ocr', result: await this.areas.ocr.run(session, params.recordId ? { recordId: params.recordId } : {}, again) };
      case 'check':
        return { kind: 'check', result: await this.areas.maintenance.check(session, { quick: params.quick === true, repair: params.repair === true }, again) };
      case 'reindex':
        return { kind: 'reindex', result: await this.areas.maintenance.reindex(session, again) };
      default:
        // The register is written first; running again removes what is still listed.
        return { kind: 'destroy', result: await this.areas.appraisal.destroy(session, Number(params.roundId), again) };
    }
  }

  /**
   * Every job's progress and end, for the one who opened the vault (the desktop shell's one
   * event stream). Progress carries counts only, never record content.
   */
  subscribe(listener: JobListener): () => void {
    return this.host.jobManager.subscribe(listener);
  }
}
