/**
 * The desktop's restore can be cancelled (the wizard's 取消恢复): the running restore stops after
 * the object it is writing and ends in words; a second restore is refused while one runs; and
 * running the same restore again goes on under the same job and finishes a whole vault.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { newShellState } from '../../electron/main/handlers.js';
import { VaultApi } from '../../native/api/vault-api.js';
import { ask, recordingHost } from '../harness/desktop-host.js';
import { tempDir } from '../harness/temp.js';
import { BACKUP_PASSPHRASE, blankMedium, makeMediaVault } from './media-fixture.js';

test('a restore cancelled from the desktop ends in words, leaves a resumable folder, and the same restore again completes it', { timeout: 180_000 }, async () => {
  const root = tempDir();
  const v = await makeMediaVault(root, { records: 8 });
  const mount = blankMedium(root, '异地盘 甲');
  const medium = await v.api.media.add(v.backup, { type: 'hdd', label: '异地盘甲', capacityBytes: 2e12, site: '异地库房', mountPath: mount });
  await v.api.media.backup(v.backup, { mediumId: medium.id });
  const objects = (v.api.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
  const records = (v.api.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  assert.ok(objects >= 8, 'enough objects that a cancel lands before the end');
  await v.api.close();

  const to = path.join(root, '新电脑', 'vault');
  const request = { from: [mount], to, passphrase: BACKUP_PASSPHRASE };
  const state = newShellState();
  let second: ReturnType<typeof ask<'media:restore'>> | undefined;
  let cancelled: ReturnType<typeof ask<'media:restoreCancel'>> | undefined;
  const { host, events } = recordingHost((e) => {
    // At the first progress of the restore: a second restore is asked for, then the person cancels.
    if (e.type === 'job:progress' && e.progress.kind === 'restore' && !cancelled) {
      second = ask(state, host, 'media:restore', request);
      cancelled = ask(state, host, 'media:restoreCancel', undefined);
    }
  });

  const first = await ask(state, host, 'media:restore', request);
  assert.ok(!first.ok, 'the cancelled restore does not report success');
  assert.equal(first.error.code, 'RESTORE_CANCELLED');
  assert.match(first.error.message.zh, /恢复已取消/);
  assert.ok(first.error.message.zh.includes(path.resolve(to)), 'the message names the target folder');
  assert.deepEqual(await cancelled, { ok: true, value: { cancelled: true } });
  const refused = await second!;
  assert.ok(!refused.ok && refused.error.code === 'RESTORE_RUNNING', 'a second restore is refused while one runs');
  assert.ok(events.some((e) => e.type === 'job:end' && e.end.kind === 'restore' && e.end.status === 'cancelled'), 'the window heard the job end as cancelled');
  const restoreEvents = events.filter((e) => (e.type === 'job:progress' && e.progress.kind === 'restore') || (e.type === 'job:end' && e.end.kind === 'restore'));
  assert.ok(restoreEvents.length > 0 && restoreEvents.every((e) => (e.type === 'job:progress' || e.type === 'job:end') && e.elsewhere === true), 'the restored catalog\'s job events are marked as another catalog\'s (the jobs panel leaves them out)');
  assert.ok(VaultApi.restoreInProgress(to), 'the folder holds an unfinished restore');
  const db = new Database(path.join(to, 'catalog.sqlite'), { readonly: true });
  const restoredSoFar = (db.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'restore' AND status = 'cancelled'").get() as { n: number }).n;
  db.close();
  assert.equal(restoredSoFar, 1, 'the restore job is recorded as cancelled in the restored catalog');
  assert.deepEqual(await ask(state, host, 'media:restoreCancel', undefined), { ok: true, value: { cancelled: false } }, 'nothing to cancel now');

  const again = await ask(state, host, 'media:restore', request);
  assert.ok(again.ok, `the same restore again completes: ${again.ok ? '' : again.error.code}`);
  assert.equal(again.value.complete, true);
  assert.equal(again.value.missing.length, 0);
  assert.ok(again.value.alreadyThere > 0, 'what the cancelled run restored was kept, not written again');
  assert.equal(again.value.restored + again.value.alreadyThere, objects);
  assert.ok(!VaultApi.restoreInProgress(to));
  const restored = await VaultApi.open(to);
  try {
    assert.equal((restored.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, records);
    const jobs = restored.vault.db.prepare("SELECT status FROM jobs WHERE kind = 'restore'").all() as { status: string }[];
    assert.deepEqual(jobs.map((j) => j.status), ['done'], 'the second run went on under the same job');
  } finally {
    await restored.close();
  }
});
