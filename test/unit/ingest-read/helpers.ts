import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { VaultError } from '../../../native/errors.js';
import { DEFAULT_LIMITS, normalizePageImage, readPages, thumbnailPageImage, type ReadOptions, type ReadPage } from '../../../native/images/read/index.js';
import { tempDir } from '../../harness/temp.js';

export async function readAll(file: string, options?: ReadOptions): Promise<ReadPage[]> {
  const out: ReadPage[] = [];
  for await (const rp of readPages(file, options)) out.push(rp);
  return out;
}

/** The promise rejects with a VaultError of `code` whose zh and en messages name the file (and page). */
export async function rejectsWith(p: Promise<unknown>, code: string, file: string, page?: number): Promise<VaultError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof VaultError, `expected VaultError ${code} for ${file}, got ${String(caught)}`);
  assert.equal(caught.code, code, `${file}: ${caught.text.en}`);
  const name = path.basename(file);
  assert.ok(caught.text.en.includes(name), `en message names the file: ${caught.text.en}`);
  assert.ok(caught.text.zh.includes(name), `zh message names the file: ${caught.text.zh}`);
  if (page !== undefined) {
    assert.match(caught.text.en, new RegExp(`\\bpage ${page}\\b`, 'i'), `en message names page ${page}`);
    assert.ok(caught.text.zh.includes(`第 ${page} 页`), `zh message names page ${page}: ${caught.text.zh}`);
  }
  return caught;
}

/** Upright size of a stored image with an EXIF orientation. */
export function uprightSize(width: number, height: number, orientation: number): [number, number] {
  return orientation >= 5 ? [height, width] : [width, height];
}

const normalizedCache = new WeakMap<ReadPage, Promise<Buffer>>();
const stored = tempDir();
let storedCount = 0;

/**
 * The page's normalized image as it is made on first use: from the stored page image (written
 * to a file, as in the object store) and the facts its pages row keeps.
 */
export function normalizedOf(rp: ReadPage): Promise<Buffer> {
  let p = normalizedCache.get(rp);
  if (!p) {
    const file = path.join(stored, `page ${++storedCount}`);
    fs.writeFileSync(file, rp.page.bytes);
    p = normalizePageImage({ file, compression: rp.page.compression, orientation: rp.page.orientation }, DEFAULT_LIMITS);
    normalizedCache.set(rp, p);
  }
  return p;
}

/** The page's thumbnail: made at ingest, or on first use for a page ingest did not decode (a PNG). */
export async function thumbnailOf(rp: ReadPage): Promise<Buffer> {
  if (rp.derived.thumbnail) return rp.derived.thumbnail;
  const file = path.join(stored, `page ${++storedCount}`);
  fs.writeFileSync(file, rp.page.bytes);
  return thumbnailPageImage({ file, compression: rp.page.compression, orientation: rp.page.orientation }, DEFAULT_LIMITS);
}

/** Checks a page's thumbnail (made at ingest or on first use) and normalized image (made later) against its metadata. */
export async function checkDerived(rp: ReadPage): Promise<void> {
  const { page } = rp;
  const norm = await sharp(await normalizedOf(rp)).metadata();
  assert.equal(norm.format, 'png');
  assert.equal(norm.channels, 1, 'normalized image is one-channel greyscale');
  assert.equal(norm.depth, 'uchar', 'normalized image is 8-bit');
  const [w, h] = uprightSize(page.width, page.height, page.orientation);
  assert.deepEqual([norm.width, norm.height], [w, h], 'normalized image is the upright page at full size');
  assert.equal(rp.derived.thumbnail === null, page.isWholeSource && page.format === 'png', 'ingest decodes every page but a PNG file');
  const thumb = await sharp(await thumbnailOf(rp)).metadata();
  assert.equal(thumb.format, 'jpeg');
  const longest = Math.max(thumb.width!, thumb.height!);
  assert.equal(longest, Math.min(256, Math.max(w, h)), 'thumbnail longest side is 256 (never enlarged)');
  assert.equal(thumb.width! >= thumb.height!, w >= h, 'thumbnail is upright like the normalized image');
}

/** [width, height] of an encoded image. */
export async function sizeOf(image: Buffer): Promise<[number, number]> {
  const m = await sharp(image).metadata();
  return [m.width!, m.height!];
}

/** A small grey raw version of an image, for comparing content. */
export async function fingerprint(image: Buffer, width = 48, height = 32): Promise<Buffer> {
  return sharp(image).resize(width, height, { fit: 'fill' }).toColourspace('b-w').raw().toBuffer();
}

export function meanAbsDiff(a: Buffer, b: Buffer): number {
  assert.equal(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
