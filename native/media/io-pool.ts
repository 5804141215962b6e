import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sealRecord } from '../crypto/file-cipher.js';

/**
 * The media's worker threads: SHA-256 (and SM3) of whole files, and sealing a vault object
 * into an encrypted medium file. Both run off the main thread so a backup or a verification
 * uses both cores; sealing runs there also because the ciphertext buffers a gigabyte of
 * backup allocates make V8 collect the whole heap every few dozen megabytes, which on the main
 * thread (the vault's heap, large in the desktop) cost more than the cipher itself, and on a
 * worker's few-megabyte heap cost nothing. Reads go into reused buffers; the pool is bounded
 * and its workers are unref'd, so an idle pool never keeps the process alive.
 *
 * The worker is a few lines of CommonJS run with `eval` (as native/hash/read-digest.ts does)
 * so it starts the same under tsx, from compiled JavaScript and inside Electron's asar archive;
 * the record format comes from file-cipher's own sealRecord, by its source text.
 */
const HOLD_FOR_READ_BACK = 64 << 20;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const sealRecord = ${sealRecord.toString()};
const buf = Buffer.allocUnsafe(4 << 20);
const errorOf = (e, extra) => ({ message: String(e && e.message), code: e && e.code, ...extra });

function hashFile({ file, sm3 }) {
  const fd = fs.openSync(file, 'r');
  try {
    const h = crypto.createHash('sha256');
    const g = sm3 ? crypto.createHash('sm3') : undefined;
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      if (g) g.update(buf.subarray(0, n));
      size += n;
    }
    return { sha256: h.digest('hex'), ...(g ? { sm3: g.digest('hex') } : {}), size };
  } finally {
    fs.closeSync(fd);
  }
}

function readFull(fd, into) {
  let n = 0;
  while (n < into.length) {
    const r = fs.readSync(fd, into, n, into.length - n, null);
    if (r === 0) break;
    n += r;
  }
  return n;
}

function writeAll(fd, pieces) {
  for (const p of pieces) {
    let at = 0;
    while (at < p.length) at += fs.writeSync(fd, p, at, p.length - at);
  }
}

/** Read-back: the file against the pieces written, byte for byte. */
function sameBytes(file, pieces) {
  const fd = fs.openSync(file, 'r');
  try {
    let i = 0;
    let inPiece = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      let at = 0;
      while (at < n) {
        const want = pieces[i];
        if (!want) return false;
        const k = Math.min(n - at, want.length - inPiece);
        if (Buffer.compare(buf.subarray(at, at + k), want.subarray(inPiece, inPiece + k)) !== 0) return false;
        at += k;
        inPiece += k;
        if (inPiece === want.length) { i++; inPiece = 0; }
      }
    }
    while (pieces[i] && pieces[i].length === 0) i++;
    return i === pieces.length && inPiece === 0;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Source file -> encrypted temp file: the plaintext's SHA-256 checked as it is read (a
 * mismatch writes nothing that counts), each record sealed, the ciphertext hashed as written,
 * then read back and compared (hashed again past the size worth holding).
 */
function fromSource(f) {
  try {
    return f();
  } catch (e) {
    if (e && typeof e === 'object') e.during = 'source';
    throw e;
  }
}

function seal({ source, temp, plainSha256, enc, header, chunkBytes, durable }) {
  const fin = fromSource(() => fs.openSync(source, 'r'));
  let fout;
  try {
    fout = fs.openSync(temp, 'wx');
    const chunks = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
    const plain = crypto.createHash('sha256');
    const cipher = crypto.createHash('sha256');
    let held = [];
    let size = 0;
    const put = (pieces) => {
      writeAll(fout, pieces);
      for (const p of pieces) { cipher.update(p); size += p.length; }
      if (held) { held.push(...pieces); if (size > ${HOLD_FOR_READ_BACK}) held = undefined; }
    };
    put([Buffer.from(header)]);
    let cur = 0;
    let n = fromSource(() => readFull(fin, chunks[cur]));
    plain.update(chunks[cur].subarray(0, n));
    for (let index = 0; ; index++) {
      let next = 0;
      if (n === chunkBytes) {
        next = fromSource(() => readFull(fin, chunks[1 - cur]));
        plain.update(chunks[1 - cur].subarray(0, next));
      }
      const final = next === 0;
      if (final) {
        // The whole plaintext is read: only a good one is sealed to the end.
        const found = plain.digest('hex');
        if (found !== plainSha256) return { digestMismatch: found };
      }
      put(sealRecord(crypto, enc, header, index, chunks[cur].subarray(0, n), final));
      if (final) break;
      cur = 1 - cur;
      n = next;
    }
    if (durable) fs.fsyncSync(fout);
    fs.closeSync(fout);
    fout = undefined;
    const sha256 = cipher.digest('hex');
    if (held ? !sameBytes(temp, held) : hashFile({ file: temp }).sha256 !== sha256) return { readBackMismatch: true, sha256, size };
    return { sha256, size };
  } finally {
    fs.closeSync(fin);
    if (fout !== undefined) fs.closeSync(fout);
  }
}

