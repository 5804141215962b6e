/**
 * Catalog upkeep and declassification screens, end to end in Chromium over the real engine:
 * the archivist edits a record's fields (a bad date is refused with the engine's words under
 * that field, nothing stored; a good edit is stored and audited with old and new values) and
 * previews and confirms a record's 档号 (fixed afterwards), exports and prints the catalog and
 * sees a refused import listed row by row; the security officer declassifies a
 * record whose classification period has ended; a record whose retention has ended goes through
 * appraisal: proposed, voted by two archivists, approved
 * by the security officer, destroyed with its destruction register.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeTransferVault, type TransferVault } from '../flows/transfer-fixture.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { chooseOption, confirmClick, login, logout, openAs } from './ui-steps.js';

const root = tempDir();
let h: Harness;
let page: Page;
let tv: TransferVault;
let ids: number[];
const SECOND = { username: 'sunda', password: 'sunda-口令-0010' };

describe('catalog edit, declassification and appraisal screens in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    buildRenderer();
    tv = await makeTransferVault(path.join(root, 'unit'), { records: 3, key: false });
    ids = tv.recordIds;
    // The second record was 秘密 for 5 years from 2016: its period has ended.
    tv.api.vault.db.prepare("UPDATE records SET classification = 'secret', classification_period = '5年' WHERE id = ?").run(ids[1]);
    // The third record was filed for 10 years in 2010: its retention has ended.
    tv.api.vault.db.prepare("UPDATE records SET retention = 'D10', year = 2010, doc_date = '2010-03-01' WHERE id = ?").run(ids[2]);
    // The 鉴定小组 needs two people: a second archivist, made as the sysadmin makes one.
    const sys = await tv.api.accounts.login(tv.acc.sysadmin.username, tv.acc.sysadmin.password, 'test');
    await tv.api.accounts.create(sys, { username: SECOND.username, displayName: '孙档案', password: 'initial-口令-0009', roles: ['archivist'] });
    const second = await tv.api.accounts.login(SECOND.username, 'initial-口令-0009', 'test');
    await tv.api.accounts.changeOwnPassword(second, 'initial-口令-0009', SECOND.password);
    tv.api.close();
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('a refused value shows the engine\'s words under its field; a good edit is stored and audited', async () => {
    await openAs(page, tv.dir, tv.acc.archivist);
    await page.getByTestId('menu-catalogEdit').click();
    await page.getByTestId(`edit-pick-${ids[0]}`).click();
    await page.getByTestId('edit-docDate').fill('2016-13-45');
    await page.getByTestId('edit-save').click();
    const fieldError = page.locator('.edit-field-docDate .ant-form-item-explain-error');
    await fieldError.waitFor();
    assert.match(await fieldError.innerText(), /成文日期/);
    const api = h.state.api!;
    const stored = () => api.vault.db.prepare('SELECT title, doc_date AS docDate FROM records WHERE id = ?').get(ids[0]) as { title: string; docDate: string | null };
    assert.notEqual(stored().docDate, '2016-13-45', 'nothing stored');

    await page.getByTestId('edit-docDate').fill('2016-05-04');
    await page.getByTestId('edit-title').fill('关于档案移交工作的通知（修订）');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-note').waitFor();
    assert.match(await page.getByTestId('edit-note').innerText(), /修改 2 项/);
    assert.deepEqual(stored(), { title: '关于档案移交工作的通知（修订）', docDate: '2016-05-04' });
    const audit = api.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'edit_record' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    assert.match(audit.detail, /2016-05-04/);
    await h.shot('catalog-edit-saved');
  });

  test('档号确认: the preview shows the code a record will get, confirming fixes exactly that code', async () => {
    const api = h.state.api!;
    const row = () => api.vault.db.prepare('SELECT archival_code AS code, code_status AS status FROM records WHERE id = ?').get(ids[0]) as { code: string; status: string };
    assert.equal(row().status, 'provisional');
    await page.getByTestId('upkeep-tab-confirm').click();
    await page.getByTestId('confirm-codes').fill(row().code);
    await page.getByTestId('confirm-preview').click();
    const batch = page.getByTestId('confirm-batch');
    await batch.waitFor();
    const previewed = (await batch.locator('tbody tr td').nth(1).innerText()).trim().split(/\s/)[0]!;
    assert.match(previewed, /·2016-/, `the year comes from the 成文日期: ${previewed}`);
    await confirmClick(page, 'confirm-fix');
    await page.getByTestId('confirm-done').getByText('已确认 1 件档号').waitFor();
    assert.deepEqual(row(), { code: previewed, status: 'fixed' });
    await page.getByTestId('confirm-codes').fill(previewed);
    await page.getByTestId('confirm-preview').click();
    await page.getByTestId('confirm-empty').waitFor();
    await h.shot('catalog-confirm');
  });

  test('目录输出: export CSV and print the catalog PDF; a refused import lists each bad row and field, and imports nothing', async () => {
    const api = h.state.api!;
    const csv = path.join(root, '目录 2016.csv');
    const pdf = path.join(root, '归档文件目录 2016.pdf');
    await page.getByTestId('upkeep-tab-output').click();
    await chooseOption(page, page.getByTestId('output-kind'), '导出 CSV');
    await page.getByTestId('output-year').fill('2016');
    await page.getByTestId('output-path').fill(csv);
    await page.getByTestId('output-write').click();
    await page.getByTestId('output-note').getByText(/已导出 \d+ 件/).waitFor();
    const text = fs.readFileSync(csv, 'utf8');
    assert.ok(text.includes('档号'), 'the DA/T 22 header');

    await chooseOption(page, page.getByTestId('output-kind'), '打印归档文件目录');
    await page.getByTestId('output-path').fill(pdf);
    await page.getByTestId('output-write').click();
    await page.getByTestId('output-note').getByText(/页/).waitFor();
    assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');

    // The exported file back in, with one date broken: every refused row is listed; nothing imported.
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const dateCol = header.findIndex((h) => h.includes('日期'));
    assert.ok(dateCol >= 0, header.join(','));
    const row = lines[1]!.split(',');
    row[dateCol] = '2016-13-45';
    lines[1] = row.join(',');
    const bad = path.join(root, '目录 待导入.csv');
    fs.writeFileSync(bad, lines.join('\n'));
    const before = (api.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    await page.getByTestId('import-file').fill(bad);
    await page.getByTestId('import-run').click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    assert.equal(await page.getByTestId('error').locator('[data-code]').getAttribute('data-code'), 'CATALOG_IMPORT_REFUSED');
    assert.match(await problems.innerText(), /2016-13-45/);
    assert.equal((api.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, before);
    await h.shot('catalog-import-refused');
    await logout(page);
  });

  test('the security officer declassifies a record whose period has ended', async () => {
    await login(page, tv.acc.security.username, tv.acc.security.password);
    await page.getByTestId('menu-declassify').click();
    await page.getByTestId(`declass-basis-${ids[1]}`).fill('保密期限届满，经审核可以公开');
    await confirmClick(page, `declass-submit-${ids[1]}`);
    await page.getByTestId('declass-done').waitFor();
    await page.getByTestId('declass-none').waitFor();
    const r = h.state.api!.vault.db.prepare('SELECT classification FROM records WHERE id = ?').get(ids[1]) as { classification: string };
    assert.equal(r.classification, 'public');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });

  test('appraisal: proposed, voted by two archivists, approved by the security officer, destroyed with its register', async () => {
    await logout(page);
    await login(page, tv.acc.archivist.username, tv.acc.archivist.password);
    await page.getByTestId('menu-appraisal').click();
    await page.getByTestId('appr-round-title').fill('2026年度到期档案鉴定');
    await page.getByTestId(`appr-reason-${ids[2]}`).fill('保管期限已满十年，已无保存价值');
    await page.getByTestId(`appr-propose-${ids[2]}`).click();
    await page.getByTestId('appr-note').getByText(/列入鉴定轮次/).waitFor();
    const roundId = Number(/轮次 (\d+)/.exec(await page.getByTestId('appr-note').innerText())![1]);
    const vote = async () => {
      await page.getByTestId(`appr-open-${roundId}`).click();
      await page.getByTestId('appr-agree').click();
      await page.getByTestId('appr-note').getByText('已表决。').waitFor();
    };
    await vote();
    await logout(page);
    await login(page, SECOND.username, SECOND.password);
    await page.getByTestId('menu-appraisal').click();
    await vote();
    await logout(page);

    await login(page, tv.acc.security.username, tv.acc.security.password);
    await page.getByTestId('menu-appraisalApprove').click();
    await page.getByTestId(`appr-open-${roundId}`).click();
    await page.getByTestId('appr-basis').fill('经鉴定小组表决一致同意');
    await confirmClick(page, 'appr-approve');
    await page.getByTestId('appr-note').getByText(/已批准轮次/).waitFor();
    await logout(page);

    await login(page, tv.acc.archivist.username, tv.acc.archivist.password);
    await page.getByTestId('menu-appraisal').click();
    await page.getByTestId(`appr-open-${roundId}`).click();
    await confirmClick(page, 'appr-destroy');
    await page.getByTestId('appr-note').getByText(/销毁清册第 \d+ 号，1 件/).waitFor();
    const r = h.state.api!.vault.db.prepare('SELECT disposal FROM records WHERE id = ?').get(ids[2]) as { disposal: string };
    assert.equal(r.disposal, 'destroyed');
    await h.shot('appraisal-destroyed');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });

  test('补扫: an entry imported from a catalog file gets its scans on the ingest screen (the 档号 choice), its fields kept; a second attach is refused', async () => {
    const api = h.state.api!;
    const code = 'Z109-WS·2012-D10-BGS-0009';
    const csv = path.join(root, '待扫描目录.csv');
    fs.writeFileSync(csv, `档号,题名,责任者,日期,页数,密级\n${code},待扫描的值班通知,办公室,2012-02-02,1,公开\n`);
    const scans = path.join(root, '补扫');
    await writeTestPage(path.join(scans, '1.jpg'), 909);
    await page.getByTestId('menu-catalogEdit').click();
    await page.getByTestId('upkeep-tab-output').click();
    await page.getByTestId('import-file').fill(csv);
    await page.getByTestId('import-run').click();
    await page.getByTestId('output-note').getByText(/已导入 1 条目录/).waitFor();
    const awaiting = api.vault.db.prepare('SELECT scan_status AS s FROM records WHERE archival_code = ?').get(code) as { s: string };
    assert.equal(awaiting.s, 'awaiting');

    await page.getByTestId('menu-ingest').click();
    await page.getByTestId('ingest-paths').fill(scans);
    await page.getByTestId('ingest-attach-to').fill(code);
    await page.getByTestId('ingest-title').waitFor({ state: 'hidden' });
    await page.getByTestId('ingest-start').click();
    await page.getByTestId('ingest-done').getByText(/成功 1 件/).waitFor({ timeout: 60_000 });
    const rec = api.vault.db.prepare('SELECT scan_status AS s, page_count AS pages, title FROM records WHERE archival_code = ?').get(code);
    assert.deepEqual({ ...(rec as object) }, { s: 'scanned', pages: 1, title: '待扫描的值班通知' });
    await h.shot('ingest-attached');

    await page.getByTestId('ingest-start').click();
    await page.getByTestId('error').locator('[data-code="INGEST_ALREADY_SCANNED"]').waitFor();
    assert.match(await page.getByTestId('error').innerText(), /已有扫描件/);
    assert.deepEqual(h.pageErrors, []);
  });
});
