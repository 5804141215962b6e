/**
 * The registers screen (登记簿), end to end in Chromium over the real engine: the archivist
 * registers a use of a record named by its 档号; a 涉密 record without a named approver is
 * refused with the engine's words and nothing is stored, with one it is registered; originals
 * are checked out (a due time in the past is refused) and come back one short: the return is
 * recorded as short with the missing item named. The security officer reads the registers and
 * gets no forms. A stack room is sealed and unsealed by two people; one alone is refused.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TransferVault } from '../flows/transfer-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { login, logout, openAs, secondPersonAs } from './ui-steps.js';
import { makeVaultWithSecret } from './vaults.js';

const root = tempDir();
let h: Harness;
let page: Page;
let tv: TransferVault;
let codes: string[];

function count(table: string): number {
  return (h.state.api!.vault.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('the registers screen in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    buildRenderer();
    ({ tv, codes } = await makeVaultWithSecret(path.join(root, 'unit')));
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('access register: a record by 档号; a 涉密 one needs a named approver', async () => {
    await openAs(page, tv.dir, tv.acc.archivist);
    await page.getByTestId('menu-registers').click();
    await page.getByTestId('reg-access-person').fill('王研究');
    await page.getByTestId('reg-access-unit').fill('市志办');
    await page.getByTestId('reg-access-purpose').fill('编修市志');
    await page.getByTestId('reg-access-records').fill(codes[0]!);
    await page.getByTestId('reg-access-submit').click();
    await page.getByTestId('reg-access-done').waitFor();
    const table = page.getByTestId('reg-access-table');
    await table.getByText('王研究（市志办）').waitFor();
    assert.ok((await table.innerText()).includes(codes[0]!));
    const linked = h.state.api!.vault.db.prepare('SELECT record_id AS id FROM access_register_items').all() as { id: number | null }[];
    assert.deepEqual(linked.map((r) => r.id), [tv.recordIds[0]], 'the record named by 档号 is linked, not just written down');

    // The 涉密 record without an approver: refused, nothing stored.
    await page.getByTestId('reg-access-person').fill('赵利用');
    await page.getByTestId('reg-access-purpose').fill('查考');
    await page.getByTestId('reg-access-records').fill(codes[1]!);
    await page.getByTestId('reg-access-submit').click();
    await page.getByTestId('error').waitFor();
    assert.equal(await page.getByTestId('error').locator('[data-code]').getAttribute('data-code'), 'REGISTER_INVALID');
    assert.ok((await page.getByTestId('error').innerText()).includes(codes[1]!), 'the refused record is named');
    assert.equal(count('access_register'), 1);
    await h.shot('registers-01-refused');

    await page.getByTestId('reg-access-approver').fill('李处长');
    await page.getByTestId('reg-access-submit').click();
    await page.getByTestId('reg-access-done').waitFor();
    await table.getByText('李处长').waitFor();
    assert.equal(count('access_register'), 2);
    const audit = h.state.api!.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'register_access' AND result = 'ok'").get() as { n: number };
    assert.equal(audit.n, 2, 'each line is audited');
  });

  test('checkout and a short return: the missing item is named', async () => {
    await page.getByTestId('reg-tab-checkout').click();
    await page.getByTestId('reg-checkout-user').fill('周借阅');
    await page.getByTestId('reg-checkout-responsible').fill('陈档案');
    await page.getByTestId('reg-checkout-reason').fill('展览');
    await page.getByTestId('reg-checkout-items').fill('WS·2016-D30-0001\nWS·2016-D30-0002');
    await page.getByTestId('reg-checkout-due').fill('2020-01-01T10:00');
    await page.getByTestId('reg-checkout-submit').click();
    await page.getByTestId('error').waitFor();
    assert.match(await page.getByTestId('error').innerText(), /应还时间/);
    assert.equal(count('checkouts'), 0);

    await page.getByTestId('reg-checkout-due').fill('2099-01-01T10:00');
    await page.getByTestId('reg-checkout-submit').click();
    await page.getByTestId('reg-checkout-done').waitFor();
    const id = (h.state.api!.vault.db.prepare('SELECT id FROM checkouts').get() as { id: number }).id;
    await page.getByTestId(`reg-checkout-status-${id}`).getByText('在外').waitFor();

    await page.getByTestId(`reg-return-${id}`).click();
    await page.getByTestId('reg-return-count').fill('1');
    await page.getByTestId('reg-return-items').getByText('WS·2016-D30-0002').click();
    await page.getByTestId('reg-return-submit').click();
    const status = page.getByTestId(`reg-checkout-status-${id}`);
    await status.getByText('归还不符').waitFor();
    assert.match(await status.innerText(), /缺：WS·2016-D30-0002/);
    await h.shot('registers-02-short-return');
  });

  test('seal and unseal a stack room: the second person confirms with their own login; one person alone is refused', async () => {
    await page.getByTestId('reg-tab-stacks').click();
    await page.getByTestId('stack-name').fill('一号库房');
    await page.getByTestId('stack-submit').click();
    // The archivist confirming their own step: refused in the modal, nothing recorded.
    await secondPersonAs(page, tv.acc.archivist);
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('second-username') });
    await modal.getByTestId('error').waitFor();
    assert.equal(await modal.getByTestId('error').locator('[data-code]').getAttribute('data-code'), 'TWO_PERSON_REQUIRED');
    assert.equal(count('stack_events'), 0);

    await secondPersonAs(page, tv.acc.security);
    await page.getByTestId('stack-done').waitFor();
    await page.getByTestId('stack-states').getByText('已封库').waitFor();
    const sealed = h.state.api!.vault.db.prepare('SELECT kind, first_account AS a, second_account AS b FROM stack_events').all() as { kind: string; a: number; b: number }[];
    assert.equal(sealed.length, 1);
    assert.notEqual(sealed[0]!.a, sealed[0]!.b);
    // The second person's login was for that one call: no session of theirs is left open.
    assert.equal(h.state.session?.username, tv.acc.archivist.username);

    await page.getByTestId('stack-kind').getByText('启库').click();
    await page.getByTestId('stack-purpose').fill('调取原件');
    await page.getByTestId('stack-submit').click();
    await secondPersonAs(page, tv.acc.security);
    await page.getByTestId('stack-states').getByText('已启库').waitFor();
    await page.getByTestId('stack-log').getByText('调取原件').waitFor();
    assert.equal(count('stack_events'), 2);
    await h.shot('registers-03-stacks');
    await logout(page);
  });

  test('the security officer reads the registers and gets no forms', async () => {
    await login(page, tv.acc.security.username, tv.acc.security.password);
    await page.getByTestId('menu-registers').click();
    await page.getByTestId('reg-access-table').getByText('王研究（市志办）').waitFor();
    assert.equal(await page.getByTestId('reg-access-person').count(), 0);
    await page.getByTestId('reg-tab-checkout').click();
    await page.getByTestId('reg-checkout-table').getByText('周借阅').waitFor();
    assert.equal(await page.getByTestId('reg-checkout-user').count(), 0);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
