/**
 * Destruction reaches the backup media (issue 13 part 3): destroying a backed-up record lists
 * its copies on each medium for erasure; the backup officer confirms the erasure (only once the
 * medium holds a catalog snapshot written after the destruction), audited, and the copies leave
 * the list; a restore from that medium does not bring the destroyed record back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { restoreInto } from '../../native/api/areas/media.js';
import { isVaultError } from '../../native/errors.js';
import { dataDir } from '../../native/media/layout.js';
import { openRestoredCatalog } from '../../native/media/restore.js';
import { ObjectStore } from '../../native/store/object-store.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { BACKUP_PASSPHRASE, blankMedium, makeMediaVault, type MediaVault } from './media-fixture.js';

const root = tempDir();
let v: MediaVault;
after(() => v?.api.close());

before(async () => {
  v = await makeMediaVault(root, { records: 2, year: 2010, retention: 'D10' });
});

test('a destroyed record\'s copies are listed for erasure, cleared on confirmation, and a restore does not revive it', { timeout: 240_000 }, async () => {
  const { api } = v;
  const db = api.vault.db;
  const mount = blankMedium(root, 'disk-a');
  const medium = await api.media.add(v.backup, { type: 'hdd', label: '异地盘甲', capacityBytes: 2e12, site: '异地库', mountPath: mount });
  await api.media.backup(v.backup, { mediumId: medium.id });
  const [doomed, kept] = (db.prepare('SELECT id, archival_code AS code FROM records ORDER BY id').all() as { id: number; code: string }[]);
  const shas = (db.prepare('SELECT image_sha256 AS s FROM pages WHERE record_id = ? UNION SELECT sha256 FROM masters WHERE record_id = ?').all(doomed!.id, doomed!.id) as { s: string }[]).map((r) => r.s).sort();
  assert.ok(shas.length > 0);
  assert.equal((db.prepare('SELECT count(*) AS n FROM media_objects WHERE sha256 IN (SELECT value FROM json_each(?))').get(JSON.stringify(shas)) as { n: number }).n, shas.length);
  assert.deepEqual(api.media.erasures(v.backup), []);

  // The appraisal: two deciders, the security officer's approval, then the destruction.
  const sysadmin = await api.accounts.login(v.acc.sysadmin.username, v.acc.sysadmin.password, 'test');
  await api.accounts.create(sysadmin, { username: 'jianding2', password: 'initial-口令-2222', displayName: '孙鉴定', roles: ['archivist'] });
  const first = await api.accounts.login('jianding2', 'initial-口令-2222', 'test');
  await api.accounts.changeOwnPassword(first, 'initial-口令-2222', 'jianding2-口令-7777');
  const second = await api.accounts.login('jianding2', 'jianding2-口令-7777', 'test');
  const { roundId } = api.appraisal.propose(v.archivist, { title: '到期档案鉴定', recordId: doomed!.id, action: 'destroy', reason: '保管期满，无继续保存价值' });
  api.appraisal.vote(v.archivist, roundId, 'agree', '同意');
  api.appraisal.vote(second, roundId, 'agree', '同意');
  api.appraisal.approve(v.security, roundId, '同意销毁');
  const register = await api.appraisal.destroy(v.archivist, roundId);

  const listed = api.media.erasures(v.backup);
  assert.deepEqual(listed.map((e) => e.sha256).sort(), shas);
  assert.ok(listed.every((e) => e.mediumId === medium.id && e.registerId === register.id && e.erasedAt === null && e.archivalCodes.includes(doomed!.code)));
  assert.deepEqual(api.media.erasures(v.backup, { mediumId: 'no-such' }), []);
  // The backup officer's command line lists the same copies.
  const cli = await runChild([CLI, 'media', 'erasures', '--json'], { env: v.acc.backup.env });
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual((JSON.parse(cli.stdout) as { erasures: { sha256: string }[] }).erasures.map((e) => e.sha256).sort(), shas);

  // Not before the medium carries a snapshot written after the destruction; and not by the archivist.
  const files = listed.map((e) => path.join(dataDir(mount), e.file));
  await assert.rejects(async () => api.media.confirmErasure(v.backup, { mediumId: medium.id, note: '已删除文件' }), (e: unknown) => isVaultError(e) && e.code === 'MEDIUM_INVALID');
  await assert.rejects(async () => api.media.confirmErasure(v.archivist, { mediumId: medium.id, note: '已删除文件' }), (e: unknown) => isVaultError(e) && e.code === 'ACCESS_DENIED');
  assert.ok(files.every((f) => fs.existsSync(f)), 'nothing erased by a refused confirmation');
  await api.media.backup(v.backup, { mediumId: medium.id });
  await assert.rejects(async () => api.media.confirmErasure(v.backup, { mediumId: medium.id, note: '  ' }), (e: unknown) => isVaultError(e) && e.code === 'MEDIUM_INVALID');
  const confirmed = await runChild([CLI, 'media', 'erased', medium.id, '--note', '已删除载体上的对应文件并核对', '--json'], { env: v.acc.backup.env });
  assert.equal(confirmed.code, 0, confirmed.stderr);
  assert.equal((JSON.parse(confirmed.stdout) as { erased: unknown[] }).erased.length, shas.length);
  assert.match((await runChild([CLI, 'media', 'erasures'], { env: v.acc.backup.env })).stdout, /No copies on media wait for erasure/);
  // On the (rewritable) disk the files are gone, and a full verification misses nothing.
  assert.ok(files.every((f) => !fs.existsSync(f)), 'the copies are deleted from the disk');
  const check = await api.media.verify(v.backup, { mediumId: medium.id, mode: 'full' });
  assert.deepEqual(check.findings, []);
  assert.deepEqual(api.media.erasures(v.backup), [], 'gone from the list');
  assert.equal(api.media.erasures(v.backup, { all: true }).filter((e) => e.erasedAt !== null).length, shas.length, 'the trail stays');
  assert.equal((db.prepare('SELECT count(*) AS n FROM media_objects WHERE sha256 IN (SELECT value FROM json_each(?))').get(JSON.stringify(shas)) as { n: number }).n, 0);
  const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'manage_media' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
  assert.match(audit.detail, /confirm_erasure/);

  // A restore from the medium: the record stays destroyed, its objects do not come back, the other record does.
  const to = path.join(root, 'restored');
  const report = await restoreInto({ from: [mount], to, passphrase: BACKUP_PASSPHRASE });
  assert.equal(report.missing.length, 0);
  const restored = openRestoredCatalog(to);
  try {
    const row = (id: number) => restored.prepare('SELECT disposal FROM records WHERE id = ?').get(id) as { disposal: string | null };
    assert.equal(row(doomed!.id).disposal, 'destroyed');
    assert.notEqual(row(kept!.id).disposal, 'destroyed');
    assert.equal((restored.prepare('SELECT count(*) AS n FROM pages WHERE record_id = ?').get(doomed!.id) as { n: number }).n, 0);
    assert.equal((restored.prepare('SELECT count(*) AS n FROM objects WHERE sha256 IN (SELECT value FROM json_each(?))').get(JSON.stringify(shas)) as { n: number }).n, 0);
  } finally {
    restored.close();
  }
  const store = new ObjectStore(path.join(to, 'objects'));
  for (const sha of shas) assert.ok(!fs.existsSync(store.pathOf(sha)), 'no destroyed object in the restored store');

});
