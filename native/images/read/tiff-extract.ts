import { TAG, TiffStructureError, type TiffEntry, type TiffFile, type TiffIfd } from './tiff-structure.js';

/**
 * Splits one page out of a multi-page TIFF losslessly: a new classic TIFF, in the source's byte
 * order, holding that page's directory and its strips/tiles copied byte for byte. Nothing is
 * decoded or re-encoded, so a G4 page stays the same G4 data and a JPEG page the same JPEG.
 *
 * Tags that point elsewhere in the file are rebuilt (strips, tiles, the old-style JPEG stream)
 * or left out (EXIF/GPS sub-directories, SubIFDs, free lists): their targets belong to the
 * source file's layout, and a copied pointer would point at garbage.
 */

const DROPPED_TAGS = new Set<number>([
  TAG.StripOffsets, TAG.StripByteCounts, TAG.TileOffsets, TAG.TileByteCounts,
  TAG.JPEGInterchangeFormat, TAG.JPEGInterchangeFormatLength,
  288, 289, // FreeOffsets, FreeByteCounts
  330, // SubIFDs
  400, // GlobalParametersIFD
  519, 520, 521, // old-style JPEG table offsets
  34665, 34853, 40965, // EXIF, GPS, Interoperability IFD pointers
]);
const POINTER_TYPES = new Set<number>([13, 18]); // IFD, IFD8

interface Block {
  /** Absolute offset in the source. */
  from: number;
  length: number;
}

interface OutEntry {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

/** The data blocks of a page: strips or tiles, with their byte counts checked against the file. */
export async function dataBlocks(tf: TiffFile, ifd: TiffIfd): Promise<{ offsetsTag: number; countsTag: number; blocks: Block[] }> {
  const tiled = ifd.entries.has(TAG.TileOffsets);
  const offsetsTag = tiled ? TAG.TileOffsets : TAG.StripOffsets;
  const countsTag = tiled ? TAG.TileByteCounts : TAG.StripByteCounts;
  const offsets = await tf.numbers(ifd.entries.get(offsetsTag));
  const counts = await tf.numbers(ifd.entries.get(countsTag));
  if (offsets.length === 0) throw new TiffStructureError('the page has no image data (no strip or tile offsets)');
  if (counts.length !== offsets.length) throw new TiffStructureError(`the page lists ${offsets.length} data offsets but ${counts.length} byte counts`);
  const blocks: Block[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const from = offsets[i]!;
    const length = counts[i]!;
    if (from + length > tf.reader.size) throw new TiffStructureError(`image data block ${i + 1} lies beyond the end of the file (truncated)`);
    blocks.push({ from, length });
  }
  return { offsetsTag, countsTag, blocks };
}

/** Reads blocks, merging neighbours into one read when they lie close together (the usual layout). */
async function readBlocks(tf: TiffFile, blocks: Block[]): Promise<Buffer[]> {
  const out: Buffer[] = new Array<Buffer>(blocks.length);
  const order = blocks.map((b, i) => ({ ...b, i })).filter((b) => b.length > 0).sort((a, b) => a.from - b.from);
  let k = 0;
  while (k < order.length) {
    const start = order[k]!.from;
    let end = start + order[k]!.length;
    let j = k + 1;
    while (j < order.length && order[j]!.from <= end + 4096 && order[j]!.from + order[j]!.length - start <= 64 << 20) {
      end = Math.max(end, order[j]!.from + order[j]!.length);
      j++;
    }
    const span = await tf.reader.read(start, end - start);
    for (let m = k; m < j; m++) out[order[m]!.i] = span.subarray(order[m]!.from - start, order[m]!.from - start + order[m]!.length);
    k = j;
  }
  for (let i = 0; i < blocks.length; i++) out[i] ??= Buffer.alloc(0);
  return out;
}

/** Converts BigTIFF-only types to classic ones when the values fit; undefined when they don't. */
async function classicValue(tf: TiffFile, e: TiffEntry): Promise<OutEntry | undefined> {
  if (e.byteLength === 0 || POINTER_TYPES.has(e.type)) return undefined;
  if (e.type === 16 || e.type === 17) {
    const values = await tf.numbers(e);
    if (values.some((v) => v < -0x80000000 || v > 0xffffffff)) return undefined;
    const signed = e.type === 17;
    const out = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => (signed ? (tf.little ? out.writeInt32LE(v, i * 4) : out.writeInt32BE(v, i * 4)) : writeU32(tf, out, i * 4, v)));
    return { tag: e.tag, type: signed ? 9 : 4, count: values.length, value: out };
  }
  return { tag: e.tag, type: e.type, count: e.count, value: await tf.valueBytes(e) };
}

function writeU16(tf: TiffFile, b: Buffer, at: number, v: number): void {
  if (tf.little) b.writeUInt16LE(v, at);
  else b.writeUInt16BE(v, at);
}

function writeU32(tf: TiffFile, b: Buffer, at: number, v: number): void {
  if (tf.little) b.writeUInt32LE(v, at);
  else b.writeUInt32BE(v, at);
}

