import type { Db } from '../db/database.js';
import { toErrorDTO, type ErrorDTO } from '../errors.js';
import { createJob, getJob, setJobStatus } from './job-store.js';
import { throttleProgress } from './progress.js';
import type { JobStatus } from './types.js';

/**
 * The one job manager: every long operation (ingest, OCR, vault check, reindex, and later
 * export, backup, verification, migration, restore) runs through run(), which gives it a
 * persisted jobs row, an AbortSignal, one progress shape and one place where the desktop and
 * the CLI subscribe. Work that persists its own items (ingest: job_items; OCR: ocr_queue)
 * resumes from them when run again; the rest is simply re-run.
 */

// 'self-check' (a transfer selection's four-property check) and 'verify-package' (a received
// package's staged verification) only read: they are re-run, never resumed.
export type JobKind =
  | 'ingest' | 'ocr' | 'check' | 'reindex' | 'watch' | 'export' | 'import' | 'backup' | 'verify-media' | 'repair' | 'migrate' | 'restore' | 'catalog-export' | 'destroy' | 'qc'
  | 'self-check' | 'verify-package';

/** The one progress shape every long operation reports. */
export interface JobProgress {
  jobId: number;
  kind: JobKind;
  done: number;
  total: number;
  failed: number;
  message: string;
  /** Seconds left at the rate so far; null until there is a rate to go by. */
  etaSeconds: number | null;
}

export interface JobEnd {
  jobId: number;
  kind: JobKind;
  status: Extract<JobStatus, 'done' | 'failed' | 'cancelled'>;
  error?: ErrorDTO;
}

export type JobEvent = { type: 'progress'; progress: JobProgress } | { type: 'end'; end: JobEnd };
export type JobListener = (event: JobEvent) => void;

/** What a running operation gets from the manager. */
export interface JobControl {
  readonly signal: AbortSignal;
  /** The persisted job's id (the operation may swap in its own row, see adopt()). */
  readonly jobId: number;
  report(p: { done: number; total: number; failed?: number; message?: string }): void;
  /**
   * For operations that keep their own jobs row with per-item state (ingest): from now on
   * this job is known by that id, and the manager's placeholder row is removed.
   */
  adopt(jobId: number): void;
}

export interface JobOptions<T = unknown> {
  /** Parameters stored with the job (shown in lists; what a resume needs). */
  params?: unknown;
  /** Cancels the job from outside as well as through cancel(jobId). */
  signal?: AbortSignal;
  /** This job's own progress, besides the subscribers. */
  onProgress?: (p: JobProgress) => void;
  /** When the operation owns its jobs row from the start (a resume), no placeholder is made. */
  existingJobId?: number;
  /** Outcome of a finished body: 'failed' when it did its work but some items failed. */
  statusOf?: (result: T) => 'done' | 'failed' | 'cancelled';
}

export interface RunningJob<T> {
  jobId: () => number;
  result: Promise<T>;
}

interface Live {
  kind: JobKind;
  controller: AbortController;
  progress: JobProgress;
}

const PERSIST_EVERY_MS = 500;

export class JobManager {
  private readonly listeners = new Set<JobListener>();
  private readonly live = new Map<number, Live>();
  private readonly results = new Set<Promise<unknown>>();

  constructor(private readonly db: Db) {}

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Jobs running in this process now (persisted ones of other processes: listJobs). */
  running(): JobProgress[] {
    return [...this.live.values()].map((l) => ({ ...l.progress }));
  }

  /** Cancels a job running in this process; false when it is not running here. */
  cancel(jobId: number): boolean {
    const l = this.live.get(jobId);
    if (!l) return false;
    l.controller.abort(new Error('cancelled'));
    return true;
  }

  cancelAll(): void {
    for (const l of this.live.values()) l.controller.abort(new Error('cancelled'));
  }

  /** No job started here is still settling (close() may close the catalog at once). */
  get idle(): boolean {
    return this.results.size === 0;
  }

  /**
   * Settles once every job started here has ended, however it ended. A cancelled job still
   * releases its items and writes its status: the catalog must stay open until it has.
   */
  async whenIdle(): Promise<void> {
    while (this.results.size > 0) await Promise.allSettled([...this.results]);
  }

