import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { qcMessages } from './messages.js';
import type { BatchRow, BatchRule, BatchState, Finding, QcCheck } from './types.js';
import type { PageDerived } from '../search/page-derived.js';

/** The QC tables (migration 0210): batches, their items, machine findings and metrics, the sample. */

const BATCH_COLUMNS = sql`b.id, b.project_id AS projectId, p.name AS project, b.seq, b.state, b.min_dpi AS minDpi, b.colour_mode AS colourMode,
  b.sample_percent AS samplePercent, b.pass_mark AS passMark, b.seed, b.created_at AS createdAt,
  (SELECT username FROM accounts WHERE id = b.created_by) AS createdBy, b.checked_at AS checkedAt, b.decided_at AS decidedAt,
  (SELECT username FROM accounts WHERE id = b.decided_by) AS decidedBy,
  (SELECT count(*) FROM qc_batch_items x WHERE x.batch_id = b.id) AS items,
  (SELECT count(*) FROM qc_batch_items x JOIN pages pg ON pg.record_id = x.record_id WHERE x.batch_id = b.id) AS pages`;

export function insertBatch(db: Db, projectId: number, rule: Omit<BatchRule, 'seed'> & { seed?: string }, items: readonly { itemId: number; recordId: number }[], byAccount: number, at: string): number {
  const seq = (get<{ n: number | null }>(db, sql`SELECT max(seq) AS n FROM qc_batches WHERE project_id = ${projectId}`)?.n ?? 0) + 1;
  // The default seed names the batch, so drawing its sample again gives the same pages.
  const seed = rule.seed?.trim() || `P${projectId}-B${seq}`;
  const id = Number(
    db
      .prepare('INSERT INTO qc_batches (project_id, seq, min_dpi, colour_mode, sample_percent, pass_mark, seed, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(projectId, seq, rule.minDpi, rule.colourMode, rule.samplePercent, rule.passMark, seed, at, byAccount).lastInsertRowid,
  );
  const add = db.prepare('INSERT INTO qc_batch_items (batch_id, item_id, record_id) VALUES (?, ?, ?)');
  const state = db.prepare("UPDATE digitization_items SET state = 'in_qc' WHERE id = ?");
  for (const it of items) {
    add.run(id, it.itemId, it.recordId);
    state.run(it.itemId);
  }
  return id;
}

export function getBatch(db: Db, id: number): BatchRow {
  const b = get<BatchRow>(db, sql`SELECT ${BATCH_COLUMNS} FROM qc_batches b JOIN digitization_projects p ON p.id = b.project_id WHERE b.id = ${id}`);
  if (!b) throw VaultError.of('QC_BATCH_NOT_FOUND', qcMessages.batchNotFound, { id });
  return b;
}

export function listBatches(db: Db, projectId: number): BatchRow[] {
  return all<BatchRow>(db, sql`SELECT ${BATCH_COLUMNS} FROM qc_batches b JOIN digitization_projects p ON p.id = b.project_id WHERE b.project_id = ${projectId} ORDER BY b.seq`);
}

export function requireBatchState(b: BatchRow, allowed: readonly BatchState[], action: { zh: string; en: string }): void {
  if (!allowed.includes(b.state)) throw VaultError.of('QC_BATCH_STATE', qcMessages.batchState, { id: b.id, state: b.state, actionZh: action.zh, actionEn: action.en });
}

export function setBatchState(db: Db, id: number, state: BatchState, extra: { checkedAt?: string; decidedAt?: string; decidedBy?: number; report?: unknown } = {}): void {
  db.prepare(
    `UPDATE qc_batches SET state = ?, checked_at = coalesce(?, checked_at), decided_at = coalesce(?, decided_at), decided_by = coalesce(?, decided_by),
       report = coalesce(?, report) WHERE id = ?`,
  ).run(state, extra.checkedAt ?? null, extra.decidedAt ?? null, extra.decidedBy ?? null, extra.report === undefined ? null : JSON.stringify(extra.report), id);
}

export function batchReport<T>(db: Db, id: number): T | null {
  const r = get<{ report: string | null }>(db, sql`SELECT report FROM qc_batches WHERE id = ${id}`);
  return r?.report ? (JSON.parse(r.report) as T) : null;
}

export interface BatchPage {
  pageId: number;
  recordId: number;
  itemId: number;
  archivalCode: string;
  pageNo: number;
  imageSha256: string;
  dpiX: number | null;
  dpiY: number | null;
  colourMode: string;
  pageCount: number;
  expectedPages: number | null;
}

/** Every page of the batch, in item then page order (the order the sample is drawn from). */
export function batchPages(db: Db, batchId: number): BatchPage[] {
  return all<BatchPage>(
    db,
    sql`SELECT pg.id AS pageId, r.id AS recordId, i.id AS itemId, r.archival_code AS archivalCode, pg.page_no AS pageNo, pg.image_sha256 AS imageSha256,
               pg.dpi_x AS dpiX, pg.dpi_y AS dpiY, pg.colour_mode AS colourMode, r.page_count AS pageCount, i.expected_pages AS expectedPages
          FROM qc_batch_items x JOIN digitization_items i ON i.id = x.item_id JOIN records r ON r.id = x.record_id JOIN pages pg ON pg.record_id = r.id
         WHERE x.batch_id = ${batchId} ORDER BY i.seq, pg.page_no`,
  );
}

export function batchItems(db: Db, batchId: number): { itemId: number; recordId: number; archivalCode: string }[] {
  return all(db, sql`SELECT x.item_id AS itemId, x.record_id AS recordId, r.archival_code AS archivalCode FROM qc_batch_items x JOIN records r ON r.id = x.record_id
    JOIN digitization_items i ON i.id = x.item_id WHERE x.batch_id = ${batchId} ORDER BY i.seq`);
}

export interface StoredMetrics {
  pageId: number;
  ink: number;
  sharpness: number;
  skew: number;
  hash: string;
}

export function metricsOf(db: Db, batchId: number): Map<number, StoredMetrics> {
  const rows = all<StoredMetrics>(db, sql`SELECT page_id AS pageId, ink, sharpness, skew, hash FROM qc_page_metrics WHERE batch_id = ${batchId}`);
  return new Map(rows.map((r) => [r.pageId, r]));
}

export function saveMetrics(db: Db, batchId: number, m: StoredMetrics): void {
  db.prepare('INSERT OR REPLACE INTO qc_page_metrics (batch_id, page_id, ink, sharpness, skew, hash) VALUES (?, ?, ?, ?, ?, ?)').run(batchId, m.pageId, m.ink, m.sharpness, m.skew, m.hash);
}

export function replaceFindings(db: Db, batchId: number, findings: readonly (Finding & { pageId: number | null })[]): void {
  db.prepare('DELETE FROM qc_findings WHERE batch_id = ?').run(batchId);
  const put = db.prepare('INSERT INTO qc_findings (batch_id, record_id, page_id, page_no, check_id, value, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const f of findings) put.run(batchId, f.recordId, f.pageId, f.pageNo, f.check, f.value, JSON.stringify(f.detail));
}

/** A batch's machine findings as the reader's session may see them (page-derived: native/search/page-derived.ts). */
export function listFindings(reader: PageDerived, batchId: number, recordId?: number, pageNo?: number): Finding[] {
  return reader.qcFindings(batchId, { ...(recordId === undefined ? {} : { recordId }), ...(pageNo === undefined ? {} : { pageNo }) })
    .map((f) => ({ ...f, check: f.check as QcCheck, detail: JSON.parse(f.detail) as Record<string, unknown> }));
}

export function setBatchSeed(db: Db, id: number, seed: string): void {
  db.prepare('UPDATE qc_batches SET seed = ? WHERE id = ?').run(seed, id);
}

/** The last batch an item was returned in (a re-scan answers it). */
export function lastReturnedBatchOf(db: Db, itemId: number): number | null {
  return get<{ id: number }>(db, sql`SELECT b.id FROM qc_batches b JOIN qc_batch_items x ON x.batch_id = b.id WHERE x.item_id = ${itemId} AND b.state = 'returned' ORDER BY b.id DESC LIMIT 1`)?.id ?? null;
}

/** Batches machine-checked and waiting for their sample to be judged or for the decision (the dashboard). */
export function batchesAwaitingDecision(db: Db): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM qc_batches WHERE state IN ('checked', 'sampled')`)?.n ?? 0;
}
