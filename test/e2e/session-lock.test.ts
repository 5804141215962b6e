/**
 * Issue 13 part 5: a session that locks itself after idling (the auth settings' idle minutes)
 * is unlocked without losing the screen. In Chromium over the real engine: the archivist has
 * searched and typed the next query; the session goes idle (its last activity set back, as
 * time would); the next search is refused by the engine as SESSION_LOCKED, an unlock dialog
 * covers the screen, a wrong password is refused in it, the right one unlocks, and the search
 * that was held up completes on the same screen. Logging out from the dialog ends the session.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { reindexAll } from '../../native/search/indexer.js';
import { makeTransferVault, type TransferVault } from '../flows/transfer-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { openAs } from './ui-steps.js';

const root = tempDir();
let h: Harness;
let page: Page;
let tv: TransferVault;

function searchBox() {
  return page.getByTestId('search-input').locator('input');
}

/** As if the idle minutes had passed since the archivist's last action. */
function goIdle(): void {
  h.state.api!.vault.db.prepare("UPDATE sessions SET last_active_at = '2000-01-01T00:00:00.000Z' WHERE ended_at IS NULL AND id = ?").run(h.state.session!.sessionId);
}

function audited(action: string): number {
  return (h.state.api!.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ? AND result = 'ok'").get(action) as { n: number }).n;
}

describe('unlocking an idle-locked session in Chromium', { timeout: 150_000 }, () => {
  before(async () => {
    buildRenderer();
    tv = await makeTransferVault(path.join(root, 'unit'), { records: 2, key: false });
    // The fixture stores the pages' text without indexing it: index it, as the OCR stage does.
    reindexAll(tv.api.vault.db);
    tv.api.close();
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('the unlock dialog covers the screen; the right password unlocks it and the held search completes there', async () => {
    await openAs(page, tv.dir, tv.acc.archivist);
    await page.getByTestId('menu-search').click();
    await searchBox().fill('移交');
    await searchBox().press('Enter');
    await page.getByTestId('search-summary').getByText(/找到 2 件/).waitFor();
    await searchBox().fill('不存在的词语');

    goIdle();
    await searchBox().press('Enter');
    const dialog = page.getByTestId('unlock-form');
    await dialog.waitFor();
    assert.ok(h.events.some((e) => e.type === 'session:locked'), 'the shell said the session locked');
    assert.ok(h.state.session, 'the session is kept while locked');
    assert.equal(audited('lock_session'), 1, 'the lock is audited');
    // Behind the dialog, the screen is as it was: the typed query and the last results.
    assert.equal(await searchBox().inputValue(), '不存在的词语');
    assert.match(await page.getByTestId('search-summary').innerText(), /找到 2 件/);
    assert.equal(await page.getByTestId('login-form').count(), 0, 'no fall back to the login screen');
    assert.match(await dialog.innerText(), /会话已锁定|长时间未操作/);
    await h.shot('lock-01-dialog');

    await page.getByTestId('unlock-password').fill('不是这个口令-0000');
    await page.getByTestId('unlock-submit').click();
    await dialog.getByTestId('error').waitFor();
    assert.match(await dialog.getByTestId('error').innerText(), /口令错误/);
    assert.equal(audited('unlock_session'), 0);
    await page.waitForTimeout(1100); // the engine's throttle after one wrong password

    await page.getByTestId('unlock-password').fill(tv.acc.archivist.password);
    await page.getByTestId('unlock-submit').click();
    await dialog.waitFor({ state: 'detached' });
    // The search the lock held up ran once unlocked, on the same screen.
    await page.getByText('没有找到匹配的档案。').waitFor();
    assert.equal(await searchBox().inputValue(), '不存在的词语');
    assert.equal(audited('unlock_session'), 1, 'the unlock is audited');
    await searchBox().fill('移交');
    await searchBox().press('Enter');
    await page.getByTestId('search-summary').getByText(/找到 2 件/).waitFor();
    await h.shot('lock-02-unlocked');
  });

  test('logging out from the unlock dialog ends the session and shows the login', async () => {
    const sessionId = h.state.session!.sessionId;
    goIdle();
    await page.getByTestId('menu-catalog').click();
    await page.getByTestId('unlock-form').waitFor();
    await page.getByTestId('unlock-logout').click();
    await page.getByTestId('login-form').waitFor();
    assert.equal(h.state.session, null);
    const ended = h.state.api!.vault.db.prepare('SELECT ended_at AS e FROM sessions WHERE id = ?').get(sessionId) as { e: string | null };
    assert.ok(ended.e, 'the session is ended in the catalog');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors.filter((e) => !/Warning:/.test(e)), []);
  });
});
