/**
 * `lantai app`: the desktop UI served to the system's Chromium without Electron. These tests
 * prove each refusal of the app server (a local door into the vault) with raw HTTP requests as
 * another site, a rebinding DNS name or another local program would send them, and the life
 * cycle of `lantai app` itself in a real (headless) Chromium: private profile, window closed →
 * server gone and profile removed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { browserArgs } from '../../electron/browser/launch.js';
import { startAppServer, type AppServer } from '../../electron/browser/server.js';
import { BROWSER_CSP } from '../../electron/main/security.js';
import { VaultApi } from '../../native/api/index.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, CHROMIUM, RENDERER_DIR, ROOT } from './harness.js';

const work = tempDir();
const vaultDir = path.join(work, '兰台 库');

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

/** One raw request, headers exactly as given (fetch would not let us forge Host or Origin). */
function request(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function secretOf(s: AppServer): string {
  return new URL(s.launchUrl).hash.replace('#k=', '');
}

describe('the app server of `lantai app`', { timeout: 60_000 }, () => {
  let server: AppServer;
  let good: Record<string, string>;
  const invoke = (headers: Record<string, string>, body = JSON.stringify({ channel: 'app:status', request: null })) => request(server.port, 'POST', '/api/invoke', headers, body);

  before(async () => {
    buildRenderer();
    (await VaultApi.create(vaultDir)).close();
    server = await startAppServer({ rendererDir: RENDERER_DIR });
    good = { host: `127.0.0.1:${server.port}`, origin: server.origin, 'content-type': 'application/json', 'x-lantai-token': secretOf(server) };
  });
  after(async () => server?.close());

  test('the window itself gets the page and the engine', async () => {
    const page = await request(server.port, 'GET', '/', { host: good.host! });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], BROWSER_CSP);
    assert.ok(BROWSER_CSP.includes("connect-src 'self'") && BROWSER_CSP.includes("frame-ancestors 'none'") && !BROWSER_CSP.includes('unsafe-eval'));
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.match(page.body, /<script src="bridge.js"><\/script>\s*<script src="app.js"><\/script>/, 'window.vault is defined before the app runs');
    assert.ok(page.body.includes("connect-src 'self'"), 'the <meta> CSP is the browser window\'s');
    const r = await invoke(good);
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { ok: true, value: { vault: null, needsSetup: false, session: null, permissions: null } });
    const opened = JSON.parse((await invoke(good, JSON.stringify({ channel: 'vault:open', request: { path: vaultDir } }))).body) as { ok: boolean; value: { needsSetup: boolean } };
    assert.equal(opened.ok, true);
    assert.equal(opened.value.needsSetup, true);
  });

  test('listens on 127.0.0.1 only, on a port of its own, with a secret per launch', async () => {
    const other = await startAppServer({ rendererDir: RENDERER_DIR });
    try {
      assert.notEqual(other.port, server.port);
      assert.notEqual(secretOf(other), secretOf(server));
      assert.ok(secretOf(server).length >= 40, 'the secret is long (32 random bytes)');
      assert.match(other.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      // Nothing answers on the IPv6 loopback or the wildcard address for that port.
      await assert.rejects(new Promise((resolve, reject) => net.connect({ host: '::1', port: other.port }).once('connect', resolve).once('error', reject)));
    } finally {
      await other.close();
    }
    // A closed server answers nothing.
    await assert.rejects(request(other.port, 'GET', '/', { host: `127.0.0.1:${other.port}` }));
  });

  test('refuses a foreign Host (DNS rebinding), even for the static files', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `localhost:${server.port}`, `127.0.0.1:${server.port + 1}`, `127.0.0.1`]) {
      assert.equal((await request(server.port, 'GET', '/', { host })).status, 421, `GET / with Host ${host}`);
      assert.equal((await invoke({ ...good, host })).status, 421, `POST with Host ${host}`);
    }
  });

  test('refuses another site: wrong or missing Origin, cross-site fetches', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${server.port}`, 'null', `http://127.0.0.1:${server.port + 1}`]) {
      assert.equal((await invoke({ ...good, origin })).status, 403, `Origin ${origin}`);
    }
    const { origin: _o, ...noOrigin } = good;
    assert.equal((await invoke(noOrigin)).status, 403, 'a POST without Origin');
    assert.equal((await request(server.port, 'GET', '/app.js', { host: good.host!, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status, 403, 'a <script> on another site');
    // The preflight another site's fetch with our header would need is never granted.
    const pre = await request(server.port, 'OPTIONS', '/api/invoke', { host: good.host!, origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-lantai-token' });
    assert.notEqual(pre.status, 200);
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
  });

  test('refuses a call without the secret, with a wrong one, or not as a JSON POST', async () => {
    const { 'x-lantai-token': _t, ...noToken } = good;
    assert.equal((await invoke(noToken)).status, 403);
    assert.equal((await invoke({ ...good, 'x-lantai-token': secretOf(server).replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status, 403);
    assert.equal((await request(server.port, 'POST', '/api/events', noToken, '{}')).status, 403, 'the event stream needs the secret too');
    assert.equal((await request(server.port, 'GET', '/api/invoke', good)).status, 405);
    assert.equal((await invoke({ ...good, 'content-type': 'text/plain' })).status, 415, 'a form post (no preflight) is not JSON');
    assert.equal((await invoke(good, 'x'.repeat(9 * 1024 * 1024))).status, 413);
  });

  test('serves only the bundle: no path leaves renderer/dist', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/index.html/../../package.json', '/node_modules/react/package.json', '/etc/passwd']) {
      assert.equal((await request(server.port, 'GET', p, { host: good.host! })).status, 404, p);
    }
  });
});

describe('`lantai app` in Chromium', { timeout: 90_000 }, () => {
  test('opens the vault in an app window with a private profile; closing the window stops the server and removes the profile', async (t) => {
    if (!fs.existsSync(CHROMIUM)) return t.skip(`${CHROMIUM} missing`);
    assert.ok(browserArgs('/p', '/p/launch.html', false).every((a) => !a.includes('#k=')), 'the secret is never on the browser\'s command line');
    const child = spawn(process.execPath, [path.join(ROOT, 'native', 'cli', 'bin.mjs'), 'app', '--vault', vaultDir, '--browser', CHROMIUM], {
      env: { ...process.env, LANTAI_APP_HEADLESS: '1', LANTAI_APP_LOG: '1', LANTAI_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const until = async (what: () => boolean, label: string) => {
      const end = Date.now() + 45_000;
      while (!what()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${label}\nstdout: ${out}\nstderr: ${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // The page loaded, defined window.vault and called the engine through it.
    await until(() => /POST \/api\/invoke 200/.test(err), 'the page to call the engine');
    const origin = /(http:\/\/127\.0\.0\.1:(\d+)) profile=(\S+)/.exec(err);
    assert.ok(origin, err);
    const port = Number(origin[2]);
    const profile = origin[3]!;
    assert.ok(fs.statSync(profile).isDirectory());
    assert.equal(fs.statSync(profile).mode & 0o077, 0, 'the profile is private to this user');
    const pid = Number(/process (\d+)/.exec(out)?.[1]);
    assert.ok(pid > 0, out);
    // The person closes the window: the browser exits.
    process.kill(pid, 'SIGTERM');
    assert.equal(await exit, 0);
    assert.match(out, /Lantai has quit/);
    assert.equal(fs.existsSync(profile), false, 'the private profile is removed');
    await assert.rejects(request(port, 'GET', '/', { host: `127.0.0.1:${port}` }), 'the server is gone');
  });

  test('`npm start` without the Electron binary says so in one line and opens the same app', async (t) => {
    if (!fs.existsSync(CHROMIUM)) return t.skip(`${CHROMIUM} missing`);
    const env: NodeJS.ProcessEnv = { ...process.env, LANTAI_APP_HEADLESS: '1', LANTAI_APP_LOG: '1', LANTAI_LANG: 'en' };
    delete env['ELECTRON_OVERRIDE_DIST_PATH'];
    const child = spawn(process.execPath, [path.join(ROOT, 'build', 'start.mjs'), '--vault', vaultDir, '--browser', CHROMIUM], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.resume();
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const end = Date.now() + 45_000;
    while (!/POST \/api\/invoke 200/.test(err) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM'); // passed on to `lantai app`, which closes the window
    assert.equal(await exit, 0, err);
    const first = err.split('\n')[0]!;
    assert.match(first, /Electron is not on this computer.*ELECTRON_OVERRIDE_DIST_PATH/);
    assert.match(err, /POST \/api\/invoke 200/, 'the app opened in Chromium');
    assert.doesNotMatch(err, /\n\s+at |Error:|Downloading/, 'no stack trace, no download attempt');
  });

  test('`npm start` runs a local Electron named by ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dist = path.join(work, 'electron-dist');
    fs.mkdirSync(dist, { recursive: true });
    // Stands in for the Electron binary, which cannot be had on this machine: it only shows how it was called.
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "electron ran with: $*"\n', { mode: 0o755 });
    const child = spawn(process.execPath, [path.join(ROOT, 'build', 'start.mjs')], { env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.resume();
    assert.equal(await new Promise((r) => child.once('exit', r)), 0);
    assert.equal(out.trim(), `electron ran with: ${ROOT}`);
  });
});
