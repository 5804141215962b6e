import type { Db } from '../db/database.js';
import { stmt } from '../db/statement-cache.js';
import type { OperationContext } from './types.js';
import { isRole, type Role } from './permissions.js';

/** The live state behind a Session object: the database is the truth, never the object. */
export interface SessionRow {
  id: string;
  account_id: number;
  device: string;
  started_at: string;
  last_active_at: string;
  locked: number;
  ended_at: string | null;
  username: string;
  display_name: string;
  status: 'active' | 'disabled';
  must_change_password: number;
}

export function sessionRow(db: Db, sessionId: string): SessionRow | undefined {
  return stmt(
    db,
    `SELECT s.id, s.account_id, s.device, s.started_at, s.last_active_at, s.locked, s.ended_at,
            a.username, a.display_name, a.status, a.must_change_password
       FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?`,
  ).get(sessionId) as SessionRow | undefined;
}

export function accountRoles(db: Db, accountId: number): Role[] {
  const rows = stmt(db, 'SELECT role FROM account_roles WHERE account_id = ? ORDER BY role').all(accountId) as { role: string }[];
  return rows.map((r) => r.role).filter(isRole);
}

/** True when the session has been idle for the whole timeout (or was locked before). */
export function idleExpired(row: Pick<SessionRow, 'locked' | 'last_active_at'>, now: number, idleMinutes: number): boolean {
  return row.locked === 1 || now - Date.parse(row.last_active_at) >= idleMinutes * 60_000;
}

export function endSessionsOf(db: Db, accountId: number, reason: string, at: string): number {
  return db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE account_id = ? AND ended_at IS NULL').run(at, reason, accountId).changes;
}

/**
 * The roles of the session's owner as the database has them, or none when the session is gone:
 * a Session object handed back from outside (IPC) is never trusted for its roles.
 */
export function sessionRoles(ctx: Pick<OperationContext, 'db' | 'session'>): Role[] {
  const row = sessionRow(ctx.db, ctx.session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== ctx.session.userId || row.status !== 'active') return [];
  return accountRoles(ctx.db, row.account_id);
}

