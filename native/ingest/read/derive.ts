import os from 'node:os';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { THUMBNAIL_SIZE, type DerivedImages, type ReadLimits } from './types.js';

/**
 * One page → its derived images (greyscale OCR input + thumbnail). The decode that makes them is
 * also the page's validation: sharp runs with failOn 'error', so a truncated or corrupt page
 * throws here instead of being stored.
 *
 * Speed (test/bench/ingest-read.bench.ts): a JPEG feeds two libvips pipelines at once, the
 * full-size greyscale one and a thumbnail one that shrinks on load (a 1/8-scale DCT decode,
 * a fifth of a full decode). Other formats cannot shrink on load, so they are decoded once to
 * raw pixels (upright, 8-bit) and both outputs are made from that buffer: ~20-35 % less CPU
 * than decoding twice. An 8-bit greyscale PNG needs no normalized copy at all.
 */

export interface DecodeSource {
  input: string | Buffer;
  /** `input` is raw pixels (PDF pages): interleaved 8-bit samples. */
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** EXIF/TIFF orientation of the input (1..8): applied to both derived images. */
  orientation: number;
  /** The input is a JPEG: the thumbnail pipeline may shrink on load. */
  jpeg?: boolean;
  /** One band (grey or bilevel): decode to one channel, not to sRGB. */
  grey?: boolean;
  /** The normalized image when the caller already has it (an 8-bit greyscale PNG, upright). */
  normalized?: { data: Buffer; width: number; height: number };
}

let configured = false;

/**
 * Process-wide sharp settings, set once on first use. The libvips operation cache only helps
 * when the same image is processed twice, which ingest never does, and it would hold up to
 * ~50 MB of decoded pixels: off, so memory stays flat. Concurrency: sharp's default on glibc
 * Linux is 1 thread per pipeline; two lets one page use both cores.
 */
export function configureSharp(): void {
  if (configured) return;
  configured = true;
  sharp.cache(false);
  sharp.concurrency(Math.max(1, Math.min(2, os.availableParallelism())));
}

/** Applies an EXIF orientation. sharp flips/flops before it rotates, hence these pairs. */
export function orient(img: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2: return img.flop();
    case 3: return img.rotate(180);
    case 4: return img.flip();
    case 5: return img.flop().rotate(270);
    case 6: return img.rotate(90);
    case 7: return img.flop().rotate(90);
    case 8: return img.rotate(270);
    default: return img;
  }
}

export function openImage(src: Pick<DecodeSource, 'input' | 'raw'>, limits: ReadLimits): Sharp {
  const options: SharpOptions = { failOn: 'error', limitInputPixels: Math.ceil(limits.maxPixels), sequentialRead: true };
  if (src.raw) options.raw = src.raw;
  return sharp(src.input, options).timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutSeconds)) });
}

const WHITE = { r: 255, g: 255, b: 255 };

// Low zlib effort and no adaptive filtering: ~4× faster than sharp's defaults for ~30 % more
// bytes, and the normalized image is a rebuildable cache.
const NORMALIZED_PNG = { compressionLevel: 1, adaptiveFiltering: false } as const;

function normalizedOf(img: Sharp): Promise<{ data: Buffer; info: { width: number; height: number } }> {
  return img.flatten({ background: WHITE }).toColourspace('b-w').png(NORMALIZED_PNG).toBuffer({ resolveWithObject: true });
}

function thumbnailOf(img: Sharp): Promise<Buffer> {
  return img
    .flatten({ background: WHITE })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Decodes once to upright 8-bit raw pixels (one channel for grey sources, else sRGB). */
async function decodeRaw(src: DecodeSource, limits: ReadLimits): Promise<DecodeSource> {
  let img = orient(openImage(src, limits), src.orientation).flatten({ background: WHITE });
  img = src.grey ? img.toColourspace('b-w') : img.toColourspace('srgb');
  const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { input: data, raw: { width: info.width, height: info.height, channels: info.channels as 1 | 3 }, orientation: 1 };
}

export async function deriveImages(src: DecodeSource, limits: ReadLimits): Promise<DerivedImages> {
  if (src.normalized) {
    // The thumbnail pipeline is then the page's one full decode (PNG cannot shrink on load).
    const thumbnail = await thumbnailOf(orient(openImage(src, limits), src.orientation));
    return { normalized: src.normalized.data, normalizedWidth: src.normalized.width, normalizedHeight: src.normalized.height, thumbnail };
  }
  const from = src.jpeg || src.raw ? src : await decodeRaw(src, limits);
  const [n, t] = await Promise.all([
    normalizedOf(orient(openImage(from, limits), from.orientation)),
    thumbnailOf(orient(openImage(from, limits), from.orientation)),
  ]);
  return { normalized: n.data, normalizedWidth: n.info.width, normalizedHeight: n.info.height, thumbnail: t };
}
