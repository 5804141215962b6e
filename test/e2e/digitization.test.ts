/**
 * The digitization projects screen (issue 13, part 1) in Chromium against the app server: the
 * archivist creates a project with its QC rule and items, adds items, pre-checks them (a 密级
 * item stops and is registered as returned), registers the scanning site's devices, scans a
 * folder of page images into an item, adds a step done by hand to its 流程单 and prints it to
 * PDF, adds a vendor operator; the vendor operator's attempt to create a project is refused in
 * words; the project cannot close while a device is out, and closes after confirming once every
 * device is returned or wiped, disabling the vendor operator. The engine's state matches.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { listDevices } from '../../native/digitization/devices.js';
import { pageMetadata } from '../../native/digitization/page-metadata.js';
import { findProject, listItems, listOperators, listReturns } from '../../native/digitization/projects.js';
import { VaultApi } from '../../native/api/vault-api.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { chooseOption, login, logout, openFromVaultScreen } from './ui-steps.js';

const root = tempDir();
const vaultDir = path.join(root, 'vault');
const scans = path.join(root, 'scans');
const sheetPdf = path.join(root, 'out', '流程单-0001.pdf');
const code = (n: number) => `Z109-WS·2016-Y-BGS-${String(n).padStart(4, '0')}`;
const PROJECT = '2016年文书档案数字化（外包）';
const VENDOR_PASSWORD = '外包-扫描-口令-2026x';
let h: Harness;
let page: Page;
let acc: TestAccounts;

const db = () => h.state.api!.vault.db;
const project = () => findProject(db(), PROJECT)!;

/** Picks an option of the antd Select with this test id (only the open dropdown's options). */
async function choose(testId: string, text: string): Promise<void> {
  await chooseOption(page, page.getByTestId(testId), text);
}

async function tab(name: string): Promise<void> {
  await page.getByTestId(`digi-tab-${name}`).click();
}

/** Clicks the ok button of the open modal once it has stopped zooming in, and waits for the modal to go. */
async function modalOk(testId: string): Promise<void> {
  // A click while the dialog still grows can land beside the moving button.
  await page.waitForFunction(() => document.querySelectorAll('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').length === 0);
  await page.getByTestId(testId).click();
  await page.waitForFunction(() => document.querySelectorAll('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').length === 0);
}

