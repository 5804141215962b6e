import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { VaultError } from '../errors.js';
import { packageMessages } from './messages.js';

/**
 * Reads a ZIP we did not write (a package received from elsewhere) without trusting it: the
 * central directory is parsed by hand so that every entry is judged before a byte is written.
 * Refused, naming the entry: absolute paths, `..`, backslashes, drive letters, symlinks,
 * duplicate or case-colliding names, encryption, unknown compression, overlapping entries,
 * sizes over the limits or an expansion ratio that only a zip bomb has, and anything truncated
 * or whose CRC does not match. Files are only ever created inside the fresh target folder.
 */

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed / compressed for a deflated entry above 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1_000_000, maxTotalBytes: 2 ** 40, maxRatio: 200 };

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  isDir: boolean;
}

const unsafe = (entry: string, reason: string): VaultError => VaultError.of('PACKAGE_ZIP_UNSAFE', packageMessages.zipUnsafe, { entry, reason });
const corrupt = (file: string, reason: string): VaultError => VaultError.of('PACKAGE_ZIP_CORRUPT', packageMessages.zipCorrupt, { path: file, reason });
const tooLarge = (entry: string, reason: string): VaultError => VaultError.of('PACKAGE_ZIP_LIMIT', packageMessages.zipTooLarge, { entry, reason });

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('64-bit value too large');
  return Number(v);
}

/** Where the central directory is and how many entries it claims (zip64 aware). */
async function centralDirectory(handle: fs.promises.FileHandle, file: string, size: number): Promise<{ offset: number; size: number; entries: number }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corrupt(file, 'no end-of-central-directory record (truncated?)');
  const eocdPos = size - tailLength + at;
  let entries = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = await readAt(handle, eocdPos - 20, 20);
    if (loc.length < 20 || loc.readUInt32LE(0) !== 0x07064b50) throw corrupt(file, 'zip64 locator missing');
    const z64 = await readAt(handle, u64(loc, 8), 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== 0x06064b50) throw corrupt(file, 'zip64 end record missing');
    entries = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (cdOffset + cdSize > eocdPos) throw corrupt(file, 'central directory runs past its end (truncated)');
  return { offset: cdOffset, size: cdSize, entries };
}

function entryName(raw: Buffer, utf8: boolean): string {
  if (utf8 || raw.every((b) => b < 0x80)) return raw.toString('utf8');
  // Zips made on Chinese Windows carry GB18030 (GBK) names without the UTF-8 flag.
  return new TextDecoder('gb18030').decode(raw);
}

function checkName(name: string): void {
  if (name.includes('\u0000')) throw unsafe(name, 'NUL in the name');
  if (name.includes('\\')) throw unsafe(name, 'backslash in the name');
  if (name.startsWith('/')) throw unsafe(name, 'absolute path');
  if (/^[A-Za-z]:/.test(name)) throw unsafe(name, 'drive letter');
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) throw unsafe(name, 'path goes up (..)');
  if (parts.some((p) => p === '' || p === '.')) throw unsafe(name, 'empty or "." path segment');
}

function parseEntries(cd: Buffer, file: string, count: number, limits: ZipLimits): ZipEntry[] {
  if (count > limits.maxEntries) throw tooLarge('*', `${count} entries (limit ${limits.maxEntries})`);
  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw corrupt(file, `central directory entry ${i + 1} damaged`);
    const madeBy = cd.readUInt16LE(at + 4);
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const crc = cd.readUInt32LE(at + 16);
    let compressedSize = cd.readUInt32LE(at + 20);
    let size = cd.readUInt32LE(at + 24);
    const nameLen = cd.readUInt16LE(at + 28);
    const extraLen = cd.readUInt16LE(at + 30);
    const commentLen = cd.readUInt16LE(at + 32);
    const external = cd.readUInt32LE(at + 38);
    let localOffset = cd.readUInt32LE(at + 42);
    if (at + 46 + nameLen + extraLen + commentLen > cd.length) throw corrupt(file, `central directory entry ${i + 1} runs past the directory`);
    const name = entryName(cd.subarray(at + 46, at + 46 + nameLen), (flags & 0x0800) !== 0);
    const extra = cd.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen);
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const len = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff) { size = u64(extra, p); p += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = u64(extra, p); p += 8; }
        if (localOffset === 0xffffffff) { localOffset = u64(extra, p); }
      }
      e += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;
    checkName(name);
    if ((flags & 0x0001) !== 0) throw unsafe(name, 'encrypted entry (transfer packages are never encrypted)');
    const unixMode = (madeBy >> 8) === 3 ? external >>> 16 : 0;
    if ((unixMode & 0o170000) === 0o120000) throw unsafe(name, 'symbolic link');
    const isDir = name.endsWith('/');
    if (!isDir && method !== 0 && method !== 8) throw unsafe(name, `compression method ${method} (only store and deflate)`);
    if (method === 0 && !isDir && compressedSize !== size) throw corrupt(file, `stored entry ${name} has different sizes`);
    const key = name.replace(/\/$/, '').normalize('NFC').toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw unsafe(name, other === name ? 'duplicate entry' : `same name as ${other} apart from case or Unicode form`);
    seen.set(key, name);
    total += size;
    if (total > limits.maxTotalBytes) throw tooLarge(name, `total size over ${limits.maxTotalBytes} bytes`);
    if (method === 8 && size > 1 << 20 && size / Math.max(1, compressedSize) > limits.maxRatio) throw tooLarge(name, `expands ${Math.round(size / Math.max(1, compressedSize))}× (limit ${limits.maxRatio}×): a zip bomb`);
    entries.push({ name, method, crc, compressedSize, size, localOffset, isDir });
  }
  // A file entry whose name is another entry's folder (a/b and a/b/c) cannot be unpacked faithfully.
  for (const e of entries) {
    const parts = e.name.replace(/\/$/, '').split('/');
    for (let k = 1; k < parts.length; k++) {
      const parent = seen.get(parts.slice(0, k).join('/').normalize('NFC').toLowerCase());
      if (parent !== undefined && !parent.endsWith('/')) throw unsafe(e.name, `its folder ${parent} is a file`);
    }
  }
  return entries;
}

