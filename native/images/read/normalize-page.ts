import fs from 'node:fs';
import sharp from 'sharp';
import { configureSharp, deriveNormalized, deriveThumbnail, type DecodeSource } from './sharp-images.js';
import { corrupt } from './read-errors.js';
import { openTiff } from './read-tiff.js';
import { readOjpegStream } from './tiff-extract.js';
import type { PageImage, ReadLimits } from './types.js';

/** A stored page image and the facts its pages row records about it. */
export interface StoredPageImage extends Pick<PageImage, 'compression' | 'orientation'> {
  /** The page image file (its object in the store). */
  file: string;
}

/**
 * An old-style JPEG TIFF page is decoded through the JPEG stream it points at (libvips has no
 * old-style JPEG), as at ingest. A stored page image is a one-directory TIFF (a whole source
 * file of one page, or a page split out of a multi-page file), so its page is the first IFD.
 */
async function ojpegStream(file: string): Promise<Buffer> {
  const tf = await openTiff(file);
  try {
    const stream = await readOjpegStream(tf, await tf.readIfd(tf.firstIfd));
    if (!stream) throw corrupt({ file }, 'the old-style JPEG page points at no JPEG stream');
    return stream;
  } finally {
    await tf.reader.close().catch(() => undefined);
  }
}

/** An upright 8-bit one-channel PNG already is its own normalized image: no decode, no re-encode. */
async function isNormalPng(file: string): Promise<boolean> {
  const meta = await sharp(file).metadata();
  return meta.format === 'png' && meta.channels === 1 && meta.bitsPerSample === 8 && !meta.isPalette;
}

/** What a stored page image is decoded from (its own bytes, or an old-style JPEG's stream). */
async function decodeSource(page: StoredPageImage): Promise<DecodeSource> {
  configureSharp();
  if (page.compression === 'ojpeg') return { input: await ojpegStream(page.file), orientation: page.orientation };
  return { input: page.file, orientation: page.orientation };
}

/**
 * The normalized image of a stored page image (see derive.ts): what OCR reads and the UI shows.
 * Made from the stored page image rather than the source, so it can be rebuilt at any time.
 */
export async function normalizePageImage(page: StoredPageImage, limits: ReadLimits): Promise<Buffer> {
  if (page.compression !== 'ojpeg' && page.orientation === 1 && (await isNormalPng(page.file))) return fs.promises.readFile(page.file);
  return deriveNormalized(await decodeSource(page), limits);
}

/** The thumbnail of a stored page image, as ingest made it: for rebuilding a lost one. */
export async function thumbnailPageImage(page: StoredPageImage, limits: ReadLimits): Promise<Buffer> {
  return deriveThumbnail(await decodeSource(page), limits);
}
