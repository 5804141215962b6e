import { appendAudit, type AuditHead, type AuditResult } from '../audit/log.js';
import type { Db } from '../db/database.js';
import { sql, raw, join, type SqlFragment } from '../db/sql.js';
import { isVaultError, VaultError } from '../errors.js';
import { msg } from '../i18n/messages.js';
import { authMessages, denialExtra, denialReasons } from './messages.js';
import {
  ACTION_LABELS,
  GRANT_SCOPES_FOR,
  isRecordAction,
  RECORD_RULES,
  RECORD_STATES,
  roleAllows,
  ROLE_LABELS,
  type Action,
  type GrantScope,
  type RecordAction,
  type RecordRule,
  type RecordState,
  type Role,
} from './permissions.js';
import { readAuthSettings } from './settings.js';
import { accountRoles, idleExpired, sessionRow, type SessionRow } from './session-state.js';
import { isoOf, nowOf, type OperationContext, type Target } from './types.js';

/** The person an authorized operation runs as, resolved from the database. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
}

export type DenialReason = 'ROLE' | 'CLASSIFIED' | 'RESTRICTED' | 'NEEDS_GRANT';

export interface Decision {
  allowed: boolean;
  reason?: DenialReason;
  /** For record targets: the record's state and the rule that applied. */
  state?: RecordState;
  rule?: RecordRule;
}

interface RecordAccessRow {
  id: number;
  classification: string;
  classified_hold: number;
  access_status: string;
}

export function recordStateOf(r: Pick<RecordAccessRow, 'classification' | 'classified_hold' | 'access_status'>): RecordState {
  if (r.classified_hold === 1 || r.classification === 'secret' || r.classification === 'confidential' || r.classification === 'top_secret') return 'classified';
  if (r.access_status === 'restricted') return 'restricted';
  return 'normal';
}

function recordRow(db: Db, id: number): RecordAccessRow | undefined {
  return db.prepare('SELECT id, classification, classified_hold, access_status FROM records WHERE id = ?').get(id) as RecordAccessRow | undefined;
}

function liveGrantScopes(db: Db, accountId: number, recordId: number, nowIso: string): GrantScope[] {
  const rows = db
    .prepare('SELECT DISTINCT scope FROM access_grants WHERE account_id = ? AND record_id = ? AND revoked_at IS NULL AND expires_at > ?')
    .all(accountId, recordId, nowIso) as { scope: GrantScope }[];
  return rows.map((r) => r.scope);
}

function rulesFor(roles: readonly Role[], action: RecordAction, state: RecordState): RecordRule[] {
  return roles.filter((r) => roleAllows(r, action)).map((r) => RECORD_RULES[r][action]?.[state] ?? 'deny');
}

/** The pure decision from the two matrices, the record's state and the user's live grants. */
export function decide(db: Db, roles: readonly Role[], accountId: number, action: Action, target: Target | undefined, nowMs: number): Decision {
  if (!roles.some((r) => roleAllows(r, action))) return { allowed: false, reason: 'ROLE' };
  if (target?.type !== 'record' || !isRecordAction(action)) return { allowed: true };
  const id = Number(target.id);
  const rec = Number.isSafeInteger(id) ? recordRow(db, id) : undefined;
  if (!rec) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id: String(target.id) });
  const state = recordStateOf(rec);
  const rules = rulesFor(roles, action, state);
  if (rules.includes('allow')) return { allowed: true, state, rule: 'allow' };
  if (rules.includes('grant')) {
    const scopes = liveGrantScopes(db, accountId, id, isoOf(nowMs));
    const accepted = GRANT_SCOPES_FOR[action] ?? [];
    if (scopes.some((s) => accepted.includes(s))) return { allowed: true, state, rule: 'grant' };
    return { allowed: false, reason: 'NEEDS_GRANT', state, rule: 'grant' };
  }
  return { allowed: false, reason: state === 'classified' ? 'CLASSIFIED' : 'RESTRICTED', state, rule: 'deny' };
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

function deniedError(action: Action | string, reason: DenialReason, params: { roles: string; id: string }): VaultError {
  const label = ACTION_LABELS[action as Action] ?? { zh: action, en: action };
  const why = msg(reason === 'ROLE' || reason === 'CLASSIFIED' || reason === 'NEEDS_GRANT' ? denialReasons[reason] : denialExtra.RESTRICTED, params);
  return audited(VaultError.of('ACCESS_DENIED', authMessages.accessDenied, { action, actionZh: label.zh, actionEn: label.en, reasonZh: why.zh, reasonEn: why.en }, { reason, ...(params.id ? { recordId: params.id } : {}) }));
}

function roleNames(roles: readonly Role[]): string {
  return roles.map((r) => `${ROLE_LABELS[r].zh}/${r}`).join(', ') || '-';
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
    throw deniedError(action, reason, { roles: roleNames(actor.roles), id: target?.id === undefined || target.id === null ? '' : String(target.id) });
  }
  touch(ctx, nowMs);
  return actor;
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

/** The decision without side effects (no audit, no idle check): for showing or hiding UI. */
export function can(ctx: OperationContext, action: Action, target?: Target): Decision {
  return decide(ctx.db, sessionRoles(ctx), ctx.session.userId, action, target, nowOf(ctx));
}

const CHUNK = 500;

