import fs from 'node:fs';
import path from 'node:path';
import { findRecordBySourceKey, insertRecord, pagesWithImage, type NewMaster, type NewPage, type NewWarning } from '../catalog/records.js';
import { readSetting } from '../catalog/settings.js';
import { immediate, type Db } from '../db/database.js';
import { msg } from '../i18n/messages.js';
import { digestBuffer, sha256Hex, type Digests } from '../hash/digests.js';
import { readAndDigest } from '../hash/read-digest.js';
import { claimObjects, isObjectInUse, releaseClaims } from '../jobs/object-claims.js';
import type { ItemOutcome } from '../jobs/runner.js';
import { setItemStatus } from '../jobs/job-store.js';
import type { JobItemRow } from '../jobs/types.js';
import { writeError } from '../store/atomic-write.js';
import type { StagedObject } from '../store/object-store.js';
import type { Vault } from '../vault/vault.js';
import { derivedPath, writeDerived } from '../images/derived-paths.js';
import { saveMeasures } from '../images/measures-store.js';
import { measurePage, type PageMeasures } from '../images/page-measures.js';
import { resolveFields, type IngestMetadata } from './metadata.js';
import { ingestHooks } from './hooks.js';
import { ingestMessages } from './messages.js';
import { Refusals } from './refusals.js';
import type { IngestUnit } from './plan.js';
import { inspectSource, readPages, type ReadLimits, type ReadPage, type SourceInfo } from '../images/read/index.js';
import { fileUnreadable } from '../images/read/read-errors.js';

export interface UnitOptions {
  metadata: IngestMetadata;
  ocrBatch: boolean;
  limits?: Partial<ReadLimits>;
  signal: AbortSignal;
  /** Resolves when the previous item has committed: item numbers follow input order. */
  turn: () => Promise<void>;
  /**
   * Measure each new page image for machine QC (page-measures.ts) while its bytes are in memory,
   * beside its write, so the QC of a digitization batch need not decode it again: a digitization
   * project's scans are (IngestRequest.measure); plain ingest and transfer packages are not.
   */
  measure?: boolean;
}

export interface UnitResult {
  recordId: number;
  archivalCode: string;
  pageCount: number;
  alreadyIngested: boolean;
  warnings: NewWarning[];
}

/** Pages whose objects may be in flight at once: overlaps decoding of the next page with writing. */
const WRITE_WINDOW = 4;

/**
 * Bytes of an item's JPEG/PNG files kept in memory from staging to checking, so each is read
 * once (reading twice cost a sixth of ingest's CPU, mostly garbage collection of the copies).
 * Beyond it a file is read again: memory stays flat whatever the item's size.
 */
const KEEP_READ_BYTES = 24 * 1024 * 1024;

/** The identity of a source: the ordered digests of its master files. Same files → same key → no duplicate. */
export function sourceKeyOf(masters: Digests[]): string {
  return sha256Hex(masters.map((m) => m.sha256).join('\n'));
}

/** Warning codes dpiWarnings gives; the same codes from a reader are dropped in its favour. */
const DPI_CODES: ReadonlySet<string> = new Set(['NO_DPI', 'LOW_DPI', 'LOW_DPI_FOR_OCR']);

function dpiWarnings(db: Db, pageNo: number, page: ReadPage['page'], ocrBatch: boolean): NewWarning[] {
  const dpi = Math.min(page.dpiX ?? Infinity, page.dpiY ?? Infinity);
  if (!Number.isFinite(dpi)) return [{ pageNo, code: 'NO_DPI', message: msg(ingestMessages.noDpi, { page: pageNo }) }];
  const min = Number(readSetting(db, 'ingest.minDpi'));
  const minOcr = Number(readSetting(db, 'ingest.minDpiOcr'));
  if (dpi < min) return [{ pageNo, code: 'LOW_DPI', message: msg(ingestMessages.lowDpi, { page: pageNo, dpi: Math.round(dpi), min }) }];
  if (ocrBatch && dpi < minOcr) {
    return [{ pageNo, code: 'LOW_DPI_FOR_OCR', message: msg(ingestMessages.lowDpiOcr, { page: pageNo, dpi: Math.round(dpi), min: minOcr }) }];
  }
  return [];
}

