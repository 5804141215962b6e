import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp, { type CreateRaw, type TiffOptions } from 'sharp';
import { inspectSource, readPages } from '../../../native/images/read/index.js';
import { RandomReader } from '../../../native/images/read/random-reader.js';
import { dataBlocks } from '../../../native/images/read/tiff-extract.js';
import { TiffFile, walkChain } from '../../../native/images/read/tiff-structure.js';
import { tempDir } from '../../harness/temp.js';
import { checkDerived, normalizedOf, readAll, rejectsWith, sizeOf } from './helpers.js';

/** Distinct pages: page i has grey level 20 + 7i and a black square whose x encodes i. */
function pagePixels(i: number, width: number, height: number, channels: 1 | 3): Buffer {
  const px = Buffer.alloc(width * height * channels, 20 + ((7 * i) % 200));
  const x0 = (i * 3) % Math.max(1, width - 4);
  for (let y = 0; y < Math.min(4, height); y++) px.fill(0, (y * width + x0) * channels, (y * width + x0 + 4) * channels);
  return px;
}

/** A multi-page TIFF written by libvips from a "toilet roll" image of `pages` pages. */
async function writeMultiPage(file: string, pages: number, width: number, height: number, channels: 1 | 3, tiff: TiffOptions): Promise<void> {
  const roll = Buffer.concat(Array.from({ length: pages }, (_, i) => pagePixels(i, width, height, channels)));
  // pageHeight is a libvips input option sharp passes through but does not declare for raw input.
  const raw = { width, height: height * pages, channels, pageHeight: height } as CreateRaw;
  let img = sharp(roll, { raw });
  if (channels === 1) img = img.toColourspace('b-w');
  await img.tiff(tiff).withDensity(300).toFile(file);
}

const VARIANTS: [string, 1 | 3, TiffOptions, string][] = [
  ['lzw-grey', 1, { compression: 'lzw' }, 'lzw'],
  ['deflate-rgb', 3, { compression: 'deflate', predictor: 'horizontal' }, 'deflate'],
  ['jpeg-rgb', 3, { compression: 'jpeg', quality: 80 }, 'jpeg'],
  ['g4', 1, { compression: 'ccittfax4', bitdepth: 1 }, 'ccittfax4'],
  ['packbits-tiled', 3, { compression: 'packbits', tile: true, tileWidth: 64, tileHeight: 64 }, 'packbits'],
  ['bigtiff-lzw', 3, { compression: 'lzw', bigtiff: true }, 'lzw'],
];

for (const [name, channels, options, compression] of VARIANTS) {
  test(`multi-page TIFF (${name}): each page is split byte-for-byte and decodes to that page`, async () => {
    const file = path.join(tempDir(), `多页 ${name}.tif`);
    await writeMultiPage(file, 3, 150, 100, channels, options);
    assert.equal((await inspectSource(file)).pageCount, 3);
    const pages = await readAll(file);
    assert.equal(pages.length, 3);
    for (const [i, rp] of pages.entries()) {
      assert.equal(rp.page.isWholeSource, false);
      assert.equal(rp.page.format, 'tiff');
      assert.equal(rp.page.compression, compression, 'the split page keeps the source compression');
      assert.deepEqual([rp.page.width, rp.page.height, rp.page.dpiX, rp.page.dpiY], [150, 100, 300, 300]);
      assert.equal(rp.page.colourMode, name === 'g4' ? 'bilevel' : channels === 1 ? 'grey' : 'colour');
      const mine = await sharp(rp.page.bytes).raw().toBuffer();
      const theirs = await sharp(file, { page: i }).raw().toBuffer();
      assert.ok(mine.equals(theirs), `page ${i + 1} decodes to exactly page ${i + 1} of the source`);
      await checkDerived(rp);
    }
  });
}

