import type { RandomReader } from './random-reader.js';

/**
 * A minimal TIFF/BigTIFF directory reader. We walk the IFD chain ourselves (instead of asking
 * libvips for page n, which re-walks the chain from page 0 on every call: O(n²) over a long
 * file) and it lets us detect loops, skip thumbnails and split pages byte-for-byte.
 */

/** Bytes per value of each TIFF field type (TIFF 6.0 + BigTIFF). */
export const TYPE_SIZE: Readonly<Record<number, number>> = {
  1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8,
};

export const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  StripOffsets: 273,
  Orientation: 274,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  XResolution: 282,
  YResolution: 283,
  PlanarConfig: 284,
  ResolutionUnit: 296,
  ColorMap: 320,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  JPEGInterchangeFormat: 513,
  JPEGInterchangeFormatLength: 514,
} as const;

/** A directory must not claim more entries than this (libtiff warns far below; real files have < 100). */
const MAX_ENTRIES = 4096;
/** One tag's value above this size is not a real scan's metadata but a crafted allocation. */
export const MAX_VALUE_BYTES = 64 << 20;

export interface TiffEntry {
  tag: number;
  type: number;
  count: number;
  /** count × type size; 0 for an unknown type. */
  byteLength: number;
  /** The value bytes when they sit inside the entry itself. */
  inline?: Buffer;
  /** Absolute file offset of the value bytes when they do not. */
  offset?: number;
}

export interface TiffIfd {
  offset: number;
  entries: Map<number, TiffEntry>;
  next: number;
}

export class TiffStructureError extends Error {}

export class TiffFile {
  readonly little: boolean;
  readonly big: boolean;
  readonly firstIfd: number;

  private constructor(readonly reader: RandomReader, little: boolean, big: boolean, firstIfd: number) {
    this.little = little;
    this.big = big;
    this.firstIfd = firstIfd;
  }

  static async open(reader: RandomReader): Promise<TiffFile> {
    if (reader.size < 8) throw new TiffStructureError('the TIFF header is incomplete');
    const head = await reader.read(0, Math.min(16, reader.size));
    const little = head[0] === 0x49;
    const version = little ? head.readUInt16LE(2) : head.readUInt16BE(2);
    if (version === 42) {
      const first = little ? head.readUInt32LE(4) : head.readUInt32BE(4);
      return new TiffFile(reader, little, false, first);
    }
    if (version === 43) {
      if (head.length < 16) throw new TiffStructureError('the BigTIFF header is incomplete');
      const first = little ? head.readBigUInt64LE(8) : head.readBigUInt64BE(8);
      return new TiffFile(reader, little, true, toSafe(first));
    }
    throw new TiffStructureError(`unknown TIFF version ${version}`);
  }

