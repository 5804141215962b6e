import { authorize, failureDetail, recordAudit, withAuditSync } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import { checkVault } from '../../check/check-vault.js';
import type { CheckReport } from '../../check/types.js';
import { reindexAll } from '../../search/index.js';
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

  /** Rebuilds the search index (derived data) from the catalog and the page text. */
  async reindex(session: Session, options: JobCallOptions = {}): Promise<{ records: number; pages: number }> {
    const op = this.op(session);
    authorize(op, 'rebuild_index', { type: 'search_index' });
    return this.host.jobManager.run('reindex', async (job) =>
      withAuditSync(op, 'rebuild_index', { type: 'search_index' }, () => reindexAll(op.db, (p) => job.report(p)), (r) => ({ records: r.records, pages: r.pages })),
    this.jobOptions(options));
  }
}
