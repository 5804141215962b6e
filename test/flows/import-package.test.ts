/**
 * The receiving side of a transfer through VaultApi: a package exported by one vault is
 * imported by another (档号, digests and OCR text kept, findable at once), all or nothing and
 * idempotent; a tampered, foreign-signed or colliding package changes nothing; the receiving
 * vault signs a receipt (checked with OpenSSL too) that the sending vault records, marking its
 * records transferred.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { signTagManifests } from '../../native/package/sign.js';
import { CMS_SIGNATURE, SM2_SIGNATURE } from '../../native/package/layout.js';
import { unlockUnitKeys, verifyPackagePath } from '../../native/package/index.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { tempDir } from '../harness/temp.js';
import { KEY_PASSPHRASE, makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let sender: TransferVault;
let receiver: { api: VaultApi; acc: TestAccounts; archivist: Session; security: Session };
let packageDir: string;
let senderCert: string;

function counts(api: VaultApi): { records: number; pages: number; texts: number; objects: number; imports: number } {
  const db = api.vault.db;
  const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const objects = fs.readdirSync(api.vault.paths.objects, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  return { records: n('SELECT count(*) AS n FROM records'), pages: n('SELECT count(*) AS n FROM pages'), texts: n('SELECT count(*) AS n FROM page_text'), objects, imports: n('SELECT count(*) AS n FROM package_imports') };
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function exportPackage(out: string, kind: 'folder' | 'zip' = 'folder'): Promise<void> {
  await sender.api.transfer.export(sender.archivist, { selection: { year: 2016 }, output: out, kind }, { approver: sender.security, keyPassphrase: KEY_PASSPHRASE });
}

before(async () => {
  sender = await makeTransferVault(path.join(root, 'sender'), { records: 3 });
  packageDir = path.join(root, 'pkg');
  await exportPackage(packageDir);
  senderCert = path.join(root, 'sender-cert.pem');
  fs.writeFileSync(senderCert, sender.api.transfer.certificate(sender.security).certificatePem);
  const dir = path.join(root, 'archive', 'vault');
  const acc = await createVaultWithAccounts(dir);
  const api = await VaultApi.open(dir);
  const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  api.transfer.createKey(security, { unitName: '某某市档案馆', sm2: false, passphrase: KEY_PASSPHRASE });
  receiver = { api, acc, archivist, security };
});
after(() => {
  sender?.api.close();
  receiver?.api.close();
});

test('a tampered package is refused by name and changes nothing in the receiving vault', async () => {
  const bad = path.join(root, 'tampered');
  fs.cpSync(packageDir, bad, { recursive: true });
  const master = fs.readdirSync(path.join(bad, 'data'), { recursive: true, encoding: 'utf8' }).find((p) => /-0001\.(png|jpg|tif)$/.test(p))!;
  const file = path.join(bad, 'data', master);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0x01;
  fs.writeFileSync(file, bytes);
  const before = counts(receiver.api);
  await assert.rejects(receiver.api.receiving.importPackage(receiver.archivist, { path: bad, pin: senderCert }), (e: unknown) => {
    assert.ok(isVaultError(e) && e.code === 'PACKAGE_INVALID', String(e));
    assert.match(e.message, /tampered/);
    return true;
  });
  assert.deepEqual(counts(receiver.api), before);
});

test('a package signed by someone else than the pinned sender is refused', async () => {
  const own = path.join(root, 'own-cert.pem');
  fs.writeFileSync(own, receiver.api.transfer.certificate(receiver.security).certificatePem);
  const before = counts(receiver.api);
  await assert.rejects(receiver.api.receiving.importPackage(receiver.archivist, { path: packageDir, pin: own }), (e: unknown) => isVaultError(e) && e.code === 'PACKAGE_INVALID');
  assert.deepEqual(counts(receiver.api), before);
});

test('import keeps 档号, digests and OCR text; the text is searchable at once; importing again changes nothing', async () => {
  const sent = sender.api.vault.db.prepare(`SELECT r.archival_code AS code, r.title, r.doc_date AS docDate, m.sha256, o.sm3 FROM records r JOIN masters m ON m.record_id = r.id JOIN objects o ON o.sha256 = m.sha256 ORDER BY r.archival_code, m.seq`).all();
  const before = counts(receiver.api);
  const r = await receiver.api.receiving.importPackage(receiver.archivist, { path: packageDir, pin: senderCert });
  assert.equal(r.alreadyImported, false);
  assert.equal(r.records.length, 3);
  const got = receiver.api.vault.db.prepare(`SELECT r.archival_code AS code, r.title, r.doc_date AS docDate, m.sha256, o.sm3 FROM records r JOIN masters m ON m.record_id = r.id JOIN objects o ON o.sha256 = m.sha256 ORDER BY r.archival_code, m.seq`).all();
  assert.deepEqual(got, sent);
  const after = counts(receiver.api);
  assert.equal(after.records, before.records + 3);
  assert.equal(after.texts - before.texts, after.pages - before.pages, 'every received page has its text');
  // No page waits for OCR: the received text is the access copy.
  assert.equal((receiver.api.vault.db.prepare(`SELECT count(*) AS n FROM ocr_queue WHERE status = 'pending'`).get() as { n: number }).n, 0);
  const found = receiver.api.search.query(receiver.archivist, { query: '档案移交工作', limit: 10 });
  assert.equal(found.total, 3);
  for (const h of found.hits) assert.ok(r.records.some((x) => x.archivalCode === h.archivalCode));
  const audit = receiver.api.vault.db.prepare(`SELECT detail FROM audit_log WHERE action = 'ingest' AND result = 'ok' ORDER BY seq DESC LIMIT 1`).get() as { detail: string };
  assert.match(audit.detail, /import_package/);

  const again = await receiver.api.receiving.importPackage(receiver.archivist, { path: packageDir, pin: senderCert });
  assert.equal(again.alreadyImported, true);
  assert.equal(again.importId, r.importId);
  assert.deepEqual(counts(receiver.api), after);
});

test('another package naming 档号 the vault holds is refused whole', async () => {
  const second = path.join(root, 'second.zip');
  await exportPackage(second, 'zip');
  const before = counts(receiver.api);
  await assert.rejects(receiver.api.receiving.importPackage(receiver.archivist, { path: second }), (e: unknown) => {
    assert.ok(isVaultError(e) && e.code === 'PACKAGE_IMPORT_CONFLICT', String(e));
    return true;
  });
  assert.deepEqual(counts(receiver.api), before);
});

test('a zip package imports into a fresh vault the same way', async () => {
  const zip = path.join(root, 'third.zip');
  await exportPackage(zip, 'zip');
  const dir = path.join(root, 'archive2', 'vault');
  const acc = await createVaultWithAccounts(dir);
  const api = await VaultApi.open(dir);
  try {
    const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
    const r = await api.receiving.importPackage(archivist, { path: zip, pin: senderCert });
    assert.equal(r.records.length, 3);
    assert.equal(api.search.query(archivist, { query: '档案移交工作', limit: 10 }).total, 3);
  } finally {
    api.close();
  }
});

test('the receipt: signed by the receiving unit (OpenSSL agrees), recorded by the sender, records marked transferred', async () => {
  const imports = receiver.api.receiving.list(receiver.archivist);
  const importId = imports[imports.length - 1]!.id;
  // Only with the security officer's approval.
  await assert.rejects(receiver.api.receiving.issueReceipt(receiver.archivist, importId, path.join(root, 'no.json'), {}), (e: unknown) => isVaultError(e) && e.code === 'TRANSFER_APPROVAL_REQUIRED');
  const file = path.join(root, '回执.json');
  const issued = await receiver.api.receiving.issueReceipt(receiver.archivist, importId, file, { approver: receiver.security, keyPassphrase: KEY_PASSPHRASE });
  assert.equal(issued.content.records.length, 3);

  const outer = JSON.parse(fs.readFileSync(file, 'utf8')) as { receipt: string; signature: string };
  fs.writeFileSync(path.join(root, 'receipt.txt'), outer.receipt);
  fs.writeFileSync(path.join(root, 'receipt.p7s'), Buffer.from(outer.signature, 'base64'));
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(root, 'receipt.p7s'), '-content', path.join(root, 'receipt.txt'), '-noverify', '-out', '/dev/null']);

  // A receipt whose text was edited after signing is refused.
  const forged = path.join(root, 'forged.json');
  fs.writeFileSync(forged, JSON.stringify({ ...outer, format: 'lantai-signed-receipt/1', receipt: outer.receipt.replace('"recordCount": 3', '"recordCount": 2') }));
  assert.throws(() => sender.api.transfer.recordReceipt(sender.archivist, forged), (e: unknown) => isVaultError(e) && e.code === 'RECEIPT_UNREADABLE');

  const archiveCert = path.join(root, 'archive-cert.pem');
  fs.writeFileSync(archiveCert, receiver.api.transfer.certificate(receiver.security).certificatePem);
  const rec = sender.api.transfer.recordReceipt(sender.archivist, file, { pin: archiveCert });
  assert.equal(rec.alreadyRecorded, false);
  const row = sender.api.transfer.list(sender.archivist).find((t) => t.id === rec.transferId)!;
  assert.equal(row.state, 'receipted');
  const marked = (sender.api.vault.db.prepare('SELECT count(*) AS n FROM records WHERE transferred_at IS NOT NULL').get() as { n: number }).n;
  assert.equal(marked, 3);
  assert.equal(sender.api.transfer.recordReceipt(sender.archivist, file).alreadyRecorded, true);
  // The other transfers of the same records are not the one this receipt names.
  for (const t of sender.api.transfer.list(sender.archivist)) if (t.id !== rec.transferId) assert.notEqual(t.state, 'receipted');
});

/** Recomputes every digest a manifest lists (the files changed under it): what a re-bagging tool does. */
function relist(bagDir: string, manifest: string, algorithm: 'sha256' | 'sm3'): void {
  const file = path.join(bagDir, manifest);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const out = lines.map((l) => {
    const rel = l.slice(l.indexOf(' ') + 2);
    return `${crypto.createHash(algorithm).update(fs.readFileSync(path.join(bagDir, ...rel.split('/')))).digest('hex')}  ${rel}`;
  });
  fs.writeFileSync(file, `${out.join('\n')}\n`);
}

