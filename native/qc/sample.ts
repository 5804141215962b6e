import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { rngFrom, subSeed } from '../samples/prng.js';
import type { BatchPage } from './batches.js';
import { qcMessages } from './messages.js';
import { FAIL_REASON_LABELS, FAIL_REASONS, type BatchRow, type FailReason, type SampleResult } from './types.js';

/**
 * The human sample of a batch (DA/T 31; assumed default 5%, pass mark 95%): drawn from the
 * batch's pages in item and page order with a seeded generator, so the same seed over the
 * same pages gives the same sample (anyone can redraw it to check), each page judged pass or
 * fail with a reason.
 *
 * The pass rule: the pass rate must EXCEED the pass mark, or be 100% — at 95%, 38 of 40
 * pages (exactly 95%) is not enough (issue 13: "a sample with 2 failures in 40 pages fails").
 */

export function sampleSize(pages: number, percent: number): number {
  if (pages === 0) return 0;
  return Math.min(pages, Math.max(1, Math.ceil((pages * percent) / 100 - 1e-9)));
}

/** The sampled pages, in review order: a partial Fisher–Yates shuffle seeded by the seed text. */
export function drawSample<T>(pages: readonly T[], percent: number, seed: string): T[] {
  const n = sampleSize(pages.length, percent);
  const rng = rngFrom(subSeed(0x5eed, seed));
  const idx = pages.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => pages[i]!);
}

export function saveSample(db: Db, batchId: number, pages: readonly BatchPage[]): void {
  db.prepare('DELETE FROM qc_samples WHERE batch_id = ?').run(batchId);
  const put = db.prepare('INSERT INTO qc_samples (batch_id, ordinal, page_id, record_id, page_no) VALUES (?, ?, ?, ?, ?)');
  pages.forEach((p, i) => put.run(batchId, i + 1, p.pageId, p.recordId, p.pageNo));
}

export interface StoredSample {
  ordinal: number;
  pageId: number;
  recordId: number;
  pageNo: number;
  verdict: 'pass' | 'fail' | null;
  reason: string;
  note: string;
  judgedBy: string | null;
  judgedAt: string | null;
}

export function storedSample(db: Db, batchId: number): StoredSample[] {
  return all<StoredSample>(
    db,
    sql`SELECT s.ordinal, s.page_id AS pageId, s.record_id AS recordId, s.page_no AS pageNo, s.verdict, s.reason, s.note,
               (SELECT username FROM accounts WHERE id = s.judged_by) AS judgedBy, s.judged_at AS judgedAt
          FROM qc_samples s WHERE s.batch_id = ${batchId} ORDER BY s.ordinal`,
  );
}

export function checkVerdict(verdict: 'pass' | 'fail', reason: string | undefined): FailReason | '' {
  const list = FAIL_REASONS.map((r) => `${r} ${FAIL_REASON_LABELS[r].zh}`).join(', ');
  if (verdict === 'pass') return '';
  if (!reason) throw VaultError.of('QC_JUDGEMENT_INVALID', qcMessages.reasonRequired, { reasons: list });
  const r = FAIL_REASONS.find((x) => x === reason || FAIL_REASON_LABELS[x].zh === reason);
  if (!r) throw VaultError.of('QC_JUDGEMENT_INVALID', qcMessages.badReason, { reason, reasons: list });
  return r;
}

/** Judges one sampled page (a page may be judged again until the batch is decided). */
export function judgePage(db: Db, batch: BatchRow, recordId: number, code: string, pageNo: number, verdict: 'pass' | 'fail', reason: FailReason | '', note: string, byAccount: number, at: string): void {
  const row = get<{ ordinal: number }>(db, sql`SELECT ordinal FROM qc_samples WHERE batch_id = ${batch.id} AND record_id = ${recordId} AND page_no = ${pageNo}`);
  if (!row) throw VaultError.of('QC_PAGE_NOT_SAMPLED', qcMessages.notSampled, { id: batch.id, code, page: pageNo });
  db.prepare('UPDATE qc_samples SET verdict = ?, reason = ?, note = ?, judged_by = ?, judged_at = ? WHERE batch_id = ? AND ordinal = ?')
    .run(verdict, reason, note.trim(), byAccount, at, batch.id, row.ordinal);
}

/** The sample's result; the verdict is given once every sampled page is judged. */
export function sampleResult(batch: BatchRow, sample: readonly Pick<StoredSample, 'verdict'>[]): SampleResult {
  const judged = sample.filter((s) => s.verdict !== null).length;
  const passed = sample.filter((s) => s.verdict === 'pass').length;
  const failed = judged - passed;
  const size = sample.length;
  // Integer arithmetic: passed/size > passMark/100  ⇔  passed·10000 > round(passMark·100)·size.
  const passes = failed === 0 || passed * 10000 > Math.round(batch.passMark * 100) * size;
  return {
    batchId: batch.id, seed: batch.seed, size, judged, passed, failed,
    passRate: judged === 0 ? null : Math.round((passed / judged) * 10000) / 100,
    passMark: batch.passMark,
    verdict: size === 0 || judged < size ? 'pending' : passes ? 'pass' : 'fail',
  };
}
