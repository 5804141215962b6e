import { immediate, nowIso, type Db } from '../db/database.js';
import { toErrorDTO, type ErrorDTO } from '../errors.js';
import { isProcessAlive } from '../util/process.js';

/**
 * The persisted per-page OCR queue (table ocr_queue, migration 0030). Plain SQLite, no engine:
 * ingest imports it to enqueue a record's pages inside the transaction that inserts the record.
 *
 * A page is 'pending' until a runner claims it ('running', owner_pid = the runner's pid, in one
 * IMMEDIATE transaction, so two runners never take the same page). Its text, the search index
 * and 'done' commit together (queue.ts). A runner killed mid-page leaves 'running' rows with a
 * dead pid: recoverStale puts them back to 'pending', so a restart resumes exactly there.
 * A failure counts an attempt; after 1 + maxRetries attempts the page is 'failed' with the
 * reason (OcrQueueError as JSON in ocr_queue.error).
 */

export type OcrQueueStatus = 'pending' | 'running' | 'done' | 'failed';

export interface OcrQueueRow {
  pageId: number;
  recordId: number;
  pageNo: number;
  status: OcrQueueStatus;
  attempts: number;
  error: ErrorDTO | null;
  ownerPid: number | null;
}

export interface QueueCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

/** Queues every page of the record that is not queued yet (call inside the ingest transaction). */
export function enqueueRecord(db: Db, recordId: number): number {
  return db
    .prepare(
      `INSERT INTO ocr_queue (page_id, status, updated_at) SELECT id, 'pending', ? FROM pages WHERE record_id = ?
       ON CONFLICT (page_id) DO NOTHING`,
    )
    .run(nowIso(), recordId).changes;
}

/** Queues pages that have neither text nor a queue row (e.g. ingested before OCR existed). */
export function enqueueMissing(db: Db, recordId?: number): number {
  return db
    .prepare(
      `INSERT INTO ocr_queue (page_id, status, updated_at)
       SELECT p.id, 'pending', ? FROM pages p
       WHERE (? IS NULL OR p.record_id = ?)
         AND NOT EXISTS (SELECT 1 FROM page_text t WHERE t.page_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM ocr_queue q WHERE q.page_id = p.id)`,
    )
    .run(nowIso(), recordId ?? null, recordId ?? null).changes;
}

/** Puts failed pages back in the queue with a fresh attempt count. */
export function requeueFailed(db: Db, recordId?: number): number {
  return db
    .prepare(
      `UPDATE ocr_queue SET status = 'pending', attempts = 0, error = NULL, owner_pid = NULL, updated_at = ?
       WHERE status = 'failed' AND (? IS NULL OR page_id IN (SELECT id FROM pages WHERE record_id = ?))`,
    )
    .run(nowIso(), recordId ?? null, recordId ?? null).changes;
}

/** 'running' rows whose runner is gone (SIGKILL, power cut) go back to 'pending'. */
export function recoverStale(db: Db): number {
  return immediate(db, () => {
    const rows = db.prepare(`SELECT page_id AS pageId, owner_pid AS ownerPid FROM ocr_queue WHERE status = 'running'`).all() as { pageId: number; ownerPid: number | null }[];
    const stale = rows.filter((r) => r.ownerPid === null || (r.ownerPid !== process.pid && !isProcessAlive(r.ownerPid)));
    const reset = db.prepare(`UPDATE ocr_queue SET status = 'pending', owner_pid = NULL, updated_at = ? WHERE page_id = ? AND status = 'running'`);
    for (const r of stale) reset.run(nowIso(), r.pageId);
    return stale.length;
  });
}

/**
 * Takes the next pending page (by record and page number; pages that already failed once go
 * after the others) and marks it running for this process. undefined when none is left.
 */
export function claimNext(db: Db, recordId?: number): OcrQueueRow | undefined {
  return immediate(db, () => {
    const row = db
      .prepare(
        `SELECT q.page_id AS pageId FROM ocr_queue q JOIN pages p ON p.id = q.page_id
         WHERE q.status = 'pending' AND (? IS NULL OR p.record_id = ?)
         ORDER BY q.attempts, p.record_id, p.page_no LIMIT 1`,
      )
      .get(recordId ?? null, recordId ?? null) as { pageId: number } | undefined;
    if (!row) return undefined;
    db.prepare(`UPDATE ocr_queue SET status = 'running', owner_pid = ?, updated_at = ? WHERE page_id = ?`).run(process.pid, nowIso(), row.pageId);
    return queueRow(db, row.pageId);
  });
}

