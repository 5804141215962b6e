import type { Db } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { VaultError } from '../errors.js';
import { extractDates, type ExtractedDate } from '../text/dates.js';
import { fieldBigramDocument, fieldUnigramDocument, trigramDocument } from './grams.js';
import { searchMessages } from './messages.js';
import { NORMALIZER_VERSION, normalizeText } from './normalize.js';
import { dropRecordText, maybeRebuildRecordText, pageLeavesRecordText, writeRecordDoc } from './record-text.js';
import { REBUILD_CURSOR, rebuildCursor, rebuildPending, rebuildProgress } from './rebuild-state.js';
import { stmt } from './statements.js';

/**
 * Keeping the search index in step with the catalog and OCR text. Every function here writes
 * several tables: callers run it inside their own transaction (indexPage in the one that
 * writes page_text, indexRecord in the one that writes the record), so the index never
 * disagrees with committed data. reindexAll opens its own transaction when none is open.
 */

/** A doc (FTS rowid of page text) is record_id * 2^16 + slot; slots are allocated per record. */
export const DOC_SHIFT = 16;
export const DOC_SPAN = 2 ** DOC_SHIFT;

/**
 * The page-level trigram documents, in two tables by record parity (migration 0120): a
 * phrase's lookup runs on both at once, one on a helper thread (parallel-lookup.ts).
 */
export const TRIGRAM_SHARDS = ['search_text_trigram_0', 'search_text_trigram_1'] as const;

export function trigramShard(recordId: number): (typeof TRIGRAM_SHARDS)[number] {
  return TRIGRAM_SHARDS[recordId % 2]!;
}

export const FTS_TABLES = [...TRIGRAM_SHARDS, 'search_record_text', 'search_field_bigram', 'search_field_unigram'] as const;

export function recordOfDoc(doc: number): number {
  return Math.floor(doc / DOC_SPAN);
}

/** `chars`: the page's normalized length (a page under 3 characters has no trigram row). */
function deleteDoc(db: Db, doc: number, chars: number): void {
  if (chars >= 3) stmt(db, `DELETE FROM ${trigramShard(recordOfDoc(doc))} WHERE rowid = ?`).run(doc);
}

/** Removes a page's own entries (text, slot, dates); returns its record, if it was indexed. */
function removePageEntries(db: Db, pageId: number): number | null {
  const row = stmt(db, 'SELECT doc, record_id, chars, in_record_text FROM search_page WHERE page_id = ?').get(pageId) as { doc: number; record_id: number; chars: number; in_record_text: number } | undefined;
  if (row) {
    pageLeavesRecordText(db, row.record_id, row.in_record_text === 1);
    deleteDoc(db, row.doc, row.chars);
    stmt(db, 'DELETE FROM search_page WHERE page_id = ?').run(pageId);
  }
  stmt(db, 'DELETE FROM search_date WHERE page_id = ?').run(pageId);
  return row ? row.record_id : null;
}

/** Removes a page from the index (its text, its slot and its dates) and from its record's text. */
export function removePage(db: Db, pageId: number): void {
  const recordId = removePageEntries(db, pageId);
  if (recordId !== null) maybeRebuildRecordText(db, recordId);
}

/**
 * The page's existing slot (its old entries are deleted), or the next free one of its record.
 * Deleting only what exists matters: a DELETE on a contentless_delete table writes a tombstone
 * even for a rowid that was never inserted.
 */
