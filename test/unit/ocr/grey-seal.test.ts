/**
 * A seal scanned in grey lies over the 成文日期 in mid-grey: tesseract (ours and Debian's) reads
 * the date under it as a blot. Preparation finds such a seal by its shape and even grey
 * (grey-seal.ts) and whitens its ink inside its box only, keeping the black text; blurred text,
 * which is mid-grey too, is never taken for a seal (whitening every page's grey ruins blurred
 * scans: the OCR bench's ablation).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { whitenGreySeals } from '../../../native/ocr/grey-seal.js';
import { DEFAULT_PAGE_OCR, ocrPage } from '../../../native/ocr/page.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { generateSampleScans, sourceDocuments } from '../../../native/samples/generate.js';
import { isoDate } from '../../../native/samples/chinese-date.js';
import { extractDates } from '../../../native/text/dates.js';
import { tempDir } from '../../harness/temp.js';

const DPI = 300;
const MM = DPI / 25.4;
const PAPER = 238;
const SEAL = 115;

/** A blank grey page, 148 × 120 mm. */
function page(): { data: Buffer; width: number; height: number } {
  const width = Math.round(148 * MM);
  const height = Math.round(120 * MM);
  return { data: Buffer.alloc(width * height, PAPER), width, height };
}

/** A seal's ring centred at (cx, cy) mm: 42 mm across, 1.2 mm of even seal grey. */
function ring(p: { data: Buffer; width: number; height: number }, cx: number, cy: number): void {
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const r = Math.hypot(x / MM - cx, y / MM - cy);
      if (r >= 19.8 && r <= 21) p.data[y * p.width + x] = SEAL;
    }
  }
}

/** Fills a rectangle (mm) with grey v, pixel by pixel. */
function rect(p: { data: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number, v: number): void {
  for (let y = Math.round(y0 * MM); y < Math.round(y1 * MM); y++) for (let x = Math.round(x0 * MM); x < Math.round(x1 * MM); x++) p.data[y * p.width + x] = Math.min(p.data[y * p.width + x]!, v);
}

test('a grey seal ring is found and whitened inside its box; the black text under it and everything outside stay', () => {
  const p = page();
  const cx = 70;
  const cy = 60;
  // The ring, and a filled block for the star.
  ring(p, cx, cy);
  rect(p, cx - 5, cy - 8, cx + 5, cy - 2, SEAL);
  // The date line under it: black strokes 0.5 mm thick, across the ring; text above the seal.
  for (let k = 0; k < 9; k++) rect(p, 45 + k * 6, cy + 8, 49 + k * 6, cy + 8.5, 10);
  rect(p, 20, 20, 120, 20.5, 10);
  const before = Buffer.from(p.data);
  const r = whitenGreySeals(p.data, p.width, p.height, DPI);
  assert.ok(r, 'the seal is found');
  assert.equal(r.seals.length, 1);
  const [x0, y0, x1, y1] = r.seals[0]!.map((v) => v / MM);
  assert.ok(Math.abs((x0! + x1!) / 2 - cx) < 2 && Math.abs((y0! + y1!) / 2 - cy) < 2, `the box is the ring's: ${r.seals[0]}`);
  assert.ok(Math.abs(r.levels[0]! - SEAL) <= 2, `its grey is the seal's: ${r.levels[0]}`);
  const at = (xMm: number, yMm: number, d = r.data) => d[Math.round(yMm * MM) * p.width + Math.round(xMm * MM)]!;
  assert.equal(at(cx - 20.4, cy), 255, 'the ring is whitened');
  assert.equal(at(cx, cy - 5), 255, 'the star is whitened');
  // hypot(52 − 70, 8.2) ≈ 19.8 mm: where the stroke crosses the ring.
  assert.ok(at(52, cy + 8.2) <= 10, 'the date stroke under the ring stays black');
  assert.equal(at(45.5, cy + 8.2), 10, 'the stroke outside the seal box is untouched');
  assert.equal(at(50, 20.2), 10, 'text outside the seal is untouched');
  assert.equal(at(130, 100), PAPER, 'paper outside the seal is untouched');
  assert.ok(before.equals(p.data), 'the input buffer is not changed');
});

test('blurred text (mid-grey rows across the page), a header scanned in grey and a page without a seal are left alone', () => {
  // Twelve lines of "blurred" text: 150 mm wide, every stroke mid-grey, like a defocused scan.
  const blurred = page();
  for (let line = 0; line < 12; line++) {
    for (let k = 0; k < 30; k++) rect(blurred, 6 + k * 4.5, 8 + line * 8, 9.5 + k * 4.5, 13 + line * 8, SEAL + (k % 3) * 20);
  }
  assert.equal(whitenGreySeals(blurred.data, blurred.width, blurred.height, DPI), null);
  // A red header scanned in grey: two lines of big characters of one even grey, filling a box
  // of a seal's size (each character a frame of strokes 1.5 mm thick, a bar across it).
  const header = page();
  for (const [x, y] of [[40, 20], [58, 20], [76, 20], [49, 40], [67, 40]] as const) {
    rect(header, x, y, x + 15, y + 1.5, SEAL);
    rect(header, x, y + 13.5, x + 15, y + 15, SEAL);
    rect(header, x, y, x + 1.5, y + 15, SEAL);
    rect(header, x + 13.5, y, x + 15, y + 15, SEAL);
    rect(header, x, y + 7, x + 15, y + 8.5, SEAL);
  }
  assert.equal(whitenGreySeals(header.data, header.width, header.height, DPI), null, 'a header is not a seal');
  const plain = page();
  for (let line = 0; line < 12; line++) rect(plain, 10, 10 + line * 8, 130, 11 + line * 8, 10);
  assert.equal(whitenGreySeals(plain.data, plain.width, plain.height, DPI), null);
});

let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 1 });
});
after(async () => {
  await pool.terminate();
});

