/**
 * The UI test harness: the real renderer bundle in Debian's Chromium, served by the same app
 * server `lantai app` runs (electron/browser/server.ts: the SAME dispatch() and handler table
 * that electron/main registers with ipcMain, over a real VaultApi), so the tests drive the UI
 * the way a person without Electron sees it. Every request the page makes is recorded;
 * anything that is not the app server's own origin is also blocked, and the tests assert
 * there were none.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../../electron/browser/server.js';
import type { ShellState } from '../../electron/main/handlers.js';
import type { VaultEvent } from '../../electron/contract.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'renderer', 'dist');
/** Screenshots, named <journey>-<step>.png (.cache/ is gitignored). */
export const SHOTS = path.join(ROOT, '.cache', 'e2e', 'screenshots');
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
  /** The app server the page talks to (the one `lantai app` runs). */
  server: AppServer;
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

/** launch(), with each page step waiting up to `stepTimeoutMs` (the suites' usual setup). */
export async function launchUi(stepTimeoutMs = 20_000): Promise<Harness> {
  const h = await launch();
  h.page.setDefaultTimeout(stepTimeoutMs);
  return h;
}

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
  const requests: string[] = [];
  const foreign: string[] = [];
  const events: VaultEvent[] = [];
  const pageErrors: string[] = [];
  const server: AppServer = await startAppServer({
    rendererDir: RENDERER_DIR,
    host: { device: 'e2e-档案室-01', choosePaths: async () => [] },
    onEvent: (event) => events.push(event),
  });
  const own = (url: string) => url.startsWith(`${server.origin}/`) || url.startsWith('data:');
  context.on('request', (r) => {
    requests.push(r.url());
    if (!own(r.url())) foreign.push(r.url());
  });
  await context.route('**/*', (route) => (own(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(server.launchUrl);
  return {
    context,
    page,
    server,
    state: server.state,
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
      await server.close();
      removeProfile();
    },
  };
}