test('a single-page TIFF is stored unchanged, its orientation tag applied to the derived images', async () => {
  const file = path.join(tempDir(), '横 放.tif');
  await sharp(pagePixels(5, 120, 80, 3), { raw: { width: 120, height: 80, channels: 3 } })
    .withMetadata({ orientation: 6, density: 200 })
    .tiff({ compression: 'lzw' })
    .toFile(file);
  const [rp] = await readAll(file);
  assert.ok(rp!.page.isWholeSource);
  assert.ok(rp!.page.bytes.equals(fs.readFileSync(file)));
  assert.equal(rp!.page.orientation, 6);
  const normalized = await normalizedOf(rp!);
  assert.deepEqual(await sizeOf(normalized), [80, 120]);
  // The black square at the top-left of the stored image is at the top-right once upright.
  // (x 15–18, y 0–3) turned 90° clockwise lands at x 76–79, y 15–18.
  const norm = await sharp(normalized).toColourspace('b-w').raw().toBuffer();
  assert.equal(norm[16 * 80 + 78], 0, 'near the top-right is black');
  assert.ok(norm[16 * 80 + 1]! > 0, 'the same row on the left is not');
  assert.ok(norm[119 * 80 + 1]! > 0, 'bottom-left is not');
});

test('a damaged page in the middle of a multi-page TIFF is refused naming that page', async () => {
  const dir = tempDir();
  const good = path.join(dir, 'good.tif');
  await writeMultiPage(good, 3, 200, 160, 3, { compression: 'jpeg', quality: 80 });
  const reader = await RandomReader.open(good);
  const tf = await TiffFile.open(reader);
  const chain = await walkChain(tf, 10);
  const { blocks } = await dataBlocks(tf, await tf.readIfd(chain.pages[1]!));
  await reader.close();
  const bytes = fs.readFileSync(good);
  // Overwrite page 2's JPEG data (after its SOI marker) with garbage.
  bytes.fill(0x55, blocks[0]!.from + 2, blocks[0]!.from + blocks[0]!.length);
  const bad = path.join(dir, '坏 第二页.tif');
  fs.writeFileSync(bad, bytes);
  const seen: number[] = [];
  const run = (async () => {
    for await (const rp of readPages(bad)) seen.push(rp.page.index);
  })();
  await rejectsWith(run, 'INGEST_CORRUPT', bad, 2);
  assert.deepEqual(seen, [0], 'page 1 was read before page 2 failed');
  // A file cut short inside page 3's data: damaged, naming page 3.
  const cut = path.join(dir, 'cut.tif');
  const { blocks: last } = await (async () => {
    const r = await RandomReader.open(good);
    const t = await TiffFile.open(r);
    const c = await walkChain(t, 10);
    const b = await dataBlocks(t, await t.readIfd(c.pages[2]!));
    await r.close();
    return b;
  })();
  fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, Math.max(...last.map((b) => b.from + b.length)) - 10));
  // Depending on where the directories sit the cut loses a directory or page data: damaged either way.
  await rejectsWith(readAll(cut), 'INGEST_CORRUPT', cut);
});

test('a 5,000-page TIFF: pages are found in order and any page costs the same to split', async () => {
  const file = path.join(tempDir(), '五千页 长卷.tif');
  const n = 5000;
  await writeMultiPage(file, n, 8, 8, 1, { compression: 'lzw' });
  const info = await inspectSource(file);
  assert.equal(info.pageCount, n);
  await rejectsWith(inspectSource(file, { maxPages: n - 1 }), 'INGEST_TOO_MANY_PAGES', file);
  // The page directories are walked once; pages near the end are reached without re-walking.
  const reader = await RandomReader.open(file);
  try {
    const tf = await TiffFile.open(reader);
    const chain = await walkChain(tf, n);
    assert.equal(chain.pages.length, n);
    const { extractPage } = await import('../../../native/images/read/tiff-extract.js');
    for (const i of [0, 2500, n - 1]) {
      const one = await extractPage(tf, await tf.readIfd(chain.pages[i]!), 1 << 20);
      const mine = await sharp(one).toColourspace('b-w').raw().toBuffer();
      assert.ok(mine.equals(pagePixels(i, 8, 8, 1)), `page ${i + 1} holds its own pixels`);
    }
  } finally {
    await reader.close();
  }
});
