/** Steps the screen tests share: open a vault from the vault screen, log in and out, confirm a popover. */
import type { Page } from 'playwright-core';

/** Clicks a button that asks for confirmation, then confirms in the popover. */
export async function confirmClick(page: Page, testId: string): Promise<void> {
  // Wait out any popover still fading from an earlier confirmation, so the OK is this one's.
  const closed = () => page.waitForFunction(() => document.querySelectorAll('.ant-popconfirm:not(.ant-popover-hidden)').length === 0);
  await closed();
  await page.getByTestId(testId).click();
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '确定' }).click();
  await closed();
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
