import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { VaultError } from '../errors.js';
import { packageMessages } from './messages.js';

/**
 * A folder as one ZIP: entries stored (scans are compressed already, and the rules forbid
 * non-public compression: store is the plainest), UTF-8 names flagged, ZIP64 where a size,
 * an offset or the entry count needs it. Entries go in the order given (data first,
 * signatures last), all under one top folder named like the package, as BagIt
 * serializations do.
 *
 * Written here rather than with archiver (which it replaced): archiver computes CRC-32 in
 * JavaScript (~490 MB/s here), which alone cost more than `zip -0` takes for the whole
 * package, and issue 11 holds the package to 1.3× `zip -0` + `openssl dgst`. zlib.crc32 is
 * native (~3.8 GB/s). Each entry's local header is written with its size (known from the
 * folder) and the CRC is patched in after the data, so no data descriptor is needed and
 * every reader, streaming ones included, finds plain stored entries. Checked against Info-ZIP's
 * `unzip -t` and our own reader (test/unit/package/zip-write.test.ts).
 */

const CHUNK = 4 << 20;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = 3 << 8;
const FILE_MODE = 0o100644;

/**
 * Node ≥ 20.15 and every Electron we ship have it; the type is declared for older @types/node.
 * Read when a package is written, not when the module loads: the CLI bundle loads zlib on first
 * use (build/builtin-modules.mjs), and a search has no use for it (issue 14).
 */
const zlibCrc32 = (): ((data: Uint8Array, value?: number) => number) | undefined => (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

export interface ZipWriteOptions {
  /** Tests: use ZIP64 records from this size or offset on (the real bound is 4 GiB − 1). */
  zip64From?: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function zip64Extra(fields: number[]): Buffer {
  if (fields.length === 0) return Buffer.alloc(0);
  const b = Buffer.alloc(4 + 8 * fields.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * fields.length, 2);
  fields.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

function localHeader(name: Buffer, size: number, when: { time: number; date: number }, big: boolean): Buffer {
  const extra = big ? zip64Extra([size, size]) : Buffer.alloc(0);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(big ? 45 : 20, 4);
  h.writeUInt16LE(UTF8_NAMES, 6);
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt16LE(when.time, 10);
  h.writeUInt16LE(when.date, 12);
  h.writeUInt32LE(0, 14); // CRC-32: patched in after the data
  h.writeUInt32LE(big ? MAX32 : size, 18);
  h.writeUInt32LE(big ? MAX32 : size, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, name, extra]);
}

function centralHeader(e: Written, when: { time: number; date: number }, limit: number): Buffer {
  const bigSize = e.size >= limit;
  const bigOffset = e.offset >= limit;
  const extra = zip64Extra([...(bigSize ? [e.size, e.size] : []), ...(bigOffset ? [e.offset] : [])]);
  const version = bigSize || bigOffset ? 45 : 20;
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(MADE_BY_UNIX | version, 4);
  h.writeUInt16LE(version, 6);
  h.writeUInt16LE(UTF8_NAMES, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(when.time, 12);
  h.writeUInt16LE(when.date, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(bigSize ? MAX32 : e.size, 20);
  h.writeUInt32LE(bigSize ? MAX32 : e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt16LE(0, 32); // comment
  h.writeUInt16LE(0, 34); // disk
  h.writeUInt16LE(0, 36); // internal attributes
  h.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  h.writeUInt32LE(bigOffset ? MAX32 : e.offset, 42);
  return Buffer.concat([h, e.name, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number, limit: number): Buffer {
  const big = count >= Math.min(MAX16, limit) || cdOffset >= limit || cdSize >= limit;
  const parts: Buffer[] = [];
  if (big) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(MADE_BY_UNIX | 45, 12);
    z.writeUInt16LE(45, 14);
    z.writeUInt32LE(0, 16);
    z.writeUInt32LE(0, 20);
    z.writeBigUInt64LE(BigInt(count), 24);
    z.writeBigUInt64LE(BigInt(count), 32);
    z.writeBigUInt64LE(BigInt(cdSize), 40);
    z.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeUInt32LE(0, 4);
    loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    loc.writeUInt32LE(1, 16);
    parts.push(z, loc);
  }
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(big ? MAX16 : count, 8);
  e.writeUInt16LE(big ? MAX16 : count, 10);
  e.writeUInt32LE(big ? MAX32 : cdSize, 12);
  e.writeUInt32LE(big ? MAX32 : cdOffset, 16);
  parts.push(e);
  return Buffer.concat(parts);
}

/** Writes `files` (relative to `dir`, `/`-separated) into a new ZIP at `target`; returns its size in bytes. */
export async function zipFolder(dir: string, files: readonly string[], top: string, target: string, date: Date, signal?: AbortSignal, options: ZipWriteOptions = {}): Promise<number> {
  const crc32 = zlibCrc32();
  if (!crc32) throw VaultError.of('PACKAGE_ZIP_FAILED', packageMessages.zipFailed, { path: target, reason: `this Node (${process.version}) has no zlib.crc32; Node 20.15 or newer is needed` });
  const limit = Math.min(options.zip64From ?? MAX32, MAX32);
  const when = dosDateTime(date);
  const out = await fs.promises.open(target, 'wx').catch((e: unknown) => {
    throw VaultError.of('PACKAGE_ZIP_FAILED', packageMessages.zipFailed, { path: target, reason: e instanceof Error ? e.message : String(e) }, {}, e);
  });
  const buffer = Buffer.allocUnsafe(CHUNK);
  const written: Written[] = [];
  let at = 0;
  const put = async (b: Uint8Array): Promise<void> => {
    let off = 0;
    while (off < b.length) {
      const { bytesWritten } = await out.write(b, off, b.length - off, at);
      off += bytesWritten;
      at += bytesWritten;
    }
  };
  try {
    for (const rel of files) {
      signal?.throwIfAborted();
      const name = Buffer.from(`${top}/${rel}`, 'utf8');
      const source = await fs.promises.open(path.join(dir, ...rel.split('/')), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
      try {
        const size = (await source.stat()).size;
        const offset = at;
        const big = size >= limit;
        await put(localHeader(name, size, when, big));
        let crc = 0;
        let copied = 0;
        for (;;) {
          signal?.throwIfAborted();
          const { bytesRead } = await source.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) break;
          const chunk = buffer.subarray(0, bytesRead);
          crc = crc32(chunk, crc);
          await put(chunk);
          copied += bytesRead;
        }
        if (copied !== size) throw new Error(`${rel} changed size while it was zipped (${size} → ${copied} bytes)`);
        const crcField = Buffer.alloc(4);
        crcField.writeUInt32LE(crc >>> 0, 0);
        await out.write(crcField, 0, 4, offset + 14);
        written.push({ name, crc, size, offset });
      } finally {
        await source.close();
      }
    }
    const cdOffset = at;
    await put(Buffer.concat(written.map((e) => centralHeader(e, when, limit))));
    await put(endRecords(written.length, cdOffset, at - cdOffset, limit));
    await out.sync();
    return at;
  } catch (e) {
    if (signal?.aborted) throw e;
    throw VaultError.of('PACKAGE_ZIP_FAILED', packageMessages.zipFailed, { path: target, reason: e instanceof Error ? e.message : String(e) }, {}, e);
  } finally {
    await out.close();
  }
}
