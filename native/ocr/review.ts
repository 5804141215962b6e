import sharp from 'sharp';
import type { PageOcrResult } from './types.js';

/**
 * A page that has ink but came back from OCR with no readable text (a date under a seal, a
 * faint signature page) is not silently done: it is flagged for a person to look at. Ink is the
 * share of dark pixels of the normalized grey page; readable text counts Han characters,
 * letters and digits, so a page of OCR noise (，。| —) counts as empty.
 */
export type ReviewReason = 'OCR_EMPTY_WITH_INK' | 'OCR_LOW_CONFIDENCE_WITH_INK';

/** Darker than this on 0–255 is ink (the normalized page is black text on white). */
const INK_LEVEL = 128;
/** More than this share of dark pixels is a page with something on it (a blank page with speckle is ~0.05 %). */
export const INK_SHARE = 0.005;
const MIN_READABLE = 4;
/** Tesseract's mean word confidence (0–100) below which the text is mostly unreadable. */
const MIN_CONFIDENCE = 35;

export function readableChars(text: string): number {
  return (text.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? []).length;
}

/** The share of dark pixels of a grey image (0..1). */
export async function inkShare(greyFile: string): Promise<number> {
  const { data, info } = await sharp(greyFile).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < INK_LEVEL) dark++;
  return dark / (data.length / info.channels);
}

/** Why the page needs a person's look, or null. The image is read only when the text looks empty or weak. */
export async function reviewReason(result: Pick<PageOcrResult, 'text' | 'meanConfidence'>, greyFile: string): Promise<ReviewReason | null> {
  const empty = readableChars(result.text) < MIN_READABLE;
  const weak = !empty && result.meanConfidence !== null && result.meanConfidence < MIN_CONFIDENCE;
  if (!empty && !weak) return null;
  if ((await inkShare(greyFile)) <= INK_SHARE) return null;
  return empty ? 'OCR_EMPTY_WITH_INK' : 'OCR_LOW_CONFIDENCE_WITH_INK';
}
