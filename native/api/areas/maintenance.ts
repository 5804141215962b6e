import { authorize, can, failureDetail, recordAudit } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import { checkVault } from '../../check/check-vault.js';
import type { CheckReport } from '../../check/types.js';
import { latestUnfinishedJob } from '../../jobs/job-store.js';
import { continueRebuild, rebuildCursor, rebuildPending, rebuildProgress } from '../../search/index.js';
import { Area, type JobCallOptions } from '../area.js';

/** Keeping the vault sound: the full check and the rebuild of derived search data, as jobs. */
export class MaintenanceArea extends Area {
  /** Verifies the whole vault; the report (problems and counts) goes into the audit log too. */
  /**
   * With repair, rebuilds what is derived (damaged thumbnails and normalized images from their
   * masters, a stale search index): that is rebuilding the index too, so both rights are needed.
   */
  async check(session: Session, request: { quick?: boolean; repair?: boolean } = {}, options: JobCallOptions = {}): Promise<CheckReport> {
    const op = this.op(session);
    const target = { type: 'vault', id: this.vault.info.vaultId };
    const quick = request.quick === true;
    const repair = request.repair === true;
    authorize(op, 'verify_vault', target);
    if (repair) authorize(op, 'rebuild_index', { type: 'search_index' });
    let report: CheckReport;
    try {
      report = await this.host.jobManager.run('check', (job) => checkVault(this.vault, { quick, repair, signal: job.signal, ownJobId: job.jobId, onProgress: (p) => job.report(p) }),
        { ...this.jobOptions(options), params: { quick, repair }, statusOf: (r) => (r.ok ? 'done' : 'failed') });
    } catch (e) {
      recordAudit(op, 'verify_vault', target, 'failed', failureDetail(e));
      throw e;
    }
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    const warnings = report.problems.filter((p) => p.severity === 'warning').length;
    recordAudit(op, 'verify_vault', target, report.ok ? 'ok' : 'failed', {
      quick, repair, records: report.records, pages: report.pages, objects: report.objects, errors, warnings,
      problems: report.problems.slice(0, 50).map((p) => ({ code: p.code, severity: p.severity })),
    });
    return report;
  }

  /**
   * Rebuilds the search index (derived data) from the catalog and the page text, as the
   * `reindex` job: in batches that each commit, going on from where a rebuild under way (one a
   * migration asked for, or one cancelled or cut short) stands, so resuming the job, or running
   * it again, continues. The vault stays usable meanwhile (search results say `rebuilding`).
   */
  async reindex(session: Session, options: JobCallOptions = {}): Promise<{ records: number; pages: number }> {
    const op = this.op(session);
    const target = { type: 'search_index' };
    authorize(op, 'rebuild_index', target);
    // A rebuild cut short (a kill, a cancel) goes on under its own job, so the jobs list shows
    // one reindex that was interrupted and then finished, not a trail of abandoned ones.
    const resumeJobId = options.resumeJobId ?? (rebuildCursor(op.db) !== null ? latestUnfinishedJob(op.db, 'reindex')?.id : undefined);
    try {
      const r = await this.host.jobManager.run('reindex', (job) => continueRebuild(op.db, { start: true, signal: job.signal, onProgress: (p) => job.report(p) }),
        this.jobOptions({ ...options, ...(resumeJobId !== undefined ? { resumeJobId } : {}) }));
      recordAudit(op, 'rebuild_index', target, 'ok', { records: r.records, pages: r.pages });
      return { records: r.records, pages: r.pages };
    } catch (e) {
      recordAudit(op, 'rebuild_index', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  /**
   * Starts the rebuild a migration asked for (or one cut short) in the background, for a
   * long-lived app after a login by someone who may rebuild the index: null when there is none
   * to run, one runs already, or the session may not. Its progress comes through the job events.
   */
  startPendingRebuild(session: Session): { jobId: number } | null {
    if (!rebuildPending(this.vault.db) || this.host.jobManager.running().some((j) => j.kind === 'reindex')) return null;
    if (!can(this.op(session), 'rebuild_index', { type: 'search_index' }).allowed) return null;
    const resumeJobId = this.indexRebuild()?.jobId ?? undefined;
    let jobId = 0;
    this.reindex(session, { onProgress: (p) => (jobId = p.jobId), ...(resumeJobId !== undefined ? { resumeJobId } : {}) }).catch(() => {
      // Cancelled (a logout) or failed: the job row says so, the place is kept, resume goes on.
    });
    jobId = this.host.jobManager.running().find((j) => j.kind === 'reindex')?.jobId ?? jobId;
    return { jobId };
  }

  /**
   * Whether the search index is being rebuilt (records indexed of all) and the job to resume
   * it, if one was cut short; null when the index is whole. Counts only, no session needed.
   */
  indexRebuild(): { done: number; total: number; jobId: number | null } | null {
    const p = rebuildProgress(this.vault.db);
    if (!p) return null;
    return { ...p, jobId: latestUnfinishedJob(this.vault.db, 'reindex')?.id ?? null };
  }
}
