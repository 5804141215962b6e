/**
 * What the media benches share: a vault whose object store holds generated scan-like files
 * (incompressible, 2–6 MB each like 300-dpi A4 colour JPEGs), written straight into the store
 * and the objects table (ingest is not what is measured), the backup key, registered folder
 * media, and the page cache dropped where the kernel lets us (root: /proc/sys/vm/drop_caches).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { digester } from '../../native/hash/digests.js';
import { createVaultWithAccounts } from '../harness/accounts.js';

export const PASSPHRASE = 'bench-异地备份-口令';

export function optionNumber(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

/** Drops the page cache (after sync) so the next read comes from the disk; false where not allowed. */
export function dropCaches(): boolean {
  try {
    execFileSync('sync');
    fs.writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}

export function seconds(f: () => void): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

export async function secondsAsync(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

export interface BenchVault {
  api: VaultApi;
  backup: Session;
  dir: string;
  passphraseFile: string;
  objects: number;
  bytes: number;
}

/** A vault holding about gb gigabytes of generated objects, with its backup key. */
export async function benchVault(root: string, gb: number): Promise<BenchVault> {
  const dir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(dir);
  const api = await VaultApi.open(dir);
  const security = await api.accounts.login(acc.security.username, acc.security.password, 'bench');
  const backup = await api.accounts.login(acc.backup.username, acc.backup.password, 'bench');
  await api.media.createKey(security, { passphrase: PASSPHRASE });
  const passphraseFile = path.join(root, 'passphrase');
  fs.writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const total = gb * 1e9;
  let bytes = 0;
  let objects = 0;
  const insert = api.vault.db.prepare('INSERT INTO objects (sha256, sm3, size, created_at) VALUES (?, ?, ?, ?)');
  while (bytes < total) {
    const size = Math.min(Math.round(2e6 + Math.random() * 4e6), Math.max(1, Math.round(total - bytes)));
    const data = crypto.randomBytes(size);
    const d = digester();
    d.update(data);
    const { sha256, sm3 } = d.digest();
    const file = api.vault.store.pathOf(sha256);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data, { mode: 0o444 });
    insert.run(sha256, sm3, size, new Date().toISOString());
    bytes += size;
    objects++;
  }
  execFileSync('sync');
  return { api, backup, dir, passphraseFile, objects, bytes };
}

/** A folder medium, registered (and labelled) as a hard disk. */
export async function benchMedium(v: BenchVault, root: string, id: string): Promise<string> {
  const mount = path.join(root, 'media', id);
  fs.mkdirSync(mount, { recursive: true });
  await v.api.media.add(v.backup, { id, type: 'hdd', capacityBytes: 4e12, site: '市档案馆异地库', mountPath: mount });
  return mount;
}

/** Every file of a medium's backup data (objects and snapshots), for the baselines. */
export function mediumDataFiles(mount: string): string[] {
  const out: string[] = [];
  for (const part of ['objects', 'catalog']) {
    const dir = path.join(mount, 'lantai', part);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  }
  return out.sort();
}

/** `tool args… files…` through xargs (no argument-list limit), output discarded. */
export function overFiles(tool: string, args: readonly string[], files: readonly string[]): void {
  execFileSync('xargs', ['-0', tool, ...args], { input: files.join('\0'), stdio: ['pipe', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
}
