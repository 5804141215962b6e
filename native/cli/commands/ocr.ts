import { setTimeout as sleep } from 'node:timers/promises';
import { guardedAsync, recordAudit } from '../../auth/authorize.js';
import { recordTarget } from '../../auth/types.js';
import { VaultError } from '../../errors.js';
import { msg } from '../../i18n/messages.js';
import { ocrMessages } from '../../ocr/messages.js';
import { runOcrQueue, type OcrRunSummary } from '../../ocr/queue.js';
import { queueCounts, runningElsewhere } from '../../ocr/queue-store.js';
import { intOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/**
 * `lantai ocr`: reads every pending page (or one record's) and returns when the queue is empty,
 * printing progress: running it IS waiting for the OCR. `--wait` also waits for pages that
 * another OCR process (the desktop app, a second terminal) is reading right now, and takes
 * over any it abandons, so that on return the queue is settled. Exit 0 when every page read
 * in this run succeeded; 1 when a page failed (after its retries); 5 when cancelled.
 */

function merge(a: OcrRunSummary, b: OcrRunSummary): OcrRunSummary {
  return {
    done: a.done + b.done,
    failed: a.failed + b.failed,
    retried: a.retried + b.retried,
    cancelled: b.cancelled,
    recovered: a.recovered + b.recovered,
    failures: [...a.failures, ...b.failures],
    recordsCompleted: [...a.recordsCompleted, ...b.recordsCompleted],
  };
}

export const ocrCommand: Command = {
  name: 'ocr',
  summary: ocrMessages.commandSummary,
  usage: 'lantai ocr [--record ID] [--wait] [--retry-failed] [--workers N] [--json]',
  options: { record: { type: 'string' }, wait: { type: 'boolean' }, 'retry-failed': { type: 'boolean' }, workers: { type: 'string' } },
  positionals: 'none',
  async run(ctx, values) {
    const recordId = intOption(values, 'record');
    const workers = intOption(values, 'workers');
    const wait = values['wait'] === true;
    const { vault, op } = await ctx.openSession();
    const target = recordId === undefined ? undefined : recordTarget(recordId);
    const summary = await guardedAsync(op, 'ocr', target, async () => {
      if (recordId !== undefined && !vault.db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) {
        throw VaultError.of('RECORD_NOT_FOUND', ocrMessages.noRecord, { recordId });
      }
      const onProgress = (p: { done: number; failed: number; total: number }): void => {
        if (!ctx.json) ctx.io.stderr(`\r${ctx.t(msg(ocrMessages.runProgress, p))}   `);
      };
      const options = {
        ...(recordId !== undefined ? { recordId } : {}),
        ...(workers !== undefined ? { workers } : {}),
        signal: ctx.signal,
        onProgress,
      };
      let s = await runOcrQueue(vault, { ...options, retryFailed: values['retry-failed'] === true });
      if (s.recovered > 0) ctx.say(msg(ocrMessages.recovered, { count: s.recovered }));
      let told = false;
      while (wait && !ctx.signal.aborted) {
        const elsewhere = runningElsewhere(vault.db, recordId);
        const pending = queueCounts(vault.db, recordId).pending;
        if (elsewhere === 0 && pending === 0) break;
        if (pending > 0) {
          s = merge(s, await runOcrQueue(vault, options));
          continue;
        }
        if (!told) ctx.say(msg(ocrMessages.waiting, { count: elsewhere }));
        told = true;
        await sleep(500, undefined, { signal: ctx.signal }).catch(() => undefined);
      }
      if (!ctx.json) ctx.io.stderr('\n');
      recordAudit(op, 'ocr', target, 'ok', { done: s.done, failed: s.failed, cancelled: s.cancelled, recordsCompleted: s.recordsCompleted.length });
      return s;
    });
    const counts = queueCounts(vault.db, recordId);
    for (const f of summary.failures) {
      ctx.say(msg(ocrMessages.pageFailed, { recordId: f.recordId, pageNo: f.pageNo, message: f.error.message[ctx.lang] }));
    }
    if (summary.cancelled) ctx.say(msg(ocrMessages.runCancelled, { done: summary.done }));
    else ctx.say(msg(ocrMessages.runDone, { done: summary.done, failed: summary.failed, pending: counts.pending, failedTotal: counts.failed }));
    ctx.emitJson({ ok: !summary.cancelled && summary.failed === 0, ...summary, queue: counts });
    if (summary.cancelled) return EXIT.CANCELLED;
    return summary.failed === 0 ? EXIT.OK : EXIT.PROBLEMS;
  },
};
