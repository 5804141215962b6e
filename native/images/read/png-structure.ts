import zlib from 'node:zlib';
import { corrupt, type Where } from './read-errors.js';

/**
 * Checks a PNG file's integrity without decoding its pixels: the signature, every chunk's
 * length and CRC-32, and the chunk order the format requires (IHDR first and valid, one run of
 * IDAT chunks starting with a valid zlib header, IEND last).
 *
 * Why not a decode: inflating a 300-dpi A4 page costs ~15 ms of CPU, most of ingest's time
 * and what kept it from the ≤ 2× cp + sha256sum goal (issue #2). Every chunk, pixel data
 * included, carries a CRC-32 its writer computed, so a file damaged after it was written (a bad
 * copy, a disk error, a truncation) is found here. What a CRC cannot catch is a file its writer
 * made broken; that page fails when its image is first derived (OCR, page view), which reports
 * it and keeps the master unchanged.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths allowed for each colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Metres per inch: a pHYs chunk counts pixels per metre (unit 1). */
const METRES_PER_INCH = 0.0254;

/** What the chunk walk learns on the way: the resolution the pHYs chunk records, in dpi. */
export interface PngFacts {
  /** null when there is no pHYs chunk, or it records only an aspect ratio (unit 0). */
  dpiX: number | null;
  dpiY: number | null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The pHYs chunk read here rather than through sharp: sharp reports a PNG's density without
 * a unit (so it could not be told apart from libvips' 72-dpi default) and turns an aspect-only
 * chunk (unit 0) into a density.
 */
function physDpi(data: Buffer): PngFacts {
  const none = { dpiX: null, dpiY: null };
  if (data.length !== 9 || data[8] !== 1) return none;
  const [x, y] = [data.readUInt32BE(0), data.readUInt32BE(4)];
  if (x === 0 || y === 0) return none;
  return { dpiX: round2(x * METRES_PER_INCH), dpiY: round2(y * METRES_PER_INCH) };
}

export function checkPngStructure(bytes: Buffer, file: string): PngFacts {
  const where: Where = { file, page: 0 };
  const bad = (reason: string) => corrupt(where, reason);
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw bad('not a PNG signature');
  let at = SIGNATURE.length;
  let index = 0;
  let idat: 'none' | 'in' | 'after' = 'none';
  let colourType = -1;
  let sawPalette = false;
  let zlibHeaderSeen = false;
  let facts: PngFacts = { dpiX: null, dpiY: null };
  for (;;) {
    if (at + 12 > bytes.length) throw bad(`truncated: ${bytes.length - at} bytes where chunk ${index + 1} should start`);
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (length > 0x7fffffff || at + 12 + length > bytes.length) throw bad(`truncated in chunk ${type} (${length} bytes announced, ${Math.max(0, bytes.length - at - 12)} present)`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw bad(`damaged chunk header at byte ${at}`);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (zlib.crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) throw bad(`checksum (CRC) mismatch in chunk ${type} at byte ${at}`);
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) throw bad('the first chunk is not a valid IHDR');
      const [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      colourType = data[9]!;
      if (width === 0 || height === 0 || !(DEPTHS[colourType] ?? []).includes(data[8]!) || data[10] !== 0 || data[11] !== 0 || data[12]! > 1) {
        throw bad('invalid IHDR values');
      }
    } else if (type === 'IHDR') throw bad('a second IHDR chunk');
    if (type === 'IDAT') {
      if (idat === 'after') throw bad('IDAT chunks are not consecutive');
      if (idat === 'none' && colourType === 3 && !sawPalette) throw bad('palette image without a PLTE chunk before its data');
      if (!zlibHeaderSeen && length >= 2) {
        // zlib header: deflate, window ≤ 32 KiB, FCHECK makes it a multiple of 31, no preset dictionary.
        if ((data[0]! & 0x0f) !== 8 || data[0]! >> 4 > 7 || ((data[0]! << 8) | data[1]!) % 31 !== 0 || (data[1]! & 0x20) !== 0) {
          throw bad('the image data does not start with a zlib stream');
        }
        zlibHeaderSeen = true;
      }
      idat = 'in';
    } else if (idat === 'in') idat = 'after';
    if (type === 'PLTE') sawPalette = true;
    // The spec puts pHYs before the image data; one found after it is ignored, as decoders do.
    if (type === 'pHYs' && idat === 'none') facts = physDpi(data);
    at += 12 + length;
    index++;
    if (type === 'IEND') break;
  }
  if (!zlibHeaderSeen) throw bad('no image data (IDAT)');
  return facts;
}