/**
 * Takes back what a failed item stored: its claims, and every object it claimed that nothing
 * else uses. Done under the write lock so that another process cannot claim an object
 * between our check and our unlink.
 */
export function rollBackItem(vault: Vault, jobItemId: number, claimed: Iterable<string>): void {
  immediate(vault.db, () => {
    releaseClaims(vault.db, jobItemId);
    for (const sha of claimed) {
      if (!isObjectInUse(vault.db, sha)) {
        try {
          // Synchronous on purpose: the unlink must happen while we hold the lock.
          fs.rmSync(vault.store.pathOf(sha), { force: true });
        } catch {
          // A leftover is reported by `lantai check` as an orphan; never fail the rollback on it.
        }
      }
    }
  });
}

/** The file and its digests, hashed on a worker thread beside the rest of ingest. */
async function readSource(file: string): Promise<{ data: Buffer; digests: Digests }> {
  try {
    return await readAndDigest(file);
  } catch (e) {
    throw fileUnreadable(file, e);
  }
}

/** Reads a file's pages only to see whether they decode (an item that already failed), noting a refusal. */
async function checkPages(file: string, options: StageOptions, refusals: Refusals): Promise<void> {
  try {
    for await (const _ of readPages(file, { ...(options.limits ? { limits: options.limits } : {}), signal: options.signal })) options.signal.throwIfAborted();
  } catch (e) {
    refusals.add(e, file);
  }
}

function isUniqueViolation(e: unknown, column: string): boolean {
  return e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes(column);
}

/** What to stage a unit with: the read limits and the cancel signal (catalog fields come later). */
export type StageOptions = Pick<UnitOptions, 'limits' | 'signal' | 'ocrBatch' | 'measure'>;

/**
 * A unit whose objects are durable in the store and claimed by its job item, ready to be
 * inserted as a record: ingest inserts it at once, an import inserts a whole package of them
 * in one transaction. `existing` is set when the same files are already a record.
 */
export interface StagedUnit {
  sourceKey: string;
  masters: NewMaster[];
  pages: NewPage[];
  warnings: NewWarning[];
  /** First page number in the unit of each page image, for the duplicate warnings at commit. */
  pageImages: Map<string, number>;
  claimed: Set<string>;
  /** Machine-QC measures of the unit's page images by digest (StageOptions.measure; a page that failed to measure is absent). */
  measures: Map<string, PageMeasures>;
  existing?: { id: number; archivalCode: string };
}

/** Duplicate-page warnings against the catalog: read at commit time, when earlier items are in. */
export function duplicatePageWarnings(db: Db, staged: StagedUnit): NewWarning[] {
  const out: NewWarning[] = [];
  for (const [sha, pageNo] of staged.pageImages) {
    for (const other of pagesWithImage(db, sha)) {
      out.push({ pageNo, code: 'DUPLICATE_PAGE', message: msg(ingestMessages.duplicatePage, { page: pageNo, code: other.archivalCode, otherPage: other.pageNo }) });
    }
  }
  return out;
}

