import type { Progress } from './types.js';

/** Forwards at most one event per interval, but always the last one (so 100% is never lost). */
export function throttleProgress<P = Progress>(listener: ((p: P) => void) | undefined, intervalMs = 200): { emit(p: P): void; flush(): void } {
  let last = 0;
  let pending: P | undefined;
  return {
    emit(p) {
      if (!listener) return;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        pending = undefined;
        listener(p);
      } else {
        pending = p;
      }
    },
    flush() {
      if (listener && pending) listener(pending);
      pending = undefined;
    },
  };
}
