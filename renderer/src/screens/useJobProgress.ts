import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../electron/contract.js';
import { call, onEvent } from '../bridge.js';

type Kind = JobProgress['kind'];

/**
 * Follows the one job a screen is waiting for, through the shell's job events: the call that
 * starts it answers only when it is done, so while it runs the screen takes the progress of the
 * first job of the expected kinds that reports, and can cancel that job by its id.
 */
export function useJobProgress(kinds: readonly Kind[]) {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const active = useRef(false);
  const jobId = useRef<number | null>(null);
  const key = kinds.join(',');

  useEffect(
    () =>
      onEvent((e) => {
        if (!active.current || e.type !== 'job:progress' || !key.split(',').includes(e.progress.kind)) return;
        if (jobId.current !== null && jobId.current !== e.progress.jobId) return;
        jobId.current = e.progress.jobId;
        setProgress(e.progress);
      }),
    [key],
  );

  return {
    progress,
    /** Waits for `run` while following its job; the progress stays shown until the next start. */
    async follow<T>(run: () => Promise<T>): Promise<T> {
      active.current = true;
      jobId.current = null;
      setProgress(null);
      try {
        return await run();
      } finally {
        active.current = false;
      }
    },
    /** Asks the engine to cancel the followed job; the starting call then fails with its cancel error. */
    async cancel(): Promise<void> {
      if (jobId.current === null) return;
      try {
        await call('jobs:cancel', { jobId: jobId.current });
      } catch {
        // The job may have ended meanwhile; the call that started it reports how.
      }
    },
  };
}

/** A byte count for people: B, KB, MB, GB (1000-based, as disc and disk makers count). */
export function sizeText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
