// The measuring itself lives with the page images (native/images/page-measures.ts) so ingest,
// which already holds each page's bytes, can measure a page once and QC reuse it.
export { measureGrey, measurePage, MEASURES_VERSION, WORK_WIDTH, type PageMeasures } from '../images/page-measures.js';

/** A page's cells ready for comparison: their greys, the paper's grey, and how much ink they hold in all. */
export interface SheetPrint {
  cells: Uint8Array;
  ink: number;
}

export function sheetPrint(hash: string): SheetPrint {
  const cells = Uint8Array.from(Buffer.from(hash, 'hex'));
  const sorted = [...cells].sort((a, b) => a - b);
  const paper = sorted[Math.floor(sorted.length * 0.9)] ?? 255;
  let ink = 0;
  for (const c of cells) if (c < paper) ink += paper - c;
  return { cells, ink };
}

/** Grey levels of difference a cell may show between two encodings of one scan (JPEG noise). */
const CELL_NOISE = 2;

/**
 * How far apart two pages look: the cell greys' differences beyond encoding noise, over the ink
 * the pages hold (so a page with two lines is compared by those lines, not by its white). The
 * same scan saved again (re-encoded, recompressed, copied) comes out at 0.00; the sheet scanned
 * again a few pixels off at 0.04–0.12; different pages at 0.09 (two signature-only pages) to
 * 0.2 (two pages of uniform text) and above — measured on the sample scans and the test pages
 * (test/unit/qc/analyze.test.ts). `limit` stops early once the pages are further apart.
 */
export function sheetDistance(a: SheetPrint, b: SheetPrint, limit = Infinity): number {
  if (a.cells.length !== b.cells.length || a.cells.length === 0) return Infinity;
  const scale = Math.max(1, a.ink, b.ink);
  const budget = limit * scale;
  let d = 0;
  for (let i = 0; i < a.cells.length; i++) {
    const x = a.cells[i]! - b.cells[i]!;
    const e = (x < 0 ? -x : x) - CELL_NOISE;
    if (e > 0) d += e;
    if (d > budget) return d / scale;
  }
  return d / scale;
}

export function hashDistance(a: string, b: string): number {
  return sheetDistance(sheetPrint(a), sheetPrint(b));
}
