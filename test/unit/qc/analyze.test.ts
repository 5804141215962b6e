/**
 * The machine measures of a page against images made to be blank, skewed, blurred or the same
 * sheet twice, and a real full-page G4 scan from ../shared/testdata.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { hashDistance, measurePage, sheetDistance, sheetPrint } from '../../../native/qc/analyze.js';
import { generateSampleScans } from '../../../native/samples/index.js';
import { tempDir } from '../../harness/temp.js';
import { QC_SETTING_DEFAULTS as S } from '../../../native/qc/settings.js';
import { qcPage } from '../../harness/qc-pages.js';
import { TESTDATA } from '../../harness/temp.js';
import fs from 'node:fs';

async function jpeg(variant: Parameters<typeof qcPage>[0], seed = 0, quality = 88): Promise<Buffer> {
  return (await qcPage(variant, seed)).toColourspace('b-w').jpeg({ quality }).toBuffer();
}

test('a text page is neither blank, blurred nor skewed; a blank page with dust is blank', async () => {
  const text = await measurePage(await jpeg('text', 1));
  assert.ok(text.ink > 0.05, `ink ${text.ink}`);
  assert.ok(text.sharpness >= S['qc.minSharpness'], `sharpness ${text.sharpness}`);
  assert.ok(Math.abs(text.skew) <= 0.4, `skew ${text.skew}`);
  const blank = await measurePage(await jpeg('blank'));
  assert.ok(blank.ink < S['qc.blankInk'], `blank ink ${blank.ink}`);
});

test('blur lowers the sharpness below the threshold; a 4° rotation is measured as about 4°', async () => {
  const blurred = await measurePage(await jpeg('blurred', 2));
  assert.ok(blurred.sharpness < S['qc.minSharpness'], `blurred sharpness ${blurred.sharpness}`);
  const skewed = await measurePage(await jpeg('skewed', 3));
  assert.ok(Math.abs(Math.abs(skewed.skew) - 4) <= 0.6, `skew ${skewed.skew}`);
  assert.ok(Math.abs(skewed.skew) > S['qc.maxSkew']);
});

test('the same sheet re-encoded is a near-duplicate; two different pages are not', async () => {
  const a = await measurePage(await jpeg('text', 5, 92));
  const again = await measurePage(await jpeg('text', 5, 60));
  const other = await measurePage(await jpeg('text', 6));
  assert.ok(hashDistance(a.hash, again.hash) < S['qc.duplicateDistance'], `same ${hashDistance(a.hash, again.hash)}`);
  assert.ok(hashDistance(a.hash, other.hash) > 4 * S['qc.duplicateDistance'], `different ${hashDistance(a.hash, other.hash)}`);
  assert.ok(sheetDistance(sheetPrint(a.hash), sheetPrint(other.hash), S['qc.duplicateDistance']) >= S['qc.duplicateDistance'], 'early exit still says apart');
});

test('on rendered sample scans (skewed ≤ 1.5°, noise, JPEG): no page is flagged blank, blurred or skewed', async () => {
  const dir = tempDir();
  await generateSampleScans(dir, { documents: 3, totalPages: 3 });
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(png|jpe?g)$/.test(f));
  assert.equal(files.length, 3);
  for (const f of files) {
    const m = await measurePage(path.join(dir, f));
    assert.ok(m.ink >= S['qc.blankInk'], `${f} blank`);
    assert.ok(m.sharpness >= S['qc.minSharpness'], `${f} blurred (${m.sharpness})`);
    assert.ok(m.ink < S['qc.skewMinInk'] || Math.abs(m.skew) <= S['qc.maxSkew'], `${f} skew ${m.skew}`);
  }
});

test('two different signature-only pages are not duplicates; one of them saved again is', async () => {
  const a = await measurePage(await jpeg('sparse', 1, 92));
  const again = await measurePage(await jpeg('sparse', 1, 60));
  const b = await measurePage(await jpeg('sparse', 2, 92));
  assert.ok(a.ink > S['qc.blankInk'] && a.ink < 0.02, `a sparse page (${a.ink})`);
  assert.ok(hashDistance(a.hash, again.hash) < S['qc.duplicateDistance'], `same ${hashDistance(a.hash, again.hash)}`);
  assert.ok(hashDistance(a.hash, b.hash) > S['qc.duplicateDistance'], `different ${hashDistance(a.hash, b.hash)}`);
});

test('a real bilevel G4 page scan (testdata) measures as a sharp, straight, non-blank page; a truncated JPEG throws', async () => {
  const g4 = await measurePage(path.join(TESTDATA, 'ingest-oddities', 'pillow', 'pport_g4.tif'));
  assert.ok(g4.ink > S['qc.blankInk'], `ink ${g4.ink}`);
  assert.ok(g4.sharpness >= S['qc.minSharpness'], `sharpness ${g4.sharpness}`);
  assert.ok(Math.abs(g4.skew) <= S['qc.maxSkew'], `skew ${g4.skew}`);
  await assert.rejects(measurePage(path.join(TESTDATA, 'ingest-oddities', 'pillow', 'truncated_jpeg.jpg')));
  assert.ok((await sharp(path.join(TESTDATA, 'ingest-oddities', 'pillow', 'pport_g4.tif')).metadata()).width! > 2000);
});
