import type { Db } from '../db/database.js';
import { detectClassificationMark } from '../extract/classification.js';
import { applyClassificationHold, saveSuggestions } from '../extract/suggestion-store.js';
import { pageTextOf } from '../extract/page-text.js';
import { suggestRecordFields } from '../extract/suggest.js';
import type { PageText } from '../extract/types.js';
import { indexPage } from '../search/index.js';
import type { OcrLayout } from '../ocr/types.js';

/**
 * What follows a page's text: the page becomes searchable, and once every page of its record
 * has text, the extractors suggest catalog fields and a state-secret mark on page 1 puts the
 * record under 涉密 hold. Runs inside the transaction that writes page_text (queue.ts), so the
 * text, the index, the suggestions and the hold commit together or not at all.
 */

export interface AfterTextResult {
  recordId: number;
  /** Every page of the record has text: extraction ran. */
  recordComplete: boolean;
  suggestions: number;
  held: boolean;
}

/** The record's pages with text, as the extractors read them (lines with boxes and offsets). */
export function recordPageTexts(db: Db, recordId: number): PageText[] {
  const rows = db
    .prepare(
      `SELECT p.page_no AS pageNo, t.text AS text, t.layout AS layout FROM pages p JOIN page_text t ON t.page_id = p.id
       WHERE p.record_id = ? ORDER BY p.page_no`,
    )
    .all(recordId) as { pageNo: number; text: string; layout: string }[];
  return rows.map((r) => pageTextOf(r.pageNo, r.text, JSON.parse(r.layout) as OcrLayout));
}

export function afterPageText(db: Db, pageId: number): AfterTextResult {
  indexPage(db, pageId);
  const row = db
    .prepare(
      `SELECT p.record_id AS recordId,
              (SELECT count(*) FROM pages a WHERE a.record_id = p.record_id) AS pages,
              (SELECT count(*) FROM pages b JOIN page_text t ON t.page_id = b.id WHERE b.record_id = p.record_id) AS withText
       FROM pages p WHERE p.id = ?`,
    )
    .get(pageId) as { recordId: number; pages: number; withText: number } | undefined;
  if (!row) return { recordId: 0, recordComplete: false, suggestions: 0, held: false };
  if (row.withText < row.pages) return { recordId: row.recordId, recordComplete: false, suggestions: 0, held: false };
  return { recordId: row.recordId, recordComplete: true, ...extractRecord(db, row.recordId) };
}

/** Suggestions from the record's text, and the 涉密 hold from page 1's mark. */
export function extractRecord(db: Db, recordId: number): { suggestions: number; held: boolean } {
  const pages = recordPageTexts(db, recordId);
  const saved = saveSuggestions(db, recordId, suggestRecordFields(pages));
  const first = pages.find((p) => p.pageNo === 1);
  const held = first ? applyClassificationHold(db, recordId, detectClassificationMark(first)) : false;
  return { suggestions: saved.length, held };
}
