import { immediate, nowIso, type Db } from '../db/database.js';
import { VaultError, toErrorDTO, type ErrorDTO } from '../errors.js';
import { ensureNormalized } from '../images/derived-images.js';
import type { Vault } from '../vault/vault.js';
import type { EngineOptions } from './engine.js';
import { ocrHooks } from './hooks.js';
import { ocrMessages } from './messages.js';
import { throttleProgress } from '../jobs/progress.js';
import { DEFAULT_PAGE_OCR, ocrPage, type PageOcrOptions } from './page.js';
import { OcrPool } from './pool.js';
import type { PageImageInput } from './preprocess.js';
import { claimNext, enqueueMissing, markAttemptFailed, markDone, queueRow, recoverStale, release, requeueFailed } from './queue-store.js';
import type { PageOcrResult } from './types.js';
import { reviewReason, type ReviewReason } from './review.js';
import { msg } from '../i18n/messages.js';

/**
 * Runs the OCR queue: a bounded pool of engines (default one per core: one tesseract thread
 * per page beats several threads on one page) takes pending pages until none is left. Each
 * page's text, its search entries and its 'done' mark commit in one transaction; the
 * extraction that follows the record's last page commits with it. A failed page is retried
 * (default twice) and then marked failed with the reason; the other pages go on. Cancel
 * (AbortSignal) hands unfinished pages back as pending. Killed outright, the next run
 * recovers the pages the dead process held (recoverStale) and carries on.
 */

export interface OcrProgress {
  done: number;
  failed: number;
  /** Pages this run has to do (grows if pages are queued while it runs). */
  total: number;
  /** Pages being read right now. */
  running: number;
}

export interface OcrRunOptions {
  /** Only this record's pages. */
  recordId?: number;
  /** Engines (threads) at once; default: the number of cores. */
  workers?: number;
  /** Further attempts after a failure before a page is marked failed. Default 2. */
  maxRetries?: number;
  /** Put failed pages back in the queue first. */
  retryFailed?: boolean;
  page?: PageOcrOptions;
  engine?: EngineOptions;
  signal?: AbortSignal;
  onProgress?: (p: OcrProgress) => void;
  progressIntervalMs?: number;
  /** A pool to use instead of starting one (the caller terminates it). */
  pool?: OcrPool;
}

export interface OcrPageFailure {
  pageId: number;
  recordId: number;
  pageNo: number;
  error: ErrorDTO;
}

export interface OcrRunSummary {
  done: number;
  failed: number;
  retried: number;
  cancelled: boolean;
  /** Pages put back to pending because the process that held them had died. */
  recovered: number;
  failures: OcrPageFailure[];
  /** Records whose last page got text in this run (extraction ran). */
  recordsCompleted: number[];
  /** Pages with ink but no legible text: done, and flagged for a person's review (a record warning). */
  review: { recordId: number; pageNo: number; reason: ReviewReason }[];
}

interface PageRow {
  id: number;
  recordId: number;
  pageNo: number;
  imageSha256: string;
  colourMode: string;
  dpiX: number | null;
  dpiY: number | null;
  orientation: number;
  compression: string;
  masterSha256: string;
  masterPages: number;
}

function pageRow(db: Db, pageId: number): PageRow {
  const row = db
    .prepare(
      `SELECT p.id, p.record_id AS recordId, p.page_no AS pageNo, p.image_sha256 AS imageSha256, p.colour_mode AS colourMode,
              p.dpi_x AS dpiX, p.dpi_y AS dpiY, p.orientation, p.compression, m.sha256 AS masterSha256, m.page_count AS masterPages
       FROM pages p JOIN masters m ON m.id = p.master_id WHERE p.id = ?`,
    )
    .get(pageId) as PageRow | undefined;
  if (!row) throw VaultError.of('OCR_NO_PAGE', ocrMessages.noPage, { pageId });
  return row;
}

/**
 * The page's images for OCR. The normalized image is made from the stored page image on first
 * use (ingest does not make it); the errors keep the OCR codes the queue reports per page. A
 * derived file that exists but does not decode is reported by the reader as OCR_BAD_IMAGE: the
 * attempt fails, and deleting the file lets the next attempt derive it again.
 */
export async function pageImageInput(vault: Vault, pageId: number): Promise<PageImageInput> {
  const p = pageRow(vault.db, pageId);
  const object = vault.store.pathOf(p.imageSha256);
  let grey: string;
  try {
    grey = await ensureNormalized(vault, p);
  } catch (e) {
    if (!(e instanceof VaultError)) throw e;
    if (e.code === 'PAGE_IMAGE_MISSING') throw VaultError.of('OCR_NO_IMAGE', ocrMessages.noImage, { pageId, file: object }, {}, e);
    if (e.code === 'PAGE_IMAGE_UNREADABLE') throw VaultError.of('OCR_BAD_IMAGE', ocrMessages.badImage, { file: object, reason: String(e.details['reason']) }, {}, e);
    throw e;
  }
  // The stored page image is only this page's colour when it is not a whole multi-page master.
  const ownImage = p.imageSha256 !== p.masterSha256 || p.masterPages === 1;
  const dpi = p.dpiX && p.dpiY ? Math.min(p.dpiX, p.dpiY) : (p.dpiX ?? p.dpiY);
  return { greyFile: grey, colourFile: p.colourMode === 'colour' && ownImage ? object : undefined, dpi };
}

const REVIEW_CODES: readonly ReviewReason[] = ['OCR_EMPTY_WITH_INK', 'OCR_LOW_CONFIDENCE_WITH_INK'];

