/**
 * The whole-vault restore wizard and the erasures panel, end to end in Chromium over the real
 * engine. The backup officer backs the vault up to two folder media through the media screen;
 * then, in a fresh app with no vault open (a new PC), the restore wizard on the vault screen
 * refuses a folder that is not a medium, a wrong passphrase (writing nothing into the target)
 * and a non-empty target, each in Chinese words, then restores from both media with progress
 * and a result page, and opens the restored vault: the archivist logs in and finds a record by
 * search, and the backup officer's login writes the restore into its audit log. Back on the live vault, a
 * record destroyed through the appraisal area (test setup) lists its copies under 待擦除; a
 * confirmation is refused in words until the medium is backed up again, then accepted: the
 * medium's copies leave the list. Screenshots: .cache/e2e/screenshots/restore-NN-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { dataDir } from '../../native/media/layout.js';
import { BACKUP_PASSPHRASE, blankMedium, makeMediaVault, type MediaVault } from '../flows/media-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { confirmClick, login, logout, openAs } from './ui-steps.js';

const root = tempDir();
let h: Harness;
let page: Page;
let mv: MediaVault;
const mounts: string[] = [];
const ids: string[] = [];

async function addMedium(label: string, mount: string): Promise<string> {
  await page.getByTestId('media-tab-registry').click();
  await page.getByTestId('media-add-site').fill('城西异地库房');
  await page.getByTestId('media-add-label').fill(label);
  await page.getByTestId('media-add-capacity').fill('1');
  await page.getByTestId('media-add-mount').fill(mount);
  await page.getByTestId('media-add-submit').click();
  await page.getByTestId('media-table').getByText(label).waitFor();
  return (h.state.api!.vault.db.prepare('SELECT id FROM media WHERE label = ?').get(label) as { id: string }).id;
}

async function backUp(id: string): Promise<void> {
  await page.getByTestId('media-tab-registry').click();
  await confirmClick(page, `media-backup-${id}`);
  // The alert of this backup (an earlier one's goes when this one starts).
  await page.getByTestId('media-backup-done').filter({ hasText: id }).waitFor();
}

function errorText(p: Page): Promise<string> {
  return p.getByTestId('error').innerText();
}

describe('restore a whole vault from media, and erase destroyed records\' copies, in Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    buildRenderer();
    // Expired records (2010, kept 10 years): one can be destroyed for the erasure panel.
    mv = await makeMediaVault(path.join(root, 'site'), { records: 2, year: 2010, retention: 'D10' });
    mv.api.close();
    mounts.push(blankMedium(root, '移动硬盘 甲'), blankMedium(root, '移动硬盘 乙'));
    h = await launchUi(30_000);
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('the backup officer backs the vault up to two folder media', async () => {
    await openAs(page, mv.dir, mv.acc.backup);
    await page.getByTestId('menu-media').click();
    ids.push(await addMedium('异地备份盘 甲', mounts[0]!), await addMedium('异地备份盘 乙', mounts[1]!));
    for (const id of ids) await backUp(id);
    const snapshots = h.state.api!.vault.db.prepare('SELECT DISTINCT medium_id AS id FROM media_snapshots ORDER BY medium_id').all() as { id: string }[];
    assert.deepEqual(snapshots.map((r) => r.id), [...ids].sort(), 'each medium holds a catalog snapshot');
    await h.shot('restore-01-backed-up');
  });

  test('on a fresh app, the wizard refuses bad input in words, restores from both media, and the restored vault opens', async () => {
    const fresh = await launchUi(30_000);
    try {
      const p = fresh.page;
      assert.equal(fresh.state.api, null, 'no vault is open on the new PC');
      await p.getByTestId('vault-restore').click();
      const target = path.join(root, 'new-pc', '档案库');
      fs.mkdirSync(target, { recursive: true });
      const notAMedium = path.join(root, 'just-a-folder');
      fs.mkdirSync(notAMedium);

      // A folder that is not a medium: refused, back on the media step.
      await p.getByTestId('restore-from-0').fill(notAMedium);
      await p.getByTestId('restore-next').click();
      await p.getByTestId('restore-passphrase').fill(BACKUP_PASSPHRASE);
      await p.getByTestId('restore-to').fill(target);
      await p.getByTestId('restore-next').click();
      await p.getByTestId('restore-start').click();
      await p.getByTestId('error').waitFor();
      assert.match(await errorText(p), /没有兰台载体标签文件/);
      assert.match(await errorText(p), /just-a-folder/);
      await p.getByTestId('restore-from-0').waitFor();

      // Both media; a wrong passphrase: refused, nothing written into the target.
      await p.getByTestId('restore-from-0').fill(mounts[0]!);
      await p.getByTestId('restore-add-from').click();
      await p.getByTestId('restore-from-1').fill(mounts[1]!);
      await p.getByTestId('restore-next').click();
      await p.getByTestId('restore-passphrase').fill('不是这个口令-0000');
      await p.getByTestId('restore-next').click();
      const confirm = await p.getByTestId('restore-confirm').innerText();
      assert.ok(confirm.includes(mounts[0]!) && confirm.includes(mounts[1]!) && confirm.includes(target), `the confirmation names the media and the target: ${confirm}`);
      await fresh.shot('restore-02-confirm');
      await p.getByTestId('restore-start').click();
      await p.getByTestId('error').waitFor();
      assert.match(await errorText(p), /口令/);
      assert.deepEqual(fs.readdirSync(target), [], 'a wrong passphrase writes nothing into the target');
      await fresh.shot('restore-03-wrong-passphrase');

      // A target that is not empty: refused by name.
      const occupied = path.join(root, 'occupied');
      fs.mkdirSync(occupied);
      fs.writeFileSync(path.join(occupied, '别人的文件.txt'), 'x');
      await p.getByTestId('restore-passphrase').fill(BACKUP_PASSPHRASE);
      await p.getByTestId('restore-to').fill(occupied);
      await p.getByTestId('restore-next').click();
      await p.getByTestId('restore-start').click();
      await p.getByTestId('error').getByText(/不是空文件夹/).waitFor();
      assert.deepEqual(fs.readdirSync(occupied), ['别人的文件.txt']);

      // The restore itself: progress through the job's events, then the result in words.
      await p.getByTestId('restore-to').fill(target);
      await p.getByTestId('restore-next').click();
      await p.getByTestId('restore-start').click();
      await p.getByTestId('restore-done').waitFor();
      await fresh.shot('restore-04-done');
      const progress = fresh.events.filter((e) => e.type === 'job:progress' && e.progress.kind === 'restore');
      assert.ok(progress.length > 0, 'the restore reported progress as job events');
      assert.ok(fresh.events.some((e) => e.type === 'job:end' && e.end.kind === 'restore' && e.end.status === 'done'), 'and its end');
      const live = (h.state.api!.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
      assert.match(await p.getByTestId('restore-done').innerText(), new RegExp(`恢复了 ${live}/${live} 个对象`));
      assert.match(await p.getByTestId('restore-objects').innerText(), new RegExp(`恢复 ${live} 个，共 ${live} 个`));
      assert.match(await p.getByTestId('restore-snapshot').innerText(), new RegExp(`介质 (${ids.join('|')})`));
      assert.match(await p.getByTestId('restore-result').innerText(), /缺失\s*无/);
      assert.ok(fs.existsSync(path.join(target, 'vault.json')), 'the target is a vault now');

      // Open it and log in with the accounts of the restored catalog. The archivist first: finds a
      // record by search; the restore waits to be audited by someone allowed to restore.
      await p.getByTestId('restore-open').click();
      await p.getByTestId('login-form').waitFor();
      const restored = fresh.state.api!;
      assert.equal(path.resolve(restored.vault.paths.root), path.resolve(target));
      const restoredHead = (restored.vault.db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
      const restoreRows = () => restored.vault.db.prepare("SELECT result, detail FROM audit_log WHERE action = 'restore' AND seq > ? ORDER BY seq").all(restoredHead) as { result: string; detail: string }[];
      const record = restored.vault.db.prepare('SELECT archival_code AS code, title FROM records ORDER BY id LIMIT 1').get() as { code: string; title: string };
      await login(p, mv.acc.archivist.username, mv.acc.archivist.password);
      await p.getByTestId('menu-search').click();
      const box = p.getByTestId('search-input').locator('input');
      await box.fill(record.title);
      await box.press('Enter');
      await p.getByTestId('search-results').waitFor();
      await p.getByTestId('search-hit').filter({ hasText: record.code }).first().waitFor();
      await fresh.shot('restore-05-found');
      assert.deepEqual(restoreRows(), [], 'an archivist\'s login neither records the restore nor leaves a refusal');
      await logout(p);
      await login(p, mv.acc.backup.username, mv.acc.backup.password);
      const rows = restoreRows();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.result, 'ok');
      assert.match(rows[0]!.detail, /"op":"restore"/);
      assert.ok(rows[0]!.detail.includes(ids[0]!) && rows[0]!.detail.includes(ids[1]!), 'the backup officer\'s login wrote the restore, from both media, into the restored audit log');
      assert.deepEqual(fresh.foreign, []);
      assert.deepEqual(fresh.pageErrors, []);
    } finally {
      await fresh.close();
    }
  });

  test('a destroyed record\'s copies wait under 待擦除; confirming is refused until a newer snapshot, then the medium leaves the list', async () => {
    const api = h.state.api!;
    const db = api.vault.db;
    // Test setup through the engine: the appraisal destroys one record (two deciders, the security officer's approval).
    const sysadmin = await api.accounts.login(mv.acc.sysadmin.username, mv.acc.sysadmin.password, 'test');
    await api.accounts.create(sysadmin, { username: 'jianding2', password: 'initial-口令-2222', displayName: '孙鉴定', roles: ['archivist'] });
    const first = await api.accounts.login('jianding2', 'initial-口令-2222', 'test');
    await api.accounts.changeOwnPassword(first, 'initial-口令-2222', 'jianding2-口令-7777');
    const second = await api.accounts.login('jianding2', 'jianding2-口令-7777', 'test');
    const archivist = await api.accounts.login(mv.acc.archivist.username, mv.acc.archivist.password, 'test');
    const security = await api.accounts.login(mv.acc.security.username, mv.acc.security.password, 'test');
    const doomed = db.prepare('SELECT id, archival_code AS code FROM records ORDER BY id LIMIT 1').get() as { id: number; code: string };
    const { roundId } = api.appraisal.propose(archivist, { title: '到期档案鉴定', recordId: doomed.id, action: 'destroy', reason: '保管期满，无继续保存价值' });
    api.appraisal.vote(archivist, roundId, 'agree', '同意');
    api.appraisal.vote(second, roundId, 'agree', '同意');
    api.appraisal.approve(security, roundId, '同意销毁');
    await api.appraisal.destroy(archivist, roundId);
    const copies = (db.prepare('SELECT file FROM media_erasures WHERE medium_id = ?').all(ids[0]!) as { file: string }[]).map((r) => path.join(dataDir(mounts[0]!), r.file));
    assert.ok(copies.length > 0 && copies.every((f) => fs.existsSync(f)));

    // The list: both media, the record's 档号, neither confirmable before a newer snapshot.
    // The screen reads the list when it opens: the window is reloaded (the login and the screen stay).
    await page.reload();
    await page.getByTestId('media-tab-erasures').click();
    const table = page.getByTestId('media-erasures');
    for (const id of ids) await table.locator('tr', { hasText: id }).getByText(doomed.code).waitFor();
    await page.getByTestId(`media-erasure-state-${ids[0]}`).getByText('须先备份').waitFor();
    assert.match(await page.getByTestId(`media-erasure-needs-backup-${ids[0]}`).innerText(), /先在“介质登记”中对它备份一次/);
    await h.shot('restore-06-erasures');

    // Confirming now is refused in words, and nothing is erased.
    await page.getByTestId(`media-erasure-note-${ids[0]}`).fill('已删除载体上的对应文件');
    await confirmClick(page, `media-erasure-confirm-${ids[0]}`);
    await page.getByTestId('error').getByText(/先对它做一次备份/).waitFor();
    assert.ok(copies.every((f) => fs.existsSync(f)), 'a refused confirmation erases nothing');

    // Back up to the medium (a snapshot after the destruction), then the confirmation is accepted.
    await backUp(ids[0]!);
    await page.getByTestId('media-tab-erasures').click();
    await page.getByTestId(`media-erasure-state-${ids[0]}`).getByText('可以确认').waitFor();
    await page.getByTestId(`media-erasure-note-${ids[0]}`).fill('已删除载体上的对应文件并核对');
    await confirmClick(page, `media-erasure-confirm-${ids[0]}`);
    await page.getByTestId('media-erasure-done').waitFor();
    assert.match(await page.getByTestId('media-erasure-done').innerText(), new RegExp(`${ids[0]} 上的 ${copies.length} 个副本`));
    await page.getByTestId(`media-erasure-state-${ids[0]}`).waitFor({ state: 'detached' });
    await page.getByTestId(`media-erasure-state-${ids[1]}`).waitFor();
    await h.shot('restore-07-erased');
    assert.ok(copies.every((f) => !fs.existsSync(f)), 'the copies are deleted from the (rewritable) medium');
    const pending = db.prepare('SELECT DISTINCT medium_id AS id FROM media_erasures WHERE erased_at IS NULL').all() as { id: string }[];
    assert.deepEqual(pending.map((r) => r.id), [ids[1]]);
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'manage_media' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    assert.match(audit.detail, /confirm_erasure/);
    assert.match(audit.detail, /已删除载体上的对应文件并核对/);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
