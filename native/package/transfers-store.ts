import type { Db } from '../db/database.js';

/** Rows of the transfers table (migration 0140): one per export attempt. */
export type TransferState = 'prepared' | 'refused' | 'sealed' | 'delivered' | 'receipted';

export interface TransferRow {
  id: string;
  state: TransferState;
  createdAt: string;
  updatedAt: string;
  createdBy: number;
  approvedBy: number | null;
  approvedAt: string | null;
  selection: string;
  recordCount: number;
  byteCount: number;
  outputPath: string;
  outputKind: 'folder' | 'zip';
  tagmanifestSha256: string | null;
  tagmanifestSm3: string | null;
  report: string;
  receiptedAt: string | null;
}

export interface NewTransfer {
  id: string;
  state: TransferState;
  at: string;
  createdBy: number;
  approvedBy: number | null;
  selection: unknown;
  records: readonly { id: number; archivalCode: string }[];
  byteCount: number;
  outputPath: string;
  outputKind: 'folder' | 'zip';
  tagmanifestSha256: string | null;
  tagmanifestSm3: string | null;
  report: unknown;
}

/** Inside the caller's transaction (with its audit row). A refused transfer keeps no record list: nothing went. */
export function insertTransfer(db: Db, t: NewTransfer): void {
  db.prepare(`INSERT INTO transfers (id, state, created_at, updated_at, created_by, approved_by, approved_at, selection, record_count, byte_count,
      output_path, output_kind, tagmanifest_sha256, tagmanifest_sm3, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(t.id, t.state, t.at, t.at, t.createdBy, t.approvedBy, t.approvedBy === null ? null : t.at, JSON.stringify(t.selection), t.records.length, t.byteCount,
      t.outputPath, t.outputKind, t.tagmanifestSha256, t.tagmanifestSm3, JSON.stringify(t.report));
  if (t.state === 'refused') return;
  const add = db.prepare('INSERT INTO transfer_records (transfer_id, record_id, archival_code) VALUES (?, ?, ?)');
  for (const r of t.records) add.run(t.id, r.id, r.archivalCode);
}

/**
 * Inside the caller's transaction: a prepared transfer becomes sealed once its package is
 * complete under its final name. Until then the row says 'prepared', so a package a crash left
 * complete after the rename is still known to the vault, never a package it has no row for.
 */
export function sealTransfer(db: Db, id: string, sealed: { at: string; outputPath: string; byteCount: number; tagmanifestSha256: string; tagmanifestSm3: string; report: unknown }): void {
  const r = db.prepare(`UPDATE transfers SET state = 'sealed', updated_at = ?, output_path = ?, byte_count = ?, tagmanifest_sha256 = ?, tagmanifest_sm3 = ?, report = ?
      WHERE id = ? AND state = 'prepared'`).run(sealed.at, sealed.outputPath, sealed.byteCount, sealed.tagmanifestSha256, sealed.tagmanifestSm3, JSON.stringify(sealed.report), id);
  if (r.changes !== 1) throw new Error(`transfer ${id} is not prepared`);
}

/** A prepared transfer whose writing failed (no package under its name): it never happened. */
export function dropPreparedTransfer(db: Db, id: string): void {
  db.transaction(() => {
    if ((db.prepare('SELECT state FROM transfers WHERE id = ?').get(id) as { state: string } | undefined)?.state !== 'prepared') return;
    db.prepare('DELETE FROM transfer_records WHERE transfer_id = ?').run(id);
    db.prepare('DELETE FROM transfers WHERE id = ?').run(id);
  })();
}

export function listTransfers(db: Db): TransferRow[] {
  return db.prepare(`SELECT id, state, created_at AS createdAt, updated_at AS updatedAt, created_by AS createdBy, approved_by AS approvedBy,
      approved_at AS approvedAt, selection, record_count AS recordCount, byte_count AS byteCount, output_path AS outputPath, output_kind AS outputKind,
      tagmanifest_sha256 AS tagmanifestSha256, tagmanifest_sm3 AS tagmanifestSm3, report, receipted_at AS receiptedAt FROM transfers ORDER BY created_at DESC, id DESC`).all() as TransferRow[];
}

export function transferReceipt(db: Db, id: string): string | null {
  return (db.prepare('SELECT receipt FROM transfers WHERE id = ?').get(id) as { receipt: string | null } | undefined)?.receipt ?? null;
}

export function transferCodes(db: Db, id: string): { recordId: number; archivalCode: string }[] {
  return db.prepare('SELECT record_id AS recordId, archival_code AS archivalCode FROM transfer_records WHERE transfer_id = ? ORDER BY archival_code')
    .all(id) as { recordId: number; archivalCode: string }[];
}

/** Inside the caller's transaction: the receipt kept, the transfer receipted, its records marked transferred. */
export function saveReceipt(db: Db, id: string, receipt: string, at: string): void {
  db.prepare(`UPDATE transfers SET state = 'receipted', receipt = ?, receipted_at = ?, updated_at = ? WHERE id = ?`).run(receipt, at, at, id);
  db.prepare('UPDATE records SET transferred_at = ? WHERE id IN (SELECT record_id FROM transfer_records WHERE transfer_id = ?)').run(at, id);
}
