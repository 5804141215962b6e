import { authorize, recordAudit } from '../auth/authorize.js';
import { authMessages } from '../auth/messages.js';
import { dummyWork } from '../auth/password.js';
import { roleAllows } from '../auth/permissions.js';
import { accountRoles } from '../auth/session-state.js';
import { checkAccountPassword, findAccount } from '../auth/sessions.js';
import { systemClock, type Clock, type OperationContext } from '../auth/types.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import type { AuditRow } from '../audit/canonical.js';
import { allAuditRows, auditCheckpoint, auditHead, fromDbRow, type AuditHead } from '../audit/log.js';
import { auditMessages } from '../audit/messages.js';
import { verifyAuditChain, type AuditAnchor, type AuditVerifyResult } from '../audit/verify.js';

/** What the auditor looks for. Times are ISO strings; from inclusive, to exclusive. */
export interface AuditFilter {
  fromSeq?: number;
  toSeq?: number;
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  result?: 'ok' | 'denied' | 'failed';
  objectType?: string;
  objectId?: string;
  device?: string;
  limit?: number;
  offset?: number;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
}

const MAX_PAGE = 1000;

function whereOf(filter: AuditFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const bad = (reason: string): never => {
    throw VaultError.of('AUDIT_FILTER_INVALID', auditMessages.badFilter, { reason });
  };
  const int = (v: number | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    if (!Number.isSafeInteger(v) || v < 0) bad(`${name} must be a whole number`);
    return v;
  };
  const time = (v: string | undefined, name: string): string | undefined => {
    if (v === undefined) return undefined;
    if (!Number.isFinite(Date.parse(v))) bad(`${name} is not a time`);
    return new Date(Date.parse(v)).toISOString();
  };
  const fromSeq = int(filter.fromSeq, 'fromSeq');
  const toSeq = int(filter.toSeq, 'toSeq');
  const from = time(filter.from, 'from');
  const to = time(filter.to, 'to');
  if (fromSeq !== undefined) {
    where.push('seq >= ?');
    params.push(fromSeq);
  }
  if (toSeq !== undefined) {
    where.push('seq <= ?');
    params.push(toSeq);
  }
  if (from !== undefined) {
    where.push('at >= ?');
    params.push(from);
  }
  if (to !== undefined) {
    where.push('at < ?');
    params.push(to);
  }
  for (const [key, col] of [['username', 'username'], ['action', 'action'], ['result', 'result'], ['objectType', 'object_type'], ['objectId', 'object_id'], ['device', 'device']] as const) {
    const v = filter[key];
    if (v !== undefined && v !== '') {
    where.push(`${col} = ?`);
    params.push(String(v));
  }
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** auditor: a page of the log, oldest first. The read itself is logged. */
export function readAudit(ctx: OperationContext, filter: AuditFilter = {}): AuditPage {
  authorize(ctx, 'read_audit', { type: 'audit_log' });
  const { sql, params } = whereOf(filter);
  const limit = Math.min(Math.max(1, filter.limit ?? 200), MAX_PAGE);
  const offset = Math.max(0, filter.offset ?? 0);
  const total = (ctx.db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(...params) as { n: number }).n;
  const rows = (ctx.db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY seq LIMIT ? OFFSET ?`).all(...params, limit, offset) as Parameters<typeof fromDbRow>[0][]).map(fromDbRow);
  recordAudit(ctx, 'read_audit', { type: 'audit_log' }, 'ok', { filter: { ...filter }, returned: rows.length, total });
  return { rows, total };
}

const CSV_COLUMNS = ['seq', 'at', 'userId', 'username', 'roles', 'sessionId', 'device', 'action', 'objectType', 'objectId', 'result', 'detail', 'prevHash', 'hash'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote everything that could split a cell; a leading =,+,-,@ is prefixed so a spreadsheet
  // never runs an audit field as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n']/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface AuditExport {
  format: 'csv' | 'json';
  /** UTF-8 text; CSV starts with a BOM so spreadsheet programs read the Chinese right. */
  text: string;
  rows: number;
  head: AuditHead;
  verification: Pick<AuditVerifyResult, 'ok' | 'problems'>;
}

/**
 * auditor: the log (whole, or filtered) as CSV or JSON, every column including the hashes, so
 * the chain of a full export can be re-checked outside Lantai (see canonical.ts). The export
 * carries the head and the result of verifying the table at export time.
 */
export function exportAudit(ctx: OperationContext, format: 'csv' | 'json', filter: AuditFilter = {}): AuditExport {
  if (format !== 'csv' && format !== 'json') throw VaultError.of('AUDIT_EXPORT_FORMAT', auditMessages.badFormat, { format: String(format) });
  authorize(ctx, 'export_audit', { type: 'audit_log' });
  const { sql, params } = whereOf(filter);
  const rows = sql === '' ? allAuditRows(ctx.db) : (ctx.db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY seq`).all(...params) as Parameters<typeof fromDbRow>[0][]).map(fromDbRow);
  const head = auditHead(ctx.db);
  const check = verifyAuditChain(ctx.db);
  const verification = { ok: check.ok, problems: check.problems };
  let text: string;
  if (format === 'json') {
    text = JSON.stringify({ format: 'lantai-audit-export', version: 1, exportedAt: new Date((ctx.clock ?? Date.now)()).toISOString(), exportedBy: ctx.session.username, filter, head, checkpoint: auditCheckpoint(ctx.db), verification, rows }, null, 1);
  } else {
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
    text = '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
  recordAudit(ctx, 'export_audit', { type: 'audit_log' }, 'ok', { format, filter: { ...filter }, rows: rows.length, head, chainOk: check.ok });
  return { format, text, rows: rows.length, head, verification };
}

/** auditor: verifies the chain (optionally against heads recorded in backups); the check is logged. */
export function verifyAudit(ctx: OperationContext, anchors: readonly AuditAnchor[] = []): AuditVerifyResult {
  authorize(ctx, 'verify_audit', { type: 'audit_log' });
  const result = verifyAuditChain(ctx.db, { anchors });
  recordAudit(ctx, 'verify_audit', { type: 'audit_log' }, result.ok ? 'ok' : 'failed', {
    rows: result.rows,
    head: result.head,
    problems: result.problems.slice(0, 100).map((p) => ({ code: p.code, seq: p.seq, ...(p.toSeq !== undefined ? { toSeq: p.toSeq } : {}) })),
    problemCount: result.problems.length,
  });
  return result;
}

/**
 * The auditor's way in when the log refuses appends (rows forged beyond the checkpoint, the
 * checkpoint rewritten): a login writes an audit row, which then fails closed, so without this
 * the log could not be verified exactly when it matters most. It checks the password and the
 * role without opening a session, only reads, and says that the check itself went unlogged.
 */
export async function verifyAuditUnlogged(db: Db, username: string, password: string, options: { anchors?: readonly AuditAnchor[]; clock?: Clock; device: string }): Promise<AuditVerifyResult & { logged: false }> {
  const a = findAccount(db, String(username ?? ''));
  if (!a) {
    await dummyWork(String(password ?? ''));
    throw VaultError.of('AUTH_FAILED', authMessages.authFailed, { hintZh: '', hintEn: '' });
  }
  await checkAccountPassword(db, a.id, String(password ?? ''), options.clock ?? systemClock, { action: 'verify_audit', device: options.device, sessionId: null });
  const roles = accountRoles(db, a.id);
  if (a.status !== 'active') throw VaultError.of('ACCOUNT_DISABLED', authMessages.accountDisabled, { username: a.username });
  if (!roles.some((r) => roleAllows(r, 'verify_audit'))) {
    throw VaultError.of('ACCESS_DENIED', authMessages.accessDenied, { action: 'verify_audit', actionZh: '校验审计日志', actionEn: 'verify the audit log', reasonZh: '只有安全审计员可以校验', reasonEn: 'only the auditor may verify it' }, { reason: 'ROLE' });
  }
  return { ...verifyAuditChain(db, { anchors: options.anchors ?? [] }), logged: false };
}
