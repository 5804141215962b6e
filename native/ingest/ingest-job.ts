import path from 'node:path';
import type { NewWarning } from '../catalog/records.js';
import { sha256Hex } from '../hash/digests.js';
import { createJob, findResumableJob, getJob, jobItems } from '../jobs/job-store.js';
import { runJob, type RunSummary } from '../jobs/runner.js';
import type { ProgressListener } from '../jobs/types.js';
import type { Vault } from '../vault/vault.js';
import { attachTarget, attachUnit, attachUnitToRecord, checkAttachRequest } from './attach.js';
import { ingestUnit, type UnitResult } from './ingest-unit.js';
import type { IngestMetadata } from './metadata.js';
import { ingestHooks } from './hooks.js';
import { planUnits, type IngestUnit } from './plan.js';
import { refusedFilesOf, type RefusedFile } from './refusals.js';
import type { ReadLimits } from '../images/read/index.js';

export const INGEST_JOB = 'ingest';

export interface IngestRequest {
  paths: string[];
  metadata?: IngestMetadata;
  eachFile?: boolean;
  ocrBatch?: boolean;
  limits?: Partial<ReadLimits>;
  /** The 档号 of a catalog entry awaiting its scans: every file named becomes its pages (attach.ts). */
  attachTo?: string;
  /**
   * Measure the pages for machine QC as they are stored (page_measures): a digitization
   * project's scanning does, so its QC batch need not decode every page again. Off by default:
   * a PNG is not decoded by plain ingest (its checksums are its check), and measuring it would
   * cost plain ingest about twice its own time.
   */
  measure?: boolean;
}

interface IngestJobParams {
  request: IngestRequest;
  units: IngestUnit[];
  /** The entry the one unit is attached to (resolved from request.attachTo when the job was planned). */
  attachRecordId?: number;
}

export interface IngestItemReport {
  key: string;
  status: 'pending' | 'staged' | 'done' | 'failed' | 'skipped';
  recordId?: number;
  archivalCode?: string;
  pageCount?: number;
  alreadyIngested?: boolean;
  warnings: NewWarning[];
  /** message is zh and en on a line each; refused lists every file when several of the item's files were refused. */
  error?: { code: string; message: string; refused?: RefusedFile[] };
}

export interface IngestSummary extends RunSummary {
  resumed: boolean;
  ignored: string[];
  items: IngestItemReport[];
}

/** Errors after which every later item would fail the same way: stop, keep what is done, resume later. */
const FATAL = ['DISK_FULL', 'TARGET_NOT_WRITABLE'] as const;

function normalizeRequest(r: IngestRequest): IngestRequest {
  return { ...r, paths: r.paths.map((p) => path.resolve(p)) };
}

export function ingestParamsKey(r: IngestRequest): string {
  return sha256Hex(JSON.stringify(normalizeRequest(r)));
}

/**
 * Ingests files and folders as a persisted job. Running the same request again after a crash,
 * a cancel or a fix resumes the unfinished job: finished items are not repeated, and sources
 * already in the catalog are skipped (no duplicates).
 */
export async function ingest(
  vault: Vault,
  request: IngestRequest,
  options: { signal?: AbortSignal; onProgress?: ProgressListener; concurrency?: number } = {},
): Promise<IngestSummary> {
  ingestHooks(vault.db); // a vault not wired for work is refused before anything is planned
  const normalized = normalizeRequest(request);
  if (normalized.attachTo !== undefined) checkAttachRequest(normalized.metadata, normalized.eachFile);
  const key = ingestParamsKey(normalized);
  let job = findResumableJob(vault.db, INGEST_JOB, key);
  let ignored: string[] = [];
  let resumed = false;
  if (job) {
    resumed = true;
    vault.db.prepare(`UPDATE job_items SET status = 'pending', error_code = NULL, error_message = NULL WHERE job_id = ? AND status = 'failed'`).run(job.id);
  } else {
    // The entry is looked up before any file is read: an unknown, destroyed or scanned one is refused at once.
    const target = normalized.attachTo !== undefined ? attachTarget(vault.db, normalized.attachTo) : undefined;
    const plan = planUnits(normalized.paths, { eachFile: normalized.eachFile ?? false });
    ignored = plan.ignored;
    const units = target ? [attachUnit(plan.units, target.archivalCode)] : plan.units;
    const params: IngestJobParams = { request: normalized, units, ...(target ? { attachRecordId: target.id } : {}) };
    const id = createJob(vault.db, INGEST_JOB, params, key, units.map((u) => u.key));
    job = getJob(vault.db, id)!;
  }
  return runIngestJob(vault, job.id, { ...options, resumed, ignored });
}

/**
 * Items ingested at once. An item's steps alternate between CPU (decode, digests) and waiting
 * (copy, fsync, its turn to commit): with four in flight the two cores stay busier (bench
 * `ingest --concurrency N`: ~15% faster than two, ~40 MB more peak memory).
 */
const ITEMS_AT_ONCE = 4;

export async function runIngestJob(
  vault: Vault,
  jobId: number,
  options: { signal?: AbortSignal; onProgress?: ProgressListener; concurrency?: number; resumed?: boolean; ignored?: string[] },
): Promise<IngestSummary> {
  const job = getJob(vault.db, jobId)!;
  const params = JSON.parse(job.params) as IngestJobParams;
  const units = new Map(params.units.map((u) => [u.key, u]));
  const summary = await runJob(
    vault.db,
    jobId,
    async (item, ctx) => {
      const unit = units.get(item.key);
      if (!unit) throw new Error(`job ${jobId} has no unit ${item.key}`);
      const unitOptions = {
        metadata: params.request.metadata ?? {},
        ocrBatch: params.request.ocrBatch ?? false,
        measure: params.request.measure ?? false,
        ...(params.request.limits ? { limits: params.request.limits } : {}),
        signal: ctx.signal,
        turn: ctx.turn,
      };
      return params.attachRecordId !== undefined
        ? attachUnitToRecord(vault, item, unit, params.attachRecordId, unitOptions)
        : ingestUnit(vault, item, unit, unitOptions);
    },
    { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), fatalCodes: FATAL, concurrency: options.concurrency ?? ITEMS_AT_ONCE },
  );
  const items: IngestItemReport[] = jobItems(vault.db, jobId).map((row) => {
    const result = row.result ? (JSON.parse(row.result) as Partial<UnitResult> & { details?: unknown }) : {};
    const refused = refusedFilesOf(result.details);
    return {
      key: row.key,
      status: row.status,
      ...(result.recordId !== undefined ? { recordId: result.recordId } : {}),
      ...(result.archivalCode !== undefined ? { archivalCode: result.archivalCode } : {}),
      ...(result.pageCount !== undefined ? { pageCount: result.pageCount } : {}),
      ...(result.alreadyIngested !== undefined ? { alreadyIngested: result.alreadyIngested } : {}),
      warnings: result.warnings ?? [],
      ...(row.errorCode ? { error: { code: row.errorCode, message: row.errorMessage ?? '', ...(refused ? { refused } : {}) } } : {}),
    };
  });
  return { ...summary, resumed: options.resumed ?? false, ignored: options.ignored ?? [], items };
}
