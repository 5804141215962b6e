import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../db/database.js';
import { sql, type SqlFragment } from '../db/sql.js';
import { csvHeader, csvLine, EXPORT_COLUMNS, type CatalogLine } from '../catalog/columns.js';
import { escapeXmlText } from '../catalog/xml-text.js';
import { VaultError } from '../errors.js';
import { fsyncDir, tempNameFor } from '../store/atomic-write.js';
import { upkeepMessages } from './messages.js';
import type { CatalogSelection } from './selection.js';

/**
 * The catalog for the municipal archive's query system: .xlsx, CSV or XML with the DA/T 22
 * columns (catalog/columns.ts, the same the transfer package writes). 涉密 records (a
 * state-secret level or under 涉密 hold) and destroyed ones never leave in an export. Written
 * to a temporary name, fsynced and renamed: a reader never sees half a file.
 */

export const CATALOG_FORMATS = ['xlsx', 'csv', 'xml'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export interface CatalogExportResult {
  path: string;
  format: CatalogFormat;
  records: number;
  /** 涉密 records the selection held that were left out. */
  leftOut: number;
  bytes: number;
}

const LINE_COLUMNS = sql`archival_code AS archivalCode, doc_number AS docNumber, creator, title, doc_date AS docDate, classification,
  classification_period AS classificationPeriod, classified_hold AS classifiedHold, page_count AS pageCount, remarks,
  fonds_code AS fondsCode, category_code AS categoryCode, year, retention, org_unit AS orgUnit, item_number AS itemNumber,
  disposal, appraised_retention AS appraisedRetention`;

const NOT_SECRET = sql`classified_hold = 0 AND classification NOT IN ('secret', 'confidential', 'top_secret') AND disposal = ''`;

function where(sel: CatalogSelection, restrict: SqlFragment): SqlFragment {
  return sql`${restrict}
    AND (${sel.year ?? null} IS NULL OR year = ${sel.year ?? null})
    AND (${sel.categoryCode ?? null} IS NULL OR category_code = ${sel.categoryCode ?? null})
    AND (${sel.fondsCode ?? null} IS NULL OR fonds_code = ${sel.fondsCode ?? null})
    AND (${sel.retention ?? null} IS NULL OR retention = ${sel.retention ?? null})
    AND (${sel.orgUnit ?? null} IS NULL OR org_unit = ${sel.orgUnit ?? null})
    AND (${sel.ids === undefined ? 1 : 0} = 1 OR id IN (SELECT value FROM json_each(${JSON.stringify(sel.ids ?? [])})))`;
}

const PAGE = 5000;

/**
 * The lines an export writes, in archival order, a page at a time (keyset on the class and
 * item number, the UNIQUE index): 100k records never sit in memory at once, and no statement
 * stays open while the job writes its progress (better-sqlite3 forbids that on one connection).
 */
export function* exportLines(db: Db, sel: CatalogSelection, restrict: SqlFragment): Generator<CatalogLine> {
  const w = where(sel, restrict);
  let after: [string, string, number, string, string, number] | null = null;
  for (;;) {
    const keyset = after === null ? sql`1` : sql`(fonds_code, category_code, year, retention, org_unit, item_number) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}, ${after[4]}, ${after[5]})`;
    const q = sql`SELECT ${LINE_COLUMNS} FROM records WHERE ${w} AND ${NOT_SECRET} AND ${keyset}
      ORDER BY fonds_code, category_code, year, retention, org_unit, item_number LIMIT ${PAGE}`;
    const rows = db.prepare(q.text).all(...q.params) as (Omit<CatalogLine, 'classifiedHold'> & { classifiedHold: number })[];
    for (const r of rows) yield { ...r, classifiedHold: r.classifiedHold === 1 };
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = [last.fondsCode, last.categoryCode, last.year, last.retention, last.orgUnit, last.itemNumber];
  }
}

export function countLeftOut(db: Db, sel: CatalogSelection, restrict: SqlFragment): number {
  const q = sql`SELECT count(*) AS n FROM records WHERE ${where(sel, restrict)} AND NOT (${NOT_SECRET})`;
  return (db.prepare(q.text).get(...q.params) as { n: number }).n;
}

async function syncFile(file: string): Promise<void> {
  const h = await fs.promises.open(file, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Writes text in chunks through one handle (a 100k-line catalog is never one string). */
async function writeChunks(file: string, chunks: Iterable<string>, onLine: () => void): Promise<void> {
  const h = await fs.promises.open(file, 'wx');
  try {
    let buf: string[] = [];
    let size = 0;
    for (const c of chunks) {
      buf.push(c);
      size += c.length;
      onLine();
      if (size > 1 << 20) {
        await h.write(buf.join(''));
        buf = [];
        size = 0;
      }
    }
    if (buf.length > 0) await h.write(buf.join(''));
    await h.sync();
  } finally {
    await h.close();
  }
}

function* csvChunks(lines: Iterable<CatalogLine>): Generator<string> {
  yield `\uFEFF${csvHeader(EXPORT_COLUMNS)}\r\n`;
  let seq = 0;
  for (const l of lines) yield `${csvLine(l, ++seq, EXPORT_COLUMNS)}\r\n`;
}

function* xmlChunks(lines: Iterable<CatalogLine>, total: number): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<归档文件目录 条目数="${total}">\n`;
  let seq = 0;
  for (const l of lines) {
    seq++;
    yield `  <条目>${EXPORT_COLUMNS.map((c) => `<${c.xml}>${escapeXmlText(String(c.value(l, seq)))}</${c.xml}>`).join('')}</条目>\n`;
  }
  yield '</归档文件目录>\n';
}

/** The catalog lines as an .xlsx with the DA/T 22 columns (the export, and the transfer package's copy). */
export async function writeCatalogXlsx(file: string, lines: Iterable<CatalogLine>, onLine: () => void = () => undefined): Promise<void> {
  // No styles and fast deflate: exceljs's style writing tripled the time of a 100k-line export
  // (measured: 30k rows 5.7 s with styles, 1.8 s without at zlib level 1); the header row is
  // frozen instead of bold.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
  wb.creator = 'Lantai';
  const ws = wb.addWorksheet('归档文件目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(6, c.width) }));
  let seq = 0;
  for (const l of lines) {
    seq++;
    // Text cells stay text (a 档号 or 文号 is never a number or a formula to a spreadsheet).
    ws.addRow(EXPORT_COLUMNS.map((c) => c.value(l, seq))).commit();
    onLine();
  }
  await ws.commit();
  await wb.commit();
  await syncFile(file);
}

/** Writes the export to `out` (renamed into place when complete; an existing file is replaced). */
export async function writeCatalogExport(db: Db, format: CatalogFormat, out: string, sel: CatalogSelection, restrict: SqlFragment, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<CatalogExportResult> {
  if (!(CATALOG_FORMATS as readonly string[]).includes(format)) throw VaultError.of('BAD_REQUEST', upkeepMessages.exportFormat, { format });
  const target = path.resolve(out);
  const totalQ = sql`SELECT count(*) AS n FROM records WHERE ${where(sel, restrict)} AND ${NOT_SECRET}`;
  const total = (db.prepare(totalQ.text).get(...totalQ.params) as { n: number }).n;
  const leftOut = countLeftOut(db, sel, restrict);
  const temp = tempNameFor(target);
  let done = 0;
  const onLine = () => {
    done++;
    if (done % 5000 === 0) {
      signal?.throwIfAborted();
      onProgress(done, total);
    }
  };
  try {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const lines = exportLines(db, sel, restrict);
    if (format === 'csv') await writeChunks(temp, csvChunks(lines), onLine);
    else if (format === 'xml') await writeChunks(temp, xmlChunks(lines, total), onLine);
    else await writeCatalogXlsx(temp, lines, onLine);
    await fs.promises.rename(temp, target);
    await fsyncDir(path.dirname(target));
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    if (signal?.aborted) throw e;
    throw VaultError.of('CATALOG_EXPORT_FAILED', upkeepMessages.exportFailed, { path: target, reason: e instanceof Error ? e.message : String(e) }, {}, e);
  }
  onProgress(total, total);
  const bytes = (await fs.promises.stat(target)).size;
  return { path: target, format, records: total, leftOut, bytes };
}
