import crypto from 'node:crypto';
import { appendAudit } from '../audit/log.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { authorize, lockForIdle, recordAudit } from './authorize.js';
import { authMessages } from './messages.js';
import { dummyWork, hashPassword, verifyPassword } from './password.js';
import type { Role } from './permissions.js';
import { accountRoles, idleExpired, sessionRow } from './session-state.js';
import { readAuthSettings } from './settings.js';
import { isoOf, systemClock, type Clock, type OperationContext, type Session } from './types.js';

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  failed_count: number;
  not_before: string | null;
  locked_until: string | null;
  must_change_password: number;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export function findAccount(db: Db, username: string): AccountRow | undefined {
  return db.prepare('SELECT * FROM accounts WHERE username = ?').get(username.normalize('NFC').trim()) as AccountRow | undefined;
}

export function accountById(db: Db, id: number): AccountRow | undefined {
  return db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
}

interface AttemptAudit {
  action: string;
  device: string;
  sessionId: string | null;
}

function auditAttempt(db: Db, a: { id: number | null; username: string; roles: readonly Role[] }, how: AttemptAudit, result: 'ok' | 'denied' | 'failed', at: number, detail: Record<string, unknown>): void {
  appendAudit(db, {
    at: isoOf(at),
    userId: a.id,
    username: a.username,
    roles: a.roles,
    sessionId: how.sessionId,
    device: how.device,
    action: how.action,
    objectType: 'account',
    objectId: a.id,
    result,
    detail,
  });
}

/**
 * One password attempt against an account, with the lockout policy: while locked or inside the
 * wait after a wrong password, the password is not even checked; a wrong one counts, waits
 * double each time (failureDelaySeconds · 2^(n-1)), and the maxFailures-th locks the account for
 * lockMinutes. A right one clears the count. Every outcome but success is audited here.
 */
