import os from 'node:os';
import { VaultError } from '../errors.js';
import { OcrEngine, type EngineOptions } from './engine.js';
import { ocrMessages } from './messages.js';

/**
 * A bounded pool of OCR engines (one worker thread each, ~220 MB). Engines are started lazily,
 * reused across pages (start-up costs 0.3–0.6 s and the WebAssembly only gets fast after its
 * first page), always handed back in `finally`, and an engine that died, timed out or was
 * killed by an abort is dropped and replaced on demand. terminate() stops every thread.
 */

export interface PoolOptions extends EngineOptions {
  /** Most engines running at once; default: the number of cores. */
  size?: number;
}

export interface PoolStats {
  size: number;
  idle: number;
  busy: number;
  starting: number;
  waiting: number;
  started: number;
  replaced: number;
}

interface Waiter {
  resolve: (engine: OcrEngine) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export class OcrPool {
  readonly size: number;
  private readonly engineOptions: EngineOptions;
  private readonly idle: OcrEngine[] = [];
  private readonly busy = new Set<OcrEngine>();
  private starting = 0;
  private readonly waiters: Waiter[] = [];
  private closed = false;
  private started = 0;
  private replaced = 0;

  constructor(options: PoolOptions = {}) {
    const { size, ...engineOptions } = options;
    const n = size ?? defaultPoolSize();
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      throw VaultError.of('OCR_BAD_SETTING', ocrMessages.badSetting, { key: 'ocr.workers', value: String(n), reason: '1–64' });
    }
    this.size = n;
    this.engineOptions = engineOptions;
  }

  stats(): PoolStats {
    return {
      size: this.size,
      idle: this.idle.length,
      busy: this.busy.size,
      starting: this.starting,
      waiting: this.waiters.length,
      started: this.started,
      replaced: this.replaced,
    };
  }

  /** Runs fn with an engine of its own; the engine goes back to the pool however fn ends. */
  async run<T>(fn: (engine: OcrEngine) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const engine = await this.acquire(signal);
    try {
      return await fn(engine);
    } finally {
      this.release(engine);
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<OcrEngine> {
    if (this.closed) return Promise.reject(VaultError.of('OCR_POOL_CLOSED', ocrMessages.poolClosed));
    if (signal?.aborted) return Promise.reject(VaultError.of('OCR_CANCELLED', ocrMessages.cancelled));
    const ready = this.idle.pop();
    if (ready) {
      this.busy.add(ready);
      return Promise.resolve(ready);
    }
    return new Promise<OcrEngine>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(VaultError.of('OCR_CANCELLED', ocrMessages.cancelled));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.startIfNeeded();
    });
  }

  /** Starts engines while there are more waiters than engines on their way. */
  private startIfNeeded(): void {
    while (!this.closed && this.waiters.length > this.starting && this.idle.length + this.busy.size + this.starting < this.size) {
      this.starting += 1;
      this.started += 1;
      OcrEngine.create(this.engineOptions).then(
        (engine) => {
          this.starting -= 1;
          if (this.closed) {
            void engine.terminate();
            return;
          }
          this.handOver(engine);
        },
        (e: unknown) => {
          this.starting -= 1;
          // The engine cannot start (missing data, broken install): every waiter would fail alike.
          const waiters = this.waiters.splice(0);
          for (const w of waiters) this.settle(w).reject(e);
        },
      );
    }
  }

  private settle(w: Waiter): Waiter {
    if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
    return w;
  }

  private handOver(engine: OcrEngine): void {
    const next = this.waiters.shift();
    if (next) {
      this.busy.add(engine);
      this.settle(next).resolve(engine);
    } else {
      this.idle.push(engine);
    }
  }

  private release(engine: OcrEngine): void {
    this.busy.delete(engine);
    if (this.closed) {
      void engine.terminate();
      return;
    }
    if (engine.alive) {
      this.handOver(engine);
      return;
    }
    // Dead (crash, timeout, abort): drop it; a replacement starts only if someone waits.
    void engine.terminate();
    this.replaced += 1;
    this.startIfNeeded();
  }

  /** Stops every engine; waiting callers get OCR_POOL_CLOSED, running ones finish or fail. */
  async terminate(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) this.settle(w).reject(VaultError.of('OCR_POOL_CLOSED', ocrMessages.poolClosed));
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((e) => e.terminate()));
  }
}
