import type { OcrBox, OcrLayout, OcrLine, OcrWord } from '../text/page-layout.js';

/**
 * From a hit's [start, end) range in page_text.text to boxes on the page image, via the OCR
 * layout (native/ocr/types.ts). One box per line the hit touches: the union of the words it
 * overlaps, where a word only partly inside the hit (a Latin run, or a "word" tesseract did not
 * split) contributes the proportional part of its box, character by character.
 */

function isBox(v: unknown): v is OcrBox {
  return Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isWord(v: unknown): v is OcrWord {
  if (typeof v !== 'object' || v === null) return false;
  const w = v as Record<string, unknown>;
  return typeof w['text'] === 'string' && typeof w['start'] === 'number' && typeof w['end'] === 'number' && isBox(w['bbox']);
}

/**
 * Reads page_text.layout defensively: a row written by an older or broken OCR run must not
 * make search fail, it only loses its boxes. Returns null when the JSON is not a layout.
 */
export function parseLayout(json: string): OcrLayout | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o['width'] !== 'number' || typeof o['height'] !== 'number' || !Array.isArray(o['lines'])) return null;
  const lines: OcrLine[] = [];
  for (const l of o['lines'] as unknown[]) {
    if (typeof l !== 'object' || l === null) return null;
    const line = l as Record<string, unknown>;
    if (typeof line['start'] !== 'number' || typeof line['end'] !== 'number' || !isBox(line['bbox'])) return null;
    const words = Array.isArray(line['words']) ? (line['words'] as unknown[]).filter(isWord) : [];
    lines.push({
      text: typeof line['text'] === 'string' ? line['text'] : '',
      start: line['start'],
      end: line['end'],
      bbox: line['bbox'],
      confidence: typeof line['confidence'] === 'number' ? line['confidence'] : 0,
      words,
    });
  }
  return { width: o['width'], height: o['height'], lines };
}

/** The part of a unit's box covering [start, end) of its text, assuming equal-width characters. */
function partOf(unit: { start: number; end: number; bbox: OcrBox }, start: number, end: number): OcrBox {
  const s = Math.max(start, unit.start);
  const e = Math.min(end, unit.end);
  const len = unit.end - unit.start;
  const [x0, y0, x1, y1] = unit.bbox;
  if (len <= 0 || (s <= unit.start && e >= unit.end)) return [x0, y0, x1, y1];
  const w = x1 - x0;
  return [Math.round(x0 + (w * (s - unit.start)) / len), y0, Math.round(x0 + (w * (e - unit.start)) / len), y1];
}

function union(a: OcrBox, b: OcrBox): OcrBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Boxes for one [start, end) range of page_text.text: one per line it touches. */
export function boxesForRange(layout: OcrLayout, start: number, end: number): OcrBox[] {
  const out: OcrBox[] = [];
  for (const line of layout.lines) {
    if (line.end <= start || line.start >= end) continue;
    let box: OcrBox | null = null;
    for (const w of line.words) {
      if (w.end <= start || w.start >= end) continue;
      const part = partOf(w, start, end);
      box = box ? union(box, part) : part;
    }
    // A line without word boxes (or whose words miss the range) falls back to the line box.
    out.push(box ?? partOf(line, start, end));
  }
  return out;
}
