/**
 * Shapes of OCR output (the page layout types live in native/text/page-layout.ts, where search reads them too). page_text.layout holds an OcrLayout as JSON (migration 0030): boxes are
 * pixels of the normalized page image (derived/<sha>.norm.png, made from the stored page image
 * on first use, before any OCR preprocessing), and start/end are [start, end) offsets into
 * page_text.text (UTF-16 code units, as JS strings index), so a search hit at an offset maps
 * back to a box to highlight.
 */

import type { OcrLayout } from '../text/page-layout.js';

export type { OcrBox, OcrLayout, OcrLine, OcrWord } from '../text/page-layout.js';

/** Which preprocessing ran and with what result; stored as page_text.settings. */
export interface OcrSettings {
  languages: string;
  psm: number;
  oem: 'LSTM_ONLY';
  rotateAuto: boolean;
  /** Names of the preprocessing steps that ran, in order. */
  steps: string[];
  /** Step results worth keeping (e.g. estimated skew in degrees, crop box, scale). */
  details: Record<string, number | string | boolean | number[]>;
}

/** What OCR of one page produces: the row of page_text minus page_id and created_at. */
export interface PageOcrResult {
  text: string;
  layout: OcrLayout;
  meanConfidence: number | null;
  engine: string;
  engineVersion: string;
  model: string;
  modelVersion: string;
  settings: OcrSettings;
  /** Clockwise quarter-turn (0, 90, 180, 270) applied to the page before recognition. */
  rotation: number;
}
