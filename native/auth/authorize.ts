import { appendAudit, type AuditHead, type AuditResult } from '../audit/log.js';
import { getRecord } from '../catalog/records.js';
import type { Db } from '../db/database.js';
import { isVaultError, VaultError } from '../errors.js';
import { msg } from '../i18n/messages.js';
import { bulkDecide, decide, type Decision, type DenialReason } from './decisions.js';
import { authMessages, denialExtra, denialReasons } from './messages.js';
import { ACTION_LABELS, roleAllows, ROLE_LABELS, type Action, type RecordAction, type Role } from './permissions.js';
import { readAuthSettings } from './settings.js';
import { accountRoles, idleExpired, sessionRoles, sessionRow, type SessionRow } from './session-state.js';
import { isoOf, nowOf, type OperationContext, type Target } from './types.js';

/**
 * The audit guard in front of every operation: the session checked live, the decision taken
 * (decisions.ts), a denial written to the audit log before it is thrown, and the wrappers that
 * audit an operation's outcome once.
 */

/** The person an authorized operation runs as, resolved from the database. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
}

function auditDenial(ctx: OperationContext, who: { userId: number | null; username: string; roles: readonly string[] }, action: string, target: Target | undefined, detail: Record<string, unknown>, nowMs: number): void {
  appendAudit(ctx.db, {
    at: isoOf(nowMs),
    userId: who.userId,
    username: who.username,
    roles: who.roles,
    sessionId: ctx.session.sessionId,
    device: ctx.device,
    action,
    objectType: target?.type ?? '',
    objectId: target?.id ?? null,
    result: 'denied',
    detail,
  });
}

// Errors whose denial is already in the audit log, so wrappers do not log them twice.
const auditedErrors = new WeakSet<object>();

/** Marks an error as already audited (its 'denied' row was written) and returns it. */
export function audited<E extends object>(e: E): E {
  auditedErrors.add(e);
  return e;
}

export function wasAudited(e: unknown): boolean {
  return typeof e === 'object' && e !== null && auditedErrors.has(e);
}

/**
 * The denial a person reads: the action and the roles in words, the record by its 档号 (the
 * internal action name and record id stay in the details and the audit row).
 */
function deniedError(db: Db, action: Action | string, reason: DenialReason, roles: readonly Role[], id: string): VaultError {
  const label = ACTION_LABELS[action as Action] ?? { zh: action, en: action };
  const code = id && /^\d+$/.test(id) ? getRecord(db, Number(id))?.archivalCode : undefined;
  const entry = reason === 'ROLE' || reason === 'CLASSIFIED' || reason === 'NEEDS_GRANT' || reason === 'OUT_OF_SCOPE' ? denialReasons[reason] : denialExtra.RESTRICTED;
  const names = (lang: 'zh' | 'en') => roles.map((r) => ROLE_LABELS[r][lang]).join(lang === 'zh' ? '、' : ', ') || '-';
  const zh = msg(entry, { roles: names('zh'), id: code ?? id }).zh;
  const en = msg(entry, { roles: names('en'), id: code ?? id }).en;
  return audited(VaultError.of('ACCESS_DENIED', authMessages.accessDenied, { actionZh: label.zh, actionEn: label.en, reasonZh: zh, reasonEn: en }, { action, reason, ...(id ? { recordId: id } : {}), ...(code ? { archivalCode: code } : {}) }));
}

/**
 * Checks that the session is live (not ended, not idle-locked, account active, password not
 * due for change) and returns its owner. Denials are audited and thrown.
 */