  u16(b: Buffer, at: number): number {
    return this.little ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  u32(b: Buffer, at: number): number {
    return this.little ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  u64(b: Buffer, at: number): number {
    return toSafe(this.little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  }

  /** Reads one directory, checking that it lies inside the file. */
  async readIfd(offset: number): Promise<TiffIfd> {
    const size = this.reader.size;
    const countSize = this.big ? 8 : 2;
    const entrySize = this.big ? 20 : 12;
    const nextSize = this.big ? 8 : 4;
    if (offset < 8 || offset + countSize > size) throw new TiffStructureError(`directory offset ${offset} is outside the file (${size} bytes)`);
    const countBuf = await this.reader.read(offset, countSize);
    const n = this.big ? this.u64(countBuf, 0) : this.u16(countBuf, 0);
    if (n === 0 || n > MAX_ENTRIES) throw new TiffStructureError(`directory at ${offset} claims ${n} entries`);
    const total = countSize + n * entrySize + nextSize;
    if (offset + total > size) {
      const fit = Math.max(0, Math.floor((size - offset - countSize) / entrySize));
      throw new TiffStructureError(`directory at ${offset} is cut short: only ${Math.min(fit, n)} of ${n} entries are in the file`);
    }
    const buf = await this.reader.read(offset, total);
    const entries = new Map<number, TiffEntry>();
    const inlineMax = this.big ? 8 : 4;
    for (let i = 0; i < n; i++) {
      const at = countSize + i * entrySize;
      const tag = this.u16(buf, at);
      const type = this.u16(buf, at + 2);
      const count = this.big ? this.u64(buf, at + 4) : this.u32(buf, at + 4);
      const valueAt = at + (this.big ? 12 : 8);
      const unit = TYPE_SIZE[type];
      if (unit === undefined) {
        entries.set(tag, { tag, type, count, byteLength: 0 });
        continue;
      }
      const byteLength = count * unit;
      if (byteLength <= inlineMax) {
        entries.set(tag, { tag, type, count, byteLength, inline: Buffer.from(buf.subarray(valueAt, valueAt + byteLength)) });
      } else {
        const valueOffset = this.big ? this.u64(buf, valueAt) : this.u32(buf, valueAt);
        entries.set(tag, { tag, type, count, byteLength, offset: valueOffset });
      }
    }
    const next = this.big ? this.u64(buf, total - nextSize) : this.u32(buf, total - nextSize);
    return { offset, entries, next };
  }

  /** The raw value bytes of an entry (bounded, inside the file). */
  async valueBytes(e: TiffEntry): Promise<Buffer> {
    if (e.inline) return e.inline;
    if (e.offset === undefined) return Buffer.alloc(0);
    if (e.byteLength > MAX_VALUE_BYTES) throw new TiffStructureError(`tag ${e.tag} claims ${e.byteLength} bytes`);
    try {
      return await this.reader.read(e.offset, e.byteLength);
    } catch (err) {
      throw new TiffStructureError(`the value of tag ${e.tag} lies beyond the end of the file`, { cause: err });
    }
  }

  /** Numeric values of an entry (rationals as their quotient). */
  async numbers(e: TiffEntry | undefined): Promise<number[]> {
    if (!e || e.byteLength === 0) return [];
    const b = await this.valueBytes(e);
    const out: number[] = [];
    const unit = TYPE_SIZE[e.type]!;
    for (let i = 0; i < e.count; i++) {
      const at = i * unit;
      switch (e.type) {
        case 1: case 2: case 7: out.push(b[at]!); break;
        case 6: out.push(b.readInt8(at)); break;
        case 3: out.push(this.u16(b, at)); break;
        case 8: out.push(this.little ? b.readInt16LE(at) : b.readInt16BE(at)); break;
        case 4: case 13: out.push(this.u32(b, at)); break;
        case 9: out.push(this.little ? b.readInt32LE(at) : b.readInt32BE(at)); break;
        case 5: { const d = this.u32(b, at + 4); out.push(d === 0 ? 0 : this.u32(b, at) / d); break; }
        case 10: {
          const num = this.little ? b.readInt32LE(at) : b.readInt32BE(at);
          const den = this.little ? b.readInt32LE(at + 4) : b.readInt32BE(at + 4);
          out.push(den === 0 ? 0 : num / den);
          break;
        }
        case 11: out.push(this.little ? b.readFloatLE(at) : b.readFloatBE(at)); break;
        case 12: out.push(this.little ? b.readDoubleLE(at) : b.readDoubleBE(at)); break;
        case 16: case 18: out.push(this.u64(b, at)); break;
        case 17: out.push(Number(this.little ? b.readBigInt64LE(at) : b.readBigInt64BE(at))); break;
        default: break;
      }
    }
    return out;
  }

  async first(ifd: TiffIfd, tag: number): Promise<number | undefined> {
    const e = ifd.entries.get(tag);
    if (!e || e.count === 0) return undefined;
    // Only the first value is needed: read no more than one value's bytes.
    const one: TiffEntry = { ...e, count: 1, byteLength: TYPE_SIZE[e.type] ?? 0 };
    if (!e.inline && e.offset !== undefined) return (await this.numbers(one))[0];
    return (await this.numbers({ ...one, inline: e.inline?.subarray(0, one.byteLength) }))[0];
  }
}

function toSafe(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new TiffStructureError(`offset ${v} is too large`);
  return Number(v);
}

export interface PageChain {
  /** Directory offsets of the pages, in chain order (thumbnail directories left out). */
  pages: number[];
  /** Directories in the chain, thumbnails included. */
  directories: number;
  reducedSkipped: number;
  /** The chain pointed back to a directory already read. */
  looped: boolean;
}

export class TooManyPagesError extends Error {}

/**
 * Follows the IFD chain from the header, in pointer order (not file order), stopping at a
 * pointer back to a directory already seen (Pillow reads such a file as the pages before the
 * loop). A directory cut short or pointing outside the file is a damaged file.
 */
export async function walkChain(tf: TiffFile, maxPages: number): Promise<PageChain> {
  const seen = new Set<number>();
  const pages: number[] = [];
  const reduced: number[] = [];
  let offset = tf.firstIfd;
  let looped = false;
  while (offset !== 0) {
    if (seen.has(offset)) {
      looped = true;
      break;
    }
    seen.add(offset);
    if (seen.size > maxPages * 2 + 16 || pages.length > maxPages) throw new TooManyPagesError();
    const ifd = await tf.readIfd(offset);
    const subfile = (await tf.first(ifd, TAG.NewSubfileType)) ?? 0;
    // Bit 0: a reduced-resolution copy of another page (a scanner's embedded thumbnail).
    if ((subfile & 1) === 1) reduced.push(offset);
    else pages.push(offset);
    offset = ifd.next;
  }
  if (pages.length > maxPages) throw new TooManyPagesError();
  // A file made only of "reduced" directories is still a file of pages.
  if (pages.length === 0) return { pages: reduced, directories: seen.size, reducedSkipped: 0, looped };
  return { pages, directories: seen.size, reducedSkipped: reduced.length, looped };
}
