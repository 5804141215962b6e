import { appendAudit } from '../audit/log.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { audited, authorize, guarded, guardedAsync, recordAudit, type Actor } from './authorize.js';
import { authMessages } from './messages.js';
import { checkPasswordRules, checkUsername, hashPassword } from './password.js';
import { ACTION_LABELS, isAdminRole, isRole, ROLE_LABELS, type Action, type Role } from './permissions.js';
import { accountRoles, endSessionsOf } from './session-state.js';
import { accountById, checkAccountPassword, findAccount, type AccountRow } from './sessions.js';
import { checkAuthSettingsPatch, readAuthSettings, writeAuthSettings, type AuthSettings } from './settings.js';
import { isoOf, nowOf, systemClock, type Clock, type OperationContext, type Target } from './types.js';

export interface AccountInfo {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  failedCount: number;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewAccount {
  username: string;
  password: string;
  displayName?: string;
}

export interface AccountSpec extends NewAccount {
  roles: readonly Role[];
}

function info(db: Db, a: AccountRow): AccountInfo {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    roles: accountRoles(db, a.id),
    status: a.status,
    failedCount: a.failed_count,
    lockedUntil: a.locked_until,
    mustChangePassword: a.must_change_password === 1,
    passwordChangedAt: a.password_changed_at,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

function accountTarget(username: string): Target {
  return { type: 'account', id: username };
}

/**
 * Role sets allowed on one account: an administrator role alone, or any of the operator roles
 * (archivist, backup_officer). The schema enforces the same rule with a trigger and an index.
 */
export function checkRoleSet(roles: readonly unknown[]): Role[] {
  const set = [...new Set(roles)];
  if (set.length === 0) throw VaultError.of('ROLE_INVALID', authMessages.noRoles);
  for (const r of set) if (!isRole(r)) throw VaultError.of('ROLE_INVALID', authMessages.unknownRole, { role: String(r) });
  const typed = set as Role[];
  // A vendor operator's limit to its projects must not be lifted by a second role.
  const admin = typed.find((r) => isAdminRole(r) || r === 'vendor_operator');
  if (admin && typed.length > 1) {
    throw VaultError.of('ROLE_SEPARATION', authMessages.roleSeparation, { roleZh: ROLE_LABELS[admin].zh, roleEn: ROLE_LABELS[admin].en, roles: typed.join(', ') });
  }
  return typed.sort();
}

function insertAccount(db: Db, spec: { username: string; displayName: string; hash: string; roles: readonly Role[]; mustChange: boolean }, at: string): number {
  const id = Number(
    db
      .prepare('INSERT INTO accounts (username, display_name, password_hash, must_change_password, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(spec.username, spec.displayName, spec.hash, spec.mustChange ? 1 : 0, at, at, at).lastInsertRowid,
  );
  const add = db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
  for (const r of spec.roles) add.run(id, r);
  return id;
}

function mapUniqueError(e: unknown, username: string): never {
  if (e instanceof Error && /UNIQUE constraint failed: accounts\.username/.test(e.message)) {
    throw VaultError.of('USERNAME_TAKEN', authMessages.usernameTaken, { username });
  }
  if (e instanceof Error && /ROLE_SEPARATION|account_roles_one_admin|UNIQUE constraint failed: account_roles/.test(e.message)) {
    throw VaultError.of('ROLE_SEPARATION', authMessages.roleSeparation, { roleZh: '管理员', roleEn: 'administrator', roles: username });
  }
  throw e;
}

export function needsFirstRunSetup(db: Db): boolean {
  return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n === 0;
}

export interface FirstRunInput {
  sysadmin: NewAccount;
  securityOfficer: NewAccount;
  auditor: NewAccount;
}

/**
 * Creates the three administrator accounts of a new vault, and only when no account exists.
 * Each person should type their own password; the accounts hold one role each.
 */
export async function firstRunSetup(db: Db, input: FirstRunInput, options: { clock?: Clock; device?: string } = {}): Promise<{ sysadmin: AccountInfo; securityOfficer: AccountInfo; auditor: AccountInfo }> {
  const clock = options.clock ?? systemClock;
  if (!needsFirstRunSetup(db)) throw VaultError.of('SETUP_DONE', authMessages.setupDone);
  const settings = readAuthSettings(db);
  const plan: [keyof FirstRunInput, Role][] = [['sysadmin', 'sysadmin'], ['securityOfficer', 'security_officer'], ['auditor', 'auditor']];
  const seen = new Set<string>();
  const prepared: { key: keyof FirstRunInput; role: Role; username: string; displayName: string; password: string }[] = [];
  for (const [key, role] of plan) {
    const a = input[key];
    const username = checkUsername(String(a?.username ?? ''));
    if (seen.has(username.toLowerCase())) throw VaultError.of('SETUP_DUPLICATE', authMessages.setupDuplicate, { username });
    seen.add(username.toLowerCase());
    checkPasswordRules(String(a.password ?? ''), username, settings.minPasswordLength);
    prepared.push({ key, role, username, displayName: (a.displayName ?? '').trim(), password: a.password });
  }
  const hashes = await Promise.all(prepared.map((p) => hashPassword(p.password)));
  const at = isoOf(clock());
  const ids = db.transaction(() => {
    if (!needsFirstRunSetup(db)) throw VaultError.of('SETUP_DONE', authMessages.setupDone);
    const out = prepared.map((p, i) => insertAccount(db, { username: p.username, displayName: p.displayName, hash: hashes[i]!, roles: [p.role], mustChange: false }, at));
    appendAudit(db, {
      at,
      userId: null,
      username: '(setup)',
      roles: [],
      device: options.device ?? 'setup',
      action: 'first_run_setup',
      objectType: 'account',
      objectId: out.join(','),
      result: 'ok',
      detail: { accounts: prepared.map((p, i) => ({ id: out[i], username: p.username, role: p.role })) },
    });
    return out;
  }).immediate();
  const get = (i: number): AccountInfo => info(db, accountById(db, ids[i]!)!);
  return { sysadmin: get(0), securityOfficer: get(1), auditor: get(2) };
}

/**
 * A change that touches an administrator account (creating one, changing its roles, resetting
 * its password, disabling it) needs a second person: a security officer or auditor, logged in
 * and present, who is neither the one making the change nor the account changed. Without this,
 * a sysadmin could create or take over an auditor account and read the log alone.
 */
export function requireCountersign(ctx: OperationContext, countersign: OperationContext | undefined, action: Action, target: { username: string; id?: number }): Actor | null {
  if (!countersign) {
    recordAudit(ctx, action, accountTarget(target.username), 'denied', { reason: 'COUNTERSIGN_REQUIRED' });
    throw audited(VaultError.of('COUNTERSIGN_REQUIRED', authMessages.countersignRequired, { username: target.username }));
  }
  const signer = authorize(countersign, 'countersign_admin_change', accountTarget(target.username));
  if (signer.userId === ctx.session.userId) {
    recordAudit(ctx, action, accountTarget(target.username), 'denied', { reason: 'COUNTERSIGN_SAME_PERSON' });
    throw audited(VaultError.of('COUNTERSIGN_INVALID', authMessages.countersignSamePerson));
  }
  if (target.id !== undefined && signer.userId === target.id) {
    recordAudit(ctx, action, accountTarget(target.username), 'denied', { reason: 'COUNTERSIGN_BY_TARGET' });
    throw audited(VaultError.of('COUNTERSIGN_INVALID', authMessages.countersignTarget));
  }
  return signer;
}

function auditCountersign(countersign: OperationContext | undefined, signer: Actor | null, action: Action, ctx: OperationContext, username: string): void {
  if (countersign && signer) recordAudit(countersign, 'countersign_admin_change', accountTarget(username), 'ok', { action, by: ctx.session.username });
}

function target(db: Db, username: string): AccountRow {
  const a = findAccount(db, username);
  if (!a) throw VaultError.of('ACCOUNT_NOT_FOUND', authMessages.accountNotFound, { username });
  return a;
}

function refuseSelf(ctx: OperationContext, a: AccountRow, action: Action): void {
  if (a.id === ctx.session.userId) {
    recordAudit(ctx, action, accountTarget(a.username), 'denied', { reason: 'NOT_ON_SELF' });
    throw audited(VaultError.of('NOT_ON_SELF', authMessages.notOnSelf, { actionZh: ACTION_LABELS[action].zh, actionEn: ACTION_LABELS[action].en }));
  }
}

/** Refuses leaving an administrator role without an active holder (三员 must stay three). */
function keepAdminHolders(ctx: OperationContext, a: AccountRow, action: Action, keepsRoles: readonly Role[], staysActive: boolean): void {
  if (a.status !== 'active') return;
  for (const role of accountRoles(ctx.db, a.id).filter(isAdminRole)) {
    if (staysActive && keepsRoles.includes(role)) continue;
    const others = (ctx.db
      .prepare("SELECT count(*) AS n FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE r.role = ? AND a.status = 'active' AND a.id <> ?")
      .get(role, a.id) as { n: number }).n;
    if (others === 0) {
      recordAudit(ctx, action, accountTarget(a.username), 'denied', { reason: 'LAST_ADMIN', role });
      throw audited(VaultError.of('LAST_ADMIN', authMessages.lastAdmin, { username: a.username, roleZh: ROLE_LABELS[role].zh, roleEn: ROLE_LABELS[role].en }));
    }
  }
}

function touchesAdmin(db: Db, a: AccountRow | undefined, newRoles: readonly Role[] = []): boolean {
  return newRoles.some(isAdminRole) || (a !== undefined && accountRoles(db, a.id).some(isAdminRole));
}

/** sysadmin: creates an account; the person must change the password at first login. */
export async function createAccount(ctx: OperationContext, spec: AccountSpec, countersign?: OperationContext): Promise<AccountInfo> {
  return guardedAsync(ctx, 'manage_accounts', accountTarget(String(spec.username ?? '').slice(0, 64)), async () => {
    const username = checkUsername(String(spec.username ?? ''));
    const roles = checkRoleSet(spec.roles ?? []);
    const signer = touchesAdmin(ctx.db, undefined, roles) ? requireCountersign(ctx, countersign, 'manage_accounts', { username }) : null;
    checkPasswordRules(String(spec.password ?? ''), username, readAuthSettings(ctx.db).minPasswordLength);
    if (findAccount(ctx.db, username)) throw VaultError.of('USERNAME_TAKEN', authMessages.usernameTaken, { username });
    const hash = await hashPassword(spec.password);
    const at = isoOf(nowOf(ctx));
    let id = 0;
    try {
      id = ctx.db.transaction(() => {
        const newId = insertAccount(ctx.db, { username, displayName: (spec.displayName ?? '').trim(), hash, roles, mustChange: true }, at);
        recordAudit(ctx, 'manage_accounts', accountTarget(username), 'ok', { op: 'create', accountId: newId, roles, ...(signer ? { countersignedBy: signer.username } : {}) });
        auditCountersign(countersign, signer, 'manage_accounts', ctx, username);
        return newId;
      }).immediate();
    } catch (e) {
      mapUniqueError(e, username);
    }
    return info(ctx.db, accountById(ctx.db, id)!);
  });
}

/** sysadmin: replaces an account's roles (administrator roles need a countersignature); its sessions end. */
export function setAccountRoles(ctx: OperationContext, username: string, roles: readonly Role[], countersign?: OperationContext): AccountInfo {
  return guarded(ctx, 'manage_accounts', accountTarget(username), () => {
    const a = target(ctx.db, username);
    refuseSelf(ctx, a, 'manage_accounts');
    const next = checkRoleSet(roles);
    const signer = touchesAdmin(ctx.db, a, next) ? requireCountersign(ctx, countersign, 'manage_accounts', { username: a.username, id: a.id }) : null;
    keepAdminHolders(ctx, a, 'manage_accounts', next, true);
    const before = accountRoles(ctx.db, a.id);
    const at = isoOf(nowOf(ctx));
    try {
      ctx.db.transaction(() => {
        ctx.db.prepare('DELETE FROM account_roles WHERE account_id = ?').run(a.id);
        const add = ctx.db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
        for (const r of next) add.run(a.id, r);
        ctx.db.prepare('UPDATE accounts SET updated_at = ? WHERE id = ?').run(at, a.id);
        const ended = endSessionsOf(ctx.db, a.id, 'roles_changed', at);
        recordAudit(ctx, 'manage_accounts', accountTarget(a.username), 'ok', { op: 'set_roles', before, after: next, endedSessions: ended, ...(signer ? { countersignedBy: signer.username } : {}) });
        auditCountersign(countersign, signer, 'manage_accounts', ctx, a.username);
      }).immediate();
    } catch (e) {
      mapUniqueError(e, a.username);
    }
    return info(ctx.db, accountById(ctx.db, a.id)!);
  });
}

/** sysadmin: sets a new password for someone else; they must change it at next login; their sessions end. */
export async function resetPassword(ctx: OperationContext, username: string, newPassword: string, countersign?: OperationContext): Promise<AccountInfo> {
  return guardedAsync(ctx, 'manage_accounts', accountTarget(username), async () => {
    const a = target(ctx.db, username);
    refuseSelf(ctx, a, 'manage_accounts');
    const signer = touchesAdmin(ctx.db, a) ? requireCountersign(ctx, countersign, 'manage_accounts', { username: a.username, id: a.id }) : null;
    checkPasswordRules(String(newPassword ?? ''), a.username, readAuthSettings(ctx.db).minPasswordLength);
    const hash = await hashPassword(newPassword);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db
        .prepare('UPDATE accounts SET password_hash = ?, must_change_password = 1, failed_count = 0, not_before = NULL, locked_until = NULL, password_changed_at = ?, updated_at = ? WHERE id = ?')
        .run(hash, at, at, a.id);
      const ended = endSessionsOf(ctx.db, a.id, 'password_reset', at);
      recordAudit(ctx, 'manage_accounts', accountTarget(a.username), 'ok', { op: 'reset_password', endedSessions: ended, ...(signer ? { countersignedBy: signer.username } : {}) });
      auditCountersign(countersign, signer, 'manage_accounts', ctx, a.username);
    }).immediate();
    return info(ctx.db, accountById(ctx.db, a.id)!);
  });
}

/** Anyone: changes their own password, proving the old one (wrong ones count toward the lockout). */
export async function changeOwnPassword(ctx: OperationContext, oldPassword: string, newPassword: string): Promise<void> {
  return guardedAsync(ctx, 'change_own_password', accountTarget(ctx.session.username), async () => {
    const a = accountById(ctx.db, ctx.session.userId)!;
    await checkAccountPassword(ctx.db, a.id, String(oldPassword ?? ''), ctx.clock ?? systemClock, { action: 'change_own_password', device: ctx.device, sessionId: ctx.session.sessionId });
    checkPasswordRules(String(newPassword ?? ''), a.username, readAuthSettings(ctx.db).minPasswordLength);
    if (newPassword.normalize('NFC') === String(oldPassword).normalize('NFC')) throw VaultError.of('PASSWORD_WEAK', authMessages.passwordUnchanged, {}, { rule: 'unchanged' });
    const hash = await hashPassword(newPassword);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = 0, password_changed_at = ?, updated_at = ? WHERE id = ?').run(hash, at, at, a.id);
      // Other sessions of the same person end: a changed password shuts out whoever knew the old one.
      ctx.db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'password_changed' WHERE account_id = ? AND id <> ? AND ended_at IS NULL").run(at, a.id, ctx.session.sessionId);
      recordAudit(ctx, 'change_own_password', accountTarget(a.username), 'ok');
    }).immediate();
    ctx.session.mustChangePassword = false;
  });
}

