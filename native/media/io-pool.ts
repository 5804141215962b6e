import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { openRecordSteps, sealRecord, type OpenStep } from '../crypto/file-cipher.js';

/**
 * The media's worker threads: SHA-256 of whole files, sealing a vault object into an encrypted
 * medium file and opening one back into a plaintext file. All run off the main thread so a
 * backup or a verification uses both cores; sealing runs there also because the ciphertext buffers a gigabyte of
 * backup allocates make V8 collect the whole heap every few dozen megabytes, which on the main
 * thread (the vault's heap, large in the desktop) cost more than the cipher itself, and on a
 * worker's few-megabyte heap cost nothing. Reads go into reused buffers; the pool is bounded
 * and its workers are unref'd, so an idle pool never keeps the process alive.
 *
 * The worker is a few lines of CommonJS run with `eval` (as native/hash/read-digest.ts does)
 * so it starts the same under tsx, from compiled JavaScript and inside Electron's asar archive;
 * the record format comes from file-cipher's own sealRecord, by its source text.
 */
/** Ciphertext up to this size is held in memory while written and compared on read-back; a larger file is hashed again instead. */
export const HOLD_FOR_READ_BACK = 64 << 20;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const sealRecord = ${sealRecord.toString()};
const openRecordSteps = ${openRecordSteps.toString()};
const buf = Buffer.allocUnsafe(4 << 20);
const errorOf = (e, extra) => ({ message: String(e && e.message), code: e && e.code, ...extra });

function hashFile({ file }) {
  const fd = fs.openSync(file, 'r');
  try {
    const h = crypto.createHash('sha256');
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      size += n;
    }
    return { sha256: h.digest('hex'), size };
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

/** Runs a read of the source file, marking what it throws as the source's (not the medium's). */
function fromSource(f) {
  try {
    return f();
  } catch (e) {
    if (e && typeof e === 'object') e.during = 'source';
    throw e;
  }
}

/**
 * Source file -> encrypted temp file: the plaintext's SHA-256 checked as it is read (a
 * mismatch writes nothing that counts), each record sealed, the ciphertext hashed as written,
 * then read back and compared (hashed again past the size worth holding). No fsync here: the
 * caller's fsync waits on libuv's threads while this thread seals the next file.
 */
function seal({ source, temp, plainSha256, enc, header, chunkBytes }) {
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
    fs.closeSync(fout);
    fout = undefined;
    const sha256 = cipher.digest('hex');
    const read = held ? (sameBytes(temp, held) ? sha256 : hashFile({ file: temp }).sha256) : hashFile({ file: temp }).sha256;
    if (read !== sha256) return { readBackMismatch: true, sha256, size, found: read };
    return { sha256, size };
  } finally {
    fs.closeSync(fin);
    if (fout !== undefined) fs.closeSync(fout);
  }
}

/**
 * Encrypted medium file -> plaintext temp file: each record authenticated before its plaintext
 * is written (openRecordSteps), SHA-256 and SM3 of the plaintext computed as it is written.
 * The header was checked against the key by the caller, which sends its record key.
 */
function unseal({ source, temp, enc, header, chunkBytes }) {
  const fin = fs.openSync(source, 'r');
  let fout;
  try {
    fout = fs.openSync(temp, 'wx');
    const small = Buffer.allocUnsafe(4);
    const big = Buffer.allocUnsafe(chunkBytes + 16);
    let pos = header.length;
    const readAt = (into, n) => {
      let got = 0;
      while (got < n) {
        const r = fs.readSync(fin, into, got, n - got, pos);
        if (r === 0) break;
        got += r;
        pos += r;
      }
      return into.subarray(0, got);
    };
    const h = crypto.createHash('sha256');
    const g = crypto.createHash('sm3');
    let size = 0;
    const steps = openRecordSteps(crypto, enc, header, chunkBytes);
    let answer;
    for (;;) {
      const next = steps.next(answer);
      if (next.done) break;
      const step = next.value;
      answer = undefined;
      if ('read' in step) answer = readAt(step.read === 4 ? small : step.read <= big.length ? big : Buffer.allocUnsafe(step.read), step.read);
      else if ('drain' in step) answer = Math.max(0, fs.fstatSync(fin).size - pos);
      else if ('plain' in step) {
        writeAll(fout, [step.plain]);
        h.update(step.plain);
        g.update(step.plain);
        size += step.plain.length;
      } else return { cipherFailure: step };
    }
    fs.closeSync(fout);
    fout = undefined;
    return { sha256: h.digest('hex'), sm3: g.digest('hex'), size };
  } finally {
    fs.closeSync(fin);
    if (fout !== undefined) fs.closeSync(fout);
  }
}

parentPort.on('message', (job) => {
  let r;
  try {
    r = job.kind === 'seal' ? seal(job) : job.kind === 'unseal' ? unseal(job) : job.kind === 'compare' ? { same: sameBytes(job.file, job.pieces) } : hashFile(job);
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
  /** The digest of what a read-back that differed read. */
  found?: string;
  same?: boolean;
  cipherFailure?: Extract<OpenStep, { fail: string }>;
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

/** SHA-256 and size of a file, computed on one of the pool's threads (errors carry the errno `code`). */
export async function hashFileInPool(file: string): Promise<{ sha256: string; size: number }> {
  const r = await run({ kind: 'hash', file });
  if (r.error) throw errorOf(r.error);
  return { sha256: r.sha256!, size: r.size! };
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
}

export type SealOutcome =
  | { ok: true; sha256: string; size: number }
  | { ok: false; digestMismatch: string }
  | { ok: false; readBackMismatch: true; sha256: string; size: number; found: string };

/**
 * Seals source into temp on a pool thread (see the worker's seal). Errors from the source's or
 * the medium's files reject with their errno code, `during` telling which side failed.
 */
export async function sealFileInPool(job: SealJob): Promise<SealOutcome> {
  const r = await run({ kind: 'seal', ...job });
  if (r.error) throw Object.assign(errorOf(r.error), { during: r.error.during });
  if (r.digestMismatch !== undefined) return { ok: false, digestMismatch: r.digestMismatch };
  if (r.readBackMismatch) return { ok: false, readBackMismatch: true, sha256: r.sha256!, size: r.size!, found: r.found! };
  return { ok: true, sha256: r.sha256!, size: r.size! };
}

/** Whether a file holds exactly these bytes (a read-back), read and compared on a pool thread. */
export async function sameBytesInPool(file: string, pieces: readonly Uint8Array[]): Promise<boolean> {
  const r = await run({ kind: 'compare', file, pieces });
  if (r.error) throw errorOf(r.error);
  return r.same === true;
}

/**
 * Decrypts an encrypted medium file into temp (a new file) on a pool thread, with the record
 * key and header the caller checked (file-cipher's openCipherFile). The plaintext's digests
 * come back, or the failure step that stopped it (temp then holds authentic but incomplete
 * plaintext: the caller removes it).
 */
export async function unsealFileInPool(job: { source: string; temp: string; header: Buffer; enc: Buffer; chunkBytes: number }): Promise<{ ok: true; sha256: string; sm3: string; size: number } | { ok: false; failure: Extract<OpenStep, { fail: string }> }> {
  const r = await run({ kind: 'unseal', ...job });
  if (r.error) throw errorOf(r.error);
  if (r.cipherFailure) return { ok: false, failure: r.cipherFailure };
  return { ok: true, sha256: r.sha256!, sm3: r.sm3!, size: r.size! };
}

/** How many files are worth hashing at once (one per worker, plus one queued each). */
export function hashParallelism(): number {
  return poolSize() * 2;
}
