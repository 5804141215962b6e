import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Hashes many files with whatever algorithms their manifests name, on worker threads so that
 * two files are hashed on two cores at once (hashing runs synchronously inside node:crypto and
 * would otherwise hold the main thread). native/hash only knows SHA-256 + SM3, which is what the
 * vault writes; bags received from elsewhere carry md5, sha1 or sha512, hence this module.
 *
 * Memory stays flat: each lane reads one 1 MiB buffer at a time, and at most `concurrency`
 * files are open. Files are opened with O_NOFOLLOW, so a link swapped in after the walk is
 * refused rather than read.
 *
 * The worker is CommonJS run with `eval` (as native/hash/read-digest.ts does): it needs no file
 * of its own under tsx, compiled JavaScript or Electron's asar.
 */
const CHUNK = 1 << 20;
const REPORT_EVERY = 8 * CHUNK;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const CHUNK = ${CHUNK};
const REPORT_EVERY = ${REPORT_EVERY};
const buffer = Buffer.allocUnsafe(CHUNK);
parentPort.on('message', ({ file, algorithms }) => {
  let fd;
  try {
    const hashes = algorithms.map((a) => crypto.createHash(a));
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0));
    let size = 0;
    let unreported = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      for (const h of hashes) h.update(chunk);
      size += n;
      unreported += n;
      if (unreported >= REPORT_EVERY) {
        parentPort.postMessage({ bytes: unreported });
        unreported = 0;
      }
    }
    const digests = {};
    algorithms.forEach((a, i) => { digests[a] = hashes[i].digest('hex'); });
    parentPort.postMessage({ bytes: unreported, done: { size, digests } });
  } catch (e) {
    parentPort.postMessage({ done: { error: { message: String(e && e.message), code: e && e.code } } });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

export interface HashTask {
  /** Absolute path of a regular file. */
  file: string;
  algorithms: string[];
}

export type HashOutcome = { size: number; digests: Record<string, string> } | { error: { message: string; code?: string } };

interface WorkerReply {
  bytes?: number;
  done?: HashOutcome;
}

/** The same work on the calling thread, when a worker cannot be started. */
async function hashHere(task: HashTask, onBytes: (n: number) => void, signal?: AbortSignal): Promise<HashOutcome> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    const hashes = task.algorithms.map((a) => crypto.createHash(a));
    handle = await fs.promises.open(task.file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const buffer = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      for (const h of hashes) h.update(chunk);
      size += bytesRead;
      onBytes(bytesRead);
    }
    return { size, digests: Object.fromEntries(task.algorithms.map((a, i) => [a, hashes[i]!.digest('hex')])) };
  } catch (e) {
    if (signal?.aborted) throw e;
    const err = e as NodeJS.ErrnoException;
    return { error: { message: String(err.message), ...(err.code ? { code: err.code } : {}) } };
  } finally {
    await handle?.close();
  }
}

function startWorker(): Worker | null {
  try {
    // execArgv: [] so the worker does not load the parent's loaders (tsx under tests costs ~0.2 s a worker).
    return new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  } catch {
    return null;
  }
}

/** Sends one task to a worker and waits for its answer, forwarding byte counts as they come. */
function hashOnWorker(worker: Worker, task: HashTask, onBytes: (n: number) => void): Promise<HashOutcome> {
  return new Promise((resolve, reject) => {
    const onMessage = (r: WorkerReply): void => {
      if (r.bytes) onBytes(r.bytes);
      if (r.done) {
        cleanup();
        resolve(r.done);
      }
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`hash worker exited with code ${code}`));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}

/** Below this many bytes in all, starting workers costs more than hashing here. */
const WORKER_THRESHOLD = 16 * CHUNK;

export interface HashFilesOptions {
  concurrency?: number;
  /** Total size of the tasks, when known: small batches are hashed on this thread. */
  totalBytes?: number;
  signal?: AbortSignal;
  /** Called with each batch of bytes hashed (for progress). */
  onBytes?: (n: number) => void;
  /** Called as each file finishes, in completion order. */
  onFile?: (index: number, outcome: HashOutcome) => void;
}

/**
 * Hashes every task; the outcome array is in task order. Unreadable files become `{error}`
 * outcomes (the caller reports them); cancellation rejects with the signal's reason after
 * stopping the workers.
 */
export async function hashFiles(tasks: readonly HashTask[], options: HashFilesOptions = {}): Promise<HashOutcome[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (tasks.length === 0) return [];
  const onBytes = options.onBytes ?? (() => undefined);
  const lanes = Math.max(1, Math.min(options.concurrency ?? Math.min(2, os.availableParallelism()), tasks.length));
  const outcomes: HashOutcome[] = new Array<HashOutcome>(tasks.length);
  const workers: Array<Worker | null> = [];
  const useWorkers = options.totalBytes === undefined || options.totalBytes >= WORKER_THRESHOLD;
  // Terminating the workers is what stops a multi-GB hash midway; the pending promises then reject.
  const stop = (): void => {
    for (const w of workers) void w?.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        let worker = useWorkers ? startWorker() : null;
        workers.push(worker);
        while (next < tasks.length) {
          signal?.throwIfAborted();
          const index = next++;
          const task = tasks[index]!;
          let outcome: HashOutcome;
          try {
            outcome = worker ? await hashOnWorker(worker, task, onBytes) : await hashHere(task, onBytes, signal);
          } catch {
            signal?.throwIfAborted();
            // The worker died (not the file: file errors come back as outcomes): this lane
            // carries on without one. Bytes it had reported are counted again, progress only.
            worker = null;
            outcome = await hashHere(task, onBytes, signal);
          }
          outcomes[index] = outcome;
          options.onFile?.(index, outcome);
        }
      }),
    );
    return outcomes;
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all(workers.map((w) => w?.terminate()));
  }
}
