/**
 * A seal scanned in grey lies over the 成文日期 in mid-grey: tesseract (ours and Debian's) reads
 * the sign-off page as nothing. A page that reads that badly is read once more with its
 * light-grey ink whitened (page.ts clipBelowConfidence), which gives the date back; pages that
 * read well never take that path (the OCR bench's ablation: whitening every page ruins blurred
 * scans).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { DEFAULT_PAGE_OCR, ocrPage } from '../../../native/ocr/page.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { generateSampleScans, sourceDocuments } from '../../../native/samples/generate.js';
import { tempDir } from '../../harness/temp.js';

let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 1 });
});
after(async () => {
  await pool.terminate();
});

test('a grey sign-off page with the seal over the date reads its date through the whitening retry, and not without it', async () => {
  const dir = tempDir();
  // The embedded documents once, then the second one again (its second scan look): scanned in
  // grey, its last page the sign-off under the seal.
  const embedded = sourceDocuments(null).length;
  const manifest = await generateSampleScans(path.join(dir, 'scans'), { documents: embedded + 2, seedsDir: null, maxPagesPerDocument: 2 });
  const doc = manifest.documents[embedded + 1]!;
  const last = doc.pages.at(-1)!;
  assert.equal(last.colourMode, 'grey');
  assert.ok(last.degradations.includes('seal'));
  const date = last.lines.find((l) => /年.*月.*日$/.test(l.text))!.text;
  const image = path.join(dir, 'scans', doc.folder, last.file);
  const grey = path.join(dir, 'grey.png');
  await sharp(image).flatten({ background: '#ffffff' }).toColourspace('b-w').png().toFile(grey);
  const input = { greyFile: grey, colourFile: image, dpi: last.dpi };
  const compact = (t: string) => t.replace(/\s+/g, '').replace(/[O〇o0]/g, '〇');
  const withRetry = await ocrPage(pool, input);
  assert.ok(compact(withRetry.text).includes(compact(date)), `the date ${date} is read: ${withRetry.text}`);
  assert.ok(withRetry.settings.steps.includes('clip-100'), 'by the whitened reading');
  const without = await ocrPage(pool, input, { ...DEFAULT_PAGE_OCR, clipBelowConfidence: 0 });
  assert.ok(!compact(without.text).includes(compact(date)), `without the retry it is not: ${without.text}`);
});
