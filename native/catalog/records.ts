import { all, get, immediate, nowIso, type Db } from '../db/database.js';
import { sql, type SqlFragment } from '../db/sql.js';
import type { Digests } from '../hash/digests.js';
import { formatArchivalCode, junctionDot, typedCodeForms } from './archival-code.js';
import { codeOptions } from './settings.js';
import type { RecordClass, RecordFields, RecordRow } from './types.js';

export interface NewMaster {
  digests: Digests;
  format: string;
  originalName: string;
  pageCount: number;
}

export interface NewPage {
  masterSeq: number; // index into masters (0-based)
  masterPage: number;
  imageDigests: Digests;
  format: string;
  compression: string;
  width: number;
  height: number;
  dpiX: number | null;
  dpiY: number | null;
  colourMode: string;
  bitsPerSample: number | null;
  orientation: number;
}

export interface NewWarning {
  pageNo: number | null;
  code: string;
  message: { zh: string; en: string };
}

export interface NewRecord {
  fields: RecordFields;
  sourceKey: string;
  sourceName: string;
  masters: NewMaster[];
  pages: NewPage[];
  warnings: NewWarning[];
  /** A 档号 given by the record's origin (an imported transfer package): kept as it is, never renumbered. */
  fixedCode?: { itemNumber: number; archivalCode: string };
}

/**
 * The next item number of a class: max + 1. Called only inside a write transaction
 * (BEGIN IMMEDIATE), which serializes all writers across processes, so two ingests running
 * at once can neither take the same number nor leave a gap.
 */
function nextItemNumber(db: Db, c: RecordClass): number {
  const row = get<{ n: number | null }>(
    db,
    sql`SELECT max(item_number) AS n FROM records WHERE fonds_code = ${c.fondsCode} AND category_code = ${c.categoryCode}
        AND year = ${c.year} AND retention = ${c.retention} AND org_unit = ${c.orgUnit}`,
  );
  return (row?.n ?? 0) + 1;
}

export function insertObjectRow(db: Db, d: Digests, at: string): void {
  db.prepare('INSERT OR IGNORE INTO objects (sha256, sm3, size, created_at) VALUES (?, ?, ?, ?)').run(d.sha256, d.sm3, d.size, at);
}

/** A record's masters, pages and warnings, in the caller's transaction (a new record, or scans attached to a catalog entry). */
function insertContents(db: Db, recordId: number, rec: Pick<NewRecord, 'masters' | 'pages' | 'warnings'>, now: string): void {
  const masterIds: number[] = [];
  const insertMaster = db.prepare(
    'INSERT INTO masters (record_id, seq, sha256, format, original_name, page_count) VALUES (?, ?, ?, ?, ?, ?)',
  );
  rec.masters.forEach((m, i) => {
    insertObjectRow(db, m.digests, now);
    masterIds.push(Number(insertMaster.run(recordId, i + 1, m.digests.sha256, m.format, m.originalName, m.pageCount).lastInsertRowid));
  });
  const insertPage = db.prepare(
    `INSERT INTO pages (record_id, page_no, master_id, master_page, image_sha256, format, compression, width, height,
       dpi_x, dpi_y, colour_mode, bits_per_sample, orientation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  rec.pages.forEach((p, i) => {
    insertObjectRow(db, p.imageDigests, now);
    const masterId = masterIds[p.masterSeq];
    if (masterId === undefined) throw new Error(`page ${i + 1} names master ${p.masterSeq}, which does not exist`);
    insertPage.run(recordId, i + 1, masterId, p.masterPage, p.imageDigests.sha256, p.format, p.compression, p.width, p.height,
      p.dpiX, p.dpiY, p.colourMode, p.bitsPerSample, p.orientation);
  });
  const insertWarning = db.prepare('INSERT INTO record_warnings (record_id, page_no, code, message_zh, message_en) VALUES (?, ?, ?, ?, ?)');
  for (const w of rec.warnings) insertWarning.run(recordId, w.pageNo, w.code, w.message.zh, w.message.en);
}

/**
 * Inserts a complete record (record, masters, pages, warnings) in one transaction; `extra`
 * runs inside it too (e.g. marking the job item done and releasing its claims), so the
 * catalog never holds half a record.
 */
export function insertRecord(db: Db, rec: NewRecord, extra?: (recordId: number) => void): { id: number; itemNumber: number; archivalCode: string } {
  return immediate(db, () => {
    const f = rec.fields;
    const itemNumber = rec.fixedCode?.itemNumber ?? nextItemNumber(db, f);
    const archivalCode = rec.fixedCode?.archivalCode ?? formatArchivalCode({ ...f, itemNumber }, codeOptions(db));
    const now = nowIso();
    const r = db
      .prepare(
        `INSERT INTO records (fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator,
           doc_number, doc_date, page_count, classification, classification_period, classified_hold, remarks, source_key, source_name,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.fondsCode, f.categoryCode, f.year, f.retention, f.orgUnit, itemNumber, archivalCode, f.title, f.creator,
        f.docNumber, f.docDate, rec.pages.length, f.classification, f.classificationPeriod,
        f.classification === 'secret' || f.classification === 'confidential' || f.classification === 'top_secret' ? 1 : 0,
        f.remarks, rec.sourceKey, rec.sourceName, now, now,
      );
    const recordId = Number(r.lastInsertRowid);
    insertContents(db, recordId, rec, now);
    extra?.(recordId);
    return { id: recordId, itemNumber, archivalCode };
  });
}

