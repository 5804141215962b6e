/**
 * The dashboard and the one jobs panel (issue 15, part 2), in Chromium against the app server:
 * the first screen after login shows what each role may see; the index rebuild an upgrade
 * asked for runs as a job of the engine with progress and time left in the jobs panel, the
 * panel and the job survive a reload of the window, and cancelling it (after confirming) keeps
 * its place for a resume.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { tempDir } from '../harness/temp.js';
import { addRecord } from '../unit/search/helpers.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { login, logout, openFromVaultScreen } from './ui-steps.js';

const work = tempDir();
const vaultDir = path.join(work, 'vault');
// Enough pages of page-long text that the rebuild runs for ~40 s here (~0.8 ms a page).
const RECORDS = 200;
const PAGES = 200;
const CH = '关于进一步加强档案安全管理工作的通知各单位为贯彻落实档案法及其实施条例切实做好档案保管利用数字化与备份工作现将有关事项通知如下';
const BODY = Array.from({ length: 1500 }, (_, j) => CH[(j * 7) % CH.length]).join('');
let h: Harness;
let page: Page;
let acc: TestAccounts;

function menuItems(): Promise<string[]> {
  return page.locator('[data-testid^="menu-"]').allTextContents().then((l) => l.map((s) => s.trim()));
}

function reindexRow() {
  return page.getByTestId('jobs-panel').locator('[data-testid="job-row"][data-kind="reindex"]').first();
}

async function doneOf(): Promise<number> {
  return Number(/^(\d+)\//.exec(await reindexRow().getByTestId('job-counts').innerText())?.[1] ?? NaN);
}

describe('dashboard and jobs panel in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    buildRenderer();
    acc = await createVaultWithAccounts(vaultDir);
    // As after an upgrade whose migration asked for the index to be rebuilt.
    const vault = await openWorkingVault(vaultDir);
    vault.db.transaction(() => {
      for (let k = 0; k < RECORDS; k++) addRecord(vault.db, { title: `卷宗${k}`, index: false, pages: Array.from({ length: PAGES }, () => null) });
      // The OCR text in one statement (the helper's per-page layout would take minutes here).
      vault.db.prepare(`INSERT INTO page_text (page_id, text, layout, engine, engine_version, model, model_version, created_at)
        SELECT id, printf('卷宗%d 第%d页 ', record_id, page_no) || ?, '{"width":2480,"height":3508,"lines":[]}', 'test', '0', 'none', '0', '2026-01-01T00:00:00.000Z' FROM pages`).run(BODY);
    })();
    vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1')").run();
    vault.close();
    h = await launchUi();
    page = h.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openFromVaultScreen(page, vaultDir);
  });

  after(async () => {
    await h?.close();
  });

  test('the backup officer\'s dashboard: media, alerts, records at risk and jobs, no catalog; nothing starts the rebuild', async () => {
    await login(page, acc.backup.username, acc.backup.password);
    await page.getByTestId('dashboard').waitFor();
    assert.equal((await menuItems())[0], '工作台', 'the dashboard is the first screen');
    await page.getByTestId('dash-media').waitFor();
    assert.match(await page.getByTestId('dash-media').innerText(), /在用载体 0 个[\s\S]*待检测 0 个/);
    assert.match(await page.getByTestId('dash-at-risk').innerText(), new RegExp(`${RECORDS}[\\s\\S]*共 ${RECORDS} 件，0 件达到备份要求`), 'no medium yet: every record at risk');
    await page.getByTestId('dash-alerts').waitFor();
    await page.getByTestId('dash-jobs').waitFor();
    assert.equal(await page.getByTestId('dash-catalog').count(), 0, 'no catalog counts for the backup officer');
    assert.equal(await page.getByTestId('dash-ocr').count(), 0);
    assert.deepEqual(h.state.api!.jobManager.running(), [], 'the backup officer may not rebuild the index: nothing started');
    await h.shot('10-dashboard-backup-officer');
    await logout(page);
  });

  test('the archivist\'s dashboard counts items and pages and shows the rebuild; the jobs panel shows its progress and time left', async () => {
    await login(page, acc.archivist.username, acc.archivist.password);
    await page.getByTestId('dashboard').waitFor();
    const records = page.getByTestId('dash-records');
    await records.waitFor();
    assert.match(await records.innerText(), new RegExp(`${RECORDS}`));
    assert.match(await page.getByTestId('dash-pages').innerText(), new RegExp(`${(RECORDS * PAGES).toLocaleString('en-US')}|${RECORDS * PAGES}`));
    assert.match(await page.getByTestId('dash-index').innerText(), new RegExp(`正在重建：\\d+/${RECORDS} 件`));
    assert.equal(await page.getByTestId('dash-media').count(), 0, 'no media counts for the archivist');
    assert.match(await page.getByTestId('dash-digitization').innerText(), /进行中的数字化项目 0 个[\s\S]*待抽检或验收的批次 0 个/);

    await page.getByTestId('dash-open-jobs').click();
    const row = reindexRow();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'running', 'the rebuild started after the login, in the engine');
    await row.getByTestId('job-progress').waitFor();
    await row.getByTestId('job-eta').waitFor();
    assert.match(await row.getByTestId('job-eta').innerText(), /约剩 \d+ (秒|分钟)/);
    const first = await doneOf();
    await page.waitForFunction((before) => {
      const el = document.querySelector('[data-testid="job-row"][data-kind="reindex"] [data-testid="job-counts"]');
      return el !== null && Number(/^(\d+)\//.exec(el.textContent ?? '')?.[1]) > before;
    }, first);
    assert.ok((await doneOf()) < RECORDS, 'still running');
    await h.shot('11-jobs-panel-progress');
  });

  test('the jobs panel and the job survive a reload of the window, and cancelling (after confirming) keeps the place to resume', async () => {
    const before = await doneOf();
    await page.reload();
    // No click: the panel comes back open, on the job still running in the engine.
    const row = reindexRow();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'running');
    await row.getByTestId('job-progress').waitFor();
    assert.ok((await doneOf()) >= before, 'its progress went on while the page was away');

    const jobId = h.state.api!.jobManager.running().find((j) => j.kind === 'reindex')!.jobId;
    await row.getByTestId('job-cancel').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await page.getByTestId('jobs-panel').locator(`[data-testid="job-row"][data-kind="reindex"][data-status="cancelled"]`).waitFor();
    assert.equal(h.state.api!.jobs.get(h.state.session!, jobId).status, 'cancelled');
    const rebuild = h.state.api!.maintenance.indexRebuild()!;
    assert.ok(rebuild.done > 0 && rebuild.done < RECORDS, `the place is kept (${rebuild.done}/${RECORDS})`);
    assert.equal(rebuild.jobId, jobId);
    await reindexRow().getByTestId('job-resume').waitFor();
    await h.shot('12-jobs-panel-cancelled');

    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('jobs-panel').waitFor({ state: 'hidden' });
    await page.getByTestId('dash-refresh').click();
    await page.getByTestId('dash-jobs').getByText('未完成 1 项').waitFor();
    assert.match(await page.getByTestId('dash-index').innerText(), new RegExp(`正在重建：${rebuild.done}/${RECORDS} 件`));
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('dash-jobs').getByText('1 unfinished').waitFor();
    await page.getByTestId('lang-switch').click();
  });

  test('no request left the app', () => {
    assert.ok(h.requests.length > 0);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors.filter((e) => !/Warning:/.test(e)), []);
  });
});
