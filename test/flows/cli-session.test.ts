/**
 * `lantai login` keeps a session so later commands start without the password's scrypt
 * (issue 14's fast CLI), and the session's rules still hold across commands: the ticket is
 * the owner's alone (0600), names one person and one device, the vault keeps only its digest,
 * idleness locks it (audited), and `lantai logout` ends it. Through the real CLI.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { VaultApi } from '../../native/api/index.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';

test('a kept session serves later commands without a password until logout, idleness or a refusal ends it', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const sessions = path.join(root, 'sessions');
  const acc = await createVaultWithAccounts(vault);
  const noPassword = { LANTAI_VAULT: vault, LANTAI_SESSION_DIR: sessions, LANTAI_PASSWORD_FILE: '', LANTAI_USER: '' };
  const lantai = (args: string[], env: Record<string, string>) => runChild([CLI, ...args], { env: { ...noPassword, ...env } });
  const catalog = () => new Database(path.join(vault, 'catalog.sqlite'), { readonly: true });

  // Without a kept session a command needs the password.
  const before = await lantai(['list'], {});
  assert.notEqual(before.code, 0, 'no password, no session: refused');

  const login = await lantai(['login', '--json'], { ...acc.archivist.env, LANTAI_SESSION_DIR: sessions });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(JSON.parse(login.stdout).username, acc.archivist.username);
  const [ticketName] = fs.readdirSync(sessions);
  const ticketFile = path.join(sessions, ticketName!);
  assert.equal(fs.statSync(ticketFile).mode & 0o777, 0o600, 'the ticket is readable by its owner only');
  assert.equal(fs.statSync(sessions).mode & 0o777, 0o700);
  const ticket = JSON.parse(fs.readFileSync(ticketFile, 'utf8')) as { sessionId: string; secret: string };
  const vaultBytes = fs.readdirSync(vault).filter((n) => n.startsWith('catalog.sqlite')).map((n) => fs.readFileSync(path.join(vault, n)).toString('latin1')).join('');
  assert.ok(!vaultBytes.includes(ticket.secret), 'the vault keeps a digest of the secret, never the secret');

  // Later commands: no password, the kept session, no new login.
  const logins = () => (catalog().prepare("SELECT count(*) FROM audit_log WHERE action = 'login' AND result = 'ok'").pluck().get() as number);
  const loginsBefore = logins();
  for (let i = 0; i < 2; i++) {
    const list = await lantai(['list', '--json'], {});
    assert.equal(list.code, 0, list.stderr);
  }
  assert.equal(logins(), loginsBefore, 'no login per command');
  const rows = catalog().prepare("SELECT session_id AS s, username AS u FROM audit_log WHERE action = 'view_catalog' ORDER BY seq DESC LIMIT 2").all() as { s: string; u: string }[];
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.s === ticket.sessionId && r.u === acc.archivist.username), 'each command is audited under the kept session');

  // Another person named on the command does not get the archivist's session.
  const other = await lantai(['list'], { LANTAI_USER: acc.auditor.username });
  assert.notEqual(other.code, 0);

  // A ticket others could read is not used (and not removed: it is the owner's to fix).
  fs.chmodSync(ticketFile, 0o644);
  assert.notEqual((await lantai(['list'], {})).code, 0);
  fs.chmodSync(ticketFile, 0o600);
  assert.equal((await lantai(['list'], {})).code, 0);

  // Idle longer than the vault's lock time: the session is locked (audited) and the ticket goes.
  const rw = new Database(path.join(vault, 'catalog.sqlite'));
  rw.prepare('UPDATE sessions SET last_active_at = ? WHERE id = ?').run(new Date(Date.now() - 24 * 3600_000).toISOString(), ticket.sessionId);
  rw.close();
  const idle = await lantai(['list'], {});
  assert.notEqual(idle.code, 0);
  assert.match(idle.stderr, /kept session has ended or was locked/);
  assert.ok(!fs.existsSync(ticketFile), 'a refused ticket is removed');
  assert.equal(catalog().prepare('SELECT locked FROM sessions WHERE id = ?').pluck().get(ticket.sessionId), 1);

  // A fresh login, then logout ends that session and the commands need the password again.
  assert.equal((await lantai(['login'], acc.archivist.env)).code, 0);
  const second = JSON.parse(fs.readFileSync(ticketFile, 'utf8')) as { sessionId: string; secret: string };
  const tampered = { ...second, secret: `${second.secret.slice(0, -2)}xx` };
  fs.writeFileSync(ticketFile, JSON.stringify(tampered), { mode: 0o600 });
  assert.notEqual((await lantai(['list'], {})).code, 0, 'a wrong secret resumes nothing');
  assert.ok(!fs.existsSync(ticketFile));
  assert.equal((await lantai(['login'], acc.archivist.env)).code, 0);
  const third = JSON.parse(fs.readFileSync(ticketFile, 'utf8')) as { sessionId: string };
  const out = await lantai(['logout'], {});
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, new RegExp(`Session of ${acc.archivist.username} ended`));
  assert.ok(!fs.existsSync(ticketFile));
  assert.equal(catalog().prepare('SELECT end_reason FROM sessions WHERE id = ?').pluck().get(third.sessionId), 'logout');
  assert.notEqual((await lantai(['list'], {})).code, 0);
});

test('the engine resumes a kept session only with its secret, on its device, while its account is active', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const acc = await createVaultWithAccounts(vault);
  const api = await VaultApi.open(vault);
  try {
    const kept = await api.accounts.loginResumable(acc.archivist.username, acc.archivist.password, `cli@${os.hostname()}`);
    assert.equal(api.accounts.resume(kept.session.sessionId, kept.secret, `cli@${os.hostname()}`).userId, kept.session.userId);
    assert.throws(() => api.accounts.resume(kept.session.sessionId, kept.secret, 'cli@elsewhere'), /SESSION_ENDED/);
    assert.throws(() => api.accounts.resume(kept.session.sessionId, 'x'.repeat(43), `cli@${os.hostname()}`), /SESSION_ENDED/);
    // A session opened by a plain login (the desktop's) has no secret: it cannot be resumed.
    const plain = await api.accounts.login(acc.archivist.username, acc.archivist.password, `cli@${os.hostname()}`);
    assert.throws(() => api.accounts.resume(plain.sessionId, kept.secret, `cli@${os.hostname()}`), /SESSION_ENDED/);
    api.accounts.logout(kept.session);
    assert.throws(() => api.accounts.resume(kept.session.sessionId, kept.secret, `cli@${os.hostname()}`), /SESSION_ENDED/);
  } finally {
    api.close();
  }
});
