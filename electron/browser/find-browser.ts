/**
 * Finds the system's Chromium-family browser for the app window: an explicit choice first
 * (--browser, LANTAI_BROWSER), then the usual places on Linux desktops (Debian, UOS, Kylin) and
 * Windows (Edge ships with Windows 10/11, so an isolated Windows PC always has one).
 */
import fs from 'node:fs';
import path from 'node:path';

const LINUX = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/opt/apps/com.google.chrome/files/google-chrome'];

function windowsCandidates(env: NodeJS.ProcessEnv): string[] {
  const roots = [env['ProgramFiles(x86)'], env['ProgramFiles'], env['LOCALAPPDATA']].filter((r): r is string => Boolean(r));
  return roots.flatMap((r) => [path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.join(r, 'Chromium', 'Application', 'chrome.exe')]);
}

function macCandidates(): string[] {
  return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
}

/** The browser program to run, or null when there is none. */
export function findBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const chosen = explicit ?? env['LANTAI_BROWSER'];
  if (chosen) return fs.existsSync(chosen) ? chosen : null;
  const candidates = platform === 'win32' ? windowsCandidates(env) : platform === 'darwin' ? macCandidates() : LINUX;
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}