export async function ingestUnit(vault: Vault, item: JobItemRow, unit: IngestUnit, options: UnitOptions): Promise<ItemOutcome> {
  const db = vault.db;
  // Bad metadata fails the item before any file is stored.
  const fields = resolveFields(db, options.metadata, unit.name);
  const staged = await stageUnit(vault, item, unit, options);
  if (staged.existing) {
    const result: UnitResult = { recordId: staged.existing.id, archivalCode: staged.existing.archivalCode, pageCount: 0, alreadyIngested: true, warnings: [] };
    return { status: 'skipped', result };
  }
  const { sourceKey, masters, pages, claimed } = staged;
  try {
    // Commit in input order: one transaction inserts the whole record and finishes the item.
    await options.turn();
    options.signal.throwIfAborted();
    const warnings = [...staged.warnings, ...duplicatePageWarnings(db, staged)];
    let inserted;
    try {
      inserted = insertRecord(db, { fields, sourceKey, sourceName: unit.name, masters, pages, warnings }, (recordId) => {
        releaseClaims(db, item.id);
        setItemStatus(db, item.id, 'done');
        saveMeasures(db, staged.measures);
        // Same transaction: the catalog fields are searchable and the pages queued for OCR
        // the moment the record exists, and a crash cannot leave a record that is neither.
        ingestHooks(db).recordAdded(db, recordId);
      });
    } catch (e) {
      // Another process ingested the same files a moment ago: that is a skip, not a failure.
      const other = isUniqueViolation(e, 'records.source_key') ? findRecordBySourceKey(db, sourceKey) : undefined;
      if (!other) throw e;
      rollBackItem(vault, item.id, claimed);
      const result: UnitResult = { recordId: other.id, archivalCode: other.archivalCode, pageCount: 0, alreadyIngested: true, warnings: [] };
      return { status: 'skipped', result };
    }
    const result: UnitResult = { recordId: inserted.id, archivalCode: inserted.archivalCode, pageCount: pages.length, alreadyIngested: false, warnings };
    return { status: 'done', result };
  } catch (e) {
    rollBackItem(vault, item.id, claimed);
    throw e;
  }
}

/**
 * Stages a unit: cheap checks of every file first, then masters and page images stored (data
 * before index) under claims of the job item. On failure nothing of it stays but what other
 * items use; every refused file is named.
 */
