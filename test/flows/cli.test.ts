import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createVaultWithAccounts, writePasswordFile } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const lantai = (args: string[], env: Record<string, string> = {}, input?: string) => runChild([CLI, ...args], { env, ...(input !== undefined ? { input } : {}) });

test('init, setup, accounts, ingest, list, show and check through the real CLI, in JSON and in Chinese', async () => {
  const root = tempDir();
  const vault = path.join(root, '我的 档案库');
  const init = await lantai(['init', vault, '--json']);
  assert.equal(init.code, 0, init.stderr);
  assert.equal(JSON.parse(init.stdout).format, 'lantai-vault');
  assert.match((await lantai(['init', path.join(root, 'other')], { LANG: 'zh_CN.UTF-8' })).stdout, /lantai setup/);

  // First run: the three administrators from a 0600 accounts file (never the command line).
  const secrets = path.join(root, 'secrets');
  fs.mkdirSync(secrets, { mode: 0o700 });
  const accounts = path.join(secrets, 'accounts.json');
  const admins = { sysadmin: { username: 'sysadm', password: 'sys-口令-0001' }, securityOfficer: { username: 'secoff', password: 'so-口令-0002' }, auditor: { username: 'auditor', password: 'aud-口令-0003' } };
  fs.writeFileSync(accounts, JSON.stringify(admins), { mode: 0o644 });
  const open = await lantai(['setup', '--vault', vault, '--accounts', accounts]);
  assert.equal(open.code, 4, 'an accounts file others can read is refused');
  assert.match(open.stderr, /chmod 600/);
  fs.chmodSync(accounts, 0o600);
  const setup = await lantai(['setup', '--vault', vault, '--accounts', accounts, '--json']);
  assert.equal(setup.code, 0, setup.stderr);
  assert.deepEqual(JSON.parse(setup.stdout).accounts.map((a: { roles: string[] }) => a.roles), [['sysadmin'], ['security_officer'], ['auditor']]);
  assert.equal((await lantai(['setup', '--vault', vault, '--accounts', accounts])).code, 1, 'setup runs once');

  // The sysadmin creates the archivist, who must change the initial password before anything else.
  const sys = { LANTAI_VAULT: vault, LANTAI_USER: 'sysadm', LANTAI_PASSWORD_FILE: writePasswordFile(path.join(secrets, 'sys.pw'), admins.sysadmin.password) };
  const initial = writePasswordFile(path.join(secrets, 'initial.pw'), 'initial-口令-9999');
  const made = await lantai(['users', 'create', '档案员', '--role', 'archivist', '--display-name', '陈档案', '--new-password-file', initial, '--json'], sys);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(JSON.parse(made.stdout).account.mustChangePassword, true);
  const arch = { LANTAI_VAULT: vault, LANTAI_USER: '档案员', LANTAI_PASSWORD_FILE: initial };
  const early = await lantai(['list'], arch);
  assert.equal(early.code, 4);
  assert.match(early.stderr, /PASSWORD_CHANGE_REQUIRED/);
  const changed = await lantai(['passwd', '--new-password-stdin'], arch, '档案员的新口令-2026\n');
  assert.equal(changed.code, 0, changed.stderr);
  arch.LANTAI_PASSWORD_FILE = writePasswordFile(path.join(secrets, 'arch.pw'), '档案员的新口令-2026');
  assert.equal((await lantai(['list'], { ...arch, LANTAI_PASSWORD_FILE: initial })).code, 4, 'the old password no longer works');

  await writeTestBatch(path.join(root, 'scans', 'doc1'), 2);
  await writeTestPage(path.join(root, 'scans', 'doc2.png'), 50);
  const ing = await lantai(['ingest', path.join(root, 'scans'), '--vault', vault, '--json', '--fonds', 'Z109', '--year', '2016', '--retention', 'Y', '--org', '办公室', '--doc-date', '2016-04-26'], arch);
  assert.equal(ing.code, 0, ing.stderr);
  const summary = JSON.parse(ing.stdout);
  assert.deepEqual(summary.items.map((i: { archivalCode: string }) => i.archivalCode), ['Z109-WS·2016-Y-办公室-0001', 'Z109-WS·2016-Y-办公室-0002']);

  const list = await lantai(['list', '--json'], arch);
  assert.equal(list.code, 0);
  const listed = JSON.parse(list.stdout);
  assert.equal(listed.total, 2);
  assert.equal(listed.records[0].docDate, '2016-04-26');

  const zh = await lantai(['list'], { ...arch, LANG: 'zh_CN.UTF-8' });
  assert.match(zh.stdout, /档号\t题名/);
  assert.match(zh.stdout, /20160426/);
  assert.match(zh.stdout, /共 2 件/);
  const en = await lantai(['list'], { ...arch, LANG: 'en_US.UTF-8' });
  assert.match(en.stdout, /2 records/);

  const show = await lantai(['show', 'Z109-WS·2016-Y-办公室-0001', '--vault', vault, '--json'], arch);
  assert.equal(show.code, 0, show.stderr);
  const shown = JSON.parse(show.stdout);
  assert.equal(shown.pages.length, 2);
  assert.match(shown.masters[0].sm3, /^[0-9a-f]{64}$/);

  const check = await lantai(['check', '--vault', vault], arch);
  assert.equal(check.code, 0, check.stdout + check.stderr);

  // The auditor sees all of it in the log, under the archivist's name, and the chain verifies.
  const aud = { LANTAI_VAULT: vault, LANTAI_USER: 'auditor', LANTAI_PASSWORD_FILE: writePasswordFile(path.join(secrets, 'aud.pw'), admins.auditor.password) };
  const log = JSON.parse((await lantai(['audit', 'list', '--username', '档案员', '--limit', '1000', '--json'], aud)).stdout);
  const actions = log.rows.map((r: { action: string; result: string }) => `${r.action}:${r.result}`);
  for (const a of ['ingest:ok', 'view_catalog:ok', 'view_record:ok', 'verify_vault:ok', 'change_own_password:ok', 'login:ok', 'logout:ok']) assert.ok(actions.includes(a), `${a} in ${actions.join(' ')}`);
  const ingestRow = log.rows.find((r: { action: string; objectType: string }) => r.action === 'ingest' && r.objectType === 'ingest_job');
  assert.equal(JSON.parse(ingestRow.detail).added, 2);
  const verify = await lantai(['audit', 'verify', '--json'], aud);
  assert.equal(verify.code, 0, verify.stdout);
  assert.equal(JSON.parse(verify.stdout).ok, true);
});

