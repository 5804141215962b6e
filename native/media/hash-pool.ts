import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of whole files on worker threads, so verification uses both cores (one Node hash
 * stream runs at ~890 MB/s here, `openssl dgst` at ~1,490 MB/s: two streams beat it). Each
 * worker reads with a reused 4 MiB buffer; the pool is bounded and its workers are unref'd,
 * so an idle pool never keeps the process alive. The worker is a few lines of CommonJS run
 * with `eval` (as native/hash/read-digest.ts does) so it starts the same under tsx, from
 * compiled JavaScript and inside Electron's asar archive.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafe(4 << 20);
parentPort.on('message', ({ id, file, sm3 }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
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
    parentPort.postMessage({ id, sha256: h.digest('hex'), ...(g ? { sm3: g.digest('hex') } : {}), size });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: String(e && e.message), code: e && e.code } });
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
});
`;

interface Job {
  id: number;
  file: string;
  sm3: boolean;
  resolve: (r: { sha256: string; sm3?: string; size: number }) => void;
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
    slot.worker.postMessage({ id: job.id, file: job.file, sm3: job.sm3 });
  }
}

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const slot: Slot = { worker, busy: undefined };
  worker.on('message', (r: { id: number; sha256?: string; sm3?: string; size?: number; error?: { message: string; code?: string } }) => {
    const job = slot.busy;
    slot.busy = undefined;
    worker.unref();
    if (job && job.id === r.id) {
      if (r.error) job.reject(Object.assign(new Error(r.error.message), r.error.code ? { code: r.error.code } : {}));
      else job.resolve({ sha256: r.sha256!, ...(r.sm3 ? { sm3: r.sm3 } : {}), size: r.size! });
    }
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
  worker.on('exit', (code) => fail(new Error(`hash worker exited with code ${code}`)));
  worker.unref();
  slots.push(slot);
  return slot;
}

/** SHA-256 and size of a file, computed on one of the pool's threads (errors carry the errno `code`). */
export function hashFileInPool(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, file, sm3: false, resolve, reject });
    dispatch();
  });
}

/** SHA-256, SM3 and size of a file from one read on a pool thread (a restored object's check). */
export function digestFileInPool(file: string): Promise<{ sha256: string; sm3: string; size: number }> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, file, sm3: true, resolve: (r) => resolve({ sha256: r.sha256, sm3: r.sm3 ?? '', size: r.size }), reject });
    dispatch();
  });
}

/** How many files are worth hashing at once (one per worker, plus one queued each). */
export function hashParallelism(): number {
  return poolSize() * 2;
}
