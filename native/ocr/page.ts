import { extractDates, plausibleDocDate } from '../text/dates.js';
import { buildPageText } from './page-text-from-tesseract.js';
import type { RawRecognition } from './engine.js';
import { type Affine, compose, mapBox, unrotate } from './geometry.js';
import type { OcrPool } from './pool.js';
import { DEFAULT_PREPROCESS, preparePage, type PageImageInput, type PreparedImage, type PreprocessOptions } from './preprocess.js';
import type { PageOcrResult } from './types.js';

/**
 * OCR of one page: prepare the image, recognize it on a pooled engine, clean the text and map
 * the boxes back to the normalized page image. A page that reads with low confidence is tried
 * once more turned upside down (scans fed in the wrong way round), and the better reading kept.
 */

export interface PageOcrOptions {
  preprocess: PreprocessOptions;
  psm: number;
  rotateAuto: boolean;
  /** Below this mean confidence the page is also read turned 180°; 0 turns the retry off. */
  flipBelowConfidence: number;
  /**
   * Below this mean confidence (after the flip) the page is read once more with its light-grey
   * ink whitened (preprocess clipLighterThan: a seal scanned in grey over the text); 0: off.
   */
  clipBelowConfidence?: number;
  /** The grey level of that reading. */
  clipLighterThan?: number;
  /**
   * A page with a seal whose lines under it hold no date is read again with its type scaled to
   * these heights (px) in turn, until a reading reads a date there, which is kept (none: the
   * first reading stays). The 成文日期 under a seal is what reads worst, and another scale reads
   * it on most pages where the first did not (extract bench). Empty: off.
   */
  sealDateTextHeightsPx?: number[];
  timeoutMs?: number;
}

export const DEFAULT_PAGE_OCR: PageOcrOptions = {
  preprocess: DEFAULT_PREPROCESS,
  psm: 3,
  rotateAuto: false,
  flipBelowConfidence: 50,
  clipBelowConfidence: 50,
  clipLighterThan: 100,
  sealDateTextHeightsPx: [32, 20],
};

interface Reading {
  prepared: PreparedImage;
  raw: RawRecognition;
  result: PageOcrResult;
}

async function readOnce(pool: OcrPool, input: PageImageInput, options: PageOcrOptions, extraTurn: number, signal: AbortSignal | undefined): Promise<Reading> {
  const prepared = await preparePage(input, options.preprocess, extraTurn);
  signal?.throwIfAborted();
  const { raw, info } = await pool.run(async (engine) => ({
    raw: await engine.recognize(prepared.image, {
      psm: options.psm,
      rotateAuto: options.rotateAuto,
      dpi: prepared.dpi,
      ...(signal ? { signal } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    info: engine.info,
  }), signal);
  let toSource: Affine = prepared.toSource;
  if (raw.rotateRadians !== 0) {
    // rotateAuto: tesseract rotated the image about its centre on a canvas of the same size;
    // its boxes are in that rotated frame.
    const deg = (-raw.rotateRadians * 180) / Math.PI;
    toSource = compose(toSource, unrotate(deg, prepared.width, prepared.height, prepared.width, prepared.height));
  }
  const clean = buildPageText(raw.blocks, {
    width: prepared.sourceWidth,
    height: prepared.sourceHeight,
    mapBox: (b) => mapBox(toSource, b),
  });
  const details = { ...prepared.details };
  if (raw.rotateRadians !== 0) details['rotateAutoDegrees'] = Math.round(((raw.rotateRadians * 180) / Math.PI) * 100) / 100;
  const result: PageOcrResult = {
    text: clean.text,
    layout: prepared.seals.length > 0 ? { ...clean.layout, seals: prepared.seals } : clean.layout,
    meanConfidence: clean.meanConfidence,
    engine: info.engine,
    engineVersion: `${info.engineVersion}, tesseract ${raw.tesseractVersion}`,
    model: info.model,
    modelVersion: info.modelVersion,
    settings: {
      languages: info.model,
      psm: options.psm,
      oem: 'LSTM_ONLY',
      rotateAuto: options.rotateAuto,
      steps: prepared.steps,
      details,
    },
    rotation: prepared.rotation,
  };
  return { prepared, raw, result };
}

export async function ocrPage(pool: OcrPool, input: PageImageInput, options: PageOcrOptions = DEFAULT_PAGE_OCR, signal?: AbortSignal): Promise<PageOcrResult> {
  const first = await readOnce(pool, input, options, 0, signal);
  let best = first;
  let turn = 0;
  const conf = first.result.meanConfidence ?? 0;
  if (options.flipBelowConfidence > 0 && conf < options.flipBelowConfidence) {
    const flipped = await readOnce(pool, input, options, 180, signal);
    if ((flipped.result.meanConfidence ?? 0) > conf + 5) {
      best = flipped;
      turn = 180;
    }
    best.result.settings.details['flipTried'] = true;
    best.result.settings.details['flipConfidences'] = [conf, flipped.result.meanConfidence ?? 0];
  }
  const bestConf = best.result.meanConfidence ?? 0;
  const clip = options.clipLighterThan ?? 0;
  if ((options.clipBelowConfidence ?? 0) > 0 && bestConf < options.clipBelowConfidence! && clip > 0) {
    const clipped = await readOnce(pool, input, { ...options, preprocess: { ...options.preprocess, clipLighterThan: clip } }, turn, signal);
    const clippedConf = clipped.result.meanConfidence ?? 0;
    // Better when surer, or when it reads something where the other read nothing.
    const better = clippedConf > bestConf + 5 || (best.result.text.trim() === '' && clipped.result.text.trim() !== '');
    const kept = better ? clipped : best;
    kept.result.settings.details = { ...best.result.settings.details, ...kept.result.settings.details, clipTried: true, clipConfidences: [bestConf, clippedConf] };
    return rereadSealDate(pool, input, options, turn, kept.result, signal);
  }
  return rereadSealDate(pool, input, options, turn, best.result, signal);
}

/** Whether a line under one of the page's seals holds a whole date a document can bear (not 二一六年, a lost 〇). */
function readsSealDate(result: PageOcrResult): boolean {
  const seals = result.layout.seals ?? [];
  return result.layout.lines.some((l) => seals.some((s) => overlaps(s, l.bbox)) && extractDates(l.text).some((d) => d.precision === 'day' && plausibleDocDate(d.date)));
}

function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
}

async function rereadSealDate(pool: OcrPool, input: PageImageInput, options: PageOcrOptions, turn: number, result: PageOcrResult, signal: AbortSignal | undefined): Promise<PageOcrResult> {
  const heights = options.sealDateTextHeightsPx ?? [];
  if (heights.length === 0 || !result.layout.seals || readsSealDate(result)) return result;
  for (const height of heights) {
    const again = (await readOnce(pool, input, { ...options, preprocess: { ...options.preprocess, textHeightPx: height } }, turn, signal)).result;
    if (!readsSealDate(again)) continue;
    again.settings.details = { ...result.settings.details, ...again.settings.details, sealDateReread: height };
    return again;
  }
  result.settings.details = { ...result.settings.details, sealDateReread: false };
  return result;
}
