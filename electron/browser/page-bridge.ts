/**
 * window.vault for the browser app window: the same VaultBridge shape the Electron preload
 * exposes (electron/contract.ts), carried over fetch to the app server's own origin instead of
 * IPC. Served as /bridge.js before the renderer bundle (the CSP allows only 'self' scripts).
 *
 * The per-launch secret arrives in the URL fragment (never sent over HTTP, so it is in no
 * request line or log); it is kept in this tab's sessionStorage so a reload still works, and
 * removed from the address bar at once.
 */
import type { ErrorDTO } from '../contract.js';
import { browserAppMessages } from './messages.js';

export const TOKEN_HEADER = 'x-lantai-token';
export const INVOKE_PATH = '/api/invoke';
export const EVENTS_PATH = '/api/events';

export function pageBridgeScript(): string {
  const gone: ErrorDTO = { code: 'APP_SERVER_GONE', message: browserAppMessages.serverGone, details: {} };
  return `(() => {
  'use strict';
  const KEY = 'lantai.appToken';
  const m = /[#&]k=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(KEY, m[1]);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem(KEY) || '';
  const GONE = ${JSON.stringify({ ok: false, error: gone })};
  const listeners = new Set();
  const post = (path, body) => fetch(path, {
    method: 'POST', cache: 'no-store', credentials: 'omit', redirect: 'error',
    headers: { 'Content-Type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: token },
    body: JSON.stringify(body),
  });
  // One long response carries the engine's events, one JSON object per line; it reconnects
  // after a break, and stops when the server refuses (wrong or missing secret).
  async function listen() {
    for (;;) {
      try {
        const r = await post(${JSON.stringify(EVENTS_PATH)}, {});
        if (r.status === 401 || r.status === 403) return;
        const reader = r.body.getReader();
        const decoder = new TextDecoder();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffered.indexOf('\\n')) >= 0) {
            const line = buffered.slice(0, i);
            buffered = buffered.slice(i + 1);
            if (line.trim()) {
              const event = JSON.parse(line);
              for (const l of listeners) l(event);
            }
          }
        }
      } catch (e) {
        // The server is restarting or gone: try again in a moment.
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  listen();
  window.vault = Object.freeze({
    invoke: async (channel, request) => {
      try {
        const r = await post(${JSON.stringify(INVOKE_PATH)}, { channel, request: request === undefined ? null : request });
        return await r.json();
      } catch (e) {
        return GONE;
      }
    },
    on: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  });
})();
`;
}
