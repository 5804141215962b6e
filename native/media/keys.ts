import fs from 'node:fs';
import path from 'node:path';
import { dataKeyFromBytes, decodeWrappedKey, encodeWrappedKey, generateDataKey, unwrapDataKey, wrapDataKey, type DataKey, type WrappedDataKey } from '../crypto/data-key.js';
import type { ScryptParams } from '../crypto/kdf.js';
import { formatRecoverySheet } from '../crypto/recovery-sheet.js';
import { get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { mediaMessages } from './messages.js';

/**
 * The backup data key. The security officer creates it under a passphrase: the wrapped form
 * goes into the catalog, onto every medium (lantai/key.bin) and onto the printable recovery
 * sheet, so media plus passphrase restore a vault on a fresh machine. The passphrase protects
 * media in transit and at other sites; the vault itself holds the records in clear, so it
 * also keeps the unwrapped key in a 0600 file beside the catalog (keys/backup-data.key): the
 * backup officer's scheduled backups then need no one's passphrase. The file is never copied
 * into a catalog snapshot (it is not in the catalog).
 */
export const LOCAL_KEY_FILE = path.join('keys', 'backup-data.key');

export interface BackupKeyInfo {
  keyId: string;
  createdAt: string;
  recoverySheet: string;
}

export function activeWrappedKey(db: Db): WrappedDataKey | undefined {
  const row = get<{ wrapped: Buffer }>(db, sql`SELECT wrapped FROM media_keys WHERE retired_at IS NULL`);
  return row ? decodeWrappedKey(row.wrapped) : undefined;
}

export async function createBackupKey(db: Db, vaultRoot: string, passphrase: string, createdBy: number, scrypt?: ScryptParams): Promise<{ info: BackupKeyInfo; key: DataKey; wrapped: WrappedDataKey }> {
  const existing = activeWrappedKey(db);
  if (existing) throw VaultError.of('BACKUP_KEY_EXISTS', mediaMessages.keyExists, { keyId: existing.keyId });
  const key = generateDataKey();
  const wrapped = await wrapDataKey(key, passphrase, scrypt ? { scrypt } : {});
  // The local key file first: a crash before the row leaves an unused file, never a row without its key.
  await writeLocalKey(vaultRoot, key);
  db.prepare('INSERT INTO media_keys (key_id, wrapped, created_at, created_by) VALUES (?, ?, ?, ?)').run(key.id, encodeWrappedKey(wrapped), wrapped.created, createdBy);
  return { info: { keyId: key.id, createdAt: wrapped.created, recoverySheet: formatRecoverySheet(wrapped) }, key, wrapped };
}

export async function writeLocalKey(vaultRoot: string, key: DataKey): Promise<void> {
  const file = path.join(vaultRoot, LOCAL_KEY_FILE);
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, key.bytes);
  await fs.promises.chmod(file, 0o600);
}

/** The usable key: the local file, checked against the catalog's active key id. */
export function loadBackupKey(db: Db, vaultRoot: string): { key: DataKey; wrapped: WrappedDataKey } {
  const wrapped = activeWrappedKey(db);
  if (!wrapped) throw VaultError.of('BACKUP_KEY_MISSING', mediaMessages.keyMissing);
  const file = path.join(vaultRoot, LOCAL_KEY_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw VaultError.of('BACKUP_KEY_MISSING', mediaMessages.keyNotLocal, { file });
  }
  const key = bytes.length === 32 ? dataKeyFromBytes(bytes) : undefined;
  if (!key || key.id !== wrapped.keyId) throw VaultError.of('BACKUP_KEY_MISSING', mediaMessages.keyNotLocal, { file });
  return { key, wrapped };
}

/** The security officer unlocks the key with the passphrase (a vault restored elsewhere, a lost key file). */
export async function unlockBackupKey(db: Db, vaultRoot: string, passphrase: string): Promise<string> {
  const wrapped = activeWrappedKey(db);
  if (!wrapped) throw VaultError.of('BACKUP_KEY_MISSING', mediaMessages.keyMissing);
  const key = await unwrapDataKey(wrapped, passphrase);
  await writeLocalKey(vaultRoot, key);
  return key.id;
}

export function recoverySheetOf(db: Db): string {
  const wrapped = activeWrappedKey(db);
  if (!wrapped) throw VaultError.of('BACKUP_KEY_MISSING', mediaMessages.keyMissing);
  return formatRecoverySheet(wrapped);
}
