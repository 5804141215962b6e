import os from 'node:os';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { THUMBNAIL_SIZE, type DerivedImages, type ReadLimits } from './types.js';

/**
 * One page → its derived images (greyscale OCR input + thumbnail). The decode that makes them is
 * also the page's validation: sharp runs with failOn 'error', so a truncated or corrupt page
 * throws here instead of being stored.
 *
 * Speed (see test/bench/ingest-read.bench.ts): the normalized image and the thumbnail run as two
 * libvips pipelines at once, so the two cores work in parallel. For a JPEG the thumbnail
 * pipeline shrinks on load (a 1/8-scale DCT decode, ~1/5 the cost of a full decode); for a PNG
 * that is already 8-bit greyscale the file itself is the normalized image and the thumbnail
 * pipeline is the one full decode.
 */

export interface DecodeSource {
  input: string | Buffer;
  /** Raw pixels (PDF pages): interleaved 8-bit samples. */
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** EXIF/TIFF orientation of the input (1..8): applied to both derived images. */
  orientation: number;
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

export async function deriveImages(src: DecodeSource, limits: ReadLimits): Promise<DerivedImages> {
  const normalized = src.normalized
    ? Promise.resolve({ data: src.normalized.data, info: src.normalized })
    : orient(openImage(src, limits), src.orientation)
        .flatten({ background: WHITE })
        .toColourspace('b-w')
        // Low zlib effort and no adaptive filtering: ~4× faster than the defaults for ~30 %
        // more bytes, and this file is a rebuildable cache.
        .png({ compressionLevel: 1, adaptiveFiltering: false })
        .toBuffer({ resolveWithObject: true });
  const thumbnail = orient(openImage(src, limits), src.orientation)
    .flatten({ background: WHITE })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
  const [n, t] = await Promise.all([normalized, thumbnail]);
  return { normalized: n.data, normalizedWidth: n.info.width, normalizedHeight: n.info.height, thumbnail: t };
}
