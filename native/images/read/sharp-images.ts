import os from 'node:os';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { THUMBNAIL_SIZE, type ReadLimits } from './types.js';

/**
 * The two images made from a page, at different times.
 *
 * At ingest only the thumbnail is made, and its decode is the page's validation: sharp runs with
 * failOn 'error', so a truncated or corrupt page throws here instead of being stored. A JPEG's
 * thumbnail pipeline shrinks on load (a 1/8-scale DCT), which still entropy-decodes the whole
 * stream, so damage anywhere in it is still found; other formats are decoded in full.
 *
 * The normalized image (greyscale, upright, full size: the OCR input and the UI's page view) is
 * not made at ingest: encoding a full-size PNG of every page cost ~3× the rest of ingest
 * (issue #2). It is derived from the stored page image on first use (../normalized.ts).
 */

export interface DecodeSource {
  input: string | Buffer;
  /** `input` is raw pixels (PDF pages): interleaved 8-bit samples. */
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** EXIF/TIFF orientation of the input (1..8): applied to the derived image. */
  orientation: number;
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

/** JPEG, longest side 256 px (never enlarged), orientation applied, colour kept. */
export function deriveThumbnail(src: DecodeSource, limits: ReadLimits): Promise<Buffer> {
  return orient(openImage(src, limits), src.orientation)
    .flatten({ background: WHITE })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * Greyscale, one 8-bit channel (b-w also casts 16-bit input down), orientation applied,
 * transparency on white, full size, PNG.
 */
export function deriveNormalized(src: DecodeSource, limits: ReadLimits): Promise<Buffer> {
  return orient(openImage(src, limits), src.orientation)
    .flatten({ background: WHITE })
    .toColourspace('b-w')
    .png(NORMALIZED_PNG)
    .toBuffer();
}
