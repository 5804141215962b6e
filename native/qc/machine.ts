import { pagesWithImage } from '../catalog/records.js';
import { nowIso } from '../db/database.js';
import { saveMeasures, storedMeasures } from '../images/measures-store.js';
import type { Vault } from '../vault/vault.js';
import { measurePage, sheetDistance, sheetPrint, type PageMeasures, type SheetPrint } from './analyze.js';
import { batchPages, getBatch, metricsOf, replaceFindings, saveMetrics, setBatchState, type BatchPage, type StoredMetrics } from './batches.js';
import { readQcSettings, type QcSettings } from './settings.js';
import { QC_CHECKS, type BatchRule, type Finding, type MachineSummary, type QcCheck } from './types.js';

/**
 * The machine checks of a batch (DA/T 31): each page measured once from its stored image
 * (analyze.ts) unless ingest measured it already (page_measures, by the image's digest: the
 * same measures without decoding the image again), the measures kept per page so an
 * interrupted run resumes where it stopped,
 * then the findings written in one transaction: blank page, skew, blur, resolution and colour
 * mode against the batch's rule, duplicate images (the same bytes anywhere in the vault, or
 * the same sheet scanned twice in the batch), and page count against the catalog.
 */

/** Pages measured at once: the work is sharp's (native threads) and a little JS per page. */
const AT_ONCE = 2;
/** Measures saved per transaction. */
const SAVE_EVERY = 16;

type Unreadable = { pageId: number; error: string };

export interface MachineRunOptions {
  signal?: AbortSignal;
  report?: (done: number, total: number) => void;
}

export async function runMachineChecks(vault: Vault, batchId: number, options: MachineRunOptions = {}): Promise<MachineSummary> {
  const db = vault.db;
  const batch = getBatch(db, batchId);
  const pages = batchPages(db, batchId);
  const measured = metricsOf(db, batchId);
  const unreadable: Unreadable[] = [];
  let done = measured.size;
  options.report?.(done, pages.length);
  const pending = pages.filter((p) => !measured.has(p.pageId));
  // Measures are kept in small transactions, not one commit (and fsync) per page; a crash loses
  // at most the last few, which a resumed run measures again. A page measured here is stored
  // by its digest too, for the next batch that holds the same image.
  let unsaved: StoredMetrics[] = [];
  let fresh: [string, PageMeasures][] = [];
  const flush = (): void => {
    const rows = unsaved;
    const images = fresh;
    unsaved = [];
    fresh = [];
    if (rows.length > 0 || images.length > 0) {
      db.transaction(() => {
        rows.forEach((r) => saveMetrics(db, batchId, r));
        saveMeasures(db, images);
      })();
    }
  };
  const stored = storedMeasures(db, pending.map((p) => p.imageSha256));
  for (const p of pending) {
    const m = stored.get(p.imageSha256);
    if (!m) continue;
    const row: StoredMetrics = { pageId: p.pageId, ...m };
    unsaved.push(row);
    measured.set(p.pageId, row);
    options.report?.(++done, pages.length);
  }
  flush();
  const todo = pending.filter((p) => !measured.has(p.pageId));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      options.signal?.throwIfAborted();
      const p = todo[next++]!;
      try {
        const m = await measurePage(vault.store.pathOf(p.imageSha256));
        const row: StoredMetrics = { pageId: p.pageId, ...m };
        unsaved.push(row);
        fresh.push([p.imageSha256, m]);
        if (unsaved.length >= SAVE_EVERY) flush();
        measured.set(p.pageId, row);
      } catch (e) {
        unreadable.push({ pageId: p.pageId, error: e instanceof Error ? e.message : String(e) });
      }
      options.report?.(++done, pages.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, todo.length) }, worker));
  } finally {
    flush();
  }
  options.signal?.throwIfAborted();
  const findings = findingsOf(db, batch, pages, measured, unreadable, readQcSettings(db));
  db.transaction(() => {
    replaceFindings(db, batchId, findings);
    setBatchState(db, batchId, 'checked', { checkedAt: nowIso() });
  })();
  return summarize(batchId, pages.length, findings);
}