function liveActor(ctx: OperationContext, action: Action, target: Target | undefined, nowMs: number): { actor: Actor; row: SessionRow } {
  const { db, session } = ctx;
  const row = sessionRow(db, session.sessionId);
  const claimed = { userId: session.userId ?? null, username: String(session.username ?? ''), roles: session.roles ?? [] };
  const refuse = (code: 'SESSION_ENDED' | 'SESSION_LOCKED' | 'ACCOUNT_DISABLED' | 'PASSWORD_CHANGE_REQUIRED', err: VaultError, who = claimed): never => {
    auditDenial(ctx, who, action, target, { reason: code }, nowMs);
    throw audited(err);
  };
  if (!row || row.ended_at !== null || row.account_id !== session.userId) {
    refuse('SESSION_ENDED', VaultError.of('SESSION_ENDED', authMessages.sessionEnded));
  }
  const r = row as SessionRow;
  const roles = accountRoles(db, r.account_id);
  const who = { userId: r.account_id, username: r.username, roles };
  if (r.status !== 'active') {
    db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'account_disabled' WHERE id = ? AND ended_at IS NULL").run(isoOf(nowMs), r.id);
    refuse('ACCOUNT_DISABLED', VaultError.of('ACCOUNT_DISABLED', authMessages.accountDisabled, { username: r.username }), who);
  }
  if (action !== 'logout') {
    const { idleLockMinutes } = readAuthSettings(db);
    if (idleExpired(r, nowMs, idleLockMinutes)) {
      lockForIdle(ctx, r, roles, nowMs);
      refuse('SESSION_LOCKED', VaultError.of('SESSION_LOCKED', authMessages.sessionLocked, { minutes: idleLockMinutes }), who);
    }
    if (r.must_change_password === 1 && action !== 'change_own_password') {
      refuse('PASSWORD_CHANGE_REQUIRED', VaultError.of('PASSWORD_CHANGE_REQUIRED', authMessages.passwordChangeRequired), who);
    }
  }
  return { actor: { userId: r.account_id, username: r.username, displayName: r.display_name, roles, sessionId: r.id }, row: r };
}

/** Marks an idle session locked, auditing the transition once. */
export function lockForIdle(ctx: Pick<OperationContext, 'db' | 'device'>, row: SessionRow, roles: readonly Role[], nowMs: number): void {
  const changed = ctx.db.prepare('UPDATE sessions SET locked = 1 WHERE id = ? AND locked = 0').run(row.id).changes;
  if (changed > 0) {
    appendAudit(ctx.db, {
      at: isoOf(nowMs),
      userId: row.account_id,
      username: row.username,
      roles,
      sessionId: row.id,
      device: ctx.device,
      action: 'lock_session',
      objectType: 'session',
      objectId: row.id,
      result: 'ok',
      detail: { reason: 'idle', lastActiveAt: row.last_active_at },
    });
  }
}

function touch(ctx: OperationContext, nowMs: number): void {
  const iso = isoOf(nowMs);
  ctx.db.prepare('UPDATE sessions SET last_active_at = ? WHERE id = ? AND last_active_at < ?').run(iso, ctx.session.sessionId, iso);
  if (ctx.session.lastActiveAt < iso) ctx.session.lastActiveAt = iso;
}

/**
 * The gate in front of every operation. Throws ACCESS_DENIED (or SESSION_ENDED,
 * SESSION_LOCKED, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED), after writing the denial to the
 * audit log; on success marks the session active and returns the actor.
 *
 * Call it BEFORE opening the operation's own transaction: a denial row written inside a
 * transaction that then rolls back would be lost.
 */
export function authorize(ctx: OperationContext, action: Action, target?: Target): Actor {
  const nowMs = nowOf(ctx);
  const { actor } = liveActor(ctx, action, target, nowMs);
  const d = decide(ctx.db, actor.roles, actor.userId, action, target, nowMs);
  if (!d.allowed) {
    const reason = d.reason ?? 'ROLE';
    auditDenial(ctx, actor, action, target, { reason, ...(d.state ? { state: d.state } : {}) }, nowMs);
    throw deniedError(ctx.db, action, reason, actor.roles, target?.type === 'record' && target.id !== undefined && target.id !== null ? String(target.id) : '');
  }
  touch(ctx, nowMs);
  return actor;
}

/** The decision without side effects (no audit, no idle check): for showing or hiding UI. */
export function can(ctx: OperationContext, action: Action, target?: Target): Decision {
  return decide(ctx.db, sessionRoles(ctx), ctx.session.userId, action, target, nowOf(ctx));
}

/**
 * All-or-nothing check over many records (an export, a batch): one audited denial naming up
 * to 50 of the refused records, thrown as ACCESS_DENIED for the first.
 */
