import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { authMessages } from './messages.js';
import { accountRoles, sessionRow } from './session-state.js';
import { login, touchSession, type LoginOptions } from './sessions.js';
import { systemClock, type Clock, type Session } from './types.js';

/** A session that later commands on the same device may resume, and the secret that resumes it. */
export interface ResumableSession {
  session: Session;
  /** Shown to the person's own process once; the vault keeps only its SHA-256. */
  secret: string;
}

const digest = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest();

/** Logs in as login() does (the same checks, throttles and audit row) and makes the session resumable. */
export async function loginResumable(db: Db, username: string, password: string, device: string, options: LoginOptions = {}): Promise<ResumableSession> {
  const session = await login(db, username, password, device, options);
  const secret = crypto.randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO session_resume (session_id, secret_sha256) VALUES (?, ?)').run(session.sessionId, digest(secret).toString('hex'));
  return { session, secret };
}

/**
 * The session again, for the next command: only with its secret, only on the device that
 * opened it, only while it is open, its account active and it has not been idle for the
 * vault's lock time (touchSession locks it then, audited, and says SESSION_LOCKED). Resuming
 * counts as activity. Every refusal but the lock reads as SESSION_ENDED: a wrong secret
 * tells nothing about the session.
 */
export function resumeSession(db: Db, sessionId: string, secret: string, device: string, clock: Clock = systemClock): Session {
  const row = sessionRow(db, sessionId);
  const stored = db.prepare('SELECT secret_sha256 FROM session_resume WHERE session_id = ?').pluck().get(sessionId) as string | undefined;
  const matches = stored !== undefined && crypto.timingSafeEqual(Buffer.from(stored, 'hex'), digest(secret));
  if (!row || !matches || row.ended_at !== null || row.device !== device || row.status !== 'active') {
    throw VaultError.of('SESSION_ENDED', authMessages.sessionEnded);
  }
  const session: Session = {
    sessionId: row.id,
    userId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    roles: accountRoles(db, row.account_id),
    device: row.device,
    startedAt: row.started_at,
    lastActiveAt: row.last_active_at,
    mustChangePassword: row.must_change_password === 1,
  };
  return touchSession(db, session, clock, device);
}