test('a package whose catalog is GB18030 (as software on Chinese Windows writes it) verifies with a warning and imports with its Chinese intact', async () => {
  // The sender's own package, its 文件目录.XML re-encoded to GB18030 and the bag re-made and re-signed
  // with the sender's key: a valid package that another system could have written.
  const gb = path.join(root, 'gb18030');
  fs.cpSync(packageDir, gb, { recursive: true });
  const catalogFile = path.join(gb, 'data', '文件目录.XML');
  const utf8 = fs.readFileSync(catalogFile, 'utf8');
  const oldSize = fs.statSync(catalogFile).size;
  fs.writeFileSync(catalogFile, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8.replace('encoding="UTF-8"', 'encoding="GB18030"') }));
  const newSize = fs.statSync(catalogFile).size;
  assert.ok(newSize < oldSize, 'two bytes a Han character instead of three: really re-encoded');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(catalogFile)), 'no longer UTF-8');
  relist(gb, 'manifest-sha256.txt', 'sha256');
  relist(gb, 'manifest-sm3.txt', 'sm3');
  const infoFile = path.join(gb, 'bag-info.txt');
  fs.writeFileSync(infoFile, fs.readFileSync(infoFile, 'utf8').replace(/Payload-Oxum: (\d+)\.(\d+)/, (_m, octets: string, count: string) => `Payload-Oxum: ${Number(octets) - oldSize + newSize}.${count}`));
  relist(gb, 'tagmanifest-sha256.txt', 'sha256');
  relist(gb, 'tagmanifest-sm3.txt', 'sm3');
  const { signer } = unlockUnitKeys(sender.api.vault.db, KEY_PASSPHRASE);
  const sigs = signTagManifests(signer, fs.readFileSync(path.join(gb, 'tagmanifest-sha256.txt')), fs.readFileSync(path.join(gb, 'tagmanifest-sm3.txt')));
  fs.writeFileSync(path.join(gb, ...CMS_SIGNATURE.split('/')), sigs.cms);
  if (sigs.sm2) fs.writeFileSync(path.join(gb, ...SM2_SIGNATURE.split('/')), sigs.sm2);

  const dir = path.join(root, 'gb-archive', 'vault');
  const acc = await createVaultWithAccounts(dir);
  const api = await VaultApi.open(dir);
  try {
    const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
    const v = await verifyPackagePath(gb, { pin: senderCert });
    assert.equal(v.valid, true, JSON.stringify(v.problems.slice(0, 3)));
    assert.ok(v.warnings.some((w) => w.code === 'ENCODING_GB18030'), 'the encoding is said, not hidden');
    const r = await api.receiving.importPackage(archivist, { path: gb, pin: senderCert });
    assert.equal(r.records.length, 3);
    assert.ok(r.warnings > 0, 'the import reports the warning too');
    const imported = api.vault.db.prepare('SELECT archival_code AS code, title FROM records ORDER BY archival_code').all() as { code: string; title: string }[];
    const sent = sender.api.vault.db.prepare('SELECT archival_code AS code, title FROM records WHERE year = 2016 ORDER BY archival_code').all() as { code: string; title: string }[];
    assert.deepEqual(imported, sent, '档号 and 题名 arrive exactly, Chinese included');
  } finally {
    api.close();
  }
});
