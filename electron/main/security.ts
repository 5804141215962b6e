/**
 * Window hardening (DESIGN.md, after VS Code): the renderer is a sandboxed page with no Node,
 * a strict CSP, and no way to navigate, open windows, ask for permissions or reach anything
 * but the app's own files. Lantai is air-gapped: a request anywhere else is a bug or an attack.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The window's CSP; build/bundle.mjs reads it from here into the <meta> of renderer/dist/index.html. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // antd injects its generated styles at run time as <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The same policy for the browser app window (`lantai app`): the page talks to the engine over
 * fetch to its own origin instead of IPC, so connect-src allows 'self' and nothing else; and
 * since it is served over HTTP, frame-ancestors (a header-only directive) stops another page
 * from framing it.
 */
export const BROWSER_CSP = [...CSP.split('; ').map((d) => (d.startsWith('connect-src') ? "connect-src 'self'" : d)), "frame-ancestors 'none'"].join('; ');

/** The <meta> CSP of the served index.html: frame-ancestors is ignored in a <meta>, so it stays in the header only. */
export const BROWSER_META_CSP = BROWSER_CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');

export function webPreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** True for the app's own renderer files (file:// under rendererDir), data: images, devtools. */
export function isOwnUrl(url: string, rendererDir: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('devtools://')) return true;
  let href: string;
  try {
    // Normalized first, so file:///…/dist/../../secret does not pass as being under dist/.
    href = new URL(url).href;
  } catch {
    return false;
  }
  const base = pathToFileURL(path.resolve(rendererDir) + path.sep).href;
  return href.startsWith(base);
}

export function hardenSession(session: Session, rendererDir: string): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isOwnUrl(details.url, rendererDir) }));
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
