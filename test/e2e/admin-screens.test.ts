/**
 * The administrators' screens, end to end in Chromium over the real engine. The security
 * officer's reviews (保密审查):
 * an approval for someone who is not an archivist is refused with the engine's words; the
 * archivist is approved to view a 涉密 record for 7 days (listed by 档号) and can then open it,
 * until the approval is withdrawn; a record is set to 控制使用 with its basis, audited. The
 * sysadmin's settings (系统设置): a value the engine refuses is named and nothing changes; a good
 * change is stored and audited with before and after.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TransferVault } from '../flows/transfer-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { confirmClick, login, logout, openAs } from './ui-steps.js';
import { makeVaultWithSecret } from './vaults.js';

const root = tempDir();
let h: Harness;
let page: Page;
let tv: TransferVault;
let codes: string[];

/** Whether the archivist's session may open the record (the engine's decision, not the screen's). */
async function archivistCanOpen(recordId: number): Promise<boolean> {
  const api = h.state.api!;
  const s = await api.accounts.login(tv.acc.archivist.username, tv.acc.archivist.password, 'test');
  try {
    api.records.get(s, recordId);
    return true;
  } catch {
    return false;
  } finally {
    api.accounts.logout(s);
  }
}

describe('the security officer\'s reviews and the sysadmin\'s settings in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    buildRenderer();
    ({ tv, codes } = await makeVaultWithSecret(path.join(root, 'unit')));
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('approve an archivist to view a 涉密 record, then withdraw it', async () => {
    await openAs(page, tv.dir, tv.acc.security);
    await page.getByTestId('menu-reviews').click();
    assert.equal(await archivistCanOpen(tv.recordIds[1]!), false, 'no approval yet');

    // The sysadmin is not an archivist: refused, nothing granted.
    await page.getByTestId('grant-user').fill(tv.acc.sysadmin.username);
    await page.getByTestId('grant-purpose').fill('编研');
    await page.getByTestId('grant-records').fill(codes[1]!);
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('error').waitFor();
    assert.equal(await page.getByTestId('error').locator('[data-code]').getAttribute('data-code'), 'GRANT_INVALID');

    await page.getByTestId('grant-user').fill(tv.acc.archivist.username);
    await page.getByTestId('grant-days').fill('7');
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('grant-done').waitFor();
    await page.getByTestId('grant-table').getByText(codes[1]!).waitFor();
    const g = h.state.api!.vault.db.prepare('SELECT id, expires_at AS e FROM access_grants').get() as { id: number; e: string };
    const days = (Date.parse(g.e) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `the approval runs 7 days: ${days}`);
    assert.equal(await archivistCanOpen(tv.recordIds[1]!), true, 'the approval lets the archivist open it');
    await h.shot('reviews-01-granted');

    await confirmClick(page, `grant-revoke-${g.id}`);
    await page.getByTestId('grant-table').getByText(codes[1]!).waitFor({ state: 'detached' });
    assert.equal(await archivistCanOpen(tv.recordIds[1]!), false, 'withdrawn: closed again');
    await page.getByTestId('grant-all').click();
    await page.getByTestId('grant-table').getByText('已撤回').waitFor();
  });

  test('set a record to 控制使用 with its basis', async () => {
    await page.getByTestId('review-tab-record').click();
    await page.getByTestId('review-code').fill(codes[0]!);
    await page.getByTestId('review-kind').getByText('开放状态').click();
    await page.getByTestId('review-status').getByText('控制使用').click();
    await page.getByTestId('review-basis').fill('涉及个人信息，依《档案法》第二十八条控制使用');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-done').waitFor();
    const api = h.state.api!;
    const r = api.vault.db.prepare('SELECT access_status AS s FROM records WHERE archival_code = ?').get(codes[0]) as { s: string };
    assert.equal(r.s, 'restricted');
    const audit = api.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'review_classification' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    assert.match(audit.detail, /第二十八条/);
    await h.shot('reviews-02-access-status');
    await logout(page);
  });

  test('sysadmin settings: a refused value is named and nothing changes; a good change is stored and audited', async () => {
    await login(page, tv.acc.sysadmin.username, tv.acc.sysadmin.password);
    assert.deepEqual((await page.locator('[data-testid^="menu-"]').allTextContents()).map((s) => s.trim()), ['账户管理', '系统设置']);
    await page.getByTestId('menu-settings').click();
    const api = h.state.api!;
    const setting = (key: string) => (api.vault.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    const before = setting('appraisal.minDeciders');
    await page.getByTestId('set-minDeciders').fill('1');
    await page.getByTestId('settings-save-catalog').click();
    await page.getByTestId('error').waitFor();
    assert.match(await page.getByTestId('error').innerText(), /minDeciders/);
    assert.equal(setting('appraisal.minDeciders'), before, 'nothing changed');

    await page.getByTestId('set-minDeciders').fill('3');
    await page.getByTestId('settings-save-catalog').click();
    await page.getByTestId('settings-saved').waitFor();
    assert.equal(setting('appraisal.minDeciders'), '3');
    await page.getByTestId('set-idleLockMinutes').fill('20');
    await page.getByTestId('settings-save-auth').click();
    await page.getByTestId('settings-saved').getByText('登录与会话设置已保存').waitFor();
    assert.equal(api.accounts.settings().idleLockMinutes, 20);
    const rows = api.vault.db.prepare("SELECT object_id AS o, detail FROM audit_log WHERE action = 'change_settings' AND result = 'ok' AND detail LIKE '%after%' ORDER BY seq").all() as { o: string; detail: string }[];
    assert.deepEqual(rows.map((r) => r.o), ['catalog', 'auth'], 'one audited change each, with before and after');
    assert.match(rows[1]!.detail, /"idleLockMinutes":20/);
    await h.shot('settings-01-saved');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
