import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { AlertKind, MediaAlert, MediaRun } from './types.js';

/**
 * Alerts stay open until a person handles them (one open alert per medium, kind and subject:
 * a problem found again does not pile up, a problem handled and found again opens anew).
 * Verification runs: every run leaves a row, clean or not.
 */
interface AlertDbRow extends Omit<MediaAlert, 'detail'> {
  detail: string;
}

const ALERT_COLUMNS = sql`id, medium_id AS mediumId, kind, subject, detail, raised_at AS raisedAt, run_id AS runId, handled_at AS handledAt, handled_by AS handledBy, note`;

export function raiseAlert(db: Db, a: { mediumId: string; kind: AlertKind; subject: string; detail: Record<string, unknown>; at: string; runId?: number | null }): boolean {
  const r = db.prepare(`INSERT INTO media_alerts (medium_id, kind, subject, detail, raised_at, run_id) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (medium_id, kind, subject) WHERE handled_at IS NULL DO NOTHING`).run(a.mediumId, a.kind, a.subject, JSON.stringify(a.detail), a.at, a.runId ?? null);
  return r.changes > 0;
}

export function listAlerts(db: Db, options: { all?: boolean; mediumId?: string } = {}): MediaAlert[] {
  const open = options.all ? sql`1` : sql`handled_at IS NULL`;
  const medium = options.mediumId === undefined ? sql`1` : sql`medium_id = ${options.mediumId}`;
  return all<AlertDbRow>(db, sql`SELECT ${ALERT_COLUMNS} FROM media_alerts WHERE ${open} AND ${medium} ORDER BY id`).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export function getOpenAlert(db: Db, id: number): MediaAlert | undefined {
  const r = get<AlertDbRow>(db, sql`SELECT ${ALERT_COLUMNS} FROM media_alerts WHERE id = ${id} AND handled_at IS NULL`);
  return r ? { ...r, detail: JSON.parse(r.detail) as Record<string, unknown> } : undefined;
}

export function handleAlert(db: Db, id: number, by: number, at: string, note: string): boolean {
  return db.prepare('UPDATE media_alerts SET handled_at = ?, handled_by = ?, note = ? WHERE id = ? AND handled_at IS NULL').run(at, by, note, id).changes > 0;
}

/** Closes the open alerts of a medium about one subject (a repaired object), by the repairer. */
export function resolveAlertsFor(db: Db, mediumId: string, subject: string, by: number, at: string, note: string): number {
  return db.prepare('UPDATE media_alerts SET handled_at = ?, handled_by = ?, note = ? WHERE medium_id = ? AND subject = ? AND handled_at IS NULL').run(at, by, note, mediumId, subject).changes;
}

/** Closes open alerts of one kind about the given subjects (no one handled them: the condition is gone, the note says how). */
export function resolveAlertsOn(db: Db, mediumId: string, kind: AlertKind, subjects: readonly string[], at: string, note: string): number {
  const stmt = db.prepare('UPDATE media_alerts SET handled_at = ?, note = ? WHERE medium_id = ? AND kind = ? AND subject = ? AND handled_at IS NULL');
  let n = 0;
  for (const s of subjects) n += stmt.run(at, note, mediumId, kind, s).changes;
  return n;
}

interface RunDbRow extends Omit<MediaRun, 'detail'> {
  detail: string;
}

export function startRun(db: Db, r: { mediumId: string; kind: MediaRun['kind']; jobId: number | null; at: string; by: number }): number {
  return Number(db.prepare("INSERT INTO media_runs (medium_id, kind, job_id, started_at, result, by_user) VALUES (?, ?, ?, ?, 'running', ?)").run(r.mediumId, r.kind, r.jobId, r.at, r.by).lastInsertRowid);
}

export function finishRun(db: Db, id: number, r: { at: string; checked: number; problems: number; result: MediaRun['result']; detail: Record<string, unknown> }): void {
  db.prepare('UPDATE media_runs SET finished_at = ?, checked = ?, problems = ?, result = ?, detail = ? WHERE id = ?').run(r.at, r.checked, r.problems, r.result, JSON.stringify(r.detail), id);
}

export function listRuns(db: Db, mediumId?: string, limit = 100): MediaRun[] {
  const filter = mediumId === undefined ? sql`1` : sql`medium_id = ${mediumId}`;
  return all<RunDbRow>(db, sql`SELECT id, medium_id AS mediumId, kind, job_id AS jobId, started_at AS startedAt, finished_at AS finishedAt, checked, problems, result, detail
    FROM media_runs WHERE ${filter} ORDER BY id DESC LIMIT ${limit}`).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** Runs a killed process left 'running' become 'failed' (their findings so far were alerts already). */
export function failDeadRuns(db: Db, liveJobIds: readonly number[], at: string): void {
  const live = new Set(liveJobIds);
  for (const r of all<{ id: number; jobId: number | null }>(db, sql`SELECT id, job_id AS jobId FROM media_runs WHERE result = 'running'`)) {
    if (r.jobId === null || !live.has(r.jobId)) finishRun(db, r.id, { at, checked: 0, problems: 0, result: 'failed', detail: { reason: 'interrupted' } });
  }
}
