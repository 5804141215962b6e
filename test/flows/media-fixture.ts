/**
 * A vault ready for media tests: accounts, a few scanned records (each file one record), the
 * backup data key made by the security officer, and folders standing for media (each a real
 * folder on a real file system, as a mounted disk or a staged disc is).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { createVaultWithAccounts, writePasswordFile, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';
import zlib from 'node:zlib';

export const BACKUP_PASSPHRASE = '异地备份-口令-2026-甲';

export interface MediaVault {
  dir: string;
  api: VaultApi;
  acc: TestAccounts;
  archivist: Session;
  security: Session;
  backup: Session;
  /** 0600 file with the backup passphrase (for CLI children). */
  passphraseFile: string;
  recoverySheet: string;
}

export async function makeMediaVault(root: string, options: { records?: number; start?: number; big?: boolean; year?: number; retention?: 'Y' | 'D30' | 'D10' } = {}): Promise<MediaVault> {
  const dir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(dir);
  const scans = path.join(root, 'scans');
  fs.mkdirSync(scans, { recursive: true });
  const files = await writeTestBatch(scans, options.records ?? 3, { start: options.start ?? 0 });
  if (options.big) for (const f of files) padPng(f, 1_500_000);
  const api = await VaultApi.open(dir);
  const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  const backup = await api.accounts.login(acc.backup.username, acc.backup.password, 'test');
  await api.ingest.run(archivist, { paths: files, metadata: { fondsCode: 'Z109', categoryCode: 'WS', year: options.year ?? 2016, retention: options.retention ?? 'Y', orgUnit: 'BGS' }, eachFile: true });
  const key = await api.media.createKey(security, { passphrase: BACKUP_PASSPHRASE });
  const passphraseFile = path.join(`${dir}.secrets`, 'backup-passphrase.pw');
  writePasswordFile(passphraseFile, BACKUP_PASSPHRASE);
  return { dir, api, acc, archivist, security, backup, passphraseFile, recoverySheet: key.recoverySheet };
}

/** An empty folder standing for a freshly mounted carrier. */
export function blankMedium(root: string, name: string): string {
  const dir = path.join(root, 'mnt', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Pads a PNG with a private ancillary chunk of random bytes (decoders skip it): big, incompressible scans. */
export function padPng(file: string, bytes: number): void {
  const png = fs.readFileSync(file);
  const noise = crypto.randomBytes(bytes);
  const chunk = Buffer.alloc(12 + bytes);
  chunk.writeUInt32BE(bytes, 0);
  chunk.write('prVt', 4, 'latin1');
  noise.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + bytes)), 8 + bytes);
  const iend = png.length - 12;
  fs.writeFileSync(file, Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]));
}
