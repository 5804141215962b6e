import crypto from 'node:crypto';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of one audit row as stored (detail is the canonical JSON text, see canonicalJson). */
export interface AuditRowFields {
  seq: number;
  at: string;
  userId: number | null;
  username: string;
  roles: string;
  sessionId: string | null;
  device: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'denied' | 'failed';
  detail: string;
  prevHash: string;
}

export interface AuditRow extends AuditRowFields {
  hash: string;
}

/**
 * The exact bytes that are hashed: a JSON array with a version tag and the fields in a fixed
 * order, UTF-8. JSON.stringify of an array of strings, numbers and null is deterministic, so an
 * outside verifier (the auditor's own script over an export) reproduces it in one line:
 *   sha256(JSON.stringify(["lantai-audit-v1", seq, at, userId, username, roles, sessionId,
 *                          device, action, objectType, objectId, result, detail, prevHash]))
 * seq is inside the hash, so a renumbered row no longer verifies at its new place.
 */
export function canonicalRow(f: AuditRowFields, seq: number = f.seq): string {
  return JSON.stringify([
    'lantai-audit-v1',
    seq,
    f.at,
    f.userId,
    f.username,
    f.roles,
    f.sessionId,
    f.device,
    f.action,
    f.objectType,
    f.objectId,
    f.result,
    f.detail,
    f.prevHash,
  ]);
}

export function rowHash(f: AuditRowFields, seq: number = f.seq): string {
  return crypto.createHash('sha256').update(canonicalRow(f, seq), 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal details always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}
