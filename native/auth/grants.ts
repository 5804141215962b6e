import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { authorize, guarded, recordAudit } from './authorize.js';
import { recordStateOf } from './decisions.js';
import { authMessages } from './messages.js';
import type { GrantScope } from './permissions.js';
import { accountRoles } from './session-state.js';
import { findAccount } from './sessions.js';
import { readAuthSettings } from './settings.js';
import { isoOf, nowOf, type OperationContext } from './types.js';

/** An approval (审批) by the security officer for one archivist and one record. */
export interface AccessGrant {
  id: number;
  recordId: number;
  /** The record's 档号 now (for lists people read); empty if the record is gone. */
  archivalCode: string;
  accountId: number;
  username: string;
  scope: GrantScope;
  purpose: string;
  approvedBy: number;
  approvedByName: string;
  approvedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApproveAccessInput {
  username: string;
  recordIds: readonly number[];
  scope: GrantScope;
  purpose: string;
  /** ISO time; must be in the future and within maxGrantDays. */
  expiresAt: string;
}

interface GrantRow {
  id: number;
  record_id: number;
  archival_code: string | null;
  account_id: number;
  username: string;
  scope: GrantScope;
  purpose: string;
  approved_by: number;
  approved_by_name: string;
  approved_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const SELECT = `SELECT g.id, g.record_id, r.archival_code, g.account_id, a.username, g.scope, g.purpose, g.approved_by, b.username AS approved_by_name,
                       g.approved_at, g.expires_at, g.revoked_at
                  FROM access_grants g JOIN accounts a ON a.id = g.account_id JOIN accounts b ON b.id = g.approved_by
                  LEFT JOIN records r ON r.id = g.record_id`;

function toGrant(r: GrantRow): AccessGrant {
  return {
    id: r.id,
    recordId: r.record_id,
    archivalCode: r.archival_code ?? '',
    accountId: r.account_id,
    username: r.username,
    scope: r.scope,
    purpose: r.purpose,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by_name,
    approvedAt: r.approved_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

/**
 * security_officer: lets one archivist view (or view and export) restricted or classified
 * records until a set time. Classified records are never exported, so no export grant for them.
 */
export function approveAccess(ctx: OperationContext, input: ApproveAccessInput): AccessGrant[] {
  const target = { type: 'account', id: input.username };
  return guarded(ctx, 'approve_access', target, () => {
    const grantee = findAccount(ctx.db, String(input.username ?? ''));
    if (!grantee || grantee.status !== 'active' || !accountRoles(ctx.db, grantee.id).includes('archivist') || grantee.id === ctx.session.userId) {
      throw VaultError.of('GRANT_INVALID', authMessages.grantBadGrantee, { username: String(input.username ?? '') });
    }
    const purpose = String(input.purpose ?? '').trim();
    if (purpose === '') throw VaultError.of('GRANT_INVALID', authMessages.textRequired, { fieldZh: '利用目的', fieldEn: 'purpose' });
    if (input.scope !== 'view' && input.scope !== 'export') throw VaultError.of('GRANT_INVALID', authMessages.textRequired, { fieldZh: '审批范围', fieldEn: 'scope' });
    const now = nowOf(ctx);
    const { maxGrantDays } = readAuthSettings(ctx.db);
    const expires = Date.parse(String(input.expiresAt ?? ''));
    if (!Number.isFinite(expires) || expires <= now || expires > now + maxGrantDays * 86_400_000) {
      throw VaultError.of('GRANT_INVALID', authMessages.grantBadExpiry, { expiresAt: String(input.expiresAt), maxDays: maxGrantDays });
    }
    const ids = [...new Set(input.recordIds ?? [])];
    if (ids.length === 0) throw VaultError.of('GRANT_INVALID', authMessages.textRequired, { fieldZh: '档案', fieldEn: 'record list' });
    for (const id of ids) {
      const rec = ctx.db.prepare('SELECT classification, classified_hold, access_status FROM records WHERE id = ?').get(id) as Parameters<typeof recordStateOf>[0] | undefined;
      if (!rec) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id });
      if (input.scope === 'export' && recordStateOf(rec) === 'classified') throw VaultError.of('GRANT_INVALID', authMessages.grantExportClassified, { id });
    }
    const at = isoOf(now);
    const expiresAt = isoOf(expires);
    const grantIds = ctx.db.transaction(() => {
      const ins = ctx.db.prepare('INSERT INTO access_grants (record_id, account_id, scope, purpose, approved_by, approved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const out = ids.map((id) => Number(ins.run(id, grantee.id, input.scope, purpose, ctx.session.userId, at, expiresAt).lastInsertRowid));
      recordAudit(ctx, 'approve_access', target, 'ok', { grants: out, recordIds: ids, scope: input.scope, purpose, expiresAt });
      return out;
    }).immediate();
    return grantIds.map((id) => toGrant(ctx.db.prepare(`${SELECT} WHERE g.id = ?`).get(id) as GrantRow));
  });
}

/** security_officer: withdraws an approval before it expires. */
export function revokeAccess(ctx: OperationContext, grantId: number): void {
  const target = { type: 'access_grant', id: grantId };
  return guarded(ctx, 'approve_access', target, () => {
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      const changed = ctx.db.prepare('UPDATE access_grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, ctx.session.userId, grantId).changes;
      if (changed === 0) throw VaultError.of('GRANT_NOT_FOUND', authMessages.grantNotFound, { id: grantId });
      recordAudit(ctx, 'approve_access', target, 'ok', { op: 'revoke' });
    }).immediate();
  });
}

/** security_officer: approvals, newest first; live ones only unless all is set. */
export function listGrants(ctx: OperationContext, filter: { username?: string; recordId?: number; all?: boolean } = {}): AccessGrant[] {
  authorize(ctx, 'approve_access', { type: 'access_grant', id: '*' });
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.username) {
    where.push('a.username = ?');
    params.push(filter.username);
  }
  if (filter.recordId !== undefined) {
    where.push('g.record_id = ?');
    params.push(filter.recordId);
  }
  if (!filter.all) {
    where.push('g.revoked_at IS NULL AND g.expires_at > ?');
    params.push(isoOf(nowOf(ctx)));
  }
  const rows = ctx.db.prepare(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY g.id DESC`).all(...params) as GrantRow[];
  return rows.map(toGrant);
}

export function grantById(db: Db, id: number): AccessGrant | undefined {
  const r = db.prepare(`${SELECT} WHERE g.id = ?`).get(id) as GrantRow | undefined;
  return r ? toGrant(r) : undefined;
}
