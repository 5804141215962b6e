import type { OcrLayout } from '../text/page-layout.js';
import type { PageText } from './types.js';

/**
 * A page's OCR result as the extractors read it: its lines with boxes and offsets, the size the
 * boxes refer to, and the seals found on the image (older layouts have none).
 */
export function pageTextOf(pageNo: number, text: string, layout: Pick<OcrLayout, 'lines' | 'width' | 'height' | 'seals'>): PageText {
  return {
    pageNo,
    text,
    lines: layout.lines.map((l) => ({ text: l.text, bbox: l.bbox, start: l.start, end: l.end })),
    width: layout.width,
    height: layout.height,
    ...(layout.seals ? { seals: layout.seals } : {}),
  };
}