function setStatus(ctx: OperationContext, username: string, status: 'active' | 'disabled', countersign?: OperationContext): AccountInfo {
  return guarded(ctx, 'manage_accounts', accountTarget(username), () => {
    const a = target(ctx.db, username);
    refuseSelf(ctx, a, 'manage_accounts');
    const signer = touchesAdmin(ctx.db, a) ? requireCountersign(ctx, countersign, 'manage_accounts', { username: a.username, id: a.id }) : null;
    if (status === 'disabled') keepAdminHolders(ctx, a, 'manage_accounts', [], false);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?').run(status, at, a.id);
      const ended = status === 'disabled' ? endSessionsOf(ctx.db, a.id, 'account_disabled', at) : 0;
      recordAudit(ctx, 'manage_accounts', accountTarget(a.username), 'ok', { op: status === 'disabled' ? 'disable' : 'enable', endedSessions: ended, ...(signer ? { countersignedBy: signer.username } : {}) });
      auditCountersign(countersign, signer, 'manage_accounts', ctx, a.username);
    }).immediate();
    return info(ctx.db, accountById(ctx.db, a.id)!);
  });
}

/** sysadmin: disables an account (administrator accounts: countersigned; never the last holder of a role). */
export function disableAccount(ctx: OperationContext, username: string, countersign?: OperationContext): AccountInfo {
  return setStatus(ctx, username, 'disabled', countersign);
}

