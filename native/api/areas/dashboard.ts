import { can } from '../../auth/authorize.js';
import type { Action } from '../../auth/permissions.js';
import type { Session } from '../../auth/types.js';
import { catalogCounts } from '../../catalog/records.js';
import { openProjectCount } from '../../digitization/projects.js';
import { listJobs } from '../../jobs/job-store.js';
import { coverageReport, listAlerts, listMedia } from '../../media/index.js';
import { intervalDaysOf, readMediaSettings } from '../../media/settings.js';
import { queueCounts } from '../../ocr/queue-store.js';
import { listTransfers } from '../../package/index.js';
import { batchesAwaitingDecision } from '../../qc/batches.js';
import { Area, type AreaHost } from '../area.js';
import type { DashboardDTO } from '../types.js';
import type { MaintenanceArea } from './maintenance.js';

const UNFINISHED = new Set(['interrupted', 'cancelled', 'failed', 'queued']);
const TRANSFER_OPEN = new Set(['prepared', 'sealed', 'delivered']);

/**
 * The first screen after login: counts by role. Each part shows only to a session whose roles
 * allow the action that reads it in full elsewhere (the catalog, OCR, media, transfers, jobs),
 * re-checked on every call. Counts only, never record content: like jobs.running, a read is
 * not audited (the screen refreshes after every job; each click through to the details is).
 */
export class DashboardArea extends Area {
  constructor(private readonly areas: AreaHost & { readonly maintenance: MaintenanceArea }) {
    super(areas);
  }

  summary(session: Session): DashboardDTO {
    const op = this.op(session);
    const may = (action: Action) => can(op, action).allowed;
    const db = this.vault.db;
    const out: DashboardDTO = {};
    if (may('view_catalog')) out.catalog = catalogCounts(db);
    if (may('ocr')) {
      const live = this.host.jobManager.running().find((j) => j.kind === 'ocr') ?? null;
      out.ocr = { ...queueCounts(db), live };
    }
    if (may('view_catalog') || may('rebuild_index')) out.index = this.areas.maintenance.indexRebuild();
    if (may('verify_media')) {
      const settings = readMediaSettings(db);
      const now = Date.now();
      const media = listMedia(db);
      // Due: not checked within its type's interval (what `lantai media alerts` raises as overdue).
      const due = media.filter((m) => (now - Date.parse(m.lastVerifiedAt ?? m.writtenAt ?? m.createdAt)) / 86_400_000 > intervalDaysOf(settings, m.type)).length;
      const coverage = coverageReport(db);
      out.media = { media: media.length, due, openAlerts: listAlerts(db).length, records: coverage.records, covered: coverage.covered, atRisk: coverage.atRisk.length };
    }
    if (may('manage_digitization')) out.digitization = { openProjects: openProjectCount(db), awaitingReview: batchesAwaitingDecision(db) };
    if (may('export_transfer')) out.transfers = { inProgress: listTransfers(db).filter((t) => TRANSFER_OPEN.has(t.state)).length };
    if (may('view_jobs')) {
      const running = this.host.jobManager.running();
      const ids = new Set(running.map((j) => j.jobId));
      out.jobs = { running: running.length, unfinished: listJobs(db).filter((j) => UNFINISHED.has(j.status) && !ids.has(j.id)).length };
    }
    return out;
  }
}
