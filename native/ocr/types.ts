/**
 * Shapes of OCR output. page_text.layout holds an OcrLayout as JSON (migration 0030): boxes are
 * pixels of the normalized page image (derived/<sha>.norm.png, made from the stored page image
 * on first use, before any OCR preprocessing), and start/end are [start, end) offsets into
 * page_text.text (UTF-16 code units, as JS strings index), so a search hit at an offset maps
 * back to a box to highlight.
 */

/** [x0, y0, x1, y1]: left, top, right (exclusive), bottom (exclusive). */
export type OcrBox = [number, number, number, number];

/**
 * One recognized unit: a single Han character or CJK punctuation mark (tesseract groups Chinese
 * characters into arbitrary "words"; we split them so a two-character hit highlights two
 * boxes), or a run of Latin letters/digits/punctuation.
 */
export interface OcrWord {
  text: string;
  start: number;
  end: number;
  bbox: OcrBox;
  /** 0–100, tesseract's confidence. */
  confidence: number;
}

export interface OcrLine {
  text: string;
  start: number;
  end: number;
  bbox: OcrBox;
  confidence: number;
  words: OcrWord[];
}

export interface OcrLayout {
  /** Size of the image the boxes refer to (the normalized page image). */
  width: number;
  height: number;
  lines: OcrLine[];
}

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
