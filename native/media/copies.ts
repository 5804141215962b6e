import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';

/** Which object is on which medium (media_objects) and the catalog snapshots written there. */
export interface MediumObject {
  mediumId: string;
  sha256: string;
  file: string;
  cipherSha256: string;
  cipherSize: number;
  writtenAt: string;
  verifiedAt: string;
  status: 'ok' | 'bad' | 'missing';
}

const COLUMNS = sql`medium_id AS mediumId, sha256, file, cipher_sha256 AS cipherSha256, cipher_size AS cipherSize, written_at AS writtenAt, verified_at AS verifiedAt, status`;

/** Records a copy that was written and read back: it counts from now on. */
export function upsertCopy(db: Db, c: Omit<MediumObject, 'status'>): void {
  db.prepare(`INSERT INTO media_objects (medium_id, sha256, file, cipher_sha256, cipher_size, written_at, verified_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'ok')
    ON CONFLICT (medium_id, sha256) DO UPDATE SET file = excluded.file, cipher_sha256 = excluded.cipher_sha256, cipher_size = excluded.cipher_size,
      written_at = excluded.written_at, verified_at = excluded.verified_at, status = 'ok'`)
    .run(c.mediumId, c.sha256, c.file, c.cipherSha256, c.cipherSize, c.writtenAt, c.verifiedAt);
}

export function copiesOn(db: Db, mediumId: string): MediumObject[] {
  return all<MediumObject>(db, sql`SELECT ${COLUMNS} FROM media_objects WHERE medium_id = ${mediumId} ORDER BY file`);
}

export function copiesOf(db: Db, sha256: string): MediumObject[] {
  return all<MediumObject>(db, sql`SELECT ${COLUMNS} FROM media_objects WHERE sha256 = ${sha256} ORDER BY medium_id`);
}

export function copyOn(db: Db, mediumId: string, sha256: string): MediumObject | undefined {
  return get<MediumObject>(db, sql`SELECT ${COLUMNS} FROM media_objects WHERE medium_id = ${mediumId} AND sha256 = ${sha256}`);
}

/** The copies a rolling sample reads next: the longest unverified first, so every copy comes round. */
export function oldestVerified(db: Db, mediumId: string, limit: number): MediumObject[] {
  return all<MediumObject>(db, sql`SELECT ${COLUMNS} FROM media_objects WHERE medium_id = ${mediumId} ORDER BY verified_at, file LIMIT ${limit}`);
}

export function setCopyStatus(db: Db, mediumId: string, sha256: string, status: MediumObject['status'], verifiedAt?: string): void {
  db.prepare('UPDATE media_objects SET status = ?, verified_at = coalesce(?, verified_at) WHERE medium_id = ? AND sha256 = ?').run(status, verifiedAt ?? null, mediumId, sha256);
}

/** Objects of the vault not yet on the medium (what a backup writes), with their sizes. */
export function objectsMissingFrom(db: Db, mediumId: string): { sha256: string; size: number }[] {
  return all(db, sql`SELECT o.sha256, o.size FROM objects o
    WHERE NOT EXISTS (SELECT 1 FROM media_objects m WHERE m.medium_id = ${mediumId} AND m.sha256 = o.sha256 AND m.status = 'ok')
    ORDER BY o.sha256`);
}

export interface SnapshotRow {
  mediumId: string;
  file: string;
  cipherSha256: string;
  cipherSize: number;
  auditSeq: number;
  auditHash: string;
  writtenAt: string;
}

export function insertSnapshot(db: Db, s: SnapshotRow): void {
  db.prepare('INSERT OR REPLACE INTO media_snapshots (medium_id, file, cipher_sha256, cipher_size, audit_seq, audit_hash, written_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(s.mediumId, s.file, s.cipherSha256, s.cipherSize, s.auditSeq, s.auditHash, s.writtenAt);
}

export function snapshotsOn(db: Db, mediumId: string): SnapshotRow[] {
  return all<SnapshotRow>(db, sql`SELECT medium_id AS mediumId, file, cipher_sha256 AS cipherSha256, cipher_size AS cipherSize, audit_seq AS auditSeq, audit_hash AS auditHash, written_at AS writtenAt
    FROM media_snapshots WHERE medium_id = ${mediumId} ORDER BY written_at`);
}
