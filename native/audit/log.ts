import type Database from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { canonicalJson, GENESIS_HASH, rowHash, type AuditRow, type AuditRowFields } from './canonical.js';
import { auditMessages } from './messages.js';
import { boundDetail, redact } from './redact.js';

export type AuditResult = 'ok' | 'denied' | 'failed';

/** One thing that happened: who, when, on which device, what was done to which object. */
export interface AuditEntry {
  /** ISO time; defaults to now. */
  at?: string;
  userId: number | null;
  username: string;
  roles: readonly string[] | string;
  sessionId?: string | null;
  device: string;
  action: string;
  objectType?: string;
  objectId?: string | number | null;
  result: AuditResult;
  /** Free-form facts; secrets are redacted, see redact.ts. Never put passwords or keys here. */
  detail?: Record<string, unknown>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

interface Statements {
  head: Database.Statement;
  insert: Database.Statement;
  advance: Database.Statement;
  last: Database.Statement;
}

// One set of prepared statements per connection keeps an append to two indexed writes.
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1'),
      insert: db.prepare(`INSERT INTO audit_log (seq, at, user_id, username, roles, session_id, device, action, object_type, object_id, result, detail, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      advance: db.prepare('UPDATE audit_head SET seq = ?, hash = ?, updated_at = ? WHERE id = 1'),
      last: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
    };
    cache.set(db, s);
  }
  return s;
}

function clip(s: string, max: number): string {
  // Control characters would make CSV exports and printed logs ambiguous.
   
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length <= max ? clean : clean.slice(0, max);
}

/** The stored form of an entry (without seq, prev_hash, hash). */
export function auditFields(entry: AuditEntry): Omit<AuditRowFields, 'seq' | 'prevHash'> {
  const detailObj = redact(entry.detail ?? {}) as Record<string, unknown>;
  const json = canonicalJson(detailObj);
  const bounded = boundDetail(json, Object.keys(detailObj));
  const roles = typeof entry.roles === 'string' ? entry.roles : [...entry.roles].sort().join(',');
  return {
    at: entry.at ?? new Date().toISOString(),
    userId: entry.userId,
    username: clip(entry.username, 64),
    roles: clip(roles, 200),
    sessionId: entry.sessionId ?? null,
    device: clip(entry.device, 200),
    action: clip(entry.action, 64),
    objectType: clip(entry.objectType ?? '', 64),
    objectId: clip(entry.objectId === null || entry.objectId === undefined ? '' : String(entry.objectId), 200),
    result: entry.result,
    detail: typeof bounded === 'string' ? bounded : canonicalJson(bounded),
  };
}

/**
 * Appends one row to the chain and advances the checkpoint, atomically. Inside a caller's
 * transaction it becomes a savepoint of it (the row commits or rolls back with the operation);
 * outside one it takes the write lock first (BEGIN IMMEDIATE), so two processes appending at
 * once serialize instead of racing for the same head.
 */
export function appendAudit(db: Db, entry: AuditEntry): AuditHead {
  const st = statements(db);
  const fields = auditFields(entry);
  const tx = db.transaction((): AuditHead => {
    const head = st.head.get() as AuditHead | undefined;
    if (!head) throw new Error('the audit checkpoint is missing');
    const row: AuditRowFields = { ...fields, seq: head.seq + 1, prevHash: head.hash };
    const hash = rowHash(row);
    st.insert.run(row.seq, row.at, row.userId, row.username, row.roles, row.sessionId, row.device, row.action, row.objectType, row.objectId, row.result, row.detail, row.prevHash, hash);
    st.advance.run(row.seq, hash, row.at);
    return { seq: row.seq, hash };
  });
  try {
    return tx.immediate();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw VaultError.of('AUDIT_APPEND_FAILED', auditMessages.appendFailed, { reason }, {}, e);
  }
}

/**
 * The last row actually in the log, to be written into every backup and transfer package:
 * an offline copy of it is what later exposes a rewrite of everything up to that row.
 */
export function auditHead(db: Db): AuditHead {
  const row = statements(db).last.get() as AuditHead | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** The checkpoint kept beside the log (the head as of the last append), or null if it is gone. */
export function auditCheckpoint(db: Db): AuditHead | null {
  return (statements(db).head.get() as AuditHead | undefined) ?? null;
}

/** An audit_log row as SQLite returns it. */
export interface DbAuditRow {
  seq: number;
  at: string;
  user_id: number | null;
  username: string;
  roles: string;
  session_id: string | null;
  device: string;
  action: string;
  object_type: string;
  object_id: string;
  result: 'ok' | 'denied' | 'failed';
  detail: string;
  prev_hash: string;
  hash: string;
}

export function fromDbRow(r: DbAuditRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    roles: r.roles,
    sessionId: r.session_id,
    device: r.device,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    result: r.result,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Every row in seq order (for verification and full exports). */
export function allAuditRows(db: Db): AuditRow[] {
  return (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as DbAuditRow[]).map(fromDbRow);
}
