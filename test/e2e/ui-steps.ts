/** Steps the screen tests share: open a vault from the vault screen, log in and out, confirm a popover, pick an option. */
import type { Locator, Page } from 'playwright-core';

/** A confirmation popover on screen that is not on its way out (a leaving one takes no clicks). */
const OPEN_CONFIRM = '.ant-popconfirm:not(.ant-popover-hidden):not([class*="-leave"])';

/** What the confirmation popovers on screen are doing, for a failure message. */
const confirmState = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('.ant-popconfirm:not(.ant-popover-hidden)'),
  (el) => `${el.className} «${(el as HTMLElement).innerText.replace(/\s+/g, ' ')}»${el.querySelector('.ant-btn-loading') ? ' (OK loading)' : ''}`).join(' | ') || '(none)');

/**
 * Clicks a button that asks for confirmation, then confirms in the popover. An OK click that
 * missed (the popover stays open, idle: no leave motion, no loading OK) is clicked again;
 * one that took closes the popover or shows it busy, and is waited for.
 */
export async function confirmClick(page: Page, testId: string): Promise<void> {
  const closed = (timeout: number) => page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, OPEN_CONFIRM, { timeout }).then(() => true, () => false);
  // Wait out any popover still open from an earlier confirmation, so the OK is this one's.
  if (!(await closed(20_000))) throw new Error(`a confirmation is still open before clicking ${testId}: ${await confirmState(page)}`);
  await page.getByTestId(testId).click();
  const ok = page.locator(OPEN_CONFIRM).getByRole('button', { name: '确定' });
  await ok.click();
  for (let waited = 0; waited < 30_000; waited += 5000) {
    if (await closed(5000)) return;
    const idle = await page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).some((el) => !el.querySelector('.ant-btn-loading')), OPEN_CONFIRM);
    if (!idle) continue;
    console.log(`confirmClick(${testId}): the OK click did not take; clicking again: ${await confirmState(page)}`);
    await ok.click({ timeout: 3000 }).catch(() => undefined);
  }
  throw new Error(`the confirmation of ${testId} did not close: ${await confirmState(page)}`);
}

/** Types a login and submits it, without waiting for what comes next (a refusal, a password change, the main screen). */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await submitLogin(page, username, password);
  await page.getByTestId('main-menu').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await confirmClick(page, 'logout');
  await page.getByTestId('login-form').waitFor();
}

/** Closes whatever vault is open (as a person quitting does) and opens `dir` from the vault screen. */
export async function openVault(page: Page, dir: string): Promise<void> {
  await page.evaluate(() => (window as unknown as { vault: { invoke: (c: string, r: unknown) => Promise<unknown> } }).vault.invoke('vault:close', undefined));
  await page.reload();
  await openFromVaultScreen(page, dir);
}

/** Opens `dir` from the vault screen the page shows now (a fresh launch), up to the login form. */
export async function openFromVaultScreen(page: Page, dir: string): Promise<void> {
  await page.getByTestId('vault-path').fill(dir);
  await page.getByTestId('vault-open').click();
  await page.getByTestId('login-form').waitFor();
}

/** Opens the vault at `dir` from the vault screen and logs `who` in, up to the main screen. */
export async function openAs(page: Page, dir: string, who: { username: string; password: string }): Promise<void> {
  await openVault(page, dir);
  await login(page, who.username, who.password);
}

/** Types `who`'s login into a credentials dialog (CredentialsFields: `${prefix}-username`, `${prefix}-password`). */
async function fillCredentials(page: Page, prefix: string, who: { username: string; password: string }): Promise<void> {
  await page.getByTestId(`${prefix}-username`).fill(who.username);
  await page.getByTestId(`${prefix}-password`).fill(who.password);
}

/** The security officer's approval dialog (ApprovalModal): `who`'s login and the unit key's passphrase, then OK. */
export async function approveAs(page: Page, who: { username: string; password: string }, keyPassphrase: string): Promise<void> {
  await fillCredentials(page, 'approval', who);
  await page.getByTestId('approval-passphrase').fill(keyPassphrase);
  await page.getByTestId('approval-submit').click();
}

/** The second person's dialog at a two-person step (SecondPersonModal): `who`'s login, then OK. */
export async function secondPersonAs(page: Page, who: { username: string; password: string }): Promise<void> {
  await fillCredentials(page, 'second', who);
  await page.getByTestId('second-submit').click();
}

/**
 * Picks the option showing `option` in the antd Select `select`, and waits until the select shows
 * it as chosen. Under load a click on an option still zooming in can miss (the dropdown stays
 * open and nothing is chosen, which a later step only notices as a timeout); the pick is then
 * tried again, and a select that still does not show it fails here, saying what it shows.
 */
export async function chooseOption(page: Page, select: Locator, option: string | RegExp, shown: string | RegExp = option): Promise<void> {
  const shows = async () => {
    const text = await select.innerText();
    return typeof shown === 'string' ? text.includes(shown) : shown.test(text);
  };
  for (let attempt = 1; attempt <= 3; attempt++) {
    await select.click();
    // The open dropdown's options only (an earlier one may still be fading out).
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).last().click();
    for (let waited = 0; waited < 3000 && !(await shows()); waited += 100) await page.waitForTimeout(100);
    if (await shows()) return;
    console.log(`chooseOption: picking ${String(option)} did not take (attempt ${attempt}); the select shows: ${await select.innerText()}`);
    await page.keyboard.press('Escape');
  }
  throw new Error(`the select does not show ${String(shown)} after picking it three times; it shows: ${await select.innerText()}`);
}
