/**
 * The app server of `lantai app`: the renderer bundle and the SAME handler table electron/main
 * registers with ipcMain (dispatch in ../main/handlers.ts), served to one browser app window.
 * The UI tests (test/e2e/harness.ts) drive the UI through this server too, so there is one way
 * the page reaches the engine outside Electron.
 *
 * It is a local door into the vault, so it refuses everything that is not that window:
 * - it listens on 127.0.0.1 only, on a port the system picks (nothing fixed to find);
 * - Host must be exactly 127.0.0.1:PORT, so a hostile site's name re-pointed at 127.0.0.1
 *   (DNS rebinding) gets nothing, not even the static files;
 * - the engine's two endpoints take POST only, with Origin exactly http://127.0.0.1:PORT
 *   and the per-launch secret in a header (another site can send neither: a custom header
 *   needs a CORS preflight we never grant);
 * - browsers' Sec-Fetch-Site must say the request comes from the page itself (or is the
 *   top-level navigation that opens it);
 * - every response carries the app's CSP (with frame-ancestors 'none'), nosniff and no-store.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { VaultEvent } from '../contract.js';
import { closeVault, dispatch, newShellState, type HandlerHost, type ShellState } from '../main/handlers.js';
import { BROWSER_CSP, BROWSER_META_CSP, CSP } from '../main/security.js';
import { EVENTS_PATH, INVOKE_PATH, pageBridgeScript, TOKEN_HEADER } from './page-bridge.js';

/** Largest request body read (an ingest of 10,000 long paths fits); more is refused unread. */
const MAX_BODY = 8 * 1024 * 1024;
/** A blank line on the event stream this often, so an idle connection is not dropped. */
const HEARTBEAT_MS = 15_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface AppServerOptions {
  /** renderer/dist: index.html and app.js, as build/bundle.mjs writes them. */
  rendererDir: string;
  /** The computer's name for the audit log, and the file picker (none in a browser: []). */
  host?: Omit<HandlerHost, 'emit'>;
  /** Sees every event the handlers emit (the UI tests record them). */
  onEvent?: (event: VaultEvent) => void;
  /** One line per request, for diagnosing (`lantai app` with LANTAI_APP_LOG=1). */
  log?: (line: string) => void;
}

export interface AppServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** The page to open: the origin with the secret in the fragment. */
  launchUrl: string;
  state: ShellState;
  /** Runs one request through the handler table, as the page would (opening --vault before the window). */
  dispatch(channel: string, request: unknown): ReturnType<typeof dispatch>;
  close(): Promise<void>;
}

type Refusal = { status: number; reason: string };

/** The static files: read once at start, so nothing outside rendererDir can ever be served. */
function loadStatic(rendererDir: string): Map<string, { type: string; body: Buffer }> {
  const index = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`renderer bundle missing: ${index}`);
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const name of fs.readdirSync(rendererDir)) {
    const file = path.join(rendererDir, name);
    const type = TYPES[path.extname(name)];
    if (type && fs.statSync(file).isFile()) files.set(`/${name}`, { type, body: fs.readFileSync(file) });
  }
  // The page as Electron loads it, but with the browser window's CSP and window.vault first.
  const html = fs.readFileSync(index, 'utf8');
  if (!html.includes(`content="${CSP}"`) || !html.includes('<script src="app.js"></script>')) throw new Error(`unexpected ${index}: rebuild it (node build/bundle.mjs renderer)`);
  const served = html.replace(`content="${CSP}"`, `content="${BROWSER_META_CSP}"`).replace('<script src="app.js"></script>', '<script src="bridge.js"></script>\n<script src="app.js"></script>')
    // No favicon request (Electron makes none either).
    .replace('<title>', '<link rel="icon" href="data:,">\n<title>');
  files.set('/index.html', { type: TYPES['.html']!, body: Buffer.from(served) });
  files.set('/', files.get('/index.html')!);
  files.set('/bridge.js', { type: TYPES['.js']!, body: Buffer.from(pageBridgeScript()) });
  return files;
}