function findingsOf(db: Vault['db'], rule: BatchRule, pages: readonly BatchPage[], measured: Map<number, StoredMetrics>, unreadable: readonly Unreadable[], s: QcSettings): (Finding & { pageId: number | null })[] {
  const out: (Finding & { pageId: number | null })[] = [];
  const at = (p: BatchPage, check: QcCheck, value: number | null, detail: Record<string, unknown> = {}) =>
    out.push({ recordId: p.recordId, archivalCode: p.archivalCode, pageNo: p.pageNo, pageId: p.pageId, check, value, detail });
  const broken = new Map(unreadable.map((u) => [u.pageId, u.error]));
  const seenRecords = new Set<number>();
  const sheets: { page: BatchPage; print: SheetPrint }[] = [];
  for (const p of pages) {
    if (!seenRecords.has(p.recordId)) {
      seenRecords.add(p.recordId);
      if (p.expectedPages !== null && p.expectedPages !== p.pageCount) {
        out.push({ recordId: p.recordId, archivalCode: p.archivalCode, pageNo: null, pageId: null, check: 'page_count', value: p.pageCount, detail: { expected: p.expectedPages, found: p.pageCount } });
      }
    }
    const dpi = p.dpiX === null && p.dpiY === null ? null : Math.min(p.dpiX ?? Infinity, p.dpiY ?? Infinity);
    if (dpi === null || dpi < rule.minDpi) at(p, 'resolution', dpi, { min: rule.minDpi });
    if (!colourFits(rule.colourMode, p.colourMode)) at(p, 'colour_mode', null, { rule: rule.colourMode, found: p.colourMode });
    const others = pagesWithImage(db, p.imageSha256).filter((o) => !(o.recordId === p.recordId && o.pageNo === p.pageNo));
    if (others.length > 0) at(p, 'duplicate', 0, { identical: true, with: others.slice(0, 5).map((o) => `${o.archivalCode}#${o.pageNo}`) });
    const error = broken.get(p.pageId);
    if (error !== undefined) {
      at(p, 'unreadable', null, { error });
      continue;
    }
    const m = measured.get(p.pageId);
    if (!m) continue;
    if (m.ink < s['qc.blankInk']) {
      at(p, 'blank', m.ink, { max: s['qc.blankInk'] });
      continue;
    }
    if (m.sharpness < s['qc.minSharpness']) at(p, 'blur', m.sharpness, { min: s['qc.minSharpness'] });
    if (m.ink >= s['qc.skewMinInk'] && Math.abs(m.skew) > s['qc.maxSkew']) at(p, 'skew', m.skew, { max: s['qc.maxSkew'] });
    const print = sheetPrint(m.hash);
    if (others.length === 0) {
      const limit = s['qc.duplicateDistance'];
      const twin = sheets.find((x) => x.page.imageSha256 !== p.imageSha256 && sheetDistance(x.print, print, limit) < limit);
      if (twin) at(p, 'duplicate', sheetDistance(twin.print, print), { identical: false, with: [`${twin.page.archivalCode}#${twin.page.pageNo}`] });
    }
    sheets.push({ page: p, print });
  }
  return out;
}

/** Whether a page's colour mode meets the batch's rule (a palette image counts as colour). */
export function colourFits(rule: BatchRule['colourMode'], found: string): boolean {
  if (rule === 'any') return true;
  if (rule === 'colour') return found === 'colour' || found === 'palette';
  return found === rule;
}

export function summarize(batchId: number, pages: number, findings: readonly Finding[]): MachineSummary {
  const counts = Object.fromEntries(QC_CHECKS.map((c) => [c, 0])) as Record<QcCheck, number>;
  const withFindings = new Set<string>();
  for (const f of findings) {
    counts[f.check]++;
    withFindings.add(`${f.recordId}#${f.pageNo ?? 0}`);
  }
  return { batchId, pages, pagesWithFindings: withFindings.size, counts, findings: findings.map(({ recordId, archivalCode, pageNo, check, value, detail }) => ({ recordId, archivalCode, pageNo, check, value, detail })) };
}
