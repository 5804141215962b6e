import { setTimeout as sleep } from 'node:timers/promises';
import { guardedAsync, recordAudit } from '../../auth/authorize.js';
import { recordTarget, type Session } from '../../auth/types.js';
import { recordExists } from '../../catalog/records.js';
import { VaultError } from '../../errors.js';
import { ocrMessages } from '../../ocr/messages.js';
import { runOcrQueue, type OcrRunSummary } from '../../ocr/queue.js';
import { queueCounts, runningElsewhere, type QueueCounts } from '../../ocr/queue-store.js';
import { Area, type JobCallOptions } from '../area.js';

export interface OcrRequest {
  /** Only this record's pages. */
  recordId?: number;
  /** Engines at once (default: the cores). */
  workers?: number;
  /** Put failed pages back in the queue first. */
  retryFailed?: boolean;
  /**
   * Also wait for pages another process (the desktop app, a second terminal) is reading now,
   * and take over any it abandons, so that on return the queue is settled.
   */
  wait?: boolean;
}

export interface OcrResult extends OcrRunSummary {
  queue: QueueCounts;
}

function merge(a: OcrRunSummary, b: OcrRunSummary): OcrRunSummary {
  return {
    done: a.done + b.done,
    failed: a.failed + b.failed,
    retried: a.retried + b.retried,
    cancelled: b.cancelled,
    recovered: a.recovered + b.recovered,
    failures: [...a.failures, ...b.failures],
    recordsCompleted: [...a.recordsCompleted, ...b.recordsCompleted],
    review: [...a.review, ...b.review],
  };
}

/** Reading the queued pages with offline OCR, as a job: the queue itself is what resumes. */
export class OcrArea extends Area {
  async run(session: Session, request: OcrRequest = {}, options: JobCallOptions & { onWaiting?: (count: number) => void } = {}): Promise<OcrResult> {
    const op = this.op(session);
    const { recordId } = request;
    const target = recordId === undefined ? { type: 'ocr_queue' } : recordTarget(recordId);
    return guardedAsync(op, 'ocr', target, async () => {
      if (recordId !== undefined && !recordExists(op.db, recordId)) {
        throw VaultError.of('RECORD_NOT_FOUND', ocrMessages.noRecord, { recordId });
      }
      const summary = await this.host.jobManager.run('ocr', async (job) => {
        let base = { done: 0, failed: 0 };
        const runOnce = (retryFailed: boolean) => runOcrQueue(this.vault, {
          ...(recordId !== undefined ? { recordId } : {}),
          ...(request.workers !== undefined ? { workers: request.workers } : {}),
          retryFailed,
          signal: job.signal,
          onProgress: (p) => job.report({ done: base.done + p.done + p.failed, total: base.done + p.total, failed: base.failed + p.failed }),
        });
        let s = await runOnce(request.retryFailed === true);
        let told = false;
        while (request.wait && !job.signal.aborted) {
          const elsewhere = runningElsewhere(op.db, recordId);
          const pending = queueCounts(op.db, recordId).pending;
          if (elsewhere === 0 && pending === 0) break;
          if (pending > 0) {
            base = { done: s.done + s.failed, failed: s.failed };
            s = merge(s, await runOnce(false));
            continue;
          }
          if (!told) options.onWaiting?.(elsewhere);
          told = true;
          await sleep(500, undefined, { signal: job.signal }).catch(() => undefined);
        }
        return s;
      }, { ...this.jobOptions(options), params: { recordId: recordId ?? null }, statusOf: (r) => (r.cancelled ? 'cancelled' : r.failed > 0 ? 'failed' : 'done') });
      recordAudit(op, 'ocr', target, 'ok', { done: summary.done, failed: summary.failed, cancelled: summary.cancelled, recordsCompleted: summary.recordsCompleted.length });
      return { ...summary, queue: queueCounts(op.db, recordId) };
    });
  }
}