/** Scans for a catalog entry that awaits them (imported from a catalog file): what the scans bring, the fields stay. */
export type AttachedScans = Pick<NewRecord, 'sourceKey' | 'masters' | 'pages' | 'warnings'>;

/**
 * Attaches scans to a catalog entry awaiting them, in one transaction: its masters, pages and
 * warnings, its page count and source from the scans, scan_status 'scanned'. Its catalog fields
 * and 档号 are not touched (the catalog file's values win over anything guessed from a scan).
 * Checked again here, under the write lock: another process may have attached or destroyed it
 * since the caller looked. `extra` runs inside the transaction (the job item, the pipeline hook).
 */
export function attachScans(db: Db, recordId: number, scans: AttachedScans, refuse: (state: { scanStatus: string; disposal: string; pageCount: number } | undefined) => never, extra?: (recordId: number) => void): { id: number; archivalCode: string } {
  return immediate(db, () => {
    const row = get<{ archivalCode: string; scanStatus: string; disposal: string; pageCount: number }>(
      db, sql`SELECT archival_code AS archivalCode, scan_status AS scanStatus, disposal, page_count AS pageCount FROM records WHERE id = ${recordId}`,
    );
    if (!row || row.scanStatus !== 'awaiting' || row.disposal !== '') refuse(row);
    const now = nowIso();
    insertContents(db, recordId, scans, now);
    db.prepare(`UPDATE records SET scan_status = 'scanned', page_count = ?, source_key = ?, updated_at = ? WHERE id = ?`)
      .run(scans.pages.length, scans.sourceKey, now, recordId);
    extra?.(recordId);
    return { id: recordId, archivalCode: row!.archivalCode };
  });
}

const RECORD_COLUMNS = sql`id, fonds_code AS fondsCode, category_code AS categoryCode, year, retention, org_unit AS orgUnit,
  item_number AS itemNumber, archival_code AS archivalCode, title, creator, doc_number AS docNumber, doc_date AS docDate,
  page_count AS pageCount, classification, classification_period AS classificationPeriod, classified_hold AS classifiedHold,
  remarks, source_name AS sourceName, created_at AS createdAt, updated_at AS updatedAt,
  code_status AS codeStatus, scan_status AS scanStatus, disposal, appraised_retention AS appraisedRetention, access_status AS accessStatus`;

/** SQLite stores the flag as 0/1; the row type says boolean. */
function toRow(r: Omit<RecordRow, 'classifiedHold'> & { classifiedHold: number | boolean }): RecordRow {
  return { ...r, classifiedHold: r.classifiedHold === 1 || r.classifiedHold === true };
}

export function getRecord(db: Db, id: number): RecordRow | undefined {
  const r = get<RecordRow>(db, sql`SELECT ${RECORD_COLUMNS} FROM records WHERE id = ${id}`);
  return r && toRow(r);
}

export function getRecordByCode(db: Db, archivalCode: string): RecordRow | undefined {
  const r = get<RecordRow>(db, sql`SELECT ${RECORD_COLUMNS} FROM records WHERE archival_code = ${archivalCode}`);
  return r && toRow(r);
}

