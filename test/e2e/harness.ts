/**
 * The UI test harness: the real renderer bundle (renderer/dist, loaded from file://) in
 * Debian's Chromium, with window.vault provided through page.exposeBinding and routed through
 * the SAME dispatch() and handler table that electron/main registers with ipcMain, over a real
 * VaultApi. Every request the page makes is recorded; anything that is not one of the app's
 * own files is also blocked, and the tests assert there were none.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { dispatch, newShellState, closeVault, type HandlerHost, type ShellState } from '../../electron/main/handlers.js';
import { isOwnUrl } from '../../electron/main/security.js';
import type { VaultEvent } from '../../electron/contract.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'renderer', 'dist');
export const SHOTS = path.join(ROOT, '.cache', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the renderer bundle once per test file (esbuild: about a second). */
export function buildRenderer(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'build', 'bundle.mjs'), 'renderer'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

export interface Harness {
  context: BrowserContext;
  page: Page;
  state: ShellState;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Requests that were not the app's own files (blocked). Must stay empty. */
  foreign: string[];
  /** Every event the handlers emitted, in order. */
  events: VaultEvent[];
  /** Page errors and console errors. */
  pageErrors: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

// Runs in the page before the app: the same window.vault shape the preload exposes.
const INIT = `(() => {
  const listeners = new Set();
  window.__lantaiEmit = (e) => { for (const l of listeners) l(e); };
  window.vault = Object.freeze({
    invoke: (channel, request) => window.__lantaiBinding(channel, request === undefined ? null : request),
    on: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  });
})();`;

export async function launch(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  fs.mkdirSync(SHOTS, { recursive: true });
  // Removed by close() once Chromium has exited (a temp-dir hook could run while it still writes).
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-e2e-profile-'));
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
  });
  try {
    return await attach(context, () => {
      removeProfile();
    });
  } catch (e) {
    await context.close().catch(() => undefined);
    removeProfile();
    throw e;
  }
}

async function attach(context: BrowserContext, removeProfile: () => void): Promise<Harness> {
  const state = newShellState();
  const requests: string[] = [];
  const foreign: string[] = [];
  const events: VaultEvent[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
    if (!isOwnUrl(r.url(), RENDERER_DIR)) foreign.push(r.url());
  });
  await context.route('**/*', (route) => (isOwnUrl(route.request().url(), RENDERER_DIR) ? route.continue() : route.abort('blockedbyclient')));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  const host: HandlerHost = {
    device: 'e2e-档案室-01',
    emit: (event) => {
      events.push(event);
      page.evaluate((e) => (window as unknown as { __lantaiEmit?: (x: unknown) => void }).__lantaiEmit?.(e), event).catch(() => undefined);
    },
    choosePaths: async () => [],
  };
  await page.exposeBinding('__lantaiBinding', (_source, channel: unknown, request: unknown) => dispatch(state, host, channel, request ?? undefined));
  await page.addInitScript(INIT);
  await page.goto(pathToFileURL(path.join(RENDERER_DIR, 'index.html')).href);
  return {
    context,
    page,
    state,
    requests,
    foreign,
    events,
    pageErrors,
    shot: async (name) => {
      const file = path.join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: async () => {
      await context.close();
      closeVault(state);
      removeProfile();
    },
  };
}