export async function checkAccountPassword(db: Db, accountId: number, password: string, clock: Clock, how: AttemptAudit): Promise<AccountRow> {
  const settings = readAuthSettings(db);
  const a = accountById(db, accountId);
  if (!a) throw VaultError.of('AUTH_FAILED', authMessages.authFailed, { hintZh: '', hintEn: '' });
  const roles = accountRoles(db, a.id);
  const who = { id: a.id, username: a.username, roles };
  const before = clock();
  if (a.locked_until !== null && Date.parse(a.locked_until) > before) {
    auditAttempt(db, who, how, 'denied', before, { reason: 'LOCKED', lockedUntil: a.locked_until });
    throw VaultError.of('AUTH_LOCKED', authMessages.authLocked, { username: a.username, until: a.locked_until }, { lockedUntil: a.locked_until });
  }
  if (a.not_before !== null && Date.parse(a.not_before) > before) {
    const seconds = Math.ceil((Date.parse(a.not_before) - before) / 1000);
    auditAttempt(db, who, how, 'denied', before, { reason: 'THROTTLED', notBefore: a.not_before });
    throw VaultError.of('AUTH_THROTTLED', authMessages.authThrottled, { seconds }, { notBefore: a.not_before });
  }
  const check = await verifyPassword(password, a.password_hash);
  const now = clock();
  if (!check.ok) {
    const outcome = db.transaction(() => {
      const cur = accountById(db, a.id)!;
      const lockOver = cur.locked_until !== null && Date.parse(cur.locked_until) <= now;
      const failures = (lockOver ? 0 : cur.failed_count) + 1;
      let lockedUntil: string | null = null;
      let notBefore: string | null = null;
      if (failures >= settings.maxFailures) {
        lockedUntil = isoOf(now + settings.lockMinutes * 60_000);
      } else {
        const wait = Math.min(settings.failureDelaySeconds * 2 ** (failures - 1), settings.lockMinutes * 60);
        notBefore = wait > 0 ? isoOf(now + wait * 1000) : null;
      }
      db.prepare('UPDATE accounts SET failed_count = ?, not_before = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(failures, notBefore, lockedUntil, isoOf(now), a.id);
      auditAttempt(db, who, how, 'failed', now, { reason: 'BAD_PASSWORD', failures, ...(lockedUntil ? { lockedUntil } : {}) });
      return { failures, lockedUntil };
    }).immediate();
    if (outcome.lockedUntil) {
      throw VaultError.of('AUTH_LOCKED', authMessages.authLocked, { username: a.username, until: outcome.lockedUntil }, { lockedUntil: outcome.lockedUntil });
    }
    const left = settings.maxFailures - outcome.failures;
    throw VaultError.of('AUTH_FAILED', authMessages.authFailed, { hintZh: `再错 ${left} 次账户将被锁定。`, hintEn: `${left} more wrong attempts lock the account.` }, { attemptsLeft: left });
  }
  const fresh = check.needsRehash ? await hashPassword(password) : null;
  db.prepare('UPDATE accounts SET failed_count = 0, not_before = NULL, locked_until = NULL, password_hash = coalesce(?, password_hash), updated_at = ? WHERE id = ?').run(fresh, isoOf(now), a.id);
  return { ...a, failed_count: 0, not_before: null, locked_until: null };
}

export interface LoginOptions {
  clock?: Clock;
}

function toSession(row: { id: string; account_id: number; device: string; started_at: string; last_active_at: string }, a: AccountRow, roles: Role[]): Session {
  return {
    sessionId: row.id,
    userId: a.id,
    username: a.username,
    displayName: a.display_name,
    roles,
    device: row.device,
    startedAt: row.started_at,
    lastActiveAt: row.last_active_at,
    mustChangePassword: a.must_change_password === 1,
  };
}

/**
 * Logs a person in on a device and opens a session. Wrong user name and wrong password give the
 * same answer and take the same time (an unknown name still costs one scrypt).
 */
export async function login(db: Db, username: string, password: string, device: string, options: LoginOptions = {}): Promise<Session> {
  const clock = options.clock ?? systemClock;
  const name = String(username ?? '').normalize('NFC').trim();
  const how: AttemptAudit = { action: 'login', device, sessionId: null };
  const a = name === '' ? undefined : findAccount(db, name);
  if (!a) {
    await dummyWork(String(password ?? ''));
    auditAttempt(db, { id: null, username: name.slice(0, 64), roles: [] }, how, 'failed', clock(), { reason: 'UNKNOWN_USER' });
    throw VaultError.of('AUTH_FAILED', authMessages.authFailed, { hintZh: '', hintEn: '' });
  }
  const acct = await checkAccountPassword(db, a.id, String(password ?? ''), clock, how);
  const roles = accountRoles(db, acct.id);
  const now = clock();
  if (acct.status !== 'active') {
    auditAttempt(db, { id: acct.id, username: acct.username, roles }, how, 'denied', now, { reason: 'ACCOUNT_DISABLED' });
    throw VaultError.of('ACCOUNT_DISABLED', authMessages.accountDisabled, { username: acct.username });
  }
  const row = { id: crypto.randomBytes(16).toString('hex'), account_id: acct.id, device, started_at: isoOf(now), last_active_at: isoOf(now) };
  db.transaction(() => {
    db.prepare('INSERT INTO sessions (id, account_id, device, started_at, last_active_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.account_id, row.device, row.started_at, row.last_active_at);
    appendAudit(db, {
      at: row.started_at,
      userId: acct.id,
      username: acct.username,
      roles,
      sessionId: row.id,
      device,
      action: 'login',
      objectType: 'account',
      objectId: acct.id,
      result: 'ok',
      detail: acct.must_change_password === 1 ? { mustChangePassword: true } : {},
    });
  }).immediate();
  return toSession(row, acct, roles);
}

/** Ends the session. Logging out of a session that has already ended does nothing. */
export function logout(ctx: OperationContext): void {
  const row = sessionRow(ctx.db, ctx.session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== ctx.session.userId) return;
  authorize(ctx, 'logout', { type: 'session', id: row.id });
  ctx.db.transaction(() => {
    ctx.db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'logout' WHERE id = ? AND ended_at IS NULL").run(isoOf((ctx.clock ?? systemClock)()), row.id);
    recordAudit(ctx, 'logout', { type: 'session', id: row.id }, 'ok');
  }).immediate();
}

/**
 * True when the session cannot be used without the password: idle for the timeout, locked on
 * purpose, or ended. Reads only; nothing is written.
 */
export function isIdleLocked(db: Db, session: Session, now: number = Date.now()): boolean {
  const row = sessionRow(db, session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== session.userId) return true;
  return idleExpired(row, now, readAuthSettings(db).idleLockMinutes);
}

/**
 * Records activity (a key press, a click) on the session. Throws SESSION_LOCKED once the idle
 * timeout has passed (locking it, audited), SESSION_ENDED after logout.
 */
export function touchSession(db: Db, session: Session, clock: Clock = systemClock, device: string = session.device): Session {
  const now = clock();
  const row = sessionRow(db, session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== session.userId) throw VaultError.of('SESSION_ENDED', authMessages.sessionEnded);
  const { idleLockMinutes } = readAuthSettings(db);
  if (idleExpired(row, now, idleLockMinutes)) {
    lockForIdle({ db, device }, row, accountRoles(db, row.account_id), now);
    throw VaultError.of('SESSION_LOCKED', authMessages.sessionLocked, { minutes: idleLockMinutes });
  }
  const iso = isoOf(now);
  db.prepare('UPDATE sessions SET last_active_at = ? WHERE id = ? AND last_active_at < ?').run(iso, row.id, iso);
  if (session.lastActiveAt < iso) session.lastActiveAt = iso;
  return session;
}

/** Locks the session now (the person steps away); unlockSession with the password reopens it. */
export function lockSession(ctx: OperationContext): void {
  const row = sessionRow(ctx.db, ctx.session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== ctx.session.userId) throw VaultError.of('SESSION_ENDED', authMessages.sessionEnded);
  ctx.db.transaction(() => {
    if (ctx.db.prepare('UPDATE sessions SET locked = 1 WHERE id = ? AND locked = 0').run(row.id).changes > 0) {
      recordAudit(ctx, 'lock_session', { type: 'session', id: row.id }, 'ok', { reason: 'manual' });
    }
  }).immediate();
}

/** Reopens a locked session with its owner's password (wrong passwords count toward the lockout). */
export async function unlockSession(db: Db, session: Session, password: string, options: LoginOptions & { device?: string } = {}): Promise<Session> {
  const clock = options.clock ?? systemClock;
  const device = options.device ?? session.device;
  const row = sessionRow(db, session.sessionId);
  if (!row || row.ended_at !== null || row.account_id !== session.userId) throw VaultError.of('SESSION_ENDED', authMessages.sessionEnded);
  await checkAccountPassword(db, row.account_id, String(password ?? ''), clock, { action: 'unlock_session', device, sessionId: row.id });
  const now = clock();
  const roles = accountRoles(db, row.account_id);
  const acct = accountById(db, row.account_id)!;
  if (acct.status !== 'active') throw VaultError.of('ACCOUNT_DISABLED', authMessages.accountDisabled, { username: acct.username });
  db.transaction(() => {
    db.prepare('UPDATE sessions SET locked = 0, last_active_at = ? WHERE id = ?').run(isoOf(now), row.id);
    appendAudit(db, { at: isoOf(now), userId: row.account_id, username: row.username, roles, sessionId: row.id, device, action: 'unlock_session', objectType: 'session', objectId: row.id, result: 'ok' });
  }).immediate();
  session.lastActiveAt = isoOf(now);
  session.roles = roles;
  return session;
}
