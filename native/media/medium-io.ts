import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../errors.js';
import { fsyncDir } from '../store/atomic-write.js';
import { isProcessAlive } from '../util/process.js';
import { hashFileInPool, sameBytesInPool, sealFileInPool, unsealFileInPool, type SealJob, type SealOutcome } from './io-pool.js';
import { HEADER_BYTES, openCipherFile, openFailure } from '../crypto/file-cipher.js';
import type { DataKey } from '../crypto/data-key.js';

/**
 * The medium I/O boundary: every byte Lantai reads from or writes to a medium passes through
 * this module, and nothing else in native/media touches a medium's files directly. That makes
 * it the one place where read errors (EIO, a scratched disc, a dying disk) may be injected by
 * tests (setMediumFaults): everything above sees them exactly as it would see the kernel's.
 */
export type MediumOp = 'read' | 'write' | 'list';

/** Returns an errno code (e.g. 'EIO') to fail that operation on that file with, or undefined. */
export type MediumFaults = (op: MediumOp, file: string) => string | undefined;

let faults: MediumFaults | null = null;

/** Test hook: make chosen medium operations fail like the kernel would. null removes it. */
export function setMediumFaults(f: MediumFaults | null): void {
  faults = f;
}

function injected(op: MediumOp, file: string): void {
  const code = faults?.(op, file);
  if (code) throw Object.assign(new Error(`${code}: injected ${op} error, ${file}`), { code, errno: -5, syscall: op, path: file });
}

export async function readMediumFile(file: string): Promise<Buffer> {
  injected('read', file);
  return fs.promises.readFile(file);
}

export async function mediumFileExists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

