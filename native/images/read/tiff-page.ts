import type { ColourMode } from './types.js';
import { TAG, type TiffFile, type TiffIfd } from './tiff-structure.js';

/** TIFF compression codes as the names we record (sharp/libvips spelling where one exists). */
const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  1: 'none', 2: 'ccittrle', 3: 'ccittfax3', 4: 'ccittfax4', 5: 'lzw', 6: 'ojpeg', 7: 'jpeg', 8: 'deflate',
  32946: 'deflate', 32773: 'packbits', 32771: 'ccittrlew', 34661: 'jbig', 34676: 'sgilog', 34677: 'sgilog24',
  34712: 'jp2k', 34887: 'lerc', 34925: 'lzma', 50000: 'zstd', 50001: 'webp', 50002: 'jxl',
};

export function compressionName(code: number): string {
  return COMPRESSION_NAMES[code] ?? `tiff-${code}`;
}

/** What one page's directory says about the image, read without decoding it. */
export interface TiffPageTags {
  width: number;
  height: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  compression: number;
  photometric: number | undefined;
  orientation: number;
  dpiX: number | null;
  dpiY: number | null;
  hasColorMap: boolean;
}

export function validOrientation(o: number | undefined): number {
  return o !== undefined && Number.isInteger(o) && o >= 1 && o <= 8 ? o : 1;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Resolution in dpi, or null when absent, zero or unit-less (ResolutionUnit 1). */
export function tiffDpi(res: number | undefined, unit: number | undefined): number | null {
  if (res === undefined || !Number.isFinite(res) || res <= 0) return null;
  const u = unit ?? 2; // TIFF 6.0: inch when the tag is missing
  if (u === 2) return round2(res);
  if (u === 3) return round2(res * 2.54);
  return null;
}

export async function readPageTags(tf: TiffFile, ifd: TiffIfd): Promise<TiffPageTags> {
  const width = (await tf.first(ifd, TAG.ImageWidth)) ?? 0;
  const height = (await tf.first(ifd, TAG.ImageLength)) ?? 0;
  const bps = await tf.numbers(ifd.entries.get(TAG.BitsPerSample));
  const unit = await tf.first(ifd, TAG.ResolutionUnit);
  return {
    width,
    height,
    bitsPerSample: bps[0] ?? 1,
    samplesPerPixel: (await tf.first(ifd, TAG.SamplesPerPixel)) ?? 1,
    compression: (await tf.first(ifd, TAG.Compression)) ?? 1,
    photometric: await tf.first(ifd, TAG.Photometric),
    orientation: validOrientation(await tf.first(ifd, TAG.Orientation)),
    dpiX: tiffDpi(await tf.first(ifd, TAG.XResolution), unit),
    dpiY: tiffDpi(await tf.first(ifd, TAG.YResolution), unit),
    hasColorMap: ifd.entries.has(TAG.ColorMap),
  };
}

export function tiffColourMode(t: TiffPageTags): ColourMode {
  switch (t.photometric) {
    case 0: case 1: case 4: // min-is-white, min-is-black, transparency mask
      return t.bitsPerSample === 1 ? 'bilevel' : 'grey';
    case 3:
      return 'palette';
    case 32844: // LogL
      return 'grey';
    case undefined:
      if (t.hasColorMap) return 'palette';
      if (t.samplesPerPixel === 1) return t.bitsPerSample === 1 ? 'bilevel' : 'grey';
      return 'colour';
    default: // RGB, CMYK, YCbCr, CIELab, LogLuv
      return 'colour';
  }
}
