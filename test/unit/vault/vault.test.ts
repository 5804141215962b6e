import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { latestSchemaVersion } from '../../../native/db/migrations/index.js';
import { Vault } from '../../../native/vault/vault.js';
import { tempDir } from '../../harness/temp.js';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    out[name] = st.isDirectory() ? 'dir' : `${st.size}:${fs.readFileSync(p).toString('base64').slice(0, 200)}`;
  }
  return out;
}

test('init creates vault.json, a WAL catalog at the latest schema and objects/', async () => {
  const dir = path.join(tempDir(), '档案 库');
  const vault = await Vault.init(dir);
  vault.close();
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8'));
  assert.equal(info.format, 'lantai-vault');
  assert.equal(info.formatVersion, 1);
  assert.match(info.vaultId, /^[0-9a-f-]{36}$/);
  assert.ok(fs.statSync(path.join(dir, 'objects')).isDirectory());
  const reopened = Vault.open(dir);
  assert.equal(reopened.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(reopened.db.pragma('user_version', { simple: true }), latestSchemaVersion());
  reopened.close();
});

test('init refuses a folder that is not empty', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'letter.txt'), 'x');
  await assert.rejects(Vault.init(dir), /VAULT_NOT_EMPTY/);
  const v = await Vault.init(path.join(dir, 'v'));
  v.close();
  // A vault is not "a folder that is not empty": it is already what init would make.
  await assert.rejects(Vault.init(path.join(dir, 'v')), /VAULT_EXISTS/);
});

test('a vault of a newer format is refused and left unchanged', async () => {
  const dir = path.join(tempDir(), 'v');
  (await Vault.init(dir)).close();
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'vault.json'), JSON.stringify({ ...info, formatVersion: 99 }));
  const before = snapshot(dir);
  assert.throws(() => Vault.open(dir), (e: Error & { code?: string }) => e.code === 'VAULT_FORMAT_NEWER' && /99/.test(e.message));
  assert.deepEqual(snapshot(dir), before);
});

test('a catalog with a newer schema is refused and left unchanged', async () => {
  const dir = path.join(tempDir(), 'v');
  const v = await Vault.init(dir);
  v.db.pragma(`user_version = ${latestSchemaVersion() + 10}`);
  v.db.pragma('wal_checkpoint(TRUNCATE)');
  v.close();
  const before = snapshot(dir);
  assert.throws(() => Vault.open(dir), (e: Error & { code?: string }) => e.code === 'VAULT_DB_NEWER');
  assert.deepEqual(snapshot(dir), before);
});

test('a damaged catalog is refused with a clear error and left unchanged', async () => {
  const dir = path.join(tempDir(), 'v');
  (await Vault.init(dir)).close();
  const db = path.join(dir, 'catalog.sqlite');
  const bytes = fs.readFileSync(db);
  bytes.write('this is not sqlite at all', 0);
  fs.writeFileSync(db, bytes);
  const before = snapshot(dir);
  assert.throws(() => Vault.open(dir), (e: Error & { code?: string }) => e.code === 'VAULT_DB_DAMAGED' && e.message.includes('catalog.sqlite'));
  assert.deepEqual(snapshot(dir), before);
});

test('a folder that is not a vault names the folder and the fix', () => {
  const dir = tempDir();
  assert.throws(() => Vault.open(dir), (e: Error & { code?: string }) => e.code === 'VAULT_NOT_FOUND' && e.message.includes(dir));
});