function recordRows(db: Db, ids: readonly number[]): Map<number, RecordAccessRow> {
  const out = new Map<number, RecordAccessRow>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = db.prepare(`SELECT id, classification, classified_hold, access_status FROM records WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as RecordAccessRow[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

function grantMap(db: Db, accountId: number, nowIso: string): Map<number, Set<GrantScope>> {
  const out = new Map<number, Set<GrantScope>>();
  const rows = db.prepare('SELECT record_id, scope FROM access_grants WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ?').all(accountId, nowIso) as { record_id: number; scope: GrantScope }[];
  for (const r of rows) {
    const set = out.get(r.record_id) ?? new Set<GrantScope>();
    set.add(r.scope);
    out.set(r.record_id, set);
  }
  return out;
}

function bulkDecide(db: Db, roles: readonly Role[], accountId: number, action: RecordAction, ids: readonly number[], nowMs: number): { allowed: number[]; denied: { id: number; reason: DenialReason | 'NOT_FOUND' }[] } {
  const rows = recordRows(db, ids);
  const grants = grantMap(db, accountId, isoOf(nowMs));
  const accepted = GRANT_SCOPES_FOR[action] ?? [];
  const allowed: number[] = [];
  const denied: { id: number; reason: DenialReason | 'NOT_FOUND' }[] = [];
  for (const id of ids) {
    const rec = rows.get(id);
    if (!rec) {
      denied.push({ id, reason: 'NOT_FOUND' });
      continue;
    }
    const state = recordStateOf(rec);
    const rules = rulesFor(roles, action, state);
    if (rules.includes('allow')) allowed.push(id);
    else if (rules.includes('grant') && [...(grants.get(id) ?? [])].some((s) => accepted.includes(s))) allowed.push(id);
    else denied.push({ id, reason: rules.includes('grant') ? 'NEEDS_GRANT' : state === 'classified' ? 'CLASSIFIED' : 'RESTRICTED' });
  }
  return { allowed, denied };
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
    throw deniedError(action, 'ROLE', { roles: roleNames(actor.roles), id: '' });
  }
  const { denied } = bulkDecide(ctx.db, actor.roles, actor.userId, action, recordIds, nowMs);
  const missing = denied.find((d) => d.reason === 'NOT_FOUND');
  if (missing) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id: missing.id });
  if (denied.length > 0) {
    const first = denied[0]!;
    auditDenial(ctx, actor, action, { type: 'record', id: first.id }, { reason: first.reason, denied: denied.slice(0, 50), deniedCount: denied.length, requested: recordIds.length }, nowMs);
    throw deniedError(action, first.reason as DenialReason, { roles: roleNames(actor.roles), id: String(first.id) });
  }
  touch(ctx, nowMs);
  return actor;
}

/** The records among ids the session may act on (no audit): for filtering search hits and lists. */
export function filterRecords(ctx: OperationContext, action: RecordAction, recordIds: readonly number[]): number[] {
  return bulkDecide(ctx.db, sessionRoles(ctx), ctx.session.userId, action, recordIds, nowOf(ctx)).allowed;
}

/**
 * The same rule as a SQL condition over a records table alias, for queries that must not
 * return what the session may not see (search, lists, counts). Equal to filterRecords.
 */
export function recordFilterSql(ctx: OperationContext, action: RecordAction, alias = 'records'): SqlFragment {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`bad table alias ${alias}`);
  const a = raw(alias);
  const stateSql: Record<RecordState, SqlFragment> = {
    classified: sql`(${a}.classified_hold = 1 OR ${a}.classification IN ('secret', 'confidential', 'top_secret'))`,
    restricted: sql`(${a}.classified_hold = 0 AND ${a}.classification NOT IN ('secret', 'confidential', 'top_secret') AND ${a}.access_status = 'restricted')`,
    normal: sql`(${a}.classified_hold = 0 AND ${a}.classification NOT IN ('secret', 'confidential', 'top_secret') AND ${a}.access_status <> 'restricted')`,
  };
  const scopes = [...(GRANT_SCOPES_FOR[action] ?? [])];
  const grantSql =
    scopes.length === 0
      ? sql`0`
      : sql`EXISTS (SELECT 1 FROM access_grants g WHERE g.record_id = ${a}.id AND g.account_id = ${ctx.session.userId} AND g.revoked_at IS NULL AND g.expires_at > ${isoOf(nowOf(ctx))} AND g.scope IN (${scopes}))`;
  const parts: SqlFragment[] = [];
  const roles = sessionRoles(ctx);
  for (const state of RECORD_STATES) {
    const rules = rulesFor(roles, action, state);
    if (rules.includes('allow')) parts.push(stateSql[state]);
    else if (rules.includes('grant')) parts.push(sql`(${stateSql[state]} AND ${grantSql})`);
  }
  if (parts.length === 0) return sql`0`;
  return sql`(${join(parts, ' OR ')})`;
}

/**
 * A condition every record recordFilterSql(ctx, action) leaves out satisfies: the records not
 * in the normal state when the session may act on every normal record (an archivist's search:
 * about 1% of a vault, found through the records_not_normal index instead of a scan of every
 * record), else no narrowing (`1`).
 */
export function recordExclusionCandidatesSql(ctx: OperationContext, action: RecordAction): SqlFragment {
  if (!rulesFor(sessionRoles(ctx), action, 'normal').includes('allow')) return sql`1`;
  return sql`${raw(NOT_NORMAL_SQL)}`;
}

/** The records outside the normal state, written exactly as the partial index records_not_normal (migration 0130). */
export const NOT_NORMAL_SQL = "(classified_hold = 1 OR classification IN ('secret', 'confidential', 'top_secret') OR access_status = 'restricted')";

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
