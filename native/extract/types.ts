/**
 * Shapes shared by the extractors: OCR text of one page in, catalog-field suggestions out.
 * Suggestions are never written into a record by themselves: the archivist confirms them
 * (native/extract/suggestion-store.ts). The one exception is a state-secret mark, which puts the record
 * under 涉密 hold at once (store.ts applyClassificationHold).
 */

import type { Message } from '../i18n/messages.js';

/** [x0, y0, x1, y1] in pixels of the page image (same as OcrBox in native/ocr/types.ts). */
export type BBox = [number, number, number, number];

export interface PageLine {
  text: string;
  bbox: BBox;
  /** [start, end) offsets of the line in PageText.text when known (OcrLine has them). */
  start?: number;
  end?: number;
}

export interface PageText {
  pageNo: number;
  text: string;
  lines?: PageLine[];
  /** Size of the image the boxes refer to. */
  width?: number;
  height?: number;
  /** Boxes of seals found on the page image (red, or scanned in grey: OCR layout.seals), when known. */
  seals?: BBox[];
}

export type SuggestionField = 'docDate' | 'docNumber' | 'title' | 'creator' | 'classification';

export const SUGGESTION_FIELDS: readonly SuggestionField[] = ['docDate', 'docNumber', 'title', 'creator', 'classification'];

export interface Suggestion {
  field: SuggestionField;
  /**
   * docDate: YYYY-MM-DD; docNumber: normalized 档发〔2016〕6号; title, creator: text;
   * classification: the normalized printed mark, e.g. 秘密★10年, 机密, 内部 (parseMarkValue in
   * classification.ts reads it back).
   */
  value: string;
  pageNo: number;
  /** The printed text the value was read from (a line or two), shown to the archivist. */
  evidence: string;
  /** [start, end) offsets of the evidence in that page's text, when known. */
  start?: number;
  end?: number;
  bbox?: BBox;
  /** 0–1: how sure the extractor is; the UI orders and colours by it, never auto-accepts. */
  confidence: number;
  /** What placed the value (the layout cues that decided), for the archivist; not stored yet. */
  reason?: Message;
}