/** Marks a claimed page done (call inside the transaction that writes its page_text). */
export function markDone(db: Db, pageId: number): void {
  db.prepare(`UPDATE ocr_queue SET status = 'done', attempts = attempts + 1, error = NULL, owner_pid = NULL, updated_at = ? WHERE page_id = ?`).run(nowIso(), pageId);
}

/**
 * Records a failed attempt. Returns 'pending' when the page will be tried again, 'failed' when
 * it has used up its retries.
 */
export function markAttemptFailed(db: Db, pageId: number, error: unknown, maxRetries: number): 'pending' | 'failed' {
  return immediate(db, () => {
    const row = db.prepare('SELECT attempts FROM ocr_queue WHERE page_id = ?').get(pageId) as { attempts: number } | undefined;
    const attempts = (row?.attempts ?? 0) + 1;
    const status = attempts > maxRetries ? 'failed' : 'pending';
    const dto = toErrorDTO(error);
    db.prepare(`UPDATE ocr_queue SET status = ?, attempts = ?, error = ?, owner_pid = NULL, updated_at = ? WHERE page_id = ?`).run(
      status, attempts, JSON.stringify({ code: dto.code, message: dto.message, details: dto.details }), nowIso(), pageId,
    );
    return status;
  });
}

/** A page the runner gave back unfinished (cancel): pending again, the attempt not counted. */
export function release(db: Db, pageId: number): void {
  db.prepare(`UPDATE ocr_queue SET status = 'pending', owner_pid = NULL, updated_at = ? WHERE page_id = ? AND status = 'running'`).run(nowIso(), pageId);
}

interface RawRow {
  pageId: number;
  recordId: number;
  pageNo: number;
  status: OcrQueueStatus;
  attempts: number;
  error: string | null;
  ownerPid: number | null;
}

const ROW_SQL = `SELECT q.page_id AS pageId, p.record_id AS recordId, p.page_no AS pageNo, q.status, q.attempts, q.error, q.owner_pid AS ownerPid
  FROM ocr_queue q JOIN pages p ON p.id = q.page_id`;

function parseRow(r: RawRow): OcrQueueRow {
  let error: ErrorDTO | null = null;
  if (r.error) {
    try {
      error = JSON.parse(r.error) as ErrorDTO;
    } catch {
      error = { code: 'OCR_FAILED', message: { zh: r.error, en: r.error }, details: {} };
    }
  }
  return { ...r, error };
}

export function queueRow(db: Db, pageId: number): OcrQueueRow | undefined {
  const r = db.prepare(`${ROW_SQL} WHERE q.page_id = ?`).get(pageId) as RawRow | undefined;
  return r && parseRow(r);
}

export function queueRows(db: Db, options: { recordId?: number; status?: OcrQueueStatus } = {}): OcrQueueRow[] {
  const rows = db
    .prepare(`${ROW_SQL} WHERE (? IS NULL OR p.record_id = ?) AND (? IS NULL OR q.status = ?) ORDER BY p.record_id, p.page_no`)
    .all(options.recordId ?? null, options.recordId ?? null, options.status ?? null, options.status ?? null) as RawRow[];
  return rows.map(parseRow);
}

export function queueCounts(db: Db, recordId?: number): QueueCounts {
  const rows = db
    .prepare(
      `SELECT q.status AS status, count(*) AS n FROM ocr_queue q JOIN pages p ON p.id = q.page_id
       WHERE (? IS NULL OR p.record_id = ?) GROUP BY q.status`,
    )
    .all(recordId ?? null, recordId ?? null) as { status: OcrQueueStatus; n: number }[];
  const counts: QueueCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Pages another live process is working on right now (what `lantai ocr --wait` waits for). */
export function runningElsewhere(db: Db, recordId?: number): number {
  return queueRows(db, { ...(recordId !== undefined ? { recordId } : {}), status: 'running' }).filter(
    (r) => r.ownerPid !== null && r.ownerPid !== process.pid && isProcessAlive(r.ownerPid),
  ).length;
}

/** A page whose image was replaced (a re-scan): read again from the start. */
export function requeuePage(db: Db, pageId: number): void {
  db.prepare(
    `INSERT INTO ocr_queue (page_id, status, attempts, error, owner_pid, updated_at) VALUES (?, 'pending', 0, NULL, NULL, ?)
     ON CONFLICT (page_id) DO UPDATE SET status = 'pending', attempts = 0, error = NULL, owner_pid = NULL, updated_at = excluded.updated_at`,
  ).run(pageId, nowIso());
}
