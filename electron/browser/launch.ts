/**
 * `lantai app` (exit codes as the CLI's: 0 closed normally, 1 no browser or UI files, 3 the
 * vault could not be opened): the desktop app without Electron. Starts the app server (server.ts), opens the
 * vault named by --vault, and shows the page in the system's Chromium or Edge as an app window
 * with a private profile in a fresh temp folder; when that window closes (the browser exits),
 * the server stops, the vault closes and the profile is removed.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { msg, type Lang, type Message } from '../../native/api/index.js';
import { findBrowser } from './find-browser.js';
import { browserAppMessages } from './messages.js';
import { startAppServer } from './server.js';

export interface AppLaunchOptions {
  vault: string | undefined;
  browser: string | undefined;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  say(line: string): void;
  /** Stops the app (Ctrl+C): the browser is closed and everything cleaned up as on a window close. */
  signal: AbortSignal;
}

/** Where the renderer bundle is: beside electron/ in the source tree and in the installed app alike. */
export function defaultRendererDir(from: string = import.meta.dirname): string {
  return path.resolve(from, '..', '..', 'renderer', 'dist');
}

/** Flags for an app window that never talks to the network on its own and keeps nothing. */
export function browserArgs(profile: string, launchFile: string, headless: boolean): string[] {
  return [
    `--user-data-dir=${profile}`,
    `--app=${new URL(`file://${launchFile}`).href}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
    '--disable-quic',
    '--window-size=1366,768',
    ...(headless ? ['--headless', '--disable-gpu'] : []),
    // As root (containers, some kiosks) Chromium refuses to start with its sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

/**
 * Builds the renderer when running from the source tree and it has not been built yet
 * (`npx lantai app` straight after npm install); an installed app always carries it.
 */
function ensureRenderer(dir: string, say: (line: string) => void, t: (m: Message) => string): boolean {
  if (fs.existsSync(path.join(dir, 'index.html'))) return true;
  const bundler = path.resolve(dir, '..', '..', 'build', 'bundle.mjs');
  if (!fs.existsSync(bundler)) return false;
  say(t(browserAppMessages.buildingRenderer));
  return spawnSync(process.execPath, [bundler, 'renderer'], { stdio: 'inherit' }).status === 0 && fs.existsSync(path.join(dir, 'index.html'));
}

export async function launchApp(o: AppLaunchOptions): Promise<number> {
  const t = (m: Message) => m[o.lang];
  const rendererDir = defaultRendererDir();
  if (!ensureRenderer(rendererDir, o.say, t)) {
    o.say(t(msg(browserAppMessages.noRenderer, { dir: rendererDir })));
    return 1;
  }
  const browser = findBrowser(o.browser, o.env);
  if (!browser) {
    o.say(t(browserAppMessages.noBrowser));
    return 1;
  }
  const log = o.env['LANTAI_APP_LOG'] === '1' ? (line: string) => process.stderr.write(`[lantai app] ${line}\n`) : undefined;
  const server = await startAppServer({ rendererDir, host: { device: os.hostname(), choosePaths: async () => [] }, ...(log ? { log } : {}) });
  // A private profile, 0700, removed after: no history, cache or token survives the window.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-app-'));
  const cleanup = async () => {
    await server.close();
    // The browser's helper processes (crashpad, zygote) may still write into the profile for a
    // moment after its window closed: keep trying for a few seconds before giving up loudly.
    for (let attempt = 1; ; attempt++) {
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
        return;
      } catch (e) {
        if (attempt >= 5) {
          o.say(t(msg(browserAppMessages.profileLeft, { dir: profile, reason: e instanceof Error ? e.message : String(e) })));
          return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  try {
    if (o.vault) {
      const opened = await server.dispatch('vault:open', { path: path.resolve(o.vault) });
      if (!opened.ok) {
        o.say(t(opened.error.message));
        await cleanup();
        return 3;
      }
    }
    // The secret goes to the browser through a file in the private profile, not on its command
    // line, where any local user could read it in the process list.
    const launchFile = path.join(profile, 'launch.html');
    fs.writeFileSync(launchFile, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${server.launchUrl}"><title>兰台 Lantai</title>\n`, { mode: 0o600 });
    const child = spawn(browser, browserArgs(profile, launchFile, o.env['LANTAI_APP_HEADLESS'] === '1'), { stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('exit', (code) => resolve({ code }));
    });
    // Ctrl+C, a logout or a kill of this process closes the window too: no browser is left
    // holding the removed profile.
    const stop = () => child.kill('SIGTERM');
    o.signal.addEventListener('abort', stop, { once: true });
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
    const spawned = await Promise.race([exited, new Promise<null>((r) => child.once('spawn', () => r(null)))]);
    if (spawned?.error) {
      o.say(t(msg(browserAppMessages.browserFailed, { browser, reason: spawned.error.message })));
      await cleanup();
      return 1;
    }
    o.say(t(msg(browserAppMessages.opened, { browser: path.basename(browser), pid: child.pid ?? '?' })));
    log?.(`${server.origin} profile=${profile}`);
    await exited;
    o.signal.removeEventListener('abort', stop);
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGHUP', stop);
    await cleanup();
    o.say(t(browserAppMessages.closed));
    return 0;
  } catch (e) {
    await cleanup();
    throw e;
  }
}