test('a grey sign-off page with the seal over the date reads its date with the seal whitened (and at the sign-off scale when a reading missed it), and not without it', async () => {
  const dir = tempDir();
  const embedded = sourceDocuments(null).length;
  const manifest = await generateSampleScans(path.join(dir, 'scans'), { documents: embedded, seedsDir: null, maxPagesPerDocument: 2 });
  // The 通报: one page, scanned in grey, the sign-off under the seal.
  const doc = manifest.documents.find((d) => d.id === 'wandangzi-2017-21')!;
  const last = doc.pages.at(-1)!;
  assert.equal(last.colourMode, 'grey');
  assert.ok(last.degradations.includes('seal'));
  const date = isoDate(last.lines.find((l) => l.role === 'date')!.text);
  const image = path.join(dir, 'scans', doc.folder, last.file);
  const grey = path.join(dir, 'grey.png');
  await sharp(image).flatten({ background: '#ffffff' }).toColourspace('b-w').png().toFile(grey);
  const input = { greyFile: grey, colourFile: image, dpi: last.dpi };
  const dates = (t: string) => extractDates(t).filter((d) => d.precision === 'day').map((d) => d.date);
  const read = await ocrPage(pool, input);
  assert.ok(read.settings.steps.includes('grey-seals'), `the seal is found: ${read.settings.steps}`);
  assert.ok(dates(read.text).includes(date!), `the date ${date} is read: ${read.text}`);
  // The seal's box goes with the layout (extraction weighs a date under a seal), over the date line.
  const seals = read.layout.seals ?? [];
  assert.equal(seals.length, 1);
  const dateLine = read.layout.lines.find((l) => dates(l.text).includes(date!))!;
  assert.ok(seals[0]![0] < dateLine.bbox[2] && dateLine.bbox[0] < seals[0]![2] && seals[0]![1] < dateLine.bbox[3] && dateLine.bbox[1] < seals[0]![3], `the seal ${seals[0]} lies over the date line ${dateLine.bbox}`);
  const without = await ocrPage(pool, input, { ...DEFAULT_PAGE_OCR, clipBelowConfidence: 0, sealDateTextHeightsPx: [], preprocess: { ...DEFAULT_PAGE_OCR.preprocess, greySeals: false } });
  assert.ok(!dates(without.text).includes(date!), `without it the date is not read: ${without.text}`);

  // A reading that misses the date under the seal (here: type scaled to 9 px, too small to read)
  // is followed by one at the sign-off scale, which is kept because it reads the date.
  const tiny = { ...DEFAULT_PAGE_OCR, clipBelowConfidence: 0, flipBelowConfidence: 0, preprocess: { ...DEFAULT_PAGE_OCR.preprocess, textHeightPx: 9 } };
  const missed = await ocrPage(pool, input, { ...tiny, sealDateTextHeightsPx: [] });
  assert.ok(!dates(missed.text).includes(date!), `at 9 px the date is not read: ${missed.text}`);
  const reread = await ocrPage(pool, input, { ...tiny, sealDateTextHeightsPx: [32] });
  assert.equal(reread.settings.details['sealDateReread'], 32);
  assert.ok(dates(reread.text).includes(date!), `the second reading reads the date ${date}: ${reread.text}`);
});

test('a ring cut into arcs by the lines of text across it is still one seal, with its whole box', () => {
  const p = page();
  const cx = 70;
  const cy = 60;
  ring(p, cx, cy);
  // Two lines of black text, 5 mm tall, run right across the ring: its blocks there hold black,
  // so the ring falls into an upper, a middle and a lower arc.
  for (const top of [cy - 6, cy + 4]) for (let k = 0; k < 12; k++) rect(p, 44 + k * 4.5, top, 47.5 + k * 4.5, top + 5, 10);
  const r = whitenGreySeals(p.data, p.width, p.height, DPI);
  assert.ok(r, 'the seal is found');
  assert.equal(r.seals.length, 1);
  const [x0, y0, x1, y1] = r.seals[0]!.map((v) => v / MM);
  assert.ok(x1! - x0! > 40 && y1! - y0! > 40, `the box covers the whole ring: ${r.seals[0]}`);
});