export async function statMediumFile(file: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.stat(file);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** The medium's file's bytes as a stream (for decryption), in 1 MiB reads. */
export async function* readMediumStream(file: string, highWaterMark = (1 << 20) + 20): AsyncGenerator<Buffer> {
  injected('read', file);
  for await (const chunk of fs.createReadStream(file, { highWaterMark })) yield chunk as Buffer;
}

/** SHA-256 of a medium's file on the hash pool (both cores when several are asked at once). */
export async function hashMediumFile(file: string): Promise<{ sha256: string; size: number }> {
  injected('read', file);
  return hashFileInPool(file);
}

/** Every regular file under dir, as paths relative to dir with '/' separators. */
export async function listMediumFiles(dir: string): Promise<string[]> {
  injected('list', dir);
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(r);
      else out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

export async function removeMediumFile(file: string): Promise<void> {
  injected('write', file);
  await fs.promises.rm(file, { force: true });
}

export async function makeMediumDir(dir: string): Promise<void> {
  injected('write', dir);
  await fs.promises.mkdir(dir, { recursive: true });
}

/** Free bytes on the filesystem holding dir (what a medium still takes). */
export async function mediumFreeBytes(dir: string): Promise<number> {
  const s = await fs.promises.statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** A file's data and size made durable (on libuv's threads: this thread goes on meanwhile). */
async function fsyncFile(file: string): Promise<void> {
  const h = await fs.promises.open(file, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

function tempOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.partial`);
}

/** Temp files a killed writer left on a medium: they never carry a final name. */
export function isMediumTemp(name: string): boolean {
  return /\.partial$/.test(name);
}

/**
 * Removes the temp files of writers that no longer run (their pid is in the name), so an
 * interrupted backup or repair leaves nothing behind once the next one starts.
 */
export async function clearDeadMediumTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const rel of await listMediumFiles(dir)) {
    const m = /\.(\d+)\.[0-9a-f]{8}\.partial$/.exec(rel);
    if (m && !isProcessAlive(Number(m[1]))) {
      await removeMediumFile(path.join(dir, rel));
      removed++;
    }
  }
  return removed;
}

/**
 * Writes a stream to target through a temp file: hashed (SHA-256) as it is written, fsynced,
 * renamed, directory fsynced. On any error the temp file is removed and nothing carries the
 * final name. Returns the digest and size of what was written.
 *
 * durable: false leaves the fsyncs to the caller (syncMediumFiles, for a batch at once, before
 * anything counts the file): the kernel then writes the data back while the next files are
 * made, as `cp` lets it. Until then a crash may leave the final name with incomplete bytes,
 * which is harmless only where nothing trusts a file it has not recorded (backup.ts).
 */
export async function writeMediumStream(target: string, source: AsyncIterable<Uint8Array>, options: { durable?: boolean; hold?: boolean } = {}): Promise<{ sha256: string; size: number; held?: Uint8Array[] }> {
  const durable = options.durable ?? true;
  // The written pieces, kept for a read-back by comparison (the source yields fresh buffers).
  const held: Uint8Array[] | undefined = options.hold ? [] : undefined;
  injected('write', target);
  const temp = tempOf(target);
  const h = crypto.createHash('sha256');
  let size = 0;
  let handle: fs.promises.FileHandle | undefined;
  try {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    handle = await fs.promises.open(temp, 'wx');
    // Gathered into ~4 MiB writes: fewer system calls than one per cipher record.
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await handle!.writev(pending);
      pending = [];
      pendingBytes = 0;
    };
    for await (const piece of source) {
      h.update(piece);
      size += piece.byteLength;
      pending.push(piece);
      held?.push(piece);
      pendingBytes += piece.byteLength;
      if (pendingBytes >= 4 << 20) await flush();
    }
    await flush();
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temp, target);
    if (durable) await fsyncDir(path.dirname(target));
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  return { sha256: h.digest('hex'), size, ...(held ? { held } : {}) };
}

/** Reads a medium's file back and holds it against the bytes written (still in memory): true only when they are the same bytes. */
export async function mediumFileEquals(file: string, expected: readonly Uint8Array[]): Promise<boolean> {
  injected('read', file);
  return sameBytesInPool(file, expected);
}

/**
 * A vault object sealed (encrypted) into target on a worker thread, the medium's half of the
 * fast path of a backup: written to a temp file, read back and compared there, renamed only
 * when the plaintext had its digest and the read-back matched. What fails leaves nothing at
 * target; a source that fails its digest or cannot be read says so (`digestMismatch` in the
 * outcome, `during: 'source'` on the error) so the caller can try another source.
 */
export async function sealToMedium(target: string, job: Omit<SealJob, 'temp'> & { durable: boolean }): Promise<SealOutcome> {
  injected('write', target);
  const temp = tempOf(target);
  try {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const { durable, ...seal } = job;
    const r = await sealFileInPool({ ...seal, temp });
    if (!r.ok) {
      await fs.promises.rm(temp, { force: true });
      return r;
    }
    // The read-back happened on the worker; a fault the tests inject at this boundary fails it here.
    injected('read', target);
    if (durable) await fsyncFile(temp);
    await fs.promises.rename(temp, target);
    if (durable) await fsyncDir(path.dirname(target));
    return r;
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Decrypts a medium's file into temp (a new local file) on a worker thread: the header checked
 * against the key here, every record authenticated there before its plaintext is written.
 * Returns the plaintext's digests; any failure removes temp and throws decryptStream's errors.
 */
export async function unsealFromMedium(file: string, temp: string, key: DataKey, options: { durable: boolean }): Promise<{ sha256: string; sm3: string; size: number }> {
  injected('read', file);
  const head = Buffer.alloc(HEADER_BYTES);
  const h = await fs.promises.open(file, 'r');
  let got: number;
  try {
    got = (await h.read(head, 0, HEADER_BYTES, 0)).bytesRead;
  } finally {
    await h.close();
  }
  const opened = openCipherFile(key, head.subarray(0, got));
  try {
    const r = await unsealFileInPool({ source: file, temp, ...opened });
    if (!r.ok) throw openFailure(r.failure);
    if (options.durable) await fsyncFile(temp);
    return r;
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Makes files written with durable: false durable: each file's data, then each folder's
 * entries. Two at a time: a waiting fsync holds one of libuv's four threads, and the reads and
 * writes of the objects still being made need the others.
 */
export async function syncMediumFiles(files: readonly string[]): Promise<void> {
  const syncFile = async (file: string): Promise<void> => {
    injected('write', file);
    await fsyncFile(file);
  };
  const queue = [...files.map((f) => () => syncFile(f)), ...[...new Set(files.map((f) => path.dirname(f)))].map((d) => () => fsyncDir(d))];
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all([lane(), lane()]);
}

/** A small file written whole the same way (label, index, wrapped key). */
export async function writeMediumFile(target: string, data: string | Uint8Array): Promise<{ sha256: string; size: number }> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return writeMediumStream(target, (async function* () {
    yield bytes;
  })());
}

/** Copies a medium's file to a local path (no hashing), through a temp name. */
export async function copyFromMedium(file: string, target: string): Promise<void> {
  injected('read', file);
  const temp = tempOf(target);
  try {
    await fs.promises.copyFile(file, temp);
    await fs.promises.rename(temp, target);
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