/** Counts, checks the CRC and stops a stream that yields more than it declared. */
function guard(entry: ZipEntry, file: string): Transform & { result: () => { bytes: number; crc: number } } {
  let bytes = 0;
  let crc = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      bytes += chunk.length;
      if (bytes > entry.size) {
        cb(tooLarge(entry.name, `more bytes than the ${entry.size} declared`));
        return;
      }
      crc = zlib.crc32(chunk, crc);
      cb(null, chunk);
    },
  }) as Transform & { result: () => { bytes: number; crc: number } };
  t.result = () => ({ bytes, crc });
  void file;
  return t;
}

/** Extracts `file` into `target` (which must be new and empty); returns the entry count. */
export async function extractZipSafely(file: string, target: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, signal?: AbortSignal): Promise<number> {
  const handle = await fs.promises.open(file, 'r');
  let entries: ZipEntry[];
  try {
    const { size } = await handle.stat();
    const where = await centralDirectory(handle, file, size).catch((e: unknown) => {
      throw e instanceof VaultError ? e : corrupt(file, e instanceof Error ? e.message : String(e));
    });
    if (where.size > 1 << 30) throw tooLarge('*', 'central directory over 1 GiB');
    const cd = await readAt(handle, where.offset, where.size);
    if (cd.length < where.size) throw corrupt(file, 'central directory truncated');
    entries = parseEntries(cd, file, where.entries, limits);
    // Data ranges must not overlap (overlapping entries are the classic zip bomb) nor reach into the directory.
    const ranges: { start: number; end: number; name: string }[] = [];
    for (const e of entries) {
      if (e.isDir) continue;
      const local = await readAt(handle, e.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw corrupt(file, `local header of ${e.name} missing`);
      const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      ranges.push({ start, end: start + e.compressedSize, name: e.name });
      (e as ZipEntry & { dataStart?: number }).dataStart = start;
    }
    ranges.sort((a, b) => a.start - b.start);
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      if (r.end > where.offset) throw corrupt(file, `entry ${r.name} runs past the file data (truncated)`);
      if (i > 0 && r.start < ranges[i - 1]!.end) throw unsafe(r.name, `overlaps ${ranges[i - 1]!.name}`);
    }
  } finally {
    await handle.close();
  }
  const root = path.resolve(target);
  for (const e of entries) {
    signal?.throwIfAborted();
    const dest = path.resolve(root, ...e.name.replace(/\/$/, '').split('/'));
    if (!dest.startsWith(root + path.sep)) throw unsafe(e.name, 'outside the target folder');
    if (e.isDir) {
      await fs.promises.mkdir(dest, { recursive: true });
      continue;
    }
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const start = (e as ZipEntry & { dataStart?: number }).dataStart!;
    const g = guard(e, file);
    const out = fs.createWriteStream(dest, { flags: 'wx' });
    const options = signal ? { signal } : {};
    try {
      if (e.compressedSize === 0) await pipeline(async function* () {}, g, out, options);
      else {
        const source = fs.createReadStream(file, { start, end: start + e.compressedSize - 1 });
        if (e.method === 8) await pipeline(source, zlib.createInflateRaw(), g, out, options);
        else await pipeline(source, g, out, options);
      }
    } catch (err) {
      if (err instanceof VaultError) throw err;
      throw corrupt(file, `${e.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const { bytes, crc } = g.result();
    if (bytes !== e.size) throw corrupt(file, `${e.name}: ${bytes} bytes instead of ${e.size}`);
    if (crc !== e.crc) throw corrupt(file, `${e.name}: CRC mismatch`);
  }
  return entries.length;
}
