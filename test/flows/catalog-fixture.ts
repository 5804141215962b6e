/**
 * A vault for the catalog-upkeep and appraisal tests: accounts, a few scanned records ingested
 * without catalog options (provisional 档号, as a fresh scan batch gets them), and the sessions
 * of the people who act on them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';

export interface CatalogVault {
  dir: string;
  api: VaultApi;
  acc: TestAccounts;
  archivist: Session;
  security: Session;
  sysadmin: Session;
  recordIds: number[];
}

export async function makeCatalogVault(root: string, options: { records?: number; metadata?: Record<string, unknown> } = {}): Promise<CatalogVault> {
  const dir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(dir);
  const scans = path.join(root, 'scans');
  fs.mkdirSync(scans, { recursive: true });
  const files = await writeTestBatch(scans, options.records ?? 3);
  const api = await VaultApi.open(dir);
  const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  const sysadmin = await api.accounts.login(acc.sysadmin.username, acc.sysadmin.password, 'test');
  const summary = await api.ingest.run(archivist, { paths: files, metadata: options.metadata ?? {}, eachFile: true });
  const recordIds = summary.items.map((i) => i.recordId as number);
  return { dir, api, acc, archivist, security, sysadmin, recordIds };
}

export function auditOf(api: VaultApi, action: string): { result: string; detail: Record<string, unknown>; objectId: string | null; username: string }[] {
  return (api.vault.db.prepare('SELECT result, detail, object_id AS objectId, username FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { result: string; detail: string; objectId: string | null; username: string }[])
    .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