export async function stageUnit(vault: Vault, item: JobItemRow, unit: IngestUnit, options: StageOptions): Promise<StagedUnit> {
  const db = vault.db;
  const claimed = new Set<string>();
  const staged: StagedObject[] = [];
  const inFlight = new Set<Promise<void>>();
  try {
    // 1. Cheap checks first (format by magic bytes, page count), so a bad file fails before any write.
    const sources = [];
    const refusals = new Refusals(unit.files);
    const inspected: string[] = [];
    let kept = 0;
    for (const file of unit.files) {
      options.signal.throwIfAborted();
      let info: SourceInfo;
      try {
        info = await inspectSource(file, options.limits);
      } catch (e) {
        refusals.add(e, file);
        continue;
      }
      inspected.push(file);
      // Once a file is refused the item fails: the rest are only checked, not stored.
      if (refusals.any()) continue;
      let bytes: Buffer | undefined;
      let digests: Digests;
      if (info.format === 'jpeg' || info.format === 'png') {
        // One page, bounded by the pixel limit: read whole, then hashed, stored and checked from memory.
        let read;
        try {
          read = await readSource(file);
        } catch (e) {
          refusals.add(e, file);
          continue;
        }
        bytes = read.data;
        digests = await vault.store.stageBuffer(bytes, staged, read.digests);
        if (kept + bytes.length > KEEP_READ_BYTES) bytes = undefined;
        else kept += bytes.length;
      } else {
        // Hashed while being copied into a staged temp file: each source is read once for both.
        digests = await vault.store.stageFile(file, staged);
      }
      sources.push({ file, info, digests, bytes });
    }
    if (refusals.any()) {
      // The files that passed the cheap checks are decoded too, so one report names every refused file.
      for (const file of inspected) if (!refusals.has(file)) await checkPages(file, options, refusals);
      refusals.throwIfAny();
    }
    const sourceKey = sourceKeyOf(sources.map((s) => s.digests));
    const existing = findRecordBySourceKey(db, sourceKey);
    if (existing) {
      await vault.store.discardStaged(staged);
      rollBackItem(vault, item.id, claimed);
      return { sourceKey, masters: [], pages: [], warnings: [], pageImages: new Map(), claimed, measures: new Map(), existing };
    }

    // 2. Masters: claim, then store (data before index).
    const masterDigests = sources.map((s) => s.digests);
    claimObjects(db, item.id, masterDigests.map((d) => d.sha256));
    masterDigests.forEach((d) => claimed.add(d.sha256));
    const masters: NewMaster[] = sources.map((s) => ({
      digests: s.digests,
      format: s.info.format,
      originalName: path.basename(s.file),
      pageCount: s.info.pageCount,
    }));

    // 3. Pages: each validated once (a decode that makes the thumbnail, or a PNG's checksums), page objects claimed then stored.
    const pages: NewPage[] = [];
    const warnings: NewWarning[] = [];
    const seenInItem = new Map<string, number>();
    const measures = new Map<string, PageMeasures>();
    for (const [masterSeq, s] of sources.entries()) {
      if (refusals.any()) {
        // The item already fails: later files are only checked, their pages not stored.
        await checkPages(s.file, options, refusals);
        continue;
      }
      const read = { ...(options.limits ? { limits: options.limits } : {}), ...(s.bytes ? { bytes: s.bytes } : {}), signal: options.signal };
      try {
        for await (const rp of readPages(s.file, read)) {
          const pageNo = pages.length + 1;
          const page = rp.page;
          const imageDigests = page.isWholeSource ? s.digests : digestBuffer(page.bytes);
          if (!claimed.has(imageDigests.sha256)) {
            claimObjects(db, item.id, [imageDigests.sha256]);
            claimed.add(imageDigests.sha256);
          }
          // A page image seen before in this item is measured once; a failure to measure is no
          // refusal (the page passed its validation): the machine checks measure it and report it.
          const measure = options.measure && !seenInItem.has(imageDigests.sha256)
            ? measurePage(page.bytes).then((m) => void measures.set(imageDigests.sha256, m), () => undefined)
            : undefined;
          const write = (async () => {
            if (!page.isWholeSource) await vault.store.putBuffer(page.bytes, imageDigests, staged);
            // At most the thumbnail: the normalized image (and a PNG's thumbnail) is made on first use (ensure-derived.ts).
            const thumbnail = rp.derived.thumbnail;
            if (thumbnail) {
              try {
                await writeDerived(derivedPath(vault, imageDigests.sha256, 'thumb.jpg'), thumbnail);
              } catch (e) {
                throw writeError(vault.paths.derived, e);
              }
            }
            await measure;
          })();
          inFlight.add(write);
          write.then(() => inFlight.delete(write), () => undefined);
          if (inFlight.size >= WRITE_WINDOW) await Promise.race(inFlight);
          pages.push({
            masterSeq,
            masterPage: page.index,
            imageDigests,
            format: page.format,
            compression: page.compression,
            width: page.width,
            height: page.height,
            dpiX: page.dpiX,
            dpiY: page.dpiY,
            colourMode: page.colourMode,
            bitsPerSample: page.bitsPerSample,
            orientation: page.orientation,
          });
          // The reader's resolution warnings use the built-in minimum; the vault's own setting
          // (dpiWarnings) decides here, so each page gets one resolution warning, not two.
          for (const w of page.warnings) if (!DPI_CODES.has(w.code)) warnings.push({ pageNo, code: w.code, message: w.message });
          warnings.push(...dpiWarnings(db, pageNo, page, options.ocrBatch));
          const firstInItem = seenInItem.get(imageDigests.sha256);
          if (firstInItem !== undefined) {
            warnings.push({ pageNo, code: 'DUPLICATE_PAGE', message: msg(ingestMessages.duplicateInItem, { page: pageNo, otherPage: firstInItem }) });
          } else {
            seenInItem.set(imageDigests.sha256, pageNo);
          }
        }
      } catch (e) {
        refusals.add(e, s.file);
      }
    }
    refusals.throwIfAny();
    sources.forEach((s) => delete s.bytes);
    await Promise.all(inFlight);
    // Data before index: every object of the item is durable under its name before the record.
    await vault.store.commitStaged(staged.splice(0));

    return { sourceKey, masters, pages, warnings, pageImages: seenInItem, claimed, measures };
  } catch (e) {
    await Promise.allSettled(inFlight);
    await vault.store.discardStaged(staged);
    rollBackItem(vault, item.id, claimed);
    throw e;
  }
}