  /**
   * Runs body as a job. The returned jobId() is known at once (a placeholder row is made
   * before the body starts), and follows adopt() when the body brings its own row.
   */
  start<T>(kind: JobKind, body: (job: JobControl) => Promise<T>, options: JobOptions<T> = {}): RunningJob<T> {
    const controller = new AbortController();
    const outer = options.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    let jobId = options.existingJobId ?? createJob(this.db, kind, options.params ?? {}, `${kind}:${Date.now()}:${Math.random()}`, []);
    let placeholder = options.existingJobId === undefined;
    // A resumed row without items of its own (reindex, OCR, check) is the manager's row: its
    // counts are written as for a new one, so other processes (lantai jobs) see the progress.
    let countsHere = placeholder || this.db.prepare('SELECT 1 FROM job_items WHERE job_id = ? LIMIT 1').get(jobId) === undefined;
    const started = Date.now();
    const live: Live = { kind, controller, progress: { jobId, kind, done: 0, total: 0, failed: 0, message: '', etaSeconds: null } };
    this.live.set(jobId, live);
    setJobStatus(this.db, jobId, 'running');
    const throttled = throttleProgress<JobProgress>((p) => this.emit({ type: 'progress', progress: p }));
    const own = options.onProgress;
    // The row's counts are for other processes (lantai jobs): written at most every half second,
    // not per item (each write is a commit, and a synchronous fsync, on the job's own thread).
    let persistedAt = 0;
    let unpersisted = false;
    const persist = (): void => {
      unpersisted = false;
      persistedAt = Date.now();
      const p = live.progress;
      const now = new Date().toISOString();
      this.db.prepare('UPDATE jobs SET total = ?, done = ?, failed = ?, message = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?')
        .run(p.total, p.done, p.failed, p.message, now, now, jobId);
    };
    const control: JobControl = {
      signal: controller.signal,
      get jobId() {
        return jobId;
      },
      report: (p) => {
        const elapsed = (Date.now() - started) / 1000;
        const eta = p.done > 0 && p.total >= p.done && elapsed > 0.5 ? Math.round(((p.total - p.done) * elapsed) / p.done) : null;
        live.progress = { jobId, kind, done: p.done, total: p.total, failed: p.failed ?? 0, message: p.message ?? '', etaSeconds: eta };
        // A row the operation owns keeps its own counts; only the placeholder is written here.
        if (countsHere) {
          unpersisted = true;
          if (Date.now() - persistedAt >= PERSIST_EVERY_MS || p.done >= p.total) persist();
        }
        own?.({ ...live.progress });
        throttled.emit({ ...live.progress });
      },
      adopt: (id) => {
        if (id === jobId) return;
        if (placeholder) this.db.prepare('DELETE FROM jobs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = ?)').run(jobId, jobId);
        this.live.delete(jobId);
        jobId = id;
        placeholder = false;
        countsHere = false;
        live.progress = { ...live.progress, jobId };
        this.live.set(jobId, live);
      },
    };
    const finish = (status: JobEnd['status'], error?: unknown) => {
      throttled.flush();
      if (unpersisted && countsHere && this.db.open) persist();
      outer?.removeEventListener('abort', onOuterAbort);
      this.live.delete(jobId);
      // A catalog closed under a job (the process is quitting) keeps the row 'running': the next
      // open finds it dead and makes it resumable.
      if (this.db.open && (placeholder || getJob(this.db, jobId)?.status === 'running')) setJobStatus(this.db, jobId, status, live.progress.message);
      this.emit({ type: 'end', end: { jobId, kind, status, ...(error !== undefined ? { error: toErrorDTO(error) } : {}) } });
    };
    const result = (async () => {
      try {
        const value = await body(control);
        finish(controller.signal.aborted ? 'cancelled' : (options.statusOf?.(value) ?? 'done'));
        return value;
      } catch (e) {
        finish(controller.signal.aborted ? 'cancelled' : 'failed', e);
        throw e;
      }
    })();
    this.results.add(result);
    void result.then(
      () => this.results.delete(result),
      () => this.results.delete(result),
    );
    return { jobId: () => jobId, result };
  }

  /** start() and wait for the result. */
  async run<T>(kind: JobKind, body: (job: JobControl) => Promise<T>, options: JobOptions<T> = {}): Promise<T> {
    return this.start(kind, body, options).result;
  }

  private emit(event: JobEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A failing subscriber (a closed window) must not stop the job or the other subscribers.
      }
    }
  }
}
