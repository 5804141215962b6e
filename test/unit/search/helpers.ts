import type { Db } from '../../../native/db/database.js';
import type { OcrLayout, OcrLine, OcrWord } from '../../../native/ocr/types.js';
import { indexPage, indexRecord } from '../../../native/search/indexer.js';
import type { Vault } from '../../../native/vault/vault.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { tempDir } from '../../harness/temp.js';

/**
 * A real vault with catalog rows written directly (no ingest, no OCR): records, one master per
 * record, pages, objects and page_text with a synthetic layout, indexed like the OCR job would.
 */

export async function newVault(): Promise<Vault> {
  return initWorkingVault(tempDir());
}

export interface RecordInput {
  title?: string;
  creator?: string;
  docNumber?: string;
  remarks?: string;
  fondsCode?: string;
  categoryCode?: string;
  year?: number;
  retention?: 'Y' | 'D30' | 'D10';
  orgUnit?: string;
  docDate?: string | null;
  classification?: 'public' | 'internal' | 'secret' | 'confidential' | 'top_secret';
  classifiedHold?: boolean;
  archivalCode?: string;
  /** Page texts; each becomes a page with page_text (null: a page without OCR text). */
  pages?: (string | null)[];
  /** Index the record and its pages (default true). */
  index?: boolean;
}

let counter = 0;

function sha(n: number): string {
  return n.toString(16).padStart(64, '0');
}

/** Boxes of a synthetic page: each character 20 px wide, each line 30 px high, 100 px margins. */
export const CHAR_W = 20;
export const LINE_H = 30;
export const MARGIN = 100;

/**
 * A layout like the OCR helper writes: one line per "\n"-separated line; one word per Han
 * character, one per run of other non-space characters.
 */
export function layoutFor(text: string): OcrLayout {
  const lines: OcrLine[] = [];
  let offset = 0;
  text.split('\n').forEach((lineText, li) => {
    const y0 = MARGIN + li * LINE_H;
    const words: OcrWord[] = [];
    const re = /\p{Script=Han}|[^\s\p{Script=Han}]+/gu;
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      const s = offset + m.index;
      const x0 = MARGIN + m.index * CHAR_W;
      words.push({ text: m[0], start: s, end: s + m[0].length, bbox: [x0, y0, x0 + m[0].length * CHAR_W, y0 + LINE_H - 4], confidence: 90 });
    }
    lines.push({ text: lineText, start: offset, end: offset + lineText.length, bbox: [MARGIN, y0, MARGIN + lineText.length * CHAR_W, y0 + LINE_H - 4], confidence: 90, words });
    offset += lineText.length + 1;
  });
  return { width: 2480, height: 3508, lines };
}

export interface AddedRecord {
  id: number;
  archivalCode: string;
  pageIds: number[];
}

export function addRecord(db: Db, r: RecordInput = {}): AddedRecord {
  const n = ++counter;
  const now = new Date().toISOString();
  const category = r.categoryCode ?? 'WS';
  const year = r.year ?? 2016;
  const retention = r.retention ?? 'Y';
  const code = r.archivalCode ?? `${r.fondsCode ?? 'Z109'}-${category}·${year}-${retention}-${r.orgUnit ?? 'BGS'}-${String(n).padStart(4, '0')}`;
  const pages = r.pages ?? [];
  const id = Number(db.prepare(`INSERT INTO records (fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator, doc_number,
      doc_date, page_count, classification, classified_hold, remarks, source_key, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.fondsCode ?? 'Z109', category, year, retention, r.orgUnit ?? 'BGS', n, code, r.title ?? '', r.creator ?? '', r.docNumber ?? '',
    r.docDate === undefined ? null : r.docDate, Math.max(1, pages.length), r.classification ?? 'public', r.classifiedHold ? 1 : 0, r.remarks ?? '', `test-${n}`, now, now,
  ).lastInsertRowid);
  const objectSha = sha(n);
  db.prepare('INSERT OR IGNORE INTO objects (sha256, sm3, size, created_at) VALUES (?, ?, ?, ?)').run(objectSha, objectSha, 1, now);
  const masterId = Number(db.prepare('INSERT INTO masters (record_id, seq, sha256, format, original_name, page_count) VALUES (?, 1, ?, ?, ?, ?)')
    .run(id, objectSha, 'tiff', `r${n}.tif`, Math.max(1, pages.length)).lastInsertRowid);
  const pageIds: number[] = [];
  pages.forEach((text, i) => {
    const pageId = Number(db.prepare(`INSERT INTO pages (record_id, page_no, master_id, master_page, image_sha256, format, compression, width, height, colour_mode)
      VALUES (?, ?, ?, ?, ?, 'tiff', 'none', 2480, 3508, 'gray')`).run(id, i + 1, masterId, i + 1, objectSha).lastInsertRowid);
    pageIds.push(pageId);
    if (text !== null) setPageText(db, pageId, text, r.index !== false);
  });
  if (r.index !== false) indexRecord(db, id);
  return { id, archivalCode: code, pageIds };
}

/** Writes (or replaces) a page's OCR text and, like the OCR job, indexes it in the same transaction. */
export function setPageText(db: Db, pageId: number, text: string, index = true): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO page_text (page_id, text, layout, engine, engine_version, model, model_version, created_at)
      VALUES (?, ?, ?, 'test', '0', 'none', '0', ?)
      ON CONFLICT (page_id) DO UPDATE SET text = excluded.text, layout = excluded.layout`).run(pageId, text, JSON.stringify(layoutFor(text)), new Date().toISOString());
    if (index) indexPage(db, pageId);
  })();
}
