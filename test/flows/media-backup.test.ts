/**
 * Backups to folder media through VaultApi: registry and label file, encrypted deduplicated
 * copies read back before they count, ciphertext digests checkable without the key (sha256sum
 * -c on the medium's manifest), the wrong or unknown medium refused by name, verification
 * finding bit flips, truncation, deleted and extra files (alerts that stay, batch-mates
 * flagged), repair from the vault and from another medium, and coverage.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decryptStream } from '../../native/crypto/file-cipher.js';
import { restoreDataKeyFromSheet } from '../../native/crypto/recovery-sheet.js';
import { readMediumStream } from '../../native/media/medium-io.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, BACKUP_PASSPHRASE, makeMediaVault } from './media-fixture.js';

const root = tempDir();

function objectFiles(mount: string): string[] {
  const dir = path.join(mount, 'lantai', 'objects');
  return fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
}

test('backup, verify without the key, faults found and alerted, repair, coverage', { timeout: 120_000 }, async () => {
  const v = await makeMediaVault(path.join(root, 'a'));
  const { api, backup } = v;
  const mA = blankMedium(root, 'disk A');
  const mB = blankMedium(root, 'usb B');
  const mC = blankMedium(root, 'disk C');
  const a = await api.media.add(backup, { type: 'hdd', label: '异地盘甲', brand: 'WD', batch: 'B2024-07', capacityBytes: 2e12, site: '市档案馆异地库', custodian: '周备份', mountPath: mA });
  const b = await api.media.add(backup, { type: 'usb', label: 'U盘乙', brand: 'Kingston', batch: 'K1', capacityBytes: 64e9, site: '区档案馆', mountPath: mB });
  const c = await api.media.add(backup, { type: 'hdd', label: '同批盘丙', brand: 'WD', batch: 'B2024-07', capacityBytes: 2e12, site: '档案室', mountPath: mC });
  assert.ok(fs.existsSync(path.join(mA, 'LANTAI-MEDIUM.json')));
  assert.equal(JSON.parse(fs.readFileSync(path.join(mA, 'LANTAI-MEDIUM.json'), 'utf8')).mediumId, a.id);

  const objects = (api.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
  const r1 = await api.media.backup(backup, { mediumId: a.id });
  assert.equal(r1.written, objects);
  assert.ok(r1.snapshot);
  // Deduplicated by content: a second backup writes no object again (only a new snapshot).
  const r2 = await api.media.backup(backup, { mediumId: a.id, path: mA });
  assert.equal(r2.written, 0);
  assert.equal(r2.alreadyThere, objects);
  await api.media.backup(backup, { mediumId: b.id });
  await api.media.backup(backup, { mediumId: c.id });

  // Nothing on the medium is plaintext, and every ciphertext checks with sha256sum alone (no key).
  for (const f of objectFiles(mA)) assert.equal(fs.readFileSync(f).subarray(0, 8).toString('latin1'), 'LANTAIEN');
  execFileSync('sha256sum', ['--quiet', '-c', 'manifest-sha256.txt'], { cwd: path.join(mA, 'lantai') });
  // The recovery sheet and the passphrase decrypt a medium's object back to the vault's bytes.
  const key = await restoreDataKeyFromSheet(v.recoverySheet, BACKUP_PASSPHRASE);
  const sha = (api.vault.db.prepare('SELECT sha256 FROM objects LIMIT 1').get() as { sha256: string }).sha256;
  const copy = api.media.show(backup, a.id);
  assert.equal(copy.copies, objects);
  const row = api.vault.db.prepare('SELECT file FROM media_objects WHERE medium_id = ? AND sha256 = ?').get(a.id, sha) as { file: string };
  const chunks: Buffer[] = [];
  for await (const ch of decryptStream(readMediumStream(path.join(mA, 'lantai', row.file)), key)) chunks.push(ch);
  assert.deepEqual(Buffer.concat(chunks), fs.readFileSync(api.vault.store.pathOf(sha)));

  const clean = await api.media.verify(backup, { mediumId: a.id });
  assert.equal(clean.clean, true, JSON.stringify(clean.findings));
  assert.equal(clean.checked, objects + 2, 'every object and both snapshots');

  // The wrong medium and an unknown one are refused by name.
  await assert.rejects(api.media.verify(backup, { mediumId: a.id, path: mB }), (e: Error & { code?: string }) => e.code === 'MEDIUM_WRONG' && e.message.includes(a.id) && e.message.includes(b.id));
  const stranger = blankMedium(root, 'stranger');
  fs.writeFileSync(path.join(stranger, 'LANTAI-MEDIUM.json'), JSON.stringify({ format: 'lantai-medium-label', version: 1, mediumId: 'HDD-1999-0001', label: '别家的盘', type: 'hdd', vaultId: 'other-vault', registeredAt: '1999-01-01' }));
  await assert.rejects(api.media.recognize(backup, stranger), (e: Error & { code?: string }) => e.code === 'MEDIUM_UNKNOWN' && e.message.includes('HDD-1999-0001') && e.message.includes('别家的盘'));
  await assert.rejects(api.media.verify(backup, { mediumId: a.id, path: blankMedium(root, 'empty') }), (e: Error & { code?: string }) => e.code === 'MEDIUM_UNKNOWN');

  // Faults on A: a bit flip, a truncated file, a deleted file, an extra file.
  const files = objectFiles(mA).sort();
  assert.ok(files.length >= 3);
  const flip = fs.readFileSync(files[0]!);
  flip[200] = flip[200]! ^ 0x10;
  fs.chmodSync(files[0]!, 0o644);
  fs.writeFileSync(files[0]!, flip);
  fs.truncateSync(files[1]!, 100);
  fs.rmSync(files[2]!);
  fs.writeFileSync(path.join(mA, 'lantai', 'objects', 'stray.bin'), 'not ours');
  const bad = await api.media.verify(backup, { mediumId: a.id });
  assert.equal(bad.clean, false);
  const kinds = bad.findings.map((f) => f.kind).sort();
  assert.deepEqual(kinds, ['extra', 'mismatch', 'mismatch', 'missing']);
  assert.deepEqual(bad.flaggedBatch, [c.id], 'the batch-mate (same brand and batch) is flagged for an early check');
  assert.equal(api.media.show(backup, c.id).medium.earlyCheck, true);
  const alerts = api.media.alerts(backup);
  assert.equal(alerts.filter((x) => x.mediumId === a.id).length, 4);
  assert.ok(alerts.some((x) => x.mediumId === c.id && x.kind === 'batch'));
  // Found again: still one alert each (they stay, they do not pile up).
  await api.media.verify(backup, { mediumId: a.id });
  assert.equal(api.media.alerts(backup).filter((x) => x.mediumId === a.id).length, 4);
  assert.equal(api.media.runs(backup, a.id).length >= 3, true, 'every run leaves a row');
  assert.equal(api.media.runs(backup, a.id)[0]!.result, 'problems');

  // Coverage: A's damaged copies put records at risk.
  const cov = api.media.coverage(backup);
  assert.ok(cov.atRisk.length > 0);

  // Repair: the damaged and missing copies come back (from the vault, or from B when the vault's copy is bad).
  fs.chmodSync(api.vault.store.pathOf(sha), 0o644);
  const vaultBytes = fs.readFileSync(api.vault.store.pathOf(sha));
  const damaged = Buffer.from(vaultBytes);
  damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
  fs.writeFileSync(api.vault.store.pathOf(sha), damaged);
  const repaired = await api.media.repair(backup, { mediumId: a.id, sources: [{ mediumId: b.id }] });
  assert.equal(repaired.length, 3);
  assert.ok(repaired.every((r) => r.ok), JSON.stringify(repaired));
  // The vault's own damaged object comes back from a medium.
  const vaultRepair = await api.media.repairVault(backup, { sources: [{ mediumId: b.id }] });
  assert.deepEqual(vaultRepair.map((r) => [r.sha256, r.ok, r.from]), [[sha, true, b.id]]);
  assert.deepEqual(fs.readFileSync(api.vault.store.pathOf(sha)), vaultBytes);
  // The extra file is not ours: it stays an open alert until a person handles it.
  fs.rmSync(path.join(mA, 'lantai', 'objects', 'stray.bin'));
  const extra = api.media.alerts(backup).find((x) => x.mediumId === a.id && x.kind === 'extra')!;
  api.media.handleAlert(backup, { id: extra.id, note: '已核实为误拷贝文件，已删除' });
  const again = await api.media.verify(backup, { mediumId: a.id });
  assert.equal(again.clean, true, JSON.stringify(again.findings));
  assert.equal(api.media.alerts(backup).filter((x) => x.mediumId === a.id).length, 0);
  assert.equal(api.media.show(backup, a.id).medium.state, 'active');

  // Where every copy is: a record on A (市档案馆异地库) and B (区档案馆): two off-site sites, two types.
  const code = (api.vault.db.prepare('SELECT archival_code AS c FROM records LIMIT 1').get() as { c: string }).c;
  const where = api.media.where(backup, code);
  assert.deepEqual(where.copies.map((x) => x.mediumId).sort(), [a.id, b.id, c.id].sort());
  assert.deepEqual(where.reasons, []);
  assert.equal(api.media.coverage(backup).atRisk.length, 0);
  api.close();
});