export function enableAccount(ctx: OperationContext, username: string, countersign?: OperationContext): AccountInfo {
  return setStatus(ctx, username, 'active', countersign);
}

/** sysadmin: lifts a lockout early. Unlocking gives nobody access: the password is still needed. */
export function unlockAccount(ctx: OperationContext, username: string): AccountInfo {
  return guarded(ctx, 'manage_accounts', accountTarget(username), () => {
    const a = target(ctx.db, username);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE accounts SET failed_count = 0, not_before = NULL, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, a.id);
      recordAudit(ctx, 'manage_accounts', accountTarget(a.username), 'ok', { op: 'unlock', failedCount: a.failed_count, lockedUntil: a.locked_until });
    }).immediate();
    return info(ctx.db, accountById(ctx.db, a.id)!);
  });
}

/** sysadmin, security officer: the account list (no password hashes ever leave this module). */
export function listAccounts(ctx: OperationContext): AccountInfo[] {
  authorize(ctx, 'view_accounts', { type: 'account', id: '*' });
  const rows = ctx.db.prepare('SELECT * FROM accounts ORDER BY id').all() as AccountRow[];
  recordAudit(ctx, 'view_accounts', { type: 'account', id: '*' }, 'ok', { count: rows.length });
  return rows.map((a) => info(ctx.db, a));
}

export function getAuthSettings(db: Db): AuthSettings {
  return readAuthSettings(db);
}

/** sysadmin: changes login and session policy within the allowed ranges. */
export function updateAuthSettings(ctx: OperationContext, patch: Partial<Record<keyof AuthSettings, unknown>>): AuthSettings {
  return guarded(ctx, 'change_settings', { type: 'settings', id: 'auth' }, () => {
    const clean = checkAuthSettingsPatch(patch);
    const before = readAuthSettings(ctx.db);
    ctx.db.transaction(() => {
      writeAuthSettings(ctx.db, clean);
      recordAudit(ctx, 'change_settings', { type: 'settings', id: 'auth' }, 'ok', { before, after: { ...before, ...clean } });
    }).immediate();
    return readAuthSettings(ctx.db);
  });
}