function allocateDoc(db: Db, pageId: number, recordId: number): number {
  const existing = stmt(db, 'SELECT doc, record_id, chars, in_record_text FROM search_page WHERE page_id = ?').get(pageId) as { doc: number; record_id: number; chars: number; in_record_text: number } | undefined;
  if (existing && existing.record_id === recordId) {
    pageLeavesRecordText(db, recordId, existing.in_record_text === 1);
    deleteDoc(db, existing.doc, existing.chars);
    return existing.doc;
  }
  if (existing) {
    removePageEntries(db, pageId);
    maybeRebuildRecordText(db, existing.record_id);
  }
  const base = recordId * DOC_SPAN;
  const max = stmt(db, 'SELECT max(doc) AS m FROM search_page WHERE record_id = ?').get(recordId) as { m: number | null };
  if (max.m === null) return base;
  if (max.m + 1 < base + DOC_SPAN) return max.m + 1;
  // The top slot is taken: look for a gap left by a removed page.
  const used = new Set((stmt(db, 'SELECT doc FROM search_page WHERE record_id = ?').all(recordId) as { doc: number }[]).map((r) => r.doc));
  for (let d = base; d < base + DOC_SPAN; d++) if (!used.has(d)) return d;
  throw VaultError.of('SEARCH_INDEX_LIMIT', searchMessages.tooManyPages, { recordId, pageId, max: DOC_SPAN });
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The interval a found date stands for: a month or a year means all of it. */
export function dateInterval(d: Pick<ExtractedDate, 'date' | 'precision'>): { from: string; to: string } {
  const [y, mo] = d.date.split('-').map(Number) as [number, number, number];
  if (d.precision === 'year') return { from: `${d.date.slice(0, 4)}-01-01`, to: `${d.date.slice(0, 4)}-12-31` };
  if (d.precision === 'month') return { from: `${d.date.slice(0, 7)}-01`, to: `${d.date.slice(0, 7)}-${String(lastDayOfMonth(y, mo)).padStart(2, '0')}` };
  return { from: d.date, to: d.date };
}

export interface PageIndexInput {
  pageId: number;
  recordId: number;
  text: string;
}

/**
 * Writes one page's entries (the caller has removed any previous ones), the page not yet in
 * its record's document unless `inRecordText`; returns its normalized text.
 */
function writePage(db: Db, p: PageIndexInput, at: string, inRecordText = false): string {
  const doc = allocateDoc(db, p.pageId, p.recordId);
  stmt(db, 'DELETE FROM search_date WHERE page_id = ?').run(p.pageId);
  const norm = normalizeText(p.text);
  const grams = trigramDocument(norm);
  if (grams !== '') stmt(db, `INSERT INTO ${trigramShard(p.recordId)} (rowid, grams) VALUES (?, ?)`).run(doc, grams);
  stmt(db, `INSERT INTO search_page (page_id, record_id, doc, chars, indexed_at, in_record_text) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (page_id) DO UPDATE SET record_id = excluded.record_id, doc = excluded.doc, chars = excluded.chars, indexed_at = excluded.indexed_at,
      in_record_text = excluded.in_record_text`)
    .run(p.pageId, p.recordId, doc, norm.length, at, inRecordText ? 1 : 0);
  const insDate = stmt(db, 'INSERT INTO search_date (page_id, record_id, date_from, date_to, precision, text_start, text_end) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const d of extractDates(p.text)) {
    const { from, to } = dateInterval(d);
    insDate.run(p.pageId, p.recordId, from, to, d.precision, d.start, d.end);
  }
  return norm;
}

/**
 * (Re)indexes one page from page_text: replaces its text entries and its extracted dates.
 * A page without page_text (or no longer in pages) is removed from the index.
 */
export function indexPage(db: Db, pageId: number): void {
  const row = stmt(db, 'SELECT p.record_id AS recordId, t.text AS text FROM pages p JOIN page_text t ON t.page_id = p.id WHERE p.id = ?')
    .get(pageId) as { recordId: number; text: string } | undefined;
  if (!row) {
    removePage(db, pageId);
    return;
  }
  writePage(db, { pageId, recordId: row.recordId, text: row.text }, nowIso());
  maybeRebuildRecordText(db, row.recordId);
}

interface RecordFieldsRow {
  title: string;
  creator: string;
  doc_number: string;
  archival_code: string;
  remarks: string;
}

const FIELD_COLUMNS = ['title', 'creator', 'doc_number', 'archival_code', 'remarks'] as const;

function deleteFields(db: Db, id: number): void {
  if (!stmt(db, 'SELECT 1 FROM search_record WHERE record_id = ?').get(id)) return;
  stmt(db, 'DELETE FROM search_field_bigram WHERE rowid = ?').run(id);
  stmt(db, 'DELETE FROM search_field_unigram WHERE rowid = ?').run(id);
  stmt(db, 'DELETE FROM search_record WHERE record_id = ?').run(id);
}

function writeRecord(db: Db, id: number, r: RecordFieldsRow, at: string): void {
  deleteFields(db, id);
  const norms = FIELD_COLUMNS.map((c) => normalizeText(r[c]));
  stmt(db, 'INSERT INTO search_field_bigram (rowid, title, creator, doc_number, archival_code, remarks) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, ...norms.map(fieldBigramDocument));
  stmt(db, 'INSERT INTO search_field_unigram (rowid, title, creator, doc_number, archival_code, remarks) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, ...norms.map(fieldUnigramDocument));
  stmt(db, 'INSERT INTO search_record (record_id, indexed_at) VALUES (?, ?) ON CONFLICT (record_id) DO UPDATE SET indexed_at = excluded.indexed_at').run(id, at);
}

/** Removes a record's catalog fields and all its pages from the index. */
export function removeRecord(db: Db, recordId: number): void {
  deleteFields(db, recordId);
  for (const { page_id } of stmt(db, 'SELECT page_id FROM search_page WHERE record_id = ?').all(recordId) as { page_id: number }[]) removePageEntries(db, page_id);
  dropRecordText(db, recordId);
}

/** (Re)indexes a record's catalog fields (title, creator, 文号, 档号, remarks). */
export function indexRecord(db: Db, recordId: number): void {
  const row = stmt(db, 'SELECT title, creator, doc_number, archival_code, remarks FROM records WHERE id = ?').get(recordId) as RecordFieldsRow | undefined;
  if (!row) {
    removeRecord(db, recordId);
    return;
  }
  writeRecord(db, recordId, row, nowIso());
}

export interface ReindexProgress {
  done: number;
  total: number;
  message: string;
}

/**
 * Rebuilds the whole index from records and page_text (after a normalizer change, or to repair
 * it), then merges the FTS segments into one (smaller and faster to query). Runs as one
 * transaction, so a crash leaves the old index; progress is throttled to ~1 call per 500 items.
 */
export function reindexAll(db: Db, onProgress?: (p: ReindexProgress) => void): { records: number; pages: number } {
  const work = () => {
    for (const t of FTS_TABLES) db.exec(`INSERT INTO ${t} (${t}) VALUES ('delete-all')`);
    db.exec('DELETE FROM search_page; DELETE FROM search_record; DELETE FROM search_date; DELETE FROM search_record_text_state;');
    const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    const pages = (db.prepare('SELECT count(*) AS n FROM page_text t JOIN pages p ON p.id = t.page_id').get() as { n: number }).n;
    const total = records + pages;
    const at = nowIso();
    let done = 0;
    const tick = (message: string) => {
      done++;
      if (onProgress && (done % 500 === 0 || done === total)) onProgress({ done, total, message });
    };
    // better-sqlite3 cannot write while a SELECT is being iterated on the same connection,
    // so rows are read in batches (texts would not fit in memory all at once at 1M pages).
    const recs = db.prepare('SELECT id, title, creator, doc_number, archival_code, remarks FROM records WHERE id > ? ORDER BY id LIMIT 1000');
    for (let last = -1, batch: (RecordFieldsRow & { id: number })[]; (batch = recs.all(last) as typeof batch).length > 0; ) {
      for (const r of batch) {
        writeRecord(db, r.id, r, at);
        tick('records');
      }
      last = batch[batch.length - 1]!.id;
    }
    // Pages in record order: each record's slots are then allocated in page order.
    const order = db.prepare('SELECT p.id AS pageId, p.record_id AS recordId FROM pages p JOIN page_text t ON t.page_id = p.id ORDER BY p.record_id, p.page_no')
      .all() as { pageId: number; recordId: number }[];
    const texts = db.prepare('SELECT page_id AS pageId, text FROM page_text WHERE page_id IN (SELECT value FROM json_each(?))');
    // A record's pages come one after another, so its record-level document is written once
    // its last page is (from the texts already normalized, not read again).
    let current = -1;
    let norms: string[] = [];
    const flush = () => {
      if (current >= 0) writeRecordDoc(db, current, norms);
      norms = [];
    };
    for (let i = 0; i < order.length; i += 500) {
      const chunk = order.slice(i, i + 500);
      const byId = new Map((texts.all(JSON.stringify(chunk.map((c) => c.pageId))) as { pageId: number; text: string }[]).map((r) => [r.pageId, r.text]));
      for (const c of chunk) {
        if (c.recordId !== current) {
          flush();
          current = c.recordId;
        }
        norms.push(writePage(db, { ...c, text: byId.get(c.pageId) ?? '' }, at, true));
        tick('pages');
      }
    }
    flush();
    for (const t of FTS_TABLES) db.exec(`INSERT INTO ${t} (${t}) VALUES ('optimize')`);
    db.prepare("INSERT INTO search_meta (key, value) VALUES ('normalizer_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(NORMALIZER_VERSION));
    // A whole rebuild in one go also ends a batched one under way (or asked for).
    db.prepare(`DELETE FROM search_meta WHERE key IN ('rebuild_requested', '${REBUILD_CURSOR}')`).run();
    return { records, pages };
  };
  return db.inTransaction ? work() : db.transaction(work).immediate();
}

export interface IndexStatus {
  records: number;
  recordsIndexed: number;
  pagesWithText: number;
  pagesIndexed: number;
  normalizerVersion: number;
  /** False when the index was built by another normalizer version: run reindexAll. */
  current: boolean;
}

export function indexStatus(db: Db): IndexStatus {
  const n = (q: string) => (db.prepare(q).get() as { n: number }).n;
  const v = db.prepare("SELECT value FROM search_meta WHERE key = 'normalizer_version'").get() as { value: string } | undefined;
  const version = v ? Number(v.value) : 0;
  return {
    records: n('SELECT count(*) AS n FROM records'),
    recordsIndexed: n('SELECT count(*) AS n FROM search_record'),
    pagesWithText: n('SELECT count(*) AS n FROM page_text'),
    pagesIndexed: n('SELECT count(*) AS n FROM search_page'),
    normalizerVersion: version,
    current: version === NORMALIZER_VERSION,
  };
}

/**
 * The rebuild a migration asks for (search_meta rebuild_requested; migrations import no live
 * code, so they only ask) runs after the open as the `reindex` job, in batches that each commit
 * (rebuild-state.ts keeps its place), so a vault of 1M pages opens at once and stays usable:
 * searches read the records past the place from their text (page-derived.ts pending reads).
 *
 * startRebuild empties the index (once: a rebuild already under way keeps its place);
 * rebuildBatch indexes the next records after the place and moves it; the last batch merges the
 * FTS segments, stamps the normalizer version and ends the rebuild. Each runs in its own
 * transaction, so a crash between batches loses nothing and the job goes on from the place.
 */
export function startRebuild(db: Db): void {
  db.transaction(() => {
    if (rebuildCursor(db) !== null) return;
    for (const t of FTS_TABLES) db.exec(`INSERT INTO ${t} (${t}) VALUES ('delete-all')`);
    db.exec('DELETE FROM search_page; DELETE FROM search_record; DELETE FROM search_date; DELETE FROM search_record_text_state;');
    setMeta(db, 'rebuild_requested', '1');
    setMeta(db, REBUILD_CURSOR, '0');
  }).immediate();
}

/**
 * Pages a batch aims at (a record's pages are never split across batches), and the time it
 * may take at most (whole records): the longest a search, or any call of the long-lived app
 * (its window's IPC, the app server's requests), waits for the rebuild. Between batches the
 * rebuild pauses REBUILD_PAUSE_MS, so the replies the app waits for get through (~5 % slower
 * than running flat out).
 */
export const REBUILD_BATCH_PAGES = 500;
export const REBUILD_BATCH_MS = 100;
const REBUILD_PAUSE_MS = 5;
const REBUILD_BATCH_RECORDS = 500;

export interface RebuildBatch {
  records: number;
  pages: number;
  /** True when this batch was the last: the rebuild is over. */
  finished: boolean;
}

/** Indexes the records after the rebuild's place (about REBUILD_BATCH_PAGES pages) and moves it. */
export function rebuildBatch(db: Db, batchPages = REBUILD_BATCH_PAGES, maxMs = REBUILD_BATCH_MS): RebuildBatch {
  const t0 = performance.now();
  return db.transaction((): RebuildBatch => {
    const cursor = rebuildCursor(db);
    if (cursor === null) return { records: 0, pages: 0, finished: true };
    const ids = db.prepare('SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?').pluck().all(cursor, REBUILD_BATCH_RECORDS) as number[];
    const at = nowIso();
    const fields = db.prepare('SELECT title, creator, doc_number, archival_code, remarks FROM records WHERE id = ?');
    const texts = db.prepare('SELECT p.id AS pageId, t.text AS text FROM pages p JOIN page_text t ON t.page_id = p.id WHERE p.record_id = ? ORDER BY p.page_no');
    let pages = 0;
    let last = cursor;
    let records = 0;
    for (const id of ids) {
      // Entries written meanwhile by OCR or ingest (the pipeline indexes every record) go first.
      removeRecord(db, id);
      writeRecord(db, id, fields.get(id) as RecordFieldsRow, at);
      const norms = (texts.all(id) as { pageId: number; text: string }[]).map((p) => writePage(db, { pageId: p.pageId, recordId: id, text: p.text }, at, true));
      writeRecordDoc(db, id, norms);
      pages += norms.length;
      records++;
      last = id;
      if (pages >= batchPages || performance.now() - t0 > maxMs) break;
    }
    const finished = db.prepare('SELECT 1 FROM records WHERE id > ?').get(last) === undefined;
    if (finished) {
      for (const t of FTS_TABLES) db.exec(`INSERT INTO ${t} (${t}) VALUES ('optimize')`);
      setMeta(db, 'normalizer_version', String(NORMALIZER_VERSION));
      db.prepare(`DELETE FROM search_meta WHERE key IN ('rebuild_requested', '${REBUILD_CURSOR}')`).run();
    } else {
      setMeta(db, REBUILD_CURSOR, String(last));
    }
    return { records, pages, finished };
  }).immediate();
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export interface RebuildOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReindexProgress) => void;
  batchPages?: number;
}

/**
 * Runs the rebuild asked for (or under way) to its end, batch by batch, from where it stands;
 * `start`: begins one when none is asked for (`lantai reindex`). Between batches it yields to
 * the event loop (the long-lived app serves searches meanwhile) and stops when the signal
 * aborts (the place is kept: running again goes on). Progress counts records.
 */
export async function continueRebuild(db: Db, options: RebuildOptions & { start?: boolean } = {}): Promise<{ records: number; pages: number; rebuilt: boolean }> {
  if (!rebuildPending(db)) {
    if (!options.start) return { records: 0, pages: 0, rebuilt: false };
    setMeta(db, 'rebuild_requested', '1');
  }
  startRebuild(db);
  let records = 0;
  let pages = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const b = rebuildBatch(db, options.batchPages);
    records += b.records;
    pages += b.pages;
    if (b.finished) break;
    const p = rebuildProgress(db);
    if (p) options.onProgress?.({ done: p.done, total: p.total, message: 'records' });
    await new Promise((resolve) => setTimeout(resolve, REBUILD_PAUSE_MS));
  }
  const total = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  options.onProgress?.({ done: total, total, message: 'records' });
  return { records, pages, rebuilt: true };
}


/**
 * Ends at once a rebuild asked for over a catalog without records (a vault just created: its
 * migrations ask for one): nothing to index, nothing to wait for. True when it did.
 */
export function rebuildIfEmpty(db: Db): boolean {
  if (!rebuildPending(db) || db.prepare('SELECT 1 FROM records LIMIT 1').get() !== undefined) return false;
  startRebuild(db);
  rebuildBatch(db);
  return true;
}
