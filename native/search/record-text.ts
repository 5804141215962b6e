import type { Db } from '../db/database.js';
import { recordTextDocument } from './grams.js';
import { normalizeText } from './normalize.js';
import { rawRows, stmt } from './statements.js';

/**
 * The record-level text index (search_record_text, migration 0110): keeping each record's
 * document in step with its pages without rebuilding it for every page OCR writes.
 *
 * A page whose text changed is marked not in its record's document (search_page.
 * in_record_text = 0); if its old text was in the document, the record is marked stale (the
 * document may hold grams the record no longer has). The document is rebuilt from all the
 * record's pages when every page has text, or when enough pages wait (PENDING_LIMIT, or as many
 * as are already in it: rebuilds then double in size, so a 5,000-page item costs a bounded
 * number of re-reads, not one per page), and at the end of an OCR run (flushRecordText).
 * Searches read what the documents do not cover from the page text (page-derived.ts uncovered).
 */

/** Page counts in record documents are capped here (the relevance cap, evaluate.ts PAGE_CAP). */
export const RECORD_TEXT_CAP = 10;
export const PENDING_LIMIT = 64;

function deleteRecordDoc(db: Db, recordId: number): void {
  if (!stmt(db, 'SELECT 1 FROM search_record_text_state WHERE record_id = ?').get(recordId)) return;
  stmt(db, 'DELETE FROM search_record_text WHERE rowid = ?').run(recordId);
  stmt(db, 'DELETE FROM search_record_text_state WHERE record_id = ?').run(recordId);
}

/** Writes a record's document from its pages' normalized texts (all of them, in any order). */
export function writeRecordDoc(db: Db, recordId: number, norms: readonly string[]): void {
  deleteRecordDoc(db, recordId);
  if (norms.length === 0) return;
  stmt(db, 'INSERT INTO search_record_text (rowid, grams) VALUES (?, ?)').run(recordId, recordTextDocument(norms, RECORD_TEXT_CAP));
  stmt(db, 'INSERT INTO search_record_text_state (record_id, stale) VALUES (?, 0)').run(recordId);
}

/** Rebuilds a record's document from every indexed page of it. */
export function rebuildRecordText(db: Db, recordId: number): void {
  const texts = rawRows<[string]>(db, 'SELECT t.text FROM search_page sp JOIN page_text t ON t.page_id = sp.page_id WHERE sp.record_id = ?', recordId);
  writeRecordDoc(db, recordId, texts.map(([t]) => normalizeText(t)));
  stmt(db, 'UPDATE search_page SET in_record_text = 1 WHERE record_id = ? AND in_record_text = 0').run(recordId);
}

/** The record no longer has text: its document goes. */
export function dropRecordText(db: Db, recordId: number): void {
  deleteRecordDoc(db, recordId);
}

/** A page's text is about to change or go: if its old text is in the document, the record is stale. */
export function pageLeavesRecordText(db: Db, recordId: number, wasInRecordText: boolean): void {
  if (wasInRecordText) stmt(db, 'UPDATE search_record_text_state SET stale = 1 WHERE record_id = ?').run(recordId);
}

/** Rebuilds the record's document when the policy above says so. */
export function maybeRebuildRecordText(db: Db, recordId: number): void {
  const s = stmt(db, `SELECT
      (SELECT count(*) FROM search_page WHERE record_id = @id AND in_record_text = 0) AS pending,
      (SELECT count(*) FROM search_page WHERE record_id = @id) AS indexed,
      (SELECT count(*) FROM pages WHERE record_id = @id) AS pages,
      (SELECT stale FROM search_record_text_state WHERE record_id = @id) AS stale`).get({ id: recordId }) as { pending: number; indexed: number; pages: number; stale: number | null };
  if (s.pending === 0 && s.stale !== 1) return;
  const complete = s.indexed >= s.pages;
  if (complete || s.pending >= PENDING_LIMIT || s.pending >= s.indexed - s.pending) rebuildRecordText(db, recordId);
}

/** Rebuilds every record with pages waiting or a stale document (end of an OCR run, reindex). */
export function flushRecordText(db: Db): number {
  const ids = rawRows<[number]>(db, `SELECT DISTINCT record_id FROM search_page WHERE in_record_text = 0
    UNION SELECT record_id FROM search_record_text_state WHERE stale = 1`).map(([id]) => id);
  for (const id of ids) rebuildRecordText(db, id);
  return ids.length;
}
