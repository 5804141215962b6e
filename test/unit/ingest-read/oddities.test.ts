import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { VaultError } from '../../../native/errors.js';
import { inspectSource, type ReadPage } from '../../../native/images/read/index.js';
import { TESTDATA, tempDir } from '../../harness/temp.js';
import { checkDerived, fingerprint, meanAbsDiff, normalizedOf, readAll, rejectsWith, sizeOf, thumbnailOf } from './helpers.js';

const ROOT = path.join(TESTDATA, 'ingest-oddities');

interface Row {
  path: string;
  observed: string;
  expected: string;
}

function manifest(): Row[] {
  const [header, ...lines] = fs.readFileSync(path.join(ROOT, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((l) => {
    const f = l.split('\t');
    return { path: f[at('path')]!, observed: f[at('observed_here')]!, expected: f[at('expected_behavior')]! };
  });
}

/** The page count the manifest states ("3 pages", "n_frames == 2", "page count 6", "pdfinfo: 1 page"), if any. */
function manifestPages(row: Row): number | undefined {
  for (const text of [row.expected, row.observed]) {
    const m = /n_frames == (\d+)/.exec(text) ?? /page count (\d+)/.exec(text) ?? /\b(\d+) pages?\b/.exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** What each file must do: read with this many pages, or be refused with this code. */
const EXPECT: Record<string, { pages: number } | { error: string }> = {
  'pillow/g4-multi.tiff': { pages: 3 },
  'pillow/multipage.tiff': { pages: 3 },
  'pillow/multipage_out_of_order.tiff': { pages: 3 },
  'pillow/multipage_multiple_frame_loop.tiff': { pages: 2 },
  'pillow/hopper_g4.tif': { pages: 1 },
  'pillow/pport_g4.tif': { pages: 1 },
  'pillow/old-style-jpeg-compression.tif': { pages: 1 },
  'pillow/crash-0c7e0e8e11ce787078f00b5b0ca409a167f070e0.tif': { error: 'INGEST_CORRUPT' },
  'pillow/oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif': { error: 'INGEST_CORRUPT' },
  'pillow/truncated_jpeg.jpg': { error: 'INGEST_CORRUPT' },
  'pillow/truncated_image.png': { error: 'INGEST_CORRUPT' },
  'pillow/broken_data_stream.png': { error: 'INGEST_CORRUPT' },
  'pillow/hopper.jpg': { pages: 1 },
  'pillow/hopper_orientation_6.jpg': { pages: 1 },
  'pillow/hopper_orientation_8.jpg': { pages: 1 },
  'ocrmypdf/c02-22.pdf': { pages: 1 },
  'ocrmypdf/multipage.pdf': { pages: 6 },
  'ocrmypdf/ccitt.pdf': { pages: 1 },
  'ocrmypdf/jbig2.pdf': { pages: 1 },
  'ocrmypdf/cardinal.pdf': { pages: 4 },
  'ocrmypdf/rotated_skew.pdf': { pages: 1 },
  'ocrmypdf/kcs.pdf': { pages: 1 },
  'ocrmypdf/invalid.pdf': { error: 'INGEST_CORRUPT' },
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`exif-orientation-examples/Landscape_${i}.jpg`, { pages: 1 }])),
};

const results = new Map<string, ReadPage[]>();

async function read(rel: string): Promise<ReadPage[]> {
  let pages = results.get(rel);
  if (!pages) {
    pages = await readAll(path.join(ROOT, rel));
    results.set(rel, pages);
  }
  return pages;
}

test('every file of the manifest has an expectation, and page counts agree with the manifest', () => {
  const rows = manifest();
  assert.deepEqual(rows.map((r) => r.path).sort(), Object.keys(EXPECT).sort());
  let stated = 0;
  for (const row of rows) {
    const n = manifestPages(row);
    if (n === undefined) continue;
    stated++;
    assert.deepEqual(EXPECT[row.path], { pages: n }, `${row.path}: the manifest says ${n} page(s)`);
  }
  assert.ok(stated >= 6, 'the manifest states page counts for the multi-page files');
});

for (const row of manifest()) {
  const expect = EXPECT[row.path]!;
  test(`${row.path}: ${'pages' in expect ? `${expect.pages} page(s)` : expect.error}`, { timeout: 60_000 }, async () => {
    const file = path.join(ROOT, row.path);
    if ('error' in expect) {
      // Refused by the cheap inspection or by the decode, always with a VaultError naming the file.
      let inspected = false;
      try {
        await inspectSource(file);
        inspected = true;
      } catch (e) {
        assert.ok(e instanceof VaultError, String(e));
        await rejectsWith(Promise.reject(e), expect.error, file);
      }
      if (inspected) await rejectsWith(readAll(file), expect.error, file, 1);
      return;
    }
    const info = await inspectSource(file);
    assert.equal(info.pageCount, expect.pages);
    assert.equal(info.extensionMismatch, false);
    const pages = await read(row.path);
    assert.equal(pages.length, expect.pages);
    const source = fs.readFileSync(file);
    for (const [i, rp] of pages.entries()) {
      assert.equal(rp.page.index, i);
      assert.ok(rp.page.orientation >= 1 && rp.page.orientation <= 8);
      await checkDerived(rp);
      if (rp.page.isWholeSource) assert.ok(rp.page.bytes.equals(source), 'a single-image file is stored unchanged');
      const stored = await sharp(rp.page.bytes).metadata();
      assert.deepEqual([stored.width, stored.height], [rp.page.width, rp.page.height], 'stored bytes decode at the stated size');
      assert.equal(stored.format, rp.page.format);
      if (info.format === 'tiff' && !rp.page.isWholeSource) {
        // A split page holds exactly the pixels of that page of the source.
        const a = await sharp(rp.page.bytes).raw().toBuffer();
        const b = await sharp(file, { page: i, failOn: 'none' }).raw().toBuffer();
        assert.ok(a.equals(b), `page ${i + 1} of ${row.path} is split losslessly`);
      }
    }
  });
}

test('CCITT G4 pages keep their compression, resolution and bilevel mode', async () => {
  const g4 = await read('pillow/g4-multi.tiff');
  for (const rp of g4) {
    assert.equal(rp.page.format, 'tiff');
    assert.equal(rp.page.compression, 'ccittfax4');
    assert.equal(rp.page.colourMode, 'bilevel');
    assert.equal(rp.page.bitsPerSample, 1);
    assert.deepEqual([rp.page.width, rp.page.height, rp.page.dpiX, rp.page.dpiY], [3307, 4677, 400, 400]);
    assert.ok(rp.page.bytes.length < 2000, 'the split page is still G4 (a few hundred bytes), not re-encoded pixels');
  }
  const [pport] = await read('pillow/pport_g4.tif');
  assert.deepEqual([pport!.page.compression, pport!.page.dpiX, pport!.page.colourMode], ['ccittfax4', 200, 'bilevel']);
  // min-is-white decodes to a white page with black text, not inverted.
  const stats = await sharp(await normalizedOf(pport!)).stats();
  assert.ok(stats.channels[0]!.mean > 200, `mostly white page, mean ${stats.channels[0]!.mean}`);
});

test('the looping IFD chain is read as its 2 pages, with a warning', async () => {
  const pages = await read('pillow/multipage_multiple_frame_loop.tiff');
  assert.equal(pages.length, 2);
  assert.ok(pages[0]!.page.warnings.some((w) => w.code === 'TIFF_IFD_LOOP'));
});

test('out-of-order IFDs are read in chain order (10x10, 20x20, 10x10)', async () => {
  const pages = await read('pillow/multipage_out_of_order.tiff');
  assert.deepEqual(pages.map((p) => [p.page.width, p.page.height]), [[10, 10], [20, 20], [10, 10]]);
  assert.deepEqual(pages.map((p) => p.page.colourMode), ['palette', 'palette', 'palette']);
  const inOrder = await read('pillow/multipage.tiff');
  assert.deepEqual(inOrder.map((p) => [p.page.width, p.page.height]), [[10, 10], [10, 10], [20, 20]]);
});

test('old-style JPEG TIFF decodes (through its embedded JPEG stream) to the right picture', async () => {
  const [rp] = await read('pillow/old-style-jpeg-compression.tif');
  assert.equal(rp!.page.compression, 'ojpeg');
  assert.deepEqual([rp!.page.width, rp!.page.height, rp!.page.dpiX, rp!.page.colourMode], [4160, 870, 300, 'colour']);
  // The Kodak grey scale: patch A (left) is near white, patch 12 (x ≈ 2700) near black.
  const mean = async (left: number) => {
    const px = await sharp(await normalizedOf(rp!)).extract({ left, top: 620, width: 50, height: 40 }).toColourspace('b-w').raw().toBuffer();
    return px.reduce((a, v) => a + v, 0) / px.length;
  };
  assert.ok((await mean(150)) > 220, 'first patch light');
  assert.ok((await mean(2650)) < 40, 'patch 12 dark');
});

test('the 9 Landscape_N.jpg normalize to the same upright landscape image', async () => {
  const ref = (await read('exif-orientation-examples/Landscape_1.jpg'))[0]!;
  const refPrint = await fingerprint(await normalizedOf(ref));
  for (let i = 0; i <= 8; i++) {
    const rp = (await read(`exif-orientation-examples/Landscape_${i}.jpg`))[0]!;
    assert.equal(rp.page.orientation, i === 0 ? 1 : i, `Landscape_${i}: orientation`);
    const norm = await normalizedOf(rp);
    assert.deepEqual(await sizeOf(norm), [1800, 1200]);
    const d = meanAbsDiff(await fingerprint(norm), refPrint);
    assert.ok(d < 6, `Landscape_${i} looks like Landscape_1 once upright (mean diff ${d.toFixed(1)})`);
    const thumb = await fingerprint(await thumbnailOf(rp));
    assert.ok(meanAbsDiff(thumb, refPrint) < 8, `Landscape_${i} thumbnail upright`);
  }
  // The comparison can fail: the mirrored file read without its orientation differs clearly.
  const raw2 = await sharp(path.join(ROOT, 'exif-orientation-examples/Landscape_2.jpg')).toBuffer();
  assert.ok(meanAbsDiff(await fingerprint(raw2), refPrint) > 15);
});

test('hopper_orientation_6/8 normalize to hopper.jpg', async () => {
  const ref = (await read('pillow/hopper.jpg'))[0]!;
  const refNorm = await normalizedOf(ref);
  const refPrint = await fingerprint(refNorm, 32, 32);
  for (const [name, o] of [['hopper_orientation_6.jpg', 6], ['hopper_orientation_8.jpg', 8]] as const) {
    const rp = (await read(`pillow/${name}`))[0]!;
    assert.equal(rp.page.orientation, o);
    const norm = await normalizedOf(rp);
    assert.deepEqual(await sizeOf(norm), await sizeOf(refNorm));
    const d = meanAbsDiff(await fingerprint(norm, 32, 32), refPrint);
    assert.ok(d < 8, `${name} upright equals hopper.jpg (mean diff ${d.toFixed(1)})`);
    const unrotated = await sharp(path.join(ROOT, 'pillow', name)).toBuffer();
    assert.ok(meanAbsDiff(await fingerprint(unrotated, 32, 32), refPrint) > 20, 'without the orientation it would differ');
  }
});

test('scanned PDFs become their page images at the scan resolution', async () => {
  const [c02] = await read('ocrmypdf/c02-22.pdf');
  assert.deepEqual([c02!.page.width, c02!.page.height, c02!.page.dpiX, c02!.page.format], [800, 981, 150, 'png']);
  assert.ok(c02!.page.warnings.some((w) => w.code === 'LOW_DPI'));
  for (const name of ['ccitt.pdf', 'jbig2.pdf']) {
    const [rp] = await read(`ocrmypdf/${name}`);
    assert.deepEqual([rp!.page.width, rp!.page.height, rp!.page.dpiX, rp!.page.colourMode, rp!.page.compression], [2550, 3300, 300, 'bilevel', 'ccittfax4']);
    const mean = (await sharp(await normalizedOf(rp!)).stats()).channels[0]!.mean;
    assert.ok(mean > 200, `${name}: black text on white (mean ${mean.toFixed(0)})`);
  }
  const [kcs] = await read('ocrmypdf/kcs.pdf');
  assert.deepEqual([kcs!.page.width, kcs!.page.height, kcs!.page.colourMode], [1914, 930, 'bilevel']);
  const multipage = await read('ocrmypdf/multipage.pdf');
  assert.deepEqual([multipage[1]!.page.width, multipage[1]!.page.height], [9000, 9000]);
});

test('cardinal.pdf shows its one scan turned 0/90/180/270; the page images follow the page', async () => {
  const pages = await read('ocrmypdf/cardinal.pdf');
  assert.deepEqual(pages.map((p) => [p.page.width, p.page.height]), [[2550, 3300], [3300, 2550], [2550, 3300], [3300, 2550]]);
  // Page 3 is page 1 turned 180°: its normalized image, turned back, matches page 1.
  const p1 = await fingerprint(await normalizedOf(pages[0]!), 64, 80);
  const p3back = await fingerprint(await sharp(await normalizedOf(pages[2]!)).rotate(180).toBuffer(), 64, 80);
  const p3 = await fingerprint(await normalizedOf(pages[2]!), 64, 80);
  assert.ok(meanAbsDiff(p1, p3back) < 3, 'page 3 is page 1 upside down');
  assert.ok(meanAbsDiff(p1, p3) > meanAbsDiff(p1, p3back) + 3, 'and not the same way up');
});

test('rotated_skew.pdf honours /Rotate: portrait, and looks like poppler renders it', async (t) => {
  const [rp] = await read('ocrmypdf/rotated_skew.pdf');
  assert.deepEqual([rp!.page.width, rp!.page.height, rp!.page.dpiX], [2550, 3300, 300]);
  const file = path.join(ROOT, 'ocrmypdf/rotated_skew.pdf');
  const out = path.join(tempDir(), 'ref');
  const r = spawnSync('pdftoppm', ['-r', '20', '-gray', '-png', '-singlefile', file, out]);
  if (r.error || r.status !== 0) {
    t.skip('pdftoppm (poppler-utils) not available as a reference renderer');
    return;
  }
  const ref = await fingerprint(fs.readFileSync(`${out}.png`), 40, 52);
  const ours = await fingerprint(await normalizedOf(rp!), 40, 52);
  const turned = await fingerprint(await sharp(await normalizedOf(rp!)).rotate(180).toBuffer(), 40, 52);
  assert.ok(meanAbsDiff(ours, ref) < 6, `same picture as poppler (diff ${meanAbsDiff(ours, ref).toFixed(1)})`);
  assert.ok(meanAbsDiff(turned, ref) > meanAbsDiff(ours, ref) + 4, 'the comparison would see a wrong turn');
});
