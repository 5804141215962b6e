import sharp from 'sharp';
import { detectClassificationMark } from '../extract/classification.js';
import { pageTextOf } from '../extract/page-text.js';
import type { PageText } from '../extract/types.js';
import { buildPageText } from '../ocr/page-text-from-tesseract.js';
import type { OcrPool } from '../ocr/pool.js';
import type { PageImageInput } from '../ocr/preprocess.js';
import type { OcrLine, PageOcrResult } from '../ocr/types.js';

/**
 * The classification mark (秘密★10年 …) sits alone in the top corner of page 1 (GB/T 9704).
 * tesseract's automatic page segmentation often takes such a short isolated line for noise and
 * drops it, and a dropped mark means a classified record escapes the 涉密 hold. So page 1's top
 * band is read again on its own as one block (PSM 6), and a mark found there is added to the
 * page text as its first line, with its box, when the full-page reading missed it.
 */

/** The band read for the mark: the top fifth of the page, where the mark and header are. */
const ZONE_HEIGHT = 0.2;
/** Mark type (3号, ~16 pt ≈ 66 px at 300 dpi) scaled to the ~24 px tesseract reads best. */
const SCALE_AT_300DPI = 0.36;

function hasSecretMark(page: PageText): boolean {
  const mark = detectClassificationMark(page);
  return mark !== null && mark.level !== 'internal';
}

/** Puts `line` (offsets relative to its own text) before the page's text, shifting the rest. */
function prependLine(result: PageOcrResult, line: OcrLine): PageOcrResult {
  const shift = line.text.length + 1;
  const moved = result.layout.lines.map((l) => ({
    ...l,
    start: l.start + shift,
    end: l.end + shift,
    words: l.words.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })),
  }));
  const first: OcrLine = {
    ...line,
    start: 0,
    end: line.text.length,
    words: line.words.map((w) => ({ ...w, start: w.start - line.start, end: w.end - line.start })),
  };
  const text = result.text === '' ? line.text : `${line.text}\n${result.text}`;
  return {
    ...result,
    text,
    layout: { ...result.layout, lines: [first, ...moved] },
    settings: { ...result.settings, steps: [...result.settings.steps, 'mark-zone'] },
  };
}

/** Reads page 1's mark zone when the full-page reading holds no state-secret mark. */
export async function readMarkZone(pool: OcrPool, input: PageImageInput, result: PageOcrResult, signal?: AbortSignal): Promise<PageOcrResult> {
  const { width, height } = result.layout;
  if (hasSecretMark(pageTextOf(1, result.text, result.layout))) return result;
  const scale = SCALE_AT_300DPI * (300 / (input.dpi && input.dpi > 0 ? input.dpi : 300));
  const zoneH = Math.max(1, Math.round(height * ZONE_HEIGHT));
  const image = await sharp(input.greyFile)
    .extract({ left: 0, top: 0, width, height: Math.min(zoneH, height) })
    .resize({ width: Math.max(1, Math.round(width * scale)) })
    .png({ compressionLevel: 1 })
    .toBuffer();
  signal?.throwIfAborted();
  const raw = await pool.run((engine) => engine.recognize(image, { psm: 6, dpi: Math.round((input.dpi ?? 300) * scale), ...(signal ? { signal } : {}) }), signal);
  const zone = buildPageText(raw.blocks, { width, height, mapBox: (b) => [b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale] });
  const markLine = zone.layout.lines.find((l) => hasSecretMark(pageTextOf(1, l.text, { lines: [{ ...l, start: 0, end: l.text.length }], width, height })));
  return markLine ? prependLine(result, markLine) : result;
}