/** Where the old-style JPEG stream of a page is, when the page says so (JPEGInterchangeFormat). */
export async function ojpegStreamBlock(tf: TiffFile, ifd: TiffIfd, blocks: Block[]): Promise<Block | undefined> {
  const from = await tf.first(ifd, TAG.JPEGInterchangeFormat);
  if (from === undefined || from <= 0 || from >= tf.reader.size) return undefined;
  const declared = await tf.first(ifd, TAG.JPEGInterchangeFormatLength);
  if (declared !== undefined && declared > 0) {
    // Writers often give only the header length here and put the scan in the strips right after.
    const stripsEnd = blocks.reduce((m, b) => (b.from >= from ? Math.max(m, b.from + b.length) : m), from + declared);
    return { from, length: Math.min(tf.reader.size, stripsEnd) - from };
  }
  const end = blocks.reduce((m, b) => (b.from + b.length > from ? Math.max(m, b.from + b.length) : m), 0);
  return end > from ? { from, length: end - from } : undefined;
}

/** Bytes of the old-style JPEG stream, which sharp (built without OJPEG support) decodes as a JPEG. */
export async function readOjpegStream(tf: TiffFile, ifd: TiffIfd): Promise<Buffer | undefined> {
  const { blocks } = await dataBlocks(tf, ifd);
  const block = await ojpegStreamBlock(tf, ifd, blocks);
  if (!block) return undefined;
  const bytes = await tf.reader.read(block.from, block.length);
  return bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : undefined;
}

export async function extractPage(tf: TiffFile, ifd: TiffIfd, maxDataBytes: number): Promise<Buffer> {
  const { offsetsTag, countsTag, blocks } = await dataBlocks(tf, ifd);
  const dataBytes = blocks.reduce((s, b) => s + b.length, 0);
  if (dataBytes > maxDataBytes) throw new TiffStructureError(`the page claims ${dataBytes} bytes of image data, more than its size allows`);
  const data = await readBlocks(tf, blocks);

  const entries: OutEntry[] = [];
  for (const e of ifd.entries.values()) {
    if (DROPPED_TAGS.has(e.tag)) continue;
    const v = await classicValue(tf, e);
    if (v) entries.push(v);
  }
  // Old-style JPEG: keep the stream as its own block (it usually overlaps the strips).
  const ojpeg = await ojpegStreamBlock(tf, ifd, blocks);
  const ojpegData = ojpeg ? await tf.reader.read(ojpeg.from, ojpeg.length) : undefined;

  const n = blocks.length;
  const placeholder = (tag: number, count: number): OutEntry => ({ tag, type: 4, count, value: Buffer.alloc(count * 4) });
  const offsetsEntry = placeholder(offsetsTag, n);
  const countsEntry = placeholder(countsTag, n);
  data.forEach((d, i) => writeU32(tf, countsEntry.value, i * 4, d.length));
  entries.push(offsetsEntry, countsEntry);
  let ojpegEntry: OutEntry | undefined;
  if (ojpegData) {
    ojpegEntry = placeholder(TAG.JPEGInterchangeFormat, 1);
    const lengthEntry = placeholder(TAG.JPEGInterchangeFormatLength, 1);
    writeU32(tf, lengthEntry.value, 0, ojpegData.length);
    entries.push(ojpegEntry, lengthEntry);
  }
  entries.sort((a, b) => a.tag - b.tag);

  // Layout: header | IFD | out-of-line values | image data.
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let cursor = ifdOffset + ifdSize;
  const outOfLine: { entry: OutEntry; at: number }[] = [];
  for (const e of entries) {
    if (e.value.length > 4) {
      cursor += cursor & 1; // values start on a word boundary
      outOfLine.push({ entry: e, at: cursor });
      cursor += e.value.length;
    }
  }
  cursor += cursor & 1;
  const dataAt: number[] = [];
  for (const d of data) {
    dataAt.push(cursor);
    cursor += d.length;
  }
  let ojpegAt = 0;
  if (ojpegData) {
    ojpegAt = cursor;
    cursor += ojpegData.length;
  }
  if (cursor > 0xffffffff) throw new TiffStructureError('the page is too large to split into a classic TIFF');
  dataAt.forEach((at, i) => writeU32(tf, offsetsEntry.value, i * 4, at));
  if (ojpegEntry) writeU32(tf, ojpegEntry.value, 0, ojpegAt);

  const out = Buffer.alloc(cursor);
  out.write(tf.little ? 'II' : 'MM', 0, 'latin1');
  writeU16(tf, out, 2, 42);
  writeU32(tf, out, 4, ifdOffset);
  writeU16(tf, out, ifdOffset, entries.length);
  const placed = new Map(outOfLine.map((o) => [o.entry, o.at]));
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    writeU16(tf, out, at, e.tag);
    writeU16(tf, out, at + 2, e.type);
    writeU32(tf, out, at + 4, e.count);
    const where = placed.get(e);
    if (where === undefined) e.value.copy(out, at + 8);
    else {
      writeU32(tf, out, at + 8, where);
      e.value.copy(out, where);
    }
  });
  writeU32(tf, out, ifdOffset + 2 + entries.length * 12, 0);
  data.forEach((d, i) => d.copy(out, dataAt[i]!));
  if (ojpegData) ojpegData.copy(out, ojpegAt);
  return out;
}

/** Upper bound of a page's compressed data: twice its raw size plus slack (no codec expands more). */
export function maxDataBytesFor(width: number, height: number, samples: number, bits: number): number {
  const raw = Math.ceil((width * Math.max(1, bits) * Math.max(1, samples)) / 8) * height;
  return raw * 2 + (1 << 20);
}
