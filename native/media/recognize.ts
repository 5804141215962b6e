import fs from 'node:fs';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { checkMediumPath, LABEL_FILE, readLabel, writeLabel, type MediumLabel } from './layout.js';
import { mediaMessages } from './messages.js';
import { getMedium } from './registry.js';
import type { MediumRow } from './types.js';

/**
 * Pointing Lantai at a mount path: the label file says which medium it is. A medium of
 * another vault, an unregistered one, or another medium than the one asked for is refused by
 * name, and a network share is refused before anything is read.
 */
export async function recognizeMedium(db: Db, vaultId: string, root: string, expectedId?: string): Promise<{ medium: MediumRow; label: MediumLabel }> {
  checkMediumPath(root);
  const label = await readLabel(root);
  const expected = expectedId === undefined ? undefined : getMedium(db, expectedId);
  if (expectedId !== undefined && !expected) throw VaultError.of('MEDIUM_NOT_FOUND', mediaMessages.notFound, { id: expectedId });
  if (!label) throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.noLabel, { path: root, ...(expected ? { expected: expected.id } : {}) });
  const medium = label.vaultId === vaultId ? getMedium(db, label.mediumId) : undefined;
  if (expected && label.mediumId !== expected.id) {
    throw VaultError.of('MEDIUM_WRONG', mediaMessages.wrongMedium, { expected: expected.id, expectedLabel: expected.label, path: root, found: label.mediumId, foundLabel: label.label });
  }
  if (!medium) throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.unknownMedium, { path: root, id: label.mediumId, label: label.label, vaultId: label.vaultId });
  return { medium, label };
}

/** Names that file systems or operating systems put on a fresh carrier by themselves. */
const SYSTEM_ENTRIES = new Set(['lost+found', 'System Volume Information', '$RECYCLE.BIN', '.Trashes', '.Spotlight-V100', '.fseventsd']);

/** Prepares a fresh carrier for registration: checked, empty, then labelled. */
export async function labelNewMedium(root: string, label: Omit<MediumLabel, 'format' | 'version'>, db: Db, vaultId: string): Promise<void> {
  checkMediumPath(root);
  const existing = await readLabel(root).catch(() => undefined);
  if (existing) {
    if (existing.vaultId === vaultId && getMedium(db, existing.mediumId)) throw VaultError.of('MEDIUM_EXISTS', mediaMessages.exists, { id: existing.mediumId });
    throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.unknownMedium, { path: root, id: existing.mediumId, label: existing.label, vaultId: existing.vaultId });
  }
  const entries = fs.readdirSync(root).filter((n) => !SYSTEM_ENTRIES.has(n) && n !== LABEL_FILE);
  if (entries.length > 0) throw VaultError.of('MEDIUM_INVALID', mediaMessages.notEmpty, { path: root });
  await writeLabel(root, label);
}
