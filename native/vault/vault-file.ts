import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VaultError } from '../errors.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { vaultMessages } from './messages.js';

export const VAULT_FORMAT = 'lantai-vault';
export const VAULT_FORMAT_VERSION = 1;

export interface VaultFile {
  format: typeof VAULT_FORMAT;
  formatVersion: number;
  vaultId: string;
  createdAt: string;
  createdBy: string;
}

export function vaultFilePath(dir: string): string {
  return path.join(dir, 'vault.json');
}

export function newVaultFile(): VaultFile {
  return {
    format: VAULT_FORMAT,
    formatVersion: VAULT_FORMAT_VERSION,
    vaultId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    createdBy: 'lantai',
  };
}

export async function writeVaultFile(dir: string, content: VaultFile): Promise<void> {
  await writeFileAtomic(vaultFilePath(dir), `${JSON.stringify(content, null, 2)}\n`);
}

export function readVaultFile(dir: string): VaultFile {
  const file = vaultFilePath(dir);
  let textContent: string;
  try {
    textContent = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw VaultError.of('VAULT_NOT_FOUND', vaultMessages.notAVault, { dir }, {}, e);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(textContent);
  } catch (e) {
    throw VaultError.of('VAULT_FILE_INVALID', vaultMessages.badVaultFile, { file, reason: 'not JSON' }, {}, e);
  }
  const v = parsed as Partial<VaultFile>;
  if (typeof v !== 'object' || v === null || v.format !== VAULT_FORMAT || typeof v.formatVersion !== 'number' || typeof v.vaultId !== 'string') {
    throw VaultError.of('VAULT_FILE_INVALID', vaultMessages.badVaultFile, { file, reason: `format must be "${VAULT_FORMAT}" with a formatVersion and a vaultId` });
  }
  if (v.formatVersion > VAULT_FORMAT_VERSION) {
    throw VaultError.of('VAULT_FORMAT_NEWER', vaultMessages.newerFormat, { dir, found: v.formatVersion, supported: VAULT_FORMAT_VERSION });
  }
  return v as VaultFile;
}
