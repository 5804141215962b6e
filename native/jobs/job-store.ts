import { all, get, immediate, nowIso, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { isProcessAlive } from '../util/process.js';
import type { JobItemRow, JobItemStatus, JobRow, JobStatus } from './types.js';

const JOB_COLUMNS = sql`id, kind, status, params, params_key AS paramsKey, owner_pid AS ownerPid, heartbeat_at AS heartbeatAt,
  total, done, failed, message, created_at AS createdAt, updated_at AS updatedAt`;
const ITEM_COLUMNS = sql`id, job_id AS jobId, seq, key, status, attempts, result, error_code AS errorCode, error_message AS errorMessage`;

export function createJob(db: Db, kind: string, params: unknown, paramsKey: string, itemKeys: string[]): number {
  return immediate(db, () => {
    const now = nowIso();
    const job = db
      .prepare(`INSERT INTO jobs (kind, status, params, params_key, total, created_at, updated_at) VALUES (?, 'queued', ?, ?, ?, ?, ?)`)
      .run(kind, JSON.stringify(params), paramsKey, itemKeys.length, now, now);
    const jobId = Number(job.lastInsertRowid);
    const insert = db.prepare(`INSERT INTO job_items (job_id, seq, key, status, updated_at) VALUES (?, ?, ?, 'pending', ?)`);
    itemKeys.forEach((key, i) => insert.run(jobId, i + 1, key, now));
    return jobId;
  });
}

export function getJob(db: Db, id: number): JobRow | undefined {
  return get<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ${id}`);
}

export function listJobs(db: Db, limit = 50): JobRow[] {
  return all<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ${limit}`);
}

export function jobItems(db: Db, jobId: number, statuses?: JobItemStatus[]): JobItemRow[] {
  const filter = statuses ? sql`AND status IN (${statuses})` : sql``;
  return all<JobItemRow>(db, sql`SELECT ${ITEM_COLUMNS} FROM job_items WHERE job_id = ${jobId} ${filter} ORDER BY seq`);
}

/** The newest unfinished job of this kind and parameters: re-running the same command resumes it. */
export function findResumableJob(db: Db, kind: string, paramsKey: string): JobRow | undefined {
  return get<JobRow>(
    db,
    sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = ${kind} AND params_key = ${paramsKey}
        AND status IN ('queued', 'interrupted', 'cancelled', 'failed') ORDER BY id DESC LIMIT 1`,
  );
}

/** The newest unfinished job of a kind, whatever its parameters (the one reindex of a vault). */
export function latestUnfinishedJob(db: Db, kind: string): JobRow | undefined {
  return get<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = ${kind} AND status IN ('queued', 'interrupted', 'cancelled', 'failed') ORDER BY id DESC LIMIT 1`);
}

export function setJobStatus(db: Db, id: number, status: JobStatus, message = ''): void {
  const owner = status === 'running' ? process.pid : null;
  db.prepare(`UPDATE jobs SET status = ?, message = ?, owner_pid = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?`).run(
    status, message, owner, nowIso(), nowIso(), id,
  );
}

export function refreshJobCounts(db: Db, id: number): { done: number; failed: number; total: number } {
  const row = get<{ done: number; failed: number; total: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE status IN ('done', 'skipped')) AS done, count(*) FILTER (WHERE status = 'failed') AS failed,
        count(*) AS total FROM job_items WHERE job_id = ${id}`,
  )!;
  db.prepare(`UPDATE jobs SET done = ?, failed = ?, total = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?`).run(
    row.done, row.failed, row.total, nowIso(), nowIso(), id,
  );
  return row;
}

export function setItemStatus(
  db: Db,
  itemId: number,
  status: JobItemStatus,
  fields: { result?: unknown; errorCode?: string | null; errorMessage?: string | null; countAttempt?: boolean } = {},
): void {
  db.prepare(
    `UPDATE job_items SET status = ?, result = coalesce(?, result), error_code = ?, error_message = ?,
       attempts = attempts + ?, updated_at = ? WHERE id = ?`,
  ).run(
    status,
    fields.result === undefined ? null : JSON.stringify(fields.result),
    fields.errorCode ?? null,
    fields.errorMessage ?? null,
    fields.countAttempt ? 1 : 0,
    nowIso(),
    itemId,
  );
}

/** A heartbeat older than this from a live pid is taken as pid reuse, not a running job. */
const STALE_HEARTBEAT_MS = 120_000;

/**
 * Jobs left 'running' by a process that no longer exists become 'interrupted' so that they
 * can be resumed; their claimed objects stay claimed until the resume finishes them.
 */
export function markDeadJobsInterrupted(db: Db, now = Date.now()): number[] {
  const running = all<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE status = 'running'`);
  const dead = running.filter((j) => {
    if (j.ownerPid === null || !isProcessAlive(j.ownerPid)) return true;
    if (j.ownerPid === process.pid) return false;
    const beat = j.heartbeatAt ? Date.parse(j.heartbeatAt) : 0;
    return now - beat > STALE_HEARTBEAT_MS;
  });
  for (const j of dead) setJobStatus(db, j.id, 'interrupted', j.message);
  return dead.map((j) => j.id);
}

/** Jobs some live process runs now (after markDeadJobsInterrupted, a killed process's are not among them). */
export function runningJobIds(db: Db): number[] {
  return all<{ id: number }>(db, sql`SELECT id FROM jobs WHERE status = 'running'`).map((r) => r.id);
}

/** Jobs of a kind that did not finish cleanly (a re-run may take one over), newest first. */
export function unfinishedJobs(db: Db, kind: string): JobRow[] {
  return all<JobRow>(db, sql`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = ${kind} AND status IN ('queued', 'running', 'interrupted', 'cancelled', 'failed') ORDER BY id DESC`);
}

/**
 * Marks every unfinished job but one as cancelled with a reason: a catalog restored from a
 * snapshot holds the jobs that ran when the snapshot was taken, on another machine.
 */
export function cancelUnfinishedJobs(db: Db, exceptId: number | undefined, message: string): number {
  return db.prepare(`UPDATE jobs SET status = 'cancelled', message = ?, owner_pid = NULL, updated_at = ? WHERE status IN ('queued', 'running', 'interrupted') AND id IS NOT ?`)
    .run(message, nowIso(), exceptId ?? null).changes;
}

/** Puts a job's failed items back to pending, so a resume tries them again. */
export function retryFailedItems(db: Db, jobId: number): number {
  return db.prepare(`UPDATE job_items SET status = 'pending' WHERE job_id = ? AND status = 'failed'`).run(jobId).changes;
}
