/**
 * A vault ready for transfer tests: accounts, a few scanned records (each file one record),
 * OCR text on their pages (written as the OCR stage writes it, without running tesseract),
 * and the unit's signing key (RSA + SM2) made by the security officer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { createVaultWithAccounts, writePasswordFile, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';

export const META = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS' };
export const KEY_PASSPHRASE = '移交签名-口令-2026';

export interface TransferVault {
  dir: string;
  api: VaultApi;
  acc: TestAccounts;
  archivist: Session;
  security: Session;
  /** A 0600 file with the key passphrase (for CLI children: LANTAI_KEY_PASSPHRASE_FILE). */
  passphraseFile: string;
  recordIds: number[];
}

export async function makeTransferVault(root: string, options: { records?: number; sm2?: boolean; key?: boolean } = {}): Promise<TransferVault> {
  const dir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(dir);
  const scans = path.join(root, 'scans');
  fs.mkdirSync(scans, { recursive: true });
  const files = await writeTestBatch(scans, options.records ?? 3);
  const api = await VaultApi.open(dir);
  const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  const summary = await api.ingest.run(archivist, { paths: files, metadata: META, eachFile: true });
  const recordIds = summary.items.filter((i) => i.recordId !== undefined && i.recordId !== null).map((i) => i.recordId as number);
  // OCR text as the OCR stage stores it (page_text), so the package carries access copies.
  const pages = api.vault.db.prepare('SELECT id, record_id, page_no FROM pages ORDER BY id').all() as { id: number; record_id: number; page_no: number }[];
  const insert = api.vault.db.prepare(`INSERT INTO page_text (page_id, text, layout, mean_confidence, engine, engine_version, model, model_version, created_at)
    VALUES (?, ?, '[]', 92.5, 'test', '0', 'chi_sim', '0', ?)`);
  for (const p of pages) insert.run(p.id, `关于档案移交工作的通知 第${p.record_id}件 第${p.page_no}页`, new Date().toISOString());
  if (options.key !== false) api.transfer.createKey(security, { unitName: '某某市档案局档案室', sm2: options.sm2 ?? true, passphrase: KEY_PASSPHRASE });
  const passphraseFile = path.join(`${dir}.secrets`, 'key.pw');
  writePasswordFile(passphraseFile, KEY_PASSPHRASE);
  return { dir, api, acc, archivist, security, passphraseFile, recordIds };
}