parentPort.on('message', (job) => {
  let r;
  try {
    r = job.kind === 'seal' ? seal(job) : job.kind === 'compare' ? { same: sameBytes(job.file, job.pieces) } : hashFile(job);
  } catch (e) {
    r = { error: errorOf(e, job.kind === 'seal' ? { during: (e && e.during) || 'medium' } : {}) };
  }
  parentPort.postMessage({ id: job.id, ...r });
});
`;

interface Reply {
  id: number;
  sha256?: string;
  sm3?: string;
  size?: number;
  digestMismatch?: string;
  readBackMismatch?: boolean;
  same?: boolean;
  error?: { message: string; code?: string; during?: string };
}

interface Job {
  id: number;
  message: Record<string, unknown>;
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Job | undefined;
}

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 0;

function poolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

function dispatch(): void {
  while (queue.length > 0) {
    let slot = slots.find((s) => s.busy === undefined);
    if (!slot && slots.length < poolSize()) slot = startSlot();
    if (!slot) return;
    const job = queue.shift()!;
    slot.busy = job;
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, ...job.message });
  }
}

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const slot: Slot = { worker, busy: undefined };
  worker.on('message', (r: Reply) => {
    const job = slot.busy;
    slot.busy = undefined;
    worker.unref();
    if (job && job.id === r.id) job.resolve(r);
    dispatch();
  });
  const fail = (e: Error) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    slot.busy?.reject(e);
    slot.busy = undefined;
    dispatch();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`media worker exited with code ${code}`)));
  worker.unref();
  slots.push(slot);
  return slot;
}

function run(message: Record<string, unknown>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, message, resolve, reject });
    dispatch();
  });
}

/** An error the worker reported, as the kernel's would look here (errno `code` kept). */
function errorOf(e: NonNullable<Reply['error']>): Error {
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

async function hash(file: string, sm3: boolean): Promise<{ sha256: string; sm3?: string; size: number }> {
  const r = await run({ kind: 'hash', file, sm3 });
  if (r.error) throw errorOf(r.error);
  return { sha256: r.sha256!, ...(r.sm3 ? { sm3: r.sm3 } : {}), size: r.size! };
}

/** SHA-256 and size of a file, computed on one of the pool's threads (errors carry the errno `code`). */
export function hashFileInPool(file: string): Promise<{ sha256: string; size: number }> {
  return hash(file, false);
}

/** SHA-256, SM3 and size of a file from one read on a pool thread (a restored object's check). */
export async function digestFileInPool(file: string): Promise<{ sha256: string; sm3: string; size: number }> {
  const r = await hash(file, true);
  return { sha256: r.sha256, sm3: r.sm3 ?? '', size: r.size };
}

export interface SealJob {
  /** The plaintext (a vault object) and the SHA-256 it must have. */
  source: string;
  plainSha256: string;
  /** A new file to create (it must not exist). */
  temp: string;
  /** From file-cipher's newCipherFile. */
  header: Buffer;
  enc: Buffer;
  chunkBytes: number;
  durable: boolean;
}

export type SealOutcome =
  | { ok: true; sha256: string; size: number }
  | { ok: false; digestMismatch: string }
  | { ok: false; readBackMismatch: true; sha256: string; size: number };

/**
 * Seals source into temp on a pool thread (see the worker's seal). Errors from the source's or
 * the medium's files reject with their errno code, `during` telling which side failed.
 */
export async function sealFileInPool(job: SealJob): Promise<SealOutcome> {
  const r = await run({ kind: 'seal', ...job });
  if (r.error) throw Object.assign(errorOf(r.error), { during: r.error.during });
  if (r.digestMismatch !== undefined) return { ok: false, digestMismatch: r.digestMismatch };
  if (r.readBackMismatch) return { ok: false, readBackMismatch: true, sha256: r.sha256!, size: r.size! };
  return { ok: true, sha256: r.sha256!, size: r.size! };
}

/** Whether a file holds exactly these bytes (a read-back), read and compared on a pool thread. */
export async function sameBytesInPool(file: string, pieces: readonly Uint8Array[]): Promise<boolean> {
  const r = await run({ kind: 'compare', file, pieces });
  if (r.error) throw errorOf(r.error);
  return r.same === true;
}

/** How many files are worth hashing at once (one per worker, plus one queued each). */
export function hashParallelism(): number {
  return poolSize() * 2;
}
