/**
 * Migration (迁移) through VaultApi: every copy of the old medium written to the new one and
 * read back, the new medium verified in full, then the old one retired with its disposal record
 * in one transaction (from then on only the new copies count). When the vault lost or damaged
 * an object, the copy comes from the old medium (decrypted and checked against the object's
 * digest). A new medium that fails (read errors at its I/O boundary) leaves the old one in
 * service, not retired, and so does an object that no source has.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decryptStream } from '../../native/crypto/file-cipher.js';
import { restoreDataKeyFromSheet } from '../../native/crypto/recovery-sheet.js';
import { readMediumStream, setMediumFaults } from '../../native/media/medium-io.js';
import { tempDir } from '../harness/temp.js';
import { BACKUP_PASSPHRASE, blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

test('migrate: copy, verify, retire with a disposal record; objects the vault lost come from the old medium; a failing new medium keeps the old in service', { timeout: 120_000 }, async () => {
  const v = await makeMediaVault(root, { records: 3 });
  const { api, backup } = v;
  const db = api.vault.db;
  const shas = (db.prepare('SELECT sha256 FROM objects ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
  const original = new Map(shas.map((s) => [s, fs.readFileSync(api.vault.store.pathOf(s))]));
  const mA = blankMedium(root, 'old A');
  const a = await api.media.add(backup, { id: 'HDD-OLD', type: 'hdd', capacityBytes: 1e12, site: '市档案馆异地库', mountPath: mA });
  await api.media.backup(backup, { mediumId: a.id });
  const code = (db.prepare('SELECT archival_code AS c FROM records ORDER BY id LIMIT 1').get() as { c: string }).c;

  // The vault lost one object and another rotted: both must come from the old medium.
  const [lost, rotten] = [shas[0]!, shas[1]!];
  fs.rmSync(api.vault.store.pathOf(lost), { force: true });
  fs.chmodSync(api.vault.store.pathOf(rotten), 0o644);
  const bad = Buffer.from(original.get(rotten)!);
  bad[bad.length >> 1] = bad[bad.length >> 1]! ^ 0x40;
  fs.writeFileSync(api.vault.store.pathOf(rotten), bad);

  // Without the old medium mounted there is no good source for them: refused, the old medium stays.
  const mB = blankMedium(root, 'new B');
  const b = await api.media.add(backup, { id: 'SSD-NEW', type: 'ssd', capacityBytes: 1e12, site: '区档案馆', mountPath: mB });
  fs.renameSync(mA, `${mA}-away`);
  await assert.rejects(api.media.migrate(backup, { from: a.id, to: { mediumId: b.id } }), (e: Error & { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(e.code, 'MEDIUM_READ_FAILED', e.message);
    assert.equal(e.details?.['missing'], 2, 'the two objects no source has');
    assert.match(e.message, /HDD-OLD/);
    return true;
  });
  assert.equal(api.media.show(backup, a.id).medium.state, 'active');
  assert.equal(api.media.show(backup, a.id).disposal, null);
  fs.renameSync(`${mA}-away`, mA);

  // With it mounted: every copy reaches B (the lost and the rotten one from A), B verifies, A retires.
  const m = await api.media.migrate(backup, { from: a.id, to: { mediumId: b.id }, fromPath: mA, reason: '硬盘使用满五年，迁移至新载体' });
  assert.equal(m.copied, shas.length);
  assert.equal(m.verify.clean, true, JSON.stringify(m.verify.findings));
  assert.equal(m.verify.checked, shas.length + 2, 'every object and both snapshots (the refused run left one too)');
  const after = api.media.show(backup, a.id);
  assert.equal(after.medium.state, 'retired');
  assert.equal(after.disposal?.migratedTo, b.id);
  assert.equal(after.disposal?.reason, '硬盘使用满五年，迁移至新载体');
  const keepYears = (Date.parse(after.disposal!.keepUntil) - Date.parse(after.disposal!.at)) / (365.25 * 86_400_000);
  assert.ok(Math.abs(keepYears - 3) < 0.01, `kept ${keepYears} years`);
  assert.equal(api.media.show(backup, b.id).copies, shas.length);
  assert.equal(api.media.show(backup, b.id).bad, 0);
  // Only the new medium's copies count now.
  assert.deepEqual(api.media.where(backup, code).copies.map((c) => c.mediumId), [b.id]);
  assert.ok(!api.media.list(backup).some((x) => x.id === a.id), 'a retired medium is not listed among those in service');
  // The lost object's copy on B is the original bytes (taken from A, not from the damaged vault).
  const key = await restoreDataKeyFromSheet(v.recoverySheet, BACKUP_PASSPHRASE);
  for (const sha of [lost, rotten]) {
    const file = (db.prepare('SELECT file FROM media_objects WHERE medium_id = ? AND sha256 = ?').get(b.id, sha) as { file: string }).file;
    const chunks: Buffer[] = [];
    for await (const c of decryptStream(readMediumStream(path.join(mB, 'lantai', file)), key)) chunks.push(c);
    assert.deepEqual(Buffer.concat(chunks), original.get(sha));
  }
  const audit = db.prepare("SELECT result AS outcome, detail FROM audit_log WHERE action = 'manage_media' AND detail LIKE '%\"op\":\"migrate\"%' ORDER BY seq").all() as { outcome: string; detail: string }[];
  assert.deepEqual(audit.map((r) => r.outcome), ['failed', 'ok']);
  assert.equal((JSON.parse(audit[1]!.detail) as { fromOld: boolean }).fromOld, true);
  // Migrated twice? The old medium is retired to B: running it again only verifies B again.
  const again = await api.media.migrate(backup, { from: a.id, to: { mediumId: b.id } });
  assert.equal(again.backup.written, 0);
  assert.equal(again.verify.clean, true);
  await assert.rejects(api.media.migrate(backup, { from: a.id, to: { mediumId: b.id, path: blankMedium(root, 'elsewhere') } }), (e: Error & { code?: string }) => e.code === 'MEDIUM_UNKNOWN');

  // The vault's own lost and damaged objects come back from B; then a failing new medium (its
  // reads fail after the write): the migration stops, B stays in service.
  const repaired = await api.media.repairVault(backup, { sources: [{ mediumId: b.id }] });
  assert.deepEqual(repaired.map((r) => [r.sha256, r.ok, r.from]).sort(), [[lost, true, b.id], [rotten, true, b.id]].sort());
  const mC = blankMedium(root, 'failing C');
  const c = await api.media.add(backup, { id: 'USB-BAD', type: 'usb', capacityBytes: 64e9, site: '区档案馆', mountPath: mC });
  setMediumFaults((op, file) => (op === 'read' && file.startsWith(path.join(mC, 'lantai', 'objects')) ? 'EIO' : undefined));
  try {
    await assert.rejects(api.media.migrate(backup, { from: b.id, to: { mediumId: c.id } }), (e: Error & { code?: string }) => e.code === 'MEDIUM_READ_FAILED' && e.message.includes('SSD-NEW'));
  } finally {
    setMediumFaults(null);
  }
  assert.equal(api.media.show(backup, b.id).medium.state, 'active');
  assert.equal(api.media.show(backup, b.id).disposal, null);
  assert.equal(api.media.show(backup, c.id).copies, 0, 'nothing unread-back counts as a copy');
  assert.deepEqual(fs.readdirSync(path.join(mC, 'lantai', 'objects')).flatMap((d) => fs.readdirSync(path.join(mC, 'lantai', 'objects', d))), [], 'and nothing unread-back stays on the medium');
  assert.ok(api.media.alerts(backup).some((x) => x.mediumId === c.id && x.kind === 'unreadable'));
  assert.deepEqual(api.media.where(backup, code).copies.map((x) => x.mediumId), [b.id]);
  api.close();
});
