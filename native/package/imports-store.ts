import type { Db } from '../db/database.js';

/** Rows of package_imports (migration 0180): one per transfer package received into this vault. */
export interface PackageImportRow {
  id: number;
  transferId: string;
  sourceOrganization: string;
  tagmanifestSha256: string;
  tagmanifestSm3: string;
  signerFingerprint: string | null;
  recordCount: number;
  byteCount: number;
  importedAt: string;
  importedBy: number;
  jobId: number | null;
  receipt: string | null;
  receiptIssuedAt: string | null;
}

const COLUMNS = `id, transfer_id AS transferId, source_organization AS sourceOrganization, tagmanifest_sha256 AS tagmanifestSha256,
  tagmanifest_sm3 AS tagmanifestSm3, signer_fingerprint AS signerFingerprint, record_count AS recordCount, byte_count AS byteCount,
  imported_at AS importedAt, imported_by AS importedBy, job_id AS jobId, receipt, receipt_issued_at AS receiptIssuedAt`;

export function importByTagManifest(db: Db, tagmanifestSha256: string): PackageImportRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM package_imports WHERE tagmanifest_sha256 = ?`).get(tagmanifestSha256) as PackageImportRow | undefined;
}

export function getImport(db: Db, id: number): PackageImportRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM package_imports WHERE id = ?`).get(id) as PackageImportRow | undefined;
}

export function listImports(db: Db): PackageImportRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM package_imports ORDER BY id DESC`).all() as PackageImportRow[];
}

export function importedRecords(db: Db, importId: number): { recordId: number; archivalCode: string }[] {
  return db.prepare('SELECT record_id AS recordId, archival_code AS archivalCode FROM package_import_records WHERE import_id = ? ORDER BY archival_code')
    .all(importId) as { recordId: number; archivalCode: string }[];
}

export type NewImport = Omit<PackageImportRow, 'id' | 'receipt' | 'receiptIssuedAt'> & { records: readonly { recordId: number; archivalCode: string }[] };

/** Inside the caller's transaction, with the records it inserted. */
export function insertImport(db: Db, row: NewImport): number {
  const r = db.prepare(`INSERT INTO package_imports (transfer_id, source_organization, tagmanifest_sha256, tagmanifest_sm3, signer_fingerprint,
      record_count, byte_count, imported_at, imported_by, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(row.transferId, row.sourceOrganization, row.tagmanifestSha256, row.tagmanifestSm3, row.signerFingerprint, row.recordCount, row.byteCount,
      row.importedAt, row.importedBy, row.jobId);
  const id = Number(r.lastInsertRowid);
  const add = db.prepare('INSERT INTO package_import_records (import_id, record_id, archival_code) VALUES (?, ?, ?)');
  for (const rec of row.records) add.run(id, rec.recordId, rec.archivalCode);
  return id;
}

export function saveIssuedReceipt(db: Db, importId: number, receipt: string, at: string): void {
  db.prepare('UPDATE package_imports SET receipt = ?, receipt_issued_at = ? WHERE id = ?').run(receipt, at, importId);
}