export function authorizeRecords(ctx: OperationContext, action: RecordAction, recordIds: readonly number[]): Actor {
  const nowMs = nowOf(ctx);
  const { actor } = liveActor(ctx, action, { type: 'record', id: null }, nowMs);
  if (!actor.roles.some((r) => roleAllows(r, action))) {
    auditDenial(ctx, actor, action, { type: 'record', id: null }, { reason: 'ROLE', count: recordIds.length }, nowMs);
    throw deniedError(ctx.db, action, 'ROLE', actor.roles, '');
  }
  const { denied } = bulkDecide(ctx.db, actor.roles, actor.userId, action, recordIds, nowMs);
  const missing = denied.find((d) => d.reason === 'NOT_FOUND');
  if (missing) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id: missing.id });
  if (denied.length > 0) {
    const first = denied[0]!;
    auditDenial(ctx, actor, action, { type: 'record', id: first.id }, { reason: first.reason, denied: denied.slice(0, 50), deniedCount: denied.length, requested: recordIds.length }, nowMs);
    throw deniedError(ctx.db, action, first.reason as DenialReason, actor.roles, String(first.id));
  }
  touch(ctx, nowMs);
  return actor;
}

/** Appends an audit row for an operation done by the session (inside the caller's transaction if any). */
export function recordAudit(ctx: OperationContext, action: Action | string, target: Target | undefined, result: AuditResult, detail: Record<string, unknown> = {}): AuditHead {
  // Who, as the database knows them (the Session object may come from outside).
  const row = sessionRow(ctx.db, ctx.session.sessionId);
  const known = row !== undefined && row.account_id === ctx.session.userId;
  return appendAudit(ctx.db, {
    at: isoOf(nowOf(ctx)),
    userId: ctx.session.userId,
    username: known ? row.username : ctx.session.username,
    roles: known ? accountRoles(ctx.db, row.account_id) : ctx.session.roles,
    sessionId: ctx.session.sessionId,
    device: ctx.device,
    action,
    objectType: target?.type ?? '',
    objectId: target?.id ?? null,
    result,
    detail,
  });
}

export function failureDetail(e: unknown): Record<string, unknown> {
  return isVaultError(e) ? { error: e.code, message: e.text.en } : { error: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export type AuditDetail<T> = Record<string, unknown> | ((result: T) => Record<string, unknown>);

/**
 * authorize → run → audit 'ok' (or 'failed' with the error). For operations that commit their
 * own transaction; to make the audit row atomic with the operation, call authorize() before
 * and recordAudit() inside the transaction instead.
 */
export async function withAudit<T>(ctx: OperationContext, action: Action, target: Target | undefined, fn: (actor: Actor) => T | Promise<T>, detail: AuditDetail<T> = {}): Promise<T> {
  const actor = authorize(ctx, action, target);
  let result: T;
  try {
    result = await fn(actor);
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, action, target, 'failed', failureDetail(e));
    throw e;
  }
  recordAudit(ctx, action, target, 'ok', typeof detail === 'function' ? detail(result) : detail);
  return result;
}

/** The synchronous twin of withAudit, for operations that are plain SQLite work. */
export function withAuditSync<T>(ctx: OperationContext, action: Action, target: Target | undefined, fn: (actor: Actor) => T, detail: AuditDetail<T> = {}): T {
  const actor = authorize(ctx, action, target);
  let result: T;
  try {
    result = fn(actor);
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, action, target, 'failed', failureDetail(e));
    throw e;
  }
  recordAudit(ctx, action, target, 'ok', typeof detail === 'function' ? detail(result) : detail);
  return result;
}

/**
 * authorize, then run a body that writes its own 'ok' row inside its transaction; any error the
 * body throws that is not already audited gets a 'failed' row. The pattern of every engine
 * operation in auth/ and registers/.
 */
export function guarded<T>(ctx: OperationContext, action: Action, target: Target | undefined, body: (actor: Actor) => T): T {
  const actor = authorize(ctx, action, target);
  try {
    return body(actor);
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, action, target, 'failed', failureDetail(e));
    throw e;
  }
}

export async function guardedAsync<T>(ctx: OperationContext, action: Action, target: Target | undefined, body: (actor: Actor) => Promise<T>): Promise<T> {
  const actor = authorize(ctx, action, target);
  try {
    return await body(actor);
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, action, target, 'failed', failureDetail(e));
    throw e;
  }
}

