import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { authMessages } from './messages.js';
import { projectInScope, recordsInScope } from './project-scope.js';
import { GRANT_SCOPES_FOR, isProjectScoped, isRecordAction, RECORD_RULES, roleAllows, type Action, type GrantScope, type RecordAction, type RecordRule, type RecordState, type Role } from './permissions.js';
import { isoOf, type Target } from './types.js';

/**
 * Permission decisions: the two matrices of permissions.ts, a record's state and a person's
 * live grants give allowed or a reason. Pure reads, no audit: the guard (authorize.ts) audits.
 */

export type DenialReason = 'ROLE' | 'CLASSIFIED' | 'RESTRICTED' | 'NEEDS_GRANT' | 'OUT_OF_SCOPE';

export interface Decision {
  allowed: boolean;
  reason?: DenialReason;
  /** For record targets: the record's state and the rule that applied. */
  state?: RecordState;
  rule?: RecordRule;
}

export interface RecordAccessRow {
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

export function rulesFor(roles: readonly Role[], action: RecordAction, state: RecordState): RecordRule[] {
  return roles.filter((r) => roleAllows(r, action)).map((r) => RECORD_RULES[r][action]?.[state] ?? 'deny');
}

/** The pure decision from the two matrices, the record's state and the user's live grants. */
export function decide(db: Db, roles: readonly Role[], accountId: number, action: Action, target: Target | undefined, nowMs: number): Decision {
  if (!roles.some((r) => roleAllows(r, action))) return { allowed: false, reason: 'ROLE' };
  const scoped = isProjectScoped(roles);
  // A project-scoped role asking about no project in particular (a list) gets only its own: the list is scoped where it is read.
  if (scoped && target?.type === 'digitization_project' && target.id !== null && target.id !== undefined) {
    const projectId = Number(target.id);
    return Number.isSafeInteger(projectId) && projectInScope(db, accountId, projectId) ? { allowed: true } : { allowed: false, reason: 'OUT_OF_SCOPE' };
  }
  if (target?.type !== 'record' || !isRecordAction(action)) return { allowed: true };
  const id = Number(target.id);
  const rec = Number.isSafeInteger(id) ? recordRow(db, id) : undefined;
  if (!rec) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id: String(target.id) });
  const state = recordStateOf(rec);
  // A project-scoped role sees nothing outside its open projects, whatever the record's state.
  if (scoped && !recordsInScope(db, accountId, [id]).has(id)) return { allowed: false, reason: 'OUT_OF_SCOPE', state };
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

export function bulkDecide(db: Db, roles: readonly Role[], accountId: number, action: RecordAction, ids: readonly number[], nowMs: number): { allowed: number[]; denied: { id: number; reason: DenialReason | 'NOT_FOUND' }[] } {
  const rows = recordRows(db, ids);
  const grants = grantMap(db, accountId, isoOf(nowMs));
  const accepted = GRANT_SCOPES_FOR[action] ?? [];
  const inScope = isProjectScoped(roles) ? recordsInScope(db, accountId, ids) : null;
  const allowed: number[] = [];
  const denied: { id: number; reason: DenialReason | 'NOT_FOUND' }[] = [];
  for (const id of ids) {
    const rec = rows.get(id);
    if (!rec) {
      denied.push({ id, reason: 'NOT_FOUND' });
      continue;
    }
    if (inScope && !inScope.has(id)) {
      denied.push({ id, reason: 'OUT_OF_SCOPE' });
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

