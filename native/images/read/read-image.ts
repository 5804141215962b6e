import fs from 'node:fs';
import sharp, { type Metadata } from 'sharp';
import { deriveThumbnail } from './sharp-images.js';
import { standardWarnings } from './page-warnings.js';
import { checkPngStructure } from './png-structure.js';
import { corrupt, decodeError, fileUnreadable, reasonOf, tooLarge, type Where } from './read-errors.js';
import type { Sniffed } from './sniff.js';
import { validOrientation } from './tiff-page.js';
import type { ColourMode, ReadLimits, ReadPage } from './types.js';

export interface ReaderContext {
  file: string;
  sniffed: Sniffed;
  limits: ReadLimits;
  signal?: AbortSignal;
  /** The file's bytes, already read by the caller. */
  bytes?: Buffer;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Header facts of a JPEG/PNG (no pixel decoded); refuses a decompression bomb here. */
export async function imageHeader(bytes: Buffer, where: Where, limits: ReadLimits): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (e) {
    throw corrupt({ ...where, page: 0 }, reasonOf(e, where.file), e);
  }
  if (!meta.width || !meta.height) throw corrupt({ ...where, page: 0 }, 'no image size in the header');
  if (meta.width * meta.height > limits.maxPixels) throw tooLarge({ ...where, page: 0 }, meta.width, meta.height, limits);
  return meta;
}

function colourModeOf(meta: Metadata, bits: number): ColourMode {
  if (meta.isPalette) return 'palette';
  const colourChannels = meta.channels - (meta.hasAlpha ? 1 : 0);
  if (colourChannels <= 1 || meta.space === 'b-w' || meta.space === 'grey16') return bits === 1 ? 'bilevel' : 'grey';
  return 'colour';
}

/** A JPEG or PNG file is one page; its bytes are stored unchanged. */
export async function* readImageFile(ctx: ReaderContext): AsyncGenerator<ReadPage> {
  const where = { file: ctx.file };
  let bytes: Buffer;
  try {
    bytes = ctx.bytes ?? (await fs.promises.readFile(ctx.file));
  } catch (e) {
    throw fileUnreadable(ctx.file, e);
  }
  const meta = await imageHeader(bytes, where, ctx.limits);
  const isPng = ctx.sniffed.format === 'png';
  const bits = isPng ? (meta.bitsPerSample ?? 8) : meta.depth === 'ushort' ? 12 : 8;
  const orientation = validOrientation(meta.orientation);
  // sharp gives a JPEG's density in dpi whether JFIF or EXIF said inches or centimetres, with
  // the unit; a density with no unit is libvips' 72-dpi default (JFIF units 0 = aspect ratio
  // only), not something the file says.
  const sharpDpi = meta.resolutionUnit && meta.density && meta.density > 0 ? round2(meta.density) : null;
  const colourMode = colourModeOf(meta, bits);
  ctx.signal?.throwIfAborted();
  let thumbnail: Buffer | null = null;
  let dpiX = sharpDpi;
  let dpiY = sharpDpi;
  if (isPng) {
    const png = checkPngStructure(bytes, ctx.file);
    // pHYs is the PNG's own record; without one, an eXIf chunk with a unit (what sharp reads) is next best.
    if (png.dpiX !== null && png.dpiY !== null) [dpiX, dpiY] = [png.dpiX, png.dpiY];
  } else {
    // A JPEG has no checksum: its decode (at 1/8 scale, see derive.ts) is its validation.
    try {
      thumbnail = await deriveThumbnail({ input: bytes, orientation }, ctx.limits);
    } catch (e) {
      throw decodeError(e, { ...where, page: 0 }, ctx.limits, ctx.signal);
    }
  }
  yield {
    page: {
      index: 0,
      bytes,
      isWholeSource: true,
      format: isPng ? 'png' : 'jpeg',
      compression: isPng ? 'deflate' : 'jpeg',
      width: meta.width!,
      height: meta.height!,
      dpiX,
      dpiY,
      colourMode,
      bitsPerSample: bits,
      orientation,
      warnings: standardWarnings({ file: ctx.file, format: ctx.sniffed.format, extensionMismatch: ctx.sniffed.extensionMismatch }, 0, dpiX, dpiY),
    },
    derived: { thumbnail },
  };
}
