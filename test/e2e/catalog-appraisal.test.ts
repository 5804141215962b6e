/**
 * Catalog upkeep and declassification screens, end to end in Chromium over the real engine:
 * the archivist edits a record's fields (a bad date is refused with the engine's words under
 * that field, nothing stored; a good edit is stored and audited with old and new values), and
 * the security officer declassifies a record whose classification period has ended; a record
 * whose retention has ended goes through appraisal: proposed, voted by two archivists, approved
 * by the security officer, destroyed with its destruction register.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeTransferVault, type TransferVault } from '../flows/transfer-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launch, type Harness } from './harness.js';
import { confirmClick, login, logout, openVault } from './ui-steps.js';

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
    h = await launch();
    page = h.page;
    page.setDefaultTimeout(20_000);
  });

  after(async () => {
    await h?.close();
  });

  test('a refused value shows the engine\'s words under its field; a good edit is stored and audited', async () => {
    await openVault(page, tv.dir);
    await login(page, tv.acc.archivist.username, tv.acc.archivist.password);
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
    assert.deepEqual(h.pageErrors, []);
  });
});