/**
 * The record a person typed the 档号 of, in whichever style they typed it (a `-` where the
 * code has `·`, or the other style than the vault's): see typedCodeForms.
 */
export function getRecordByTypedCode(db: Db, typed: string): RecordRow | undefined {
  for (const form of typedCodeForms(typed, codeOptions(db))) {
    const r = getRecordByCode(db, form);
    if (r) return r;
  }
  return undefined;
}

/** A record a partial 档号 may mean: its code and title. */
export interface CodeCandidate {
  id: number;
  archivalCode: string;
  title: string | null;
}

/**
 * Up to `limit` records whose 档号 starts with, then contains, `text` (either style typed),
 * among those `restrict` lets the caller see, in catalog order: what a mistyped or partial
 * code could mean.
 */
export function recordsWithCodeLike(db: Db, text: string, restrict: SqlFragment, limit = 10): CodeCandidate[] {
  const escape = (t: string) => t.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  // As typed and with the junction dotted: a fragment such as BGS-2016 may be either.
  const [typed, dotted] = [escape(text.replace(/[•・.]/g, '·')), escape(junctionDot(text))];
  if (typed === '') return [];
  return all<CodeCandidate>(
    db,
    sql`SELECT id, archival_code AS archivalCode, title FROM records
        WHERE ${restrict} AND (archival_code LIKE ${`%${typed}%`} ESCAPE '\\' OR archival_code LIKE ${`%${dotted}%`} ESCAPE '\\')
        ORDER BY (archival_code LIKE ${`${typed}%`} ESCAPE '\\' OR archival_code LIKE ${`${dotted}%`} ESCAPE '\\') DESC,
          fonds_code, category_code, year, retention, org_unit, item_number
        LIMIT ${limit}`,
  );
}

export function findRecordBySourceKey(db: Db, sourceKey: string): { id: number; archivalCode: string } | undefined {
  return get(db, sql`SELECT id, archival_code AS archivalCode FROM records WHERE source_key = ${sourceKey}`);
}

