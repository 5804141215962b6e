/**
 * The backup officer's screen, end to end in Chromium over the real engine: register a medium
 * (a temp folder standing for a mounted disk), print its label, check it out and back in, back
 * up, verify clean, then a byte is damaged on the medium (by this test, on disk): the
 * verification finds it, the alerts stay on the screen, repair rewrites the copy (closing its
 * alert), a stray file's alert is handled with a note, and verification is clean again. A
 * restore drill from the medium matches the live vault, and migrating to a second medium
 * retires the first once the copies verify there. The journey's screenshots are
 * .cache/e2e/screenshots/backup-NN-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BACKUP_PASSPHRASE, blankMedium, makeMediaVault, type MediaVault } from '../flows/media-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { chooseOption, confirmClick, openAs } from './ui-steps.js';

const root = tempDir();
let h: Harness;
let page: Page;
let mv: MediaVault;
let mount: string;

function objectFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => path.join(dir, p)).filter((p) => fs.statSync(p).isFile());
}

describe('the backup officer\'s media screen in Chromium', { timeout: 200_000 }, () => {
  before(async () => {
    buildRenderer();
    mv = await makeMediaVault(path.join(root, 'site'), { records: 2 });
    mv.api.close();
    mount = blankMedium(root, '移动硬盘 甲');
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('register a medium, print its label, check it out and in', async () => {
    await openAs(page, mv.dir, mv.acc.backup);
    await page.getByTestId('menu-media').click();
    await page.getByTestId('media-add-site').fill('城西异地库房');
    await page.getByTestId('media-add-label').fill('异地备份盘 甲');
    await page.getByTestId('media-add-capacity').fill('1');
    await page.getByTestId('media-add-mount').fill(mount);
    await page.getByTestId('media-add-submit').click();
    await page.getByTestId('media-added').waitFor();
    const id = /介质 (\S+)。/.exec(await page.getByTestId('media-added').innerText())![1]!;
    assert.ok(fs.existsSync(path.join(mount, 'LANTAI-MEDIUM.json')), 'the label file is on the medium');
    await page.getByTestId('media-table').getByText('异地备份盘 甲').waitFor();
    await page.getByTestId(`media-state-${id}`).getByText('在库').waitFor();
    await h.shot('backup-01-registered');

    await page.getByTestId(`media-label-${id}`).click();
    await page.getByTestId('media-label-out').fill(path.join(root, '标签'));
    await page.getByTestId('media-label-make').click();
    await page.getByTestId('media-label-text').waitFor();
    assert.match(await page.getByTestId('media-label-text').innerText(), new RegExp(id));
    assert.ok(fs.readdirSync(path.join(root, '标签')).some((f) => f.endsWith('.png')), 'the QR code image is written for printing');
    await page.getByRole('button', { name: '关闭' }).last().click();

    await page.getByTestId(`media-checkout-${id}`).click();
    await page.getByTestId('media-custody-site').fill('城西异地库房');
    await page.getByTestId('media-custody-courier').fill('周备份');
    await page.getByTestId('media-custody-submit').click();
    await page.getByTestId('media-custody-site').waitFor({ state: 'detached' });
    await page.getByTestId(`media-checkin-${id}`).click();
    // As a person would: the check-in dialog is there (its form mounted) before OK is pressed.
    await page.getByRole('dialog').getByTestId('media-custody-site').waitFor();
    await page.getByTestId('media-custody-submit').click();
    await page.getByTestId('media-custody-site').waitFor({ state: 'detached' }).catch(async (e: unknown) => {
      // Once seen under load in a full run: say what the dialog showed instead of only timing out.
      throw new Error(`the check-in dialog stayed open: ${await page.getByRole('dialog').last().innerText().catch(() => '?')}`, { cause: e });
    });
    const log = h.state.api!.vault.db.prepare('SELECT direction FROM media_transport WHERE medium_id = ? ORDER BY id').all(id) as { direction: string }[];
    assert.deepEqual(log.map((r) => r.direction), ['out', 'in']);
  });

  test('back up, verify, a damaged byte raises an alert, repair, handle the remaining alert, verify clean', async () => {
    const id = (h.state.api!.vault.db.prepare('SELECT id FROM media').get() as { id: string }).id;
    await confirmClick(page, `media-backup-${id}`);
    await page.getByTestId('media-backup-done').waitFor();
    await h.shot('backup-02-backed-up');
    assert.ok(h.events.some((e) => e.type === 'job:progress' && e.progress.kind === 'backup'), 'the backup reported progress as job events');
    await page.getByTestId(`media-verify-${id}`).click();
    await page.getByTestId('media-verify-clean').waitFor();
    await h.shot('backup-03-verified');

    const files = objectFiles(path.join(mount, 'lantai', 'objects')).sort();
    assert.ok(files.length >= 2);
    const bytes = fs.readFileSync(files[0]!);
    bytes[200] = bytes[200]! ^ 0x10;
    fs.chmodSync(files[0]!, 0o644);
    fs.writeFileSync(files[0]!, bytes);
    const stray = path.join(mount, 'lantai', 'objects', 'stray.bin');
    fs.writeFileSync(stray, 'not ours');

    await page.getByTestId(`media-verify-${id}`).click();
    await page.getByTestId('media-verify-bad').waitFor();
    const findings = await page.getByTestId('media-findings').innerText();
    assert.ok(findings.includes(path.basename(files[0]!)), `the damaged file is named: ${findings}`);
    assert.ok(findings.includes('stray.bin'), `the extra file is named: ${findings}`);
    await h.shot('backup-04-damage-found');
    await page.getByTestId(`media-state-${id}`).getByText('有故障').waitFor();
    await page.getByTestId('media-tab-alerts').click();
    await page.getByTestId('media-alerts').getByText('内容不符').waitFor();
    await page.getByTestId('media-alerts').getByText('多余文件').waitFor();
    await h.shot('backup-05-alert');

    // Repair rewrites the damaged copy from the vault and closes its alert; the extra file is not ours to repair.
    await page.getByTestId('media-tab-registry').click();
    await confirmClick(page, `media-repair-${id}`);
    await page.getByTestId('media-repair-done').waitFor();
    assert.match(await page.getByTestId('media-repair-done').innerText(), /1 个副本已重写，0 个未能修复/);
    await page.getByTestId(`media-state-${id}`).getByText('在库').waitFor();
    await h.shot('backup-06-repaired');
    await page.getByTestId('media-tab-alerts').click();
    await page.getByTestId('media-alerts').getByText('内容不符').waitFor({ state: 'detached' });
    const open = h.state.api!.vault.db.prepare('SELECT id, kind FROM media_alerts WHERE handled_at IS NULL').all() as { id: number; kind: string }[];
    assert.deepEqual(open.map((a) => a.kind), ['extra'], 'the extra file stays an open alert until a person handles it');

    // The officer removes the stray file and says so: the alert is handled with that note.
    fs.rmSync(stray);
    await page.getByTestId(`media-alert-note-${open[0]!.id}`).fill('已核实为误拷贝文件，已删除');
    await confirmClick(page, `media-alert-handle-${open[0]!.id}`);
    await page.getByTestId('media-alerts-none').waitFor();
    const handled = h.state.api!.vault.db.prepare('SELECT note FROM media_alerts WHERE id = ?').get(open[0]!.id) as { note: string };
    assert.equal(handled.note, '已核实为误拷贝文件，已删除');

    await page.getByTestId('media-tab-registry').click();
    await page.getByTestId(`media-verify-${id}`).click();
    await page.getByTestId('media-verify-clean').waitFor();
    await page.getByTestId('media-tab-runs').click();
    assert.equal(await page.getByTestId('media-runs').locator('tbody tr').count(), 4, 'backup and three verifications each left a run');
    await page.getByTestId('media-tab-coverage').click();
    await page.getByTestId('media-coverage').waitFor();
    await h.shot('backup-07-coverage');
    assert.deepEqual(h.foreign, [], 'the backup officer\'s journey made no request outside the app');
  });

  test('a restore drill from the medium matches the live vault; migrating to a second medium retires the first', async () => {
    const first = (h.state.api!.vault.db.prepare('SELECT id FROM media').get() as { id: string }).id;
    await page.getByTestId('media-tab-drill').click();
    await page.getByTestId('media-drill-from').getByText(mount).click();
    await page.getByTestId('media-drill-passphrase').fill('不是这个口令-0000');
    await page.getByTestId('media-drill-run').click();
    await page.getByTestId('error').waitFor();
    await page.getByTestId('media-drill-passphrase').fill(BACKUP_PASSPHRASE);
    await page.getByTestId('media-drill-run').click();
    await page.getByTestId('media-drill-ok').waitFor();
    assert.match(await page.getByTestId('media-drill-ok').innerText(), /与现有档案库一致/);
    await h.shot('backup-08-drill');

    const second = blankMedium(root, '移动硬盘 乙');
    await page.getByTestId('media-tab-registry').click();
    await page.getByTestId('media-add-site').fill('本馆档案室');
    await page.getByTestId('media-add-label').fill('备份盘 乙');
    await page.getByTestId('media-add-capacity').fill('1');
    await page.getByTestId('media-add-mount').fill(second);
    await page.getByTestId('media-add-submit').click();
    await page.getByTestId('media-table').getByText('备份盘 乙').waitFor();
    const to = (h.state.api!.vault.db.prepare('SELECT id FROM media WHERE id <> ?').get(first) as { id: string }).id;

    await page.getByTestId('media-tab-migrate').click();
    await chooseOption(page, page.getByTestId('media-migrate-from'), first);
    await chooseOption(page, page.getByTestId('media-migrate-to'), to);
    await page.getByTestId('media-migrate-reason').fill('到期更换');
    await confirmClick(page, 'media-migrate-run');
    await page.getByTestId('media-migrate-done').waitFor();
    assert.ok(h.events.some((e) => e.type === 'job:progress' && e.progress.kind === 'migrate'), 'the migration reported progress as job events');
    const state = h.state.api!.vault.db.prepare('SELECT id, state FROM media ORDER BY id').all() as { id: string; state: string }[];
    assert.equal(state.find((m) => m.id === first)!.state, 'retired');
    assert.ok(objectFiles(path.join(second, 'lantai', 'objects')).length >= 2, 'the copies are on the new medium');
    await page.getByTestId('media-tab-registry').click();
    await page.getByTestId(`media-state-${first}`).waitFor({ state: 'detached' });
    await h.shot('backup-09-migrated');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });

  test('a BD-R backup says where the staged disc folder and its ISO image are', async () => {
    const disc = blankMedium(root, '蓝光盘 丙');
    await page.getByTestId('media-tab-registry').click();
    await chooseOption(page, page.getByTestId('media-add-type'), 'BD-R');
    await page.getByTestId('media-add-site').fill('城东异地库房');
    await page.getByTestId('media-add-label').fill('蓝光盘 丙');
    await page.getByTestId('media-add-mount').fill(disc);
    await page.getByTestId('media-add-submit').click();
    await page.getByTestId('media-added').waitFor();
    const id = /介质 (\S+)。/.exec(await page.getByTestId('media-added').innerText())![1]!;
    assert.match(id, /^BD-/);
    await confirmClick(page, `media-backup-${id}`);
    await page.getByTestId('media-backup-disc').waitFor();
    const text = await page.getByTestId('media-backup-disc').innerText();
    // With xorriso (CI installs it) the image beside the folder; without, the folder to burn.
    if (fs.existsSync(`${disc}.iso`)) assert.ok(text.includes(`光盘映像：${disc}.iso`) && text.includes(disc), text);
    else assert.ok(text.includes(`光盘内容已备好：${disc}`), text);
    await h.shot('backup-10-disc-staged');
    assert.deepEqual(h.pageErrors, []);
  });
});
