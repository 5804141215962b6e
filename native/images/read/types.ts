import type { Message } from '../../i18n/messages.js';

/** What a source file really is, decided by its first bytes (never by its name). */
export type SourceFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

export interface SourceInfo {
  format: SourceFormat;
  pageCount: number;
  /** The file name's extension does not belong to the format found in its bytes. */
  extensionMismatch: boolean;
}

export interface ReadLimits {
  /** Per page: a decompression bomb is refused from its header, before any pixel is allocated. */
  maxPixels: number;
  maxPages: number;
  /** Per page decode (sharp's own timeout; checked after each PDF step). */
  timeoutSeconds: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxPixels: 150e6, maxPages: 10_000, timeoutSeconds: 120 };

export function resolveLimits(limits?: Partial<ReadLimits>): ReadLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const v = limits?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}

export interface PageWarning {
  code: string;
  message: Message;
}

export type ColourMode = 'bilevel' | 'grey' | 'colour' | 'palette';

export interface PageImage {
  /** 0-based page in the source file. */
  index: number;
  /**
   * The page image. A single-image JPEG/PNG/TIFF file: the original bytes unchanged.
   * A page of a multi-page TIFF: a single-page TIFF holding that page's IFD and its original
   * compressed strips/tiles (byte-for-byte, so G4 stays G4 and JPEG stays JPEG).
   * A PDF page: the page's scan image (or the rendered page), lossless PNG, or TIFF G4 when bilevel.
   */
  bytes: Buffer;
  isWholeSource: boolean;
  format: 'jpeg' | 'png' | 'tiff';
  /** jpeg, deflate, lzw, ccittfax4, ccittfax3, ccittrle, packbits, none, ojpeg, … */
  compression: string;
  width: number;
  height: number;
  dpiX: number | null;
  dpiY: number | null;
  colourMode: ColourMode;
  bitsPerSample: number;
  /** EXIF/TIFF orientation 1..8 of `bytes` (invalid, 0 or missing → 1). */
  orientation: number;
  warnings: PageWarning[];
}

/** What ingest derives from a page's validating decode (the normalized image comes later, on first use). */
export interface DerivedImages {
  /**
   * JPEG, longest side 256 px (never enlarged), orientation applied, colour kept. Null when
   * ingest did not decode the page (a PNG: its checksums are its validation, see
   * png-structure.ts): made on first use like the normalized image.
   */
  thumbnail: Buffer | null;
}

export interface ReadPage {
  page: PageImage;
  derived: DerivedImages;
}

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  signal?: AbortSignal;
  /** The whole file, when the caller has already read it (a JPEG or PNG is read once for hashing, storing and checking). */
  bytes?: Buffer;
}

/** Below this a page is flagged (DA/T 31-2017: at least 200 dpi). */
export const MIN_DPI = 200;
export const THUMBNAIL_SIZE = 256;
