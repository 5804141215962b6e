import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { digestBuffer, type Digests } from './digests.js';

/**
 * Reads a file whole and computes its digests on a worker thread. SM3 and SHA-256 cost ~7 ms
 * of CPU per 300-dpi A4 scan, and on the main thread that time is taken from everything else
 * ingest does there (issue #2); the worker runs them beside it, on the other core. The bytes
 * come back to the caller by transfer, not copied.
 *
 * The worker is a few lines of CommonJS run with `eval`, so that it needs no file of its own:
 * it starts the same under tsx, from compiled JavaScript and inside Electron's asar archive.
 * If it cannot start, the work is done on the calling thread.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
parentPort.on('message', ({ id, file }) => {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    parentPort.postMessage({ id, error: { message: String(e && e.message), code: e && e.code } });
    return;
  }
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const sm3 = crypto.createHash('sm3').update(data).digest('hex');
  // A small file's Buffer can share Node's allocation pool: only a buffer of its own is moved.
  const own = data.byteOffset === 0 && data.buffer.byteLength === data.length;
  const bytes = own ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
  parentPort.postMessage({ id, sha256, sm3, size: data.length, bytes }, [bytes]);
});
`;

interface Reply {
  id: number;
  sha256?: string;
  sm3?: string;
  size?: number;
  bytes?: ArrayBuffer;
  error?: { message: string; code?: string };
}

interface Pending {
  resolve: (r: { data: Buffer; digests: Digests }) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(e: Error): void {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function startWorker(): Worker | null {
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (r: Reply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if (pending.size === 0) w.unref();
      if (r.error) p.reject(Object.assign(new Error(r.error.message), r.error.code ? { code: r.error.code } : {}));
      else p.resolve({ data: Buffer.from(r.bytes!), digests: { sha256: r.sha256!, sm3: r.sm3!, size: r.size! } });
    });
    w.on('error', (e) => {
      worker = undefined; // the next call starts a new one
      failAll(e);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`digest worker exited with code ${code}`));
    });
    w.unref();
    return w;
  } catch {
    return null;
  }
}

/** The whole file and its digests (errors are the file system's, with their `code`). */
export async function readAndDigest(file: string): Promise<{ data: Buffer; digests: Digests }> {
  if (worker === undefined) worker = startWorker();
  if (worker === null) {
    const data = await fs.promises.readFile(file);
    return { data, digests: digestBuffer(data) };
  }
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, file });
  });
}
