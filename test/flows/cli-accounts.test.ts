import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createVaultWithAccounts, writePasswordFile } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

/** Accounts, credentials, role separation and the audit log through the real `lantai` CLI. */
const lantai = (args: string[], env: Record<string, string> = {}, input?: string) => runChild([CLI, ...args], { env, ...(input !== undefined ? { input } : {}) });

test('passwords never come from the command line or the environment; password files must be 0600; --password-stdin works', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const acc = await createVaultWithAccounts(vault);
  const onLine = await lantai(['list', '--vault', vault, '--user', 'archivist', `--password=${acc.archivist.password}`]);
  assert.equal(onLine.code, 2);
  assert.match(onLine.stderr, /CLI_PASSWORD_ON_COMMAND_LINE/);
  assert.ok(!onLine.stderr.includes(acc.archivist.password), 'the refused password is not echoed');
  const inEnv = await lantai(['list'], { ...acc.archivist.env, LANTAI_PASSWORD: acc.archivist.password });
  assert.equal(inEnv.code, 4);
  assert.match(inEnv.stderr, /LANTAI_PASSWORD_FILE/);
  fs.chmodSync(acc.archivist.passwordFile, 0o640);
  const loose = await lantai(['list'], acc.archivist.env);
  assert.equal(loose.code, 4);
  assert.match(loose.stderr, /CLI_PASSWORD_FILE_MODE/);
  fs.chmodSync(acc.archivist.passwordFile, 0o600);
  const stdin = await lantai(['list', '--vault', vault, '--user', 'archivist', '--password-stdin', '--json'], {}, `${acc.archivist.password}\n`);
  assert.equal(stdin.code, 0, stdin.stderr);
  const wrong = await lantai(['list', '--vault', vault, '--user', 'archivist', '--password-stdin'], {}, 'not-the-password\n');
  assert.equal(wrong.code, 4);
  assert.match(wrong.stderr, /AUTH_FAILED/);
});

