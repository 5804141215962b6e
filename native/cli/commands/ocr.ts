import { msg, ocrMessages, type JobProgress, type OcrResult } from '../../api/index.js';
import { intOption, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `lantai ocr`: reads every pending page (or one record's) and returns when the queue is empty,
 * printing progress: running it IS waiting for the OCR. `--wait` also waits for pages that
 * another OCR process (the desktop app, a second terminal) is reading right now, and takes
 * over any it abandons, so that on return the queue is settled. Exit 0 when every page read
 * in this run succeeded; 1 when a page failed (after its retries); 5 when cancelled.
 */
export const ocrCommand: Command = {
  name: 'ocr',
  summary: ocrMessages.commandSummary,
  usage: 'lantai ocr [--record ID] [--wait] [--retry-failed] [--workers N] [--json]',
  options: { record: { type: 'string' }, wait: { type: 'boolean' }, 'retry-failed': { type: 'boolean' }, workers: { type: 'string' } },
  positionals: 'none',
  async run(ctx, values) {
    const recordId = intOption(values, 'record');
    const workers = intOption(values, 'workers');
    const { api, session } = await ctx.openSession();
    const summary = await api.ocr.run(
      session,
      {
        ...(recordId !== undefined ? { recordId } : {}),
        ...(workers !== undefined ? { workers } : {}),
        retryFailed: values['retry-failed'] === true,
        wait: values['wait'] === true,
      },
      {
        signal: ctx.signal,
        onProgress: ocrProgress(ctx),
        onWaiting: (count) => ctx.say(msg(ocrMessages.waiting, { count })),
      },
    );
    return reportOcr(ctx, summary);
  },
};

/** OCR progress on the terminal (done counts every page read, failed ones too). */
export function ocrProgress(ctx: CliContext): (p: JobProgress) => void {
  return (p) => ctx.progress(msg(ocrMessages.runProgress, { done: p.done - p.failed, failed: p.failed, total: p.total }));
}

/** Prints an OCR run's outcome; returns the exit code it deserves. */
export function reportOcr(ctx: CliContext, summary: OcrResult): number {
  ctx.endProgress();
  if (summary.recovered > 0) ctx.say(msg(ocrMessages.recovered, { count: summary.recovered }));
  const counts = summary.queue;
  for (const f of summary.failures) {
    ctx.say(msg(ocrMessages.pageFailed, { recordId: f.recordId, pageNo: f.pageNo, message: f.error.message[ctx.lang] }));
  }
  if (summary.review.length > 0) ctx.say(msg(ocrMessages.reviewCount, { count: summary.review.length }));
  for (const r of summary.review) ctx.say(msg(ocrMessages.reviewLine, { code: r.reason, pageNo: r.pageNo, recordId: r.recordId }));
  if (summary.cancelled) ctx.say(msg(ocrMessages.runCancelled, { done: summary.done }));
  else ctx.say(msg(ocrMessages.runDone, { done: summary.done, failed: summary.failed, pending: counts.pending, failedTotal: counts.failed }));
  ctx.emitJson({ ok: !summary.cancelled && summary.failed === 0, ...summary });
  if (summary.cancelled) return EXIT.CANCELLED;
  return summary.failed === 0 ? EXIT.OK : EXIT.PROBLEMS;
}