export interface ListFilter {
  year?: number;
  categoryCode?: string;
  retention?: string;
  /** Only records under 涉密 hold (the security officer's screening list). */
  held?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * The catalog in archival order (全宗, 门类, 年度, 保管期限, 机构, 件号). `restrict` is an extra SQL
 * condition on `records` (a session's visibility, from recordFilterSql), applied to the total
 * too, so a hidden record does not even show as a number.
 */
export function listRecords(db: Db, filter: ListFilter = {}, restrict: SqlFragment = sql`1`): { total: number; records: RecordRow[] } {
  const where = sql`WHERE ${restrict}
    AND (${filter.year ?? null} IS NULL OR year = ${filter.year ?? null})
    AND (${filter.categoryCode ?? null} IS NULL OR category_code = ${filter.categoryCode ?? null})
    AND (${filter.retention ?? null} IS NULL OR retention = ${filter.retention ?? null})
    AND (${filter.held ? 1 : 0} = 0 OR classified_hold = 1)`;
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM records ${where}`)!.n;
  const records = all<RecordRow>(
    db,
    sql`SELECT ${RECORD_COLUMNS} FROM records ${where}
        ORDER BY fonds_code, category_code, year, retention, org_unit, item_number LIMIT ${filter.limit ?? 1000} OFFSET ${filter.offset ?? 0}`,
  ).map(toRow);
  return { total, records };
}

export interface PageRow {
  id: number;
  pageNo: number;
  masterId: number;
  masterPage: number;
  imageSha256: string;
  format: string;
  compression: string;
  width: number;
  height: number;
  dpiX: number | null;
  dpiY: number | null;
  colourMode: string;
  bitsPerSample: number | null;
  orientation: number;
  sm3: string;
  size: number;
}

export function recordPages(db: Db, recordId: number): PageRow[] {
  return all<PageRow>(
    db,
    sql`SELECT p.id, p.page_no AS pageNo, p.master_id AS masterId, p.master_page AS masterPage, p.image_sha256 AS imageSha256,
          p.format, p.compression, p.width, p.height, p.dpi_x AS dpiX, p.dpi_y AS dpiY, p.colour_mode AS colourMode,
          p.bits_per_sample AS bitsPerSample, p.orientation, o.sm3, o.size
        FROM pages p JOIN objects o ON o.sha256 = p.image_sha256 WHERE p.record_id = ${recordId} ORDER BY p.page_no`,
  );
}

export interface MasterRow {
  id: number;
  seq: number;
  sha256: string;
  sm3: string;
  size: number;
  format: string;
  originalName: string;
  pageCount: number;
}

export function recordMasters(db: Db, recordId: number): MasterRow[] {
  return all<MasterRow>(
    db,
    sql`SELECT m.id, m.seq, m.sha256, o.sm3, o.size, m.format, m.original_name AS originalName, m.page_count AS pageCount
        FROM masters m JOIN objects o ON o.sha256 = m.sha256 WHERE m.record_id = ${recordId} ORDER BY m.seq`,
  );
}

export function recordWarnings(db: Db, recordId: number): NewWarning[] {
  return all<{ pageNo: number | null; code: string; zh: string; en: string }>(
    db,
    sql`SELECT page_no AS pageNo, code, message_zh AS zh, message_en AS en FROM record_warnings WHERE record_id = ${recordId} ORDER BY id`,
  ).map((w) => ({ pageNo: w.pageNo, code: w.code, message: { zh: w.zh, en: w.en } }));
}

/** Other pages in the vault with exactly this image (identical scans). */
export function pagesWithImage(db: Db, sha256: string): { recordId: number; archivalCode: string; pageNo: number }[] {
  return all(
    db,
    sql`SELECT p.record_id AS recordId, r.archival_code AS archivalCode, p.page_no AS pageNo
        FROM pages p JOIN records r ON r.id = p.record_id WHERE p.image_sha256 = ${sha256} ORDER BY p.record_id, p.page_no`,
  );
}

/** How a page image is stored: the same for every page that uses it, as both come from its bytes. */
export function pageImageFacts(db: Db, sha256: string): { orientation: number; compression: string } | undefined {
  return get(db, sql`SELECT orientation, compression FROM pages WHERE image_sha256 = ${sha256} LIMIT 1`);
}

/** How many records and pages the catalog holds. */
export function catalogCounts(db: Db): { records: number; pages: number } {
  return db.prepare('SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM pages) AS pages').get() as { records: number; pages: number };
}

export function recordExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM records WHERE id = ?').get(id) !== undefined;
}

/**
 * A re-scan (digitization QC): the page points at a new master holding the new image, in the
 * caller's transaction. The old master stays attached to the record, so its bytes stay in the
 * vault and `lantai check` still verifies them; the caller notes the change.
 */
export function replacePageImage(db: Db, recordId: number, pageNo: number, master: NewMaster, page: Omit<NewPage, 'masterSeq'>): { pageId: number; oldSha256: string; oldMasterId: number; newMasterId: number } {
  const old = get<{ id: number; sha: string; masterId: number }>(db, sql`SELECT id, image_sha256 AS sha, master_id AS masterId FROM pages WHERE record_id = ${recordId} AND page_no = ${pageNo}`);
  if (!old) throw new Error(`record ${recordId} has no page ${pageNo}`);
  const now = nowIso();
  insertObjectRow(db, master.digests, now);
  insertObjectRow(db, page.imageDigests, now);
  const seq = (get<{ n: number }>(db, sql`SELECT max(seq) AS n FROM masters WHERE record_id = ${recordId}`)?.n ?? 0) + 1;
  const newMasterId = Number(
    db.prepare('INSERT INTO masters (record_id, seq, sha256, format, original_name, page_count) VALUES (?, ?, ?, ?, ?, ?)')
      .run(recordId, seq, master.digests.sha256, master.format, master.originalName, master.pageCount).lastInsertRowid,
  );
  db.prepare(
    `UPDATE pages SET master_id = ?, master_page = ?, image_sha256 = ?, format = ?, compression = ?, width = ?, height = ?, dpi_x = ?, dpi_y = ?,
       colour_mode = ?, bits_per_sample = ?, orientation = ? WHERE id = ?`,
  ).run(newMasterId, page.masterPage, page.imageDigests.sha256, page.format, page.compression, page.width, page.height, page.dpiX, page.dpiY, page.colourMode, page.bitsPerSample, page.orientation, old.id);
  db.prepare('UPDATE records SET updated_at = ? WHERE id = ?').run(now, recordId);
  return { pageId: old.id, oldSha256: old.sha, oldMasterId: old.masterId, newMasterId };
}