test('the three administrators are separated on the CLI: each denial exits 4 and is in the audit log; admin changes need a countersigner', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const acc = await createVaultWithAccounts(vault);
  await writeTestPage(path.join(root, 'a.png'), 3);
  assert.equal((await lantai(['ingest', path.join(root, 'a.png'), '--year', '2016', '--retention', 'Y'], acc.archivist.env)).code, 0);
  const denied: [string, string[]][] = [
    ['sysadmin', ['list']],
    ['sysadmin', ['show', '1']],
    ['sysadmin', ['audit', 'list']],
    ['security', ['audit', 'verify']],
    ['security', ['users', 'create', 'x1', '--role', 'archivist', '--new-password-file', acc.security.passwordFile]],
    ['auditor', ['list']],
    ['auditor', ['ingest', path.join(root, 'a.png')]],
    ['archivist', ['audit', 'export']],
    ['archivist', ['users', 'list']],
    ['backup', ['show', '1']],
    ['archivist', ['review', 'access', '1', '--status', 'open', '--basis', '自审']],
  ];
  for (const [who, args] of denied) {
    const run = await lantai(args, acc[who as keyof typeof acc].env);
    assert.equal(run.code, 4, `${who} ${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /ACCESS_DENIED/);
  }
  // Creating an auditor needs a second person (security officer or auditor), never the sysadmin alone.
  const pw = writePasswordFile(path.join(root, 'new.pw'), 'second-auditor-口令');
  const alone = await lantai(['users', 'create', 'aud2', '--role', 'auditor', '--new-password-file', pw], acc.sysadmin.env);
  assert.equal(alone.code, 4);
  assert.match(alone.stderr, /COUNTERSIGN_REQUIRED/);
  const twoAdmins = await lantai(['users', 'create', 'bad', '--role', 'auditor', '--role', 'archivist', '--new-password-file', pw, '--countersign-user', 'secoff'], { ...acc.sysadmin.env, LANTAI_COUNTERSIGN_PASSWORD_FILE: acc.security.passwordFile });
  assert.equal(twoAdmins.code, 4);
  assert.match(twoAdmins.stderr, /ROLE_SEPARATION/);
  const signed = await lantai(['users', 'create', 'aud2', '--role', 'auditor', '--new-password-file', pw, '--countersign-user', 'secoff', '--json'], { ...acc.sysadmin.env, LANTAI_COUNTERSIGN_PASSWORD_FILE: acc.security.passwordFile });
  assert.equal(signed.code, 0, signed.stderr);
  assert.deepEqual(JSON.parse(signed.stdout).account.roles, ['auditor']);

  const log = JSON.parse((await lantai(['audit', 'list', '--result', 'denied', '--limit', '1000', '--json'], acc.auditor.env)).stdout);
  const seen = new Set(log.rows.map((r: { username: string; action: string }) => `${r.username}:${r.action}`));
  for (const key of ['sysadm:view_catalog', 'sysadm:view_record', 'sysadm:read_audit', 'secoff:verify_audit', 'secoff:manage_accounts', 'auditor:view_catalog', 'auditor:ingest', 'archivist:export_audit', 'archivist:view_accounts', 'backup:view_record', 'archivist:review_classification', 'sysadm:manage_accounts']) {
    assert.ok(seen.has(key), `denial ${key} audited; have ${[...seen].join(' ')}`);
  }
  const all = JSON.parse((await lantai(['audit', 'export', '--format', 'json'], acc.auditor.env)).stdout);
  const text = JSON.stringify(all.rows);
  for (const a of Object.values(acc)) assert.ok(!text.includes(a.password), `no password of ${a.username} in the log`);
  assert.ok(!text.includes('second-auditor-口令'));
});

test('lantai audit verify exits 1 and names the row after an edit, a deletion, an insertion or a reordering', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const acc = await createVaultWithAccounts(vault);
  const good = await lantai(['audit', 'verify', '--json'], acc.auditor.env);
  assert.equal(good.code, 0, good.stdout);
  const head = JSON.parse(good.stdout).head as { seq: number; hash: string };
  // Verified head = the rows before this run's login; the next run has three more (login, verify, logout).
  assert.match((await lantai(['audit', 'verify'], acc.auditor.env)).stdout, new RegExp(`seq=${head.seq + 3} hash=[0-9a-f]{64}`));
  // The attacker has the file: drops the append-only triggers, then rewrites rows.
  const tampered = (name: string, fn: (db: Database.Database) => void): string => {
    const dir = path.join(root, name);
    fs.cpSync(vault, dir, { recursive: true });
    const db = new Database(path.join(dir, 'catalog.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_continues_head');
    db.transaction(() => fn(db))();
    db.close();
    return dir;
  };
  const cases: [string, (db: Database.Database) => void, string, number][] = [
    ['edit', (db) => db.prepare("UPDATE audit_log SET username = 'someone' WHERE seq = 5").run(), 'EDITED', 5],
    ['delete', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 7').run(), 'DELETED', 7],
    ['insert', (db) => {
      // Row 4 replayed right after itself (a genuine-looking row); the rows behind move up by one.
      const r = db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as Record<string, unknown>;
      db.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq > 4').run();
      db.prepare('UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000').run();
      db.prepare(`INSERT INTO audit_log (seq, at, user_id, username, roles, session_id, device, action, object_type, object_id, result, detail, prev_hash, hash)
                  VALUES (5, @at, @user_id, @username, @roles, @session_id, @device, @action, @object_type, @object_id, @result, @detail, @prev_hash, @hash)`).run(r);
    }, 'INSERTED', 5],
    ['swap', (db) => {
      db.prepare('UPDATE audit_log SET seq = 900000 WHERE seq = 8').run();
      db.prepare('UPDATE audit_log SET seq = 8 WHERE seq = 9').run();
      db.prepare('UPDATE audit_log SET seq = 9 WHERE seq = 900000').run();
    }, 'REORDERED', 8],
  ];
  for (const [name, fn, code, seq] of cases) {
    const env = { ...acc.auditor.env, LANTAI_VAULT: tampered(name, fn) };
    const run = await lantai(['audit', 'verify', '--json'], env);
    assert.equal(run.code, 1, `${name}: ${run.stdout}${run.stderr}`);
    const result = JSON.parse(run.stdout);
    assert.ok(result.problems.some((p: { code: string; seq: number }) => p.code === code && p.seq === seq), `${name}: ${JSON.stringify(result.problems)}`);
    const human = await lantai(['audit', 'verify'], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.equal(human.code, 1);
    assert.match(human.stdout, new RegExp(`\\[${code}\\] seq ${seq}`));
    assert.match(human.stdout, /审计日志校验失败/);
    // Rows beyond the checkpoint make every append fail (fail closed): the auditor still gets the verdict.
    if (name === 'insert') assert.match(run.stderr, /could not be logged/);
  }
});

test('a person without the right cannot learn which archival codes exist: the role is refused before any lookup', async () => {
  const root = tempDir();
  const acc = await createVaultWithAccounts(path.join(root, 'v'));
  for (const args of [['review', 'hold-clear', 'Z109-WS·2016-Y-0001', '--basis', 'x'], ['show', 'Z109-WS·2016-Y-0001'], ['suggestions', 'Z109-WS·2016-Y-0001']]) {
    const asArchivistOrAuditor = args[0] === 'review' ? acc.archivist.env : acc.auditor.env;
    const run = await lantai(args, asArchivistOrAuditor);
    assert.equal(run.code, 4, `${args[0]}: denied (4), not "not found" (1): ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /RECORD_NOT_FOUND/);
  }
  const allowed = await lantai(['review', 'hold-clear', 'Z109-WS·2016-Y-0001', '--basis', 'x'], acc.security.env);
  assert.equal(allowed.code, 1, 'the security officer may ask, and learns the record does not exist');
  assert.match(allowed.stderr, /RECORD_NOT_FOUND/);
});