/** The page's review flag as a record warning (replacing an earlier one: a re-read may clear it). */
function setReviewWarning(db: Db, pageId: number, review: ReviewReason | null, r: PageOcrResult): void {
  const page = db.prepare('SELECT record_id AS recordId, page_no AS pageNo FROM pages WHERE id = ?').get(pageId) as { recordId: number; pageNo: number } | undefined;
  if (!page) return;
  db.prepare(`DELETE FROM record_warnings WHERE record_id = ? AND page_no = ? AND code IN (SELECT value FROM json_each(?))`).run(page.recordId, page.pageNo, JSON.stringify(REVIEW_CODES));
  if (review === null) return;
  const message = review === 'OCR_EMPTY_WITH_INK'
    ? msg(ocrMessages.reviewEmpty, { page: page.pageNo })
    : msg(ocrMessages.reviewWeak, { page: page.pageNo, confidence: Math.round(r.meanConfidence ?? 0) });
  db.prepare('INSERT INTO record_warnings (record_id, page_no, code, message_zh, message_en) VALUES (?, ?, ?, ?, ?)').run(page.recordId, page.pageNo, review, message.zh, message.en);
}

/**
 * Writes a page's OCR result, marks it done, indexes it and, on the record's last page, extracts;
 * a page with ink and no legible text gets its review flag in the same transaction.
 */
export function commitPageText(db: Db, pageId: number, r: PageOcrResult, review: ReviewReason | null = null): { recordId: number; recordComplete: boolean } {
  return immediate(db, () => {
    setReviewWarning(db, pageId, review, r);
    db.prepare(
      `INSERT INTO page_text (page_id, text, layout, mean_confidence, engine, engine_version, model, model_version, settings, rotation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (page_id) DO UPDATE SET text = excluded.text, layout = excluded.layout, mean_confidence = excluded.mean_confidence,
         engine = excluded.engine, engine_version = excluded.engine_version, model = excluded.model, model_version = excluded.model_version,
         settings = excluded.settings, rotation = excluded.rotation, created_at = excluded.created_at`,
    ).run(
      pageId, r.text, JSON.stringify(r.layout), r.meanConfidence, r.engine, r.engineVersion, r.model, r.modelVersion,
      JSON.stringify(r.settings), r.rotation, nowIso(),
    );
    markDone(db, pageId);
    const after = ocrHooks(db).pageTextSaved(db, pageId);
    return { recordId: after.recordId, recordComplete: after.recordComplete };
  });
}

function isCancel(e: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (e instanceof VaultError && e.code === 'OCR_CANCELLED');
}

export async function runOcrQueue(vault: Vault, options: OcrRunOptions = {}): Promise<OcrRunSummary> {
  const db = vault.db;
  const hooks = ocrHooks(db);
  const maxRetries = options.maxRetries ?? 2;
  const recovered = recoverStale(db);
  enqueueMissing(db, options.recordId);
  if (options.retryFailed) requeueFailed(db, options.recordId);
  const todo = (db
    .prepare(
      `SELECT count(*) AS n FROM ocr_queue q JOIN pages p ON p.id = q.page_id WHERE q.status = 'pending' AND (? IS NULL OR p.record_id = ?)`,
    )
    .get(options.recordId ?? null, options.recordId ?? null) as { n: number }).n;
  const pool = options.pool ?? new OcrPool({ ...(options.engine ?? {}), ...(options.workers ? { size: options.workers } : {}) });
  const summary: OcrRunSummary = { done: 0, failed: 0, retried: 0, cancelled: false, recovered, failures: [], recordsCompleted: [], review: [] };
  const progress = throttleProgress(options.onProgress, options.progressIntervalMs ?? 250);
  let running = 0;
  let total = todo;
  const emit = (): void => progress.emit({ done: summary.done, failed: summary.failed, total: Math.max(total, summary.done + summary.failed + running), running });
  const signal = options.signal;

  const worker = async (): Promise<void> => {
    while (!signal?.aborted) {
      const item = claimNext(db, options.recordId);
      if (!item) return;
      if (item.attempts > 0 && item.error) total = Math.max(total, summary.done + summary.failed + running + 1);
      running += 1;
      emit();
      try {
        const input = await pageImageInput(vault, item.pageId);
        let result = await ocrPage(pool, input, options.page ?? DEFAULT_PAGE_OCR, signal);
        result = await hooks.refinePage({ pageNo: item.pageNo, pool, input, result, ...(signal ? { signal } : {}) });
        const review = await reviewReason(result, input.greyFile);
        signal?.throwIfAborted();
        const c = commitPageText(db, item.pageId, result, review);
        summary.done += 1;
        if (review) summary.review.push({ recordId: item.recordId, pageNo: item.pageNo, reason: review });
        if (c.recordComplete) summary.recordsCompleted.push(c.recordId);
      } catch (e) {
        if (isCancel(e, signal)) {
          release(db, item.pageId);
        } else if (markAttemptFailed(db, item.pageId, e, maxRetries) === 'failed') {
          summary.failed += 1;
          const row = queueRow(db, item.pageId);
          summary.failures.push({ pageId: item.pageId, recordId: item.recordId, pageNo: item.pageNo, error: row?.error ?? toErrorDTO(e) });
        } else {
          summary.retried += 1;
        }
      } finally {
        running -= 1;
        emit();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.size }, worker));
  } finally {
    if (!options.pool) await pool.terminate();
  }
  // Pages still waiting to join their record's search document (records left incomplete by
  // failed pages or a cancel) join it now, so searches read none of them from page text.
  immediate(db, () => hooks.runEnded(db));
  summary.cancelled = signal?.aborted === true;
  emit();
  progress.flush();
  return summary;
}