describe('digitization projects screen in Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    buildRenderer();
    acc = await createVaultWithAccounts(vaultDir);
    fs.mkdirSync(path.dirname(sheetPdf), { recursive: true });
    await writeQcPage(path.join(scans, 'i1', '1.jpg'), 'text', 1);
    await writeQcPage(path.join(scans, 'i1', '2.jpg'), 'text', 2);
    const api = await VaultApi.open(vaultDir);
    try {
      // The system administrator makes the vendor's account; the vendor sets their own password.
      const sys = await api.accounts.login(acc.sysadmin.username, acc.sysadmin.password, 'test');
      await api.accounts.create(sys, { username: 'vendor1', password: 'initial-vendor1-0000', displayName: '吴外包', roles: ['vendor_operator'] });
      const first = await api.accounts.login('vendor1', 'initial-vendor1-0000', 'scan-site-pc');
      await api.accounts.changeOwnPassword(first, 'initial-vendor1-0000', VENDOR_PASSWORD);
      // A catalog entry from the paper catalog file, its scans still awaited.
      const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
      const catalogFile = path.join(root, 'catalog.csv');
      fs.writeFileSync(catalogFile, ['档号,题名,日期,页数,密级,保管期限,年度,门类,全宗号,机构(问题)', `${code(4)},党组会议纪要,2016-05-01,3,公开,,,,,`].join('\n'));
      assert.equal((await api.catalog.import(archivist, catalogFile)).imported, 1);
    } finally {
      api.close();
    }
    h = await launchUi(30_000);
    page = h.page;
    await openFromVaultScreen(page, vaultDir);
  });

  after(async () => {
    await h?.close();
  });

  test('the archivist creates a project, adds items, pre-checks them (a 密级 item stops), registers devices, scans, and keeps the 流程单', async () => {
    await login(page, acc.archivist.username, acc.archivist.password);
    await page.getByTestId('menu-digitization').click();
    await page.getByTestId('digi-screen').waitFor();

    // A new project: vendor, site, contract, QC rule, two items typed one a line.
    await page.getByTestId('digi-new').click();
    await page.getByTestId('digi-name').fill(PROJECT);
    await page.getByTestId('digi-vendor').fill('华信数字化服务有限公司');
    await page.getByTestId('digi-site').fill('档案馆二楼加工室');
    await page.getByTestId('digi-contract').fill('HT-2026-017');
    await page.getByTestId('digi-sample').fill('100');
    await page.getByTestId('digi-passmark').fill('95');
    await page.getByTestId('digi-items-lines').fill(`${code(1)},关于档案安全检查的通知,2\n${code(2)},涉密测绘资料,1`);
    await page.getByTestId('digi-create-submit').click();
    await page.getByTestId('digi-project').waitFor();
    const summary = await page.getByTestId('digi-summary').innerText();
    assert.match(summary, /华信数字化服务有限公司[\s\S]*档案馆二楼加工室[\s\S]*HT-2026-017[\s\S]*抽检 100%，合格线 95%/);
    const p = project();
    assert.deepEqual([p.vendor, p.site, p.contractRef, p.samplePercent, p.passMark, p.state], ['华信数字化服务有限公司', '档案馆二楼加工室', 'HT-2026-017', 100, 95, 'open']);

    // More items: a typed line with a bad page count is named and nothing is sent; then a good one.
    await page.getByTestId('digi-items-lines').fill(`${code(3)},年度工作总结,一`);
    await page.getByTestId('digi-add-items-submit').click();
    assert.equal(await page.getByTestId('digi-bad-line').innerText(), '第 1 行的页数不是正整数。');
    assert.equal(listItems(db(), p.id).length, 2, 'nothing was added');
    await page.getByTestId('digi-items-lines').fill(`${code(3)},年度工作总结,1`);
    // And one picked from the catalog: the entry awaiting its scans.
    await page.getByTestId('digi-pick-catalog').click();
    const row = page.locator('[data-testid="digi-pick-table"] tr.ant-table-row').filter({ hasText: code(4) });
    await row.waitFor();
    assert.match(await row.innerText(), /党组会议纪要[\s\S]*待扫描/);
    await row.locator('.ant-checkbox').click();
    await modalOk('digi-pick-ok');
    assert.equal(await page.getByTestId('digi-items-lines').inputValue(), `${code(3)},年度工作总结,1\n${code(4)},党组会议纪要`);
    await page.getByTestId('digi-add-items-submit').click();
    assert.equal(await page.getByTestId('digi-items-note').innerText(), '已添加 2 件。');
    await page.locator(`[data-testid="digi-items"] tr[data-code="${code(4)}"]`).waitFor();
    assert.deepEqual(listItems(db(), p.id).map((i) => [i.archivalCode, i.title, i.expectedPages]), [
      [code(1), '关于档案安全检查的通知', 2], [code(2), '涉密测绘资料', 1], [code(3), '年度工作总结', 1], [code(4), '党组会议纪要', null],
    ]);

    // Pre-check: the item with a 密级 mark and no declassification stops and is registered as returned.
    await tab('precheck');
    await choose('digi-precheck-item', code(2));
    await page.getByTestId('digi-precheck-mark').fill('秘密★10年');
    await page.getByTestId('digi-precheck-returned-to').fill('陈档案');
    await page.getByTestId('digi-precheck-run').click();
    const stopped = page.locator('[data-testid="digi-precheck-outcome"][data-result="stopped"]');
    await stopped.waitFor();
    assert.match(await stopped.innerText(), new RegExp(`${code(2)} 预检结果：停止加工，已退回档案室并登记[\\s\\S]*秘密★10年`));
    await page.locator('[data-testid="digi-returns"]').getByText(code(2)).waitFor();
    assert.match(await page.getByTestId('digi-returns').innerText(), /有密级标志“秘密★10年”且无解密标志[\s\S]*陈档案/);
    const returns = listReturns(db(), p.id);
    assert.deepEqual(returns.map((r) => [r.archivalCode, r.reasonCode, r.returnedTo]), [[code(2), 'CLASSIFIED_MARK', '陈档案']]);
    // The clean item passes.
    await choose('digi-precheck-item', code(1));
    await page.getByTestId('digi-precheck-pages').fill('2');
    await page.getByTestId('digi-precheck-run').click();
    await page.locator('[data-testid="digi-precheck-outcome"][data-result="pass"]').waitFor();
    assert.deepEqual(listItems(db(), p.id).map((i) => i.state), ['ready', 'returned', 'pending', 'pending']);

    // The device register: a scanner (with a use) and a USB stick.
    await tab('devices');
    await page.getByTestId('digi-device-label').fill('SCN-01');
    await page.getByTestId('digi-device-serial').fill('FI-7160-0042');
    await page.getByTestId('digi-device-holder').fill('吴外包');
    await page.getByTestId('digi-device-add').click();
    await page.getByTestId('digi-device-state-SCN-01').waitFor();
    await choose('digi-device-kind', 'U 盘');
    await page.getByTestId('digi-device-label').fill('USB-01');
    await page.getByTestId('digi-device-holder').fill('陈档案');
    await page.getByTestId('digi-device-add').click();
    await page.getByTestId('digi-device-state-USB-01').waitFor();
    await page.getByTestId('digi-device-use-SCN-01').click();
    await page.getByTestId('digi-device-text').fill('扫描第 1 件');
    await modalOk('digi-device-submit');
    await page.getByTestId('digi-devices').getByText('扫描第 1 件').waitFor();
    const devices = listDevices(db(), p.id);
    assert.deepEqual(devices.map((d) => [d.kind, d.label, d.serial, d.holder, d.state, d.uses.map((u) => u.purpose)]), [
      ['scanner', 'SCN-01', 'FI-7160-0042', '吴外包', 'in_use', ['扫描第 1 件']], ['usb', 'USB-01', '', '陈档案', 'in_use', []],
    ]);

    // Scanning: the item's folder of page images, ingested as its record through the engine.
    await tab('scan');
    await choose('digi-scan-item', code(1));
    await page.getByTestId('digi-scan-path').fill(path.join(scans, 'i1'));
    await page.getByTestId('digi-scan-device').fill('SCN-01');
    await page.getByTestId('digi-scan-software').fill('PaperStream 3.2');
    await page.getByTestId('digi-scan-run').click();
    const done = page.getByTestId('digi-scan-done');
    await done.waitFor({ timeout: 120_000 });
    const item = listItems(db(), p.id)[0]!;
    assert.equal(item.state, 'scanned');
    assert.ok((await done.innerText()).includes(`${code(1)} 已入库为 ${item.recordCode!}：2 页`), await done.innerText());
    assert.deepEqual(pageMetadata(db(), item.recordId!).map((m) => [m.pageNo, m.deviceId, m.software]), [[1, 'SCN-01', 'PaperStream 3.2'], [2, 'SCN-01', 'PaperStream 3.2']]);

    // The 流程单: the steps the engine wrote, a step done by hand, printed to PDF.
    await tab('sheet');
    const steps = page.getByTestId('digi-sheet-steps');
    await steps.getByText('扫描', { exact: true }).waitFor();
    assert.match(await steps.innerText(), /预检[\s\S]*扫描\s+SCN-01\s+2/);
    assert.equal(await page.locator('[data-testid="digi-sheet-pages"] tbody tr.ant-table-row').count(), 2);
    await choose('digi-sheet-step', '装订');
    await page.getByTestId('digi-sheet-count').fill('2');
    await page.getByTestId('digi-sheet-operator').fill('吴外包');
    await page.getByTestId('digi-sheet-note').fill('按原顺序装订还原');
    await page.getByTestId('digi-sheet-add').click();
    await steps.getByText('按原顺序装订还原').waitFor();
    assert.match(await steps.innerText(), /装订\s+–\s+2\s+吴外包[\s\S]*手工/);
    await page.getByTestId('digi-sheet-out').fill(sheetPdf);
    await page.getByTestId('digi-sheet-print').click();
    const printed = page.getByTestId('digi-sheet-printed');
    await printed.waitFor({ timeout: 60_000 });
    assert.ok((await printed.innerText()).startsWith(`流程单已保存到 ${sheetPdf}（`), await printed.innerText());
    assert.ok(fs.statSync(sheetPdf).size > 1000, 'the PDF was written');
    const text = execFileSync('pdftotext', ['-layout', sheetPdf, '-'], { encoding: 'utf8' });
    assert.match(text, /2016年文书档案数字化（外包）/);
    assert.match(text, /装订/);

    // A vendor operator joins the project.
    await tab('operators');
    await page.getByTestId('digi-operator-username').fill('vendor1');
    await page.getByTestId('digi-operator-add').click();
    assert.equal(await page.getByTestId('digi-operator-added').innerText(), '吴外包 已加入项目。');
    assert.deepEqual(listOperators(db(), p.id).map((o) => [o.username, o.status]), [['vendor1', 'active']]);
    await h.shot('digitization-project');
  });

  test('a vendor operator sees their project, and creating one is refused in words', async () => {
    await logout(page);
    await login(page, 'vendor1', VENDOR_PASSWORD);
    await page.getByTestId('menu-digitization').click();
    await page.locator('[data-testid="digi-open"]').filter({ hasText: PROJECT }).waitFor();
    await page.getByTestId('digi-new').click();
    await page.getByTestId('digi-name').fill('外包方自建项目');
    await page.getByTestId('digi-inhouse').click();
    await page.getByTestId('digi-items-lines').fill(code(9));
    await page.getByTestId('digi-create-submit').click();
    const denied = page.getByTestId('error');
    await denied.waitFor();
    assert.match(await denied.innerText(), /权限不足[\s\S]*ACCESS_DENIED/);
    assert.equal(findProject(db(), '外包方自建项目'), undefined);
    await logout(page);
  });

  test('closing waits for every device to be returned or wiped, asks first, and disables the vendor operator', async () => {
    await login(page, acc.archivist.username, acc.archivist.password);
    await page.getByTestId('menu-digitization').click();
    await page.locator('[data-testid="digi-open"]').filter({ hasText: PROJECT }).click();
    await page.getByTestId('digi-project').waitFor();

    // Devices still out: the engine refuses and says which.
    await page.getByTestId('digi-close').click();
    assert.match(await page.getByTestId('digi-close-text').innerText(), /外包操作员账户[\s\S]*停用/);
    await modalOk('digi-close-ok');
    const err = page.getByTestId('error');
    await err.waitFor();
    assert.match(await err.innerText(), /仍有 2 件设备或载体未归还或未清除（SCN-01, USB-01）/);
    assert.equal(project().state, 'open');

    await tab('devices');
    await page.getByTestId('digi-device-return-SCN-01').click();
    await page.getByTestId('digi-device-text').fill('交还外包方');
    await modalOk('digi-device-submit');
    await page.getByTestId('digi-device-state-SCN-01').getByText('已归还').waitFor();
    await page.getByTestId('digi-device-wipe-USB-01').click();
    await page.getByTestId('digi-device-text').fill('三次覆写后交回');
    await modalOk('digi-device-submit');
    await page.getByTestId('digi-device-state-USB-01').getByText('已清除').waitFor();

    await page.getByTestId('digi-close').click();
    await page.getByTestId('digi-close-text').waitFor();
    await modalOk('digi-close-ok');
    const closed = page.getByTestId('digi-closed');
    await closed.waitFor();
    assert.equal(await closed.innerText(), '项目已结项，已停用外包操作员账户：vendor1。');
    assert.equal(await page.locator('[data-testid="digi-project"]').getAttribute('data-state'), 'closed');
    assert.equal(await page.getByTestId('digi-close').count(), 0, 'a closed project is not closed again');
    assert.equal(project().state, 'closed');
    const status = (db().prepare('SELECT status FROM accounts WHERE username = ?').get('vendor1') as { status: string }).status;
    assert.equal(status, 'disabled');
    await page.getByTestId('digi-back').click();
    await page.locator('[data-testid="digi-projects"] tr.ant-table-row').filter({ hasText: PROJECT }).getByText('已结项').waitFor();
    assert.deepEqual(h.foreign, [], 'no request left the app');
    assert.deepEqual(h.pageErrors, []);
  });
});