test('lantai check exits non-zero and names the object when a master is altered or removed', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const { archivist } = await createVaultWithAccounts(vault);
  const lantai = (args: string[]) => runChild([CLI, ...args], { env: archivist.env });
  await writeTestBatch(path.join(root, 'scans'), 3);
  assert.equal((await lantai(['ingest', path.join(root, 'scans'), '--each-file', '--vault', vault])).code, 0);
  const shown = JSON.parse((await lantai(['show', '1', '--vault', vault, '--json'])).stdout);
  const victim = path.join(vault, 'objects', shown.masters[0].sha256.slice(0, 2), shown.masters[0].sha256);
  fs.chmodSync(victim, 0o644);
  const bytes = fs.readFileSync(victim);
  bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
  fs.writeFileSync(victim, bytes);
  const tampered = await lantai(['check', '--vault', vault, '--json']);
  assert.equal(tampered.code, 1);
  const report = JSON.parse(tampered.stdout);
  assert.ok(report.problems.some((p: { code: string; details: { path: string } }) => p.code === 'DIGEST_MISMATCH' && p.details.path === victim));

  fs.rmSync(victim);
  const missing = JSON.parse((await lantai(['check', '--vault', vault, '--json'])).stdout);
  assert.ok(missing.problems.some((p: { code: string }) => p.code === 'OBJECT_MISSING'));

  const stray = path.join(vault, 'objects', 'ab', 'ab'.padEnd(64, '0'));
  fs.mkdirSync(path.dirname(stray), { recursive: true });
  fs.writeFileSync(stray, 'stray');
  const orphan = JSON.parse((await lantai(['check', '--vault', vault, '--json'])).stdout);
  assert.ok(orphan.problems.some((p: { code: string; details: { path: string } }) => p.code === 'ORPHAN_OBJECT' && p.details.path === stray));
});

test('usage errors and vault errors have their own exit codes and clear messages', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  await createVaultWithAccounts(vault);
  const unknown = await lantai(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /frobnicate/);
  const noVault = await lantai(['list'], { LANTAI_VAULT: '' });
  assert.equal(noVault.code, 3);
  assert.match(noVault.stderr, /--vault/);
  const noUser = await lantai(['list', '--vault', vault]);
  assert.equal(noUser.code, 4, 'no credentials: refused');
  assert.match(noUser.stderr, /LANTAI_USER/);
  const notVault = await lantai(['list', '--vault', root]);
  assert.equal(notVault.code, 3);
  assert.ok(notVault.stderr.includes(root));
  const badOption = await lantai(['list', '--vault', root, '--nope']);
  assert.equal(badOption.code, 2);
});