function sameSecret(given: string | string[] | undefined, secret: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const b = Buffer.from(given);
  return b.length === secret.length && timingSafeEqual(b, secret);
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const files = loadStatic(options.rendererDir);
  const secret = Buffer.from(randomBytes(32).toString('base64url'));
  const state = newShellState();
  const streams = new Set<http.ServerResponse>();
  const host: HandlerHost = {
    device: options.host?.device ?? 'localhost',
    choosePaths: options.host?.choosePaths ?? (async () => []),
    emit: (event) => {
      options.onEvent?.(event);
      const line = `${JSON.stringify(event)}\n`;
      for (const s of streams) s.write(line);
    },
  };
  let origin = '';
  let hostHeader = '';

  const refuse = (req: http.IncomingMessage): Refusal | null => {
    if (req.headers.host !== hostHeader) return { status: 421, reason: 'host' };
    // Only the page itself may fetch from here; opening the page is a navigation (the launch
    // file is another origin), which gets the public bundle and no way in without the secret.
    const site = req.headers['sec-fetch-site'];
    const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET';
    if (site !== undefined && site !== 'same-origin' && site !== 'none' && !navigation) return { status: 403, reason: 'cross-site' };
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return { status: 403, reason: 'origin' };
    return null;
  };

  const headers = (type: string): http.OutgoingHttpHeaders => ({
    'Content-Type': type,
    'Content-Security-Policy': BROWSER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });

  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { ...headers(type), 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  const readBody = (req: http.IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Past the limit the rest is read and dropped (memory stays bounded), so the refusal
      // reaches the caller instead of a reset connection.
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY) {
          reject(Object.assign(new Error('body too large'), { status: 413 }));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch {
          reject(Object.assign(new Error('body is not JSON'), { status: 400 }));
        }
      });
      req.on('error', reject);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<number> => {
    const refusal = refuse(req);
    if (refusal) {
      send(res, refusal.status, 'text/plain; charset=utf-8', `refused: ${refusal.reason}\n`);
      return refusal.status;
    }
    const url = req.url ?? '/';
    const pathname = url.split(/[?#]/, 1)[0]!;
    if (pathname === INVOKE_PATH || pathname === EVENTS_PATH) {
      if (req.method !== 'POST') {
        send(res, 405, 'text/plain; charset=utf-8', 'POST only\n');
        return 405;
      }
      // A POST from a page always names its origin: one without it is not our window.
      if (req.headers.origin !== origin) {
        send(res, 403, 'text/plain; charset=utf-8', 'refused: origin\n');
        return 403;
      }
      if (!sameSecret(req.headers[TOKEN_HEADER], secret)) {
        send(res, 403, 'text/plain; charset=utf-8', 'refused: secret\n');
        return 403;
      }
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        send(res, 415, 'text/plain; charset=utf-8', 'JSON only\n');
        return 415;
      }
      let body: unknown;
      try {
        body = await readBody(req);
      } catch (e) {
        const status = (e as { status?: number }).status ?? 400;
        if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', `${(e as Error).message}\n`);
        return status;
      }
      if (pathname === EVENTS_PATH) {
        res.writeHead(200, { ...headers('application/x-ndjson; charset=utf-8') });
        res.write('\n');
        streams.add(res);
        const beat = setInterval(() => res.write('\n'), HEARTBEAT_MS);
        res.on('close', () => {
          clearInterval(beat);
          streams.delete(res);
        });
        return 200;
      }
      const { channel, request } = (typeof body === 'object' && body !== null ? body : {}) as { channel?: unknown; request?: unknown };
      const result = await dispatch(state, host, channel, request ?? undefined);
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
      return 200;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'GET only\n');
      return 405;
    }
    const file = files.get(pathname);
    if (!file) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return 404;
    }
    send(res, 200, file.type, file.body);
    return 200;
  };

  const server = http.createServer((req, res) => {
    handle(req, res).then(
      (status) => options.log?.(`${req.method} ${(req.url ?? '').split(/[?#]/, 1)[0]} ${status}`),
      (e: unknown) => {
        options.log?.(`${req.method} ${req.url} failed: ${String(e)}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else res.end();
      },
    );
  });
  server.requestTimeout = 0; // the event stream is long-lived by design
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;

  let closed = false;
  return {
    origin,
    port,
    launchUrl: `${origin}/#k=${secret.toString()}`,
    state,
    dispatch: (channel, request) => dispatch(state, host, channel, request),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeVault(state);
    },
  };
}
