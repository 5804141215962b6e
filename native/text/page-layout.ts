/**
 * The layout of a page's recognized text, as page_text.layout holds it (migration 0030): boxes
 * are pixels of the normalized page image, and start/end are [start, end) offsets into
 * page_text.text (UTF-16 code units), so a search hit at an offset maps back to a box. OCR
 * writes it; search and extraction read it.
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
  /**
   * Seals found on the page image before recognition (red, or scanned in grey), when any: the
   * 成文日期 is printed under one. Absent in layouts written before seals were recorded.
   */
  seals?: OcrBox[];
}

