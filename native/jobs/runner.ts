import type { Db } from '../db/database.js';
import { VaultError, toErrorDTO } from '../errors.js';
import { defineMessages, msg } from '../i18n/messages.js';
import { jobItems, refreshJobCounts, setItemStatus, setJobStatus } from './job-store.js';
import { throttleProgress } from './progress.js';
import type { JobItemRow, JobStatus, ProgressListener } from './types.js';

const messages = defineMessages({
  cancelled: { zh: '已取消；已完成的部分保留，可继续。', en: 'Cancelled; finished work is kept and the job can be resumed.' },
  working: { zh: '正在处理 {key}', en: 'Working on {key}' },
  finished: { zh: '完成：{done} 项成功，{failed} 项失败', en: 'Finished: {done} done, {failed} failed' },
});

export interface ItemOutcome {
  status: 'done' | 'skipped';
  result?: unknown;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Errors with these codes stop the whole job (e.g. a full disk): later items would fail the same way. */
  fatalCodes?: readonly string[];
  /** How many items run at once. Results still commit in item order when the handler uses `turn`. */
  concurrency?: number;
}

export interface RunSummary {
  jobId: number;
  status: JobStatus;
  done: number;
  failed: number;
  total: number;
  fatal?: ReturnType<typeof toErrorDTO>;
}

export type ItemHandler = (item: JobItemRow, ctx: { signal: AbortSignal; turn: () => Promise<void>; release: () => void }) => Promise<ItemOutcome>;

/**
 * Runs the job's unfinished items (pending, or staged by a process that died). Each item's
 * status is persisted as it finishes, so a killed process resumes exactly where it stopped.
 * `turn()` lets a handler do its slow work concurrently but commit in item order, so item
 * numbers follow the order of the input.
 */
export async function runJob(db: Db, jobId: number, handler: ItemHandler, options: RunOptions = {}): Promise<RunSummary> {
  const todo = jobItems(db, jobId, ['pending', 'staged']);
  setJobStatus(db, jobId, 'running');
  const progress = throttleProgress(options.onProgress);
  const inner = new AbortController();
  const onAbort = () => inner.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let fatal: unknown;
  const emit = (message: string) => {
    const c = refreshJobCounts(db, jobId);
    progress.emit({ jobId, done: c.done, failed: c.failed, total: c.total, message });
  };

  // Ordered commit turns: item k may commit only after item k-1 has committed or failed.
  const turns = todo.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });

  let next = 0;
  const worker = async () => {
    while (next < todo.length && !inner.signal.aborted) {
      const index = next++;
      const item = todo[index]!;
      const previous = index > 0 ? turns[index - 1]!.promise : Promise.resolve();
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          turns[index]!.resolve();
        }
      };
      try {
        emit(msg(messages.working, { key: item.key }).zh);
        const outcome = await handler(item, { signal: inner.signal, turn: () => previous, release });
        setItemStatus(db, item.id, outcome.status, { result: outcome.result ?? null, countAttempt: true });
      } catch (e) {
        if (inner.signal.aborted && !(e instanceof VaultError)) {
          // Cancelled mid-item: the handler rolled its own work back; the item stays resumable.
          setItemStatus(db, item.id, 'pending', { countAttempt: true });
        } else {
          const dto = toErrorDTO(e);
          setItemStatus(db, item.id, 'failed', { errorCode: dto.code, errorMessage: `${dto.message.zh}\n${dto.message.en}`, countAttempt: true, result: { details: dto.details } });
          if (options.fatalCodes?.includes(dto.code)) {
            fatal = e;
            inner.abort(e);
          }
        }
      } finally {
        await previous.catch(() => undefined);
        release();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  const counts = refreshJobCounts(db, jobId);
  let status: JobStatus;
  if (fatal) status = 'failed';
  else if (options.signal?.aborted) status = 'cancelled';
  else status = counts.failed > 0 ? 'failed' : 'done';
  const message =
    status === 'cancelled' ? messages.cancelled.zh : msg(messages.finished, { done: counts.done, failed: counts.failed }).zh;
  setJobStatus(db, jobId, status, message);
  progress.emit({ jobId, ...counts, message });
  progress.flush();
  return { jobId, status, ...counts, ...(fatal ? { fatal: toErrorDTO(fatal) } : {}) };
}
