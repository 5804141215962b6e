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

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
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
  await page.getByTestId('vault-path').fill(dir);
  await page.getByTestId('vault-open').click();
  await page.getByTestId('login-form').waitFor();
}
