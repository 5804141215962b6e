import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('lantai watch logs in once, audits each file under that person, and stops (exit 4) when the account is disabled', { timeout: 120_000 }, async () => {
  const root = tempDir();
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  const inbox = path.join(root, '扫描仪 输出');
  fs.mkdirSync(inbox);
  const child = spawn(process.execPath, [CLI, 'watch', inbox, '--stable-ms', '300', '--interval-ms', '200', '--fonds', 'Z109', '--year', '2016', '--retention', 'Y'], {
    env: { ...process.env, ...acc.archivist.env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await until('the watch to start', () => /Watching inbox/.test(out));
    await writeTestPage(path.join(inbox, '来文 001.png'), 3);
    await until('the scan to be ingested and moved to done/', () => fs.existsSync(path.join(inbox, 'done', '来文 001.png')));

    const disabled = await runChild([CLI, 'users', 'disable', acc.archivist.username], { env: acc.sysadmin.env });
    assert.equal(disabled.code, 0, disabled.stderr);
    const code = await Promise.race([exited, sleep(20_000).then(() => 'still running')]);
    assert.equal(code, 4, `the watch stops with the denied exit code once its account is disabled:\n${out}`);
    await writeTestPage(path.join(inbox, '来文 002.png'), 4);
    await sleep(1000);
    assert.ok(fs.existsSync(path.join(inbox, '来文 002.png')), 'a file arriving after the stop is left alone');
  } finally {
    child.kill('SIGKILL');
  }
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  try {
    const rows = db.prepare("SELECT username, action, object_type AS type, result, detail FROM audit_log WHERE action = 'ingest' ORDER BY seq").all() as { username: string; type: string; result: string; detail: string }[];
    assert.deepEqual(rows.map((r) => [r.username, r.type, r.result, (JSON.parse(r.detail) as { op?: string; source?: string }).op ?? (JSON.parse(r.detail) as { source?: string }).source]), [
      [acc.archivist.username, 'inbox', 'ok', 'watch_start'],
      [acc.archivist.username, 'record', 'ok', '来文 001.png'],
      [acc.archivist.username, 'inbox', 'ok', 'watch_stop'],
    ]);
    assert.equal((db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, 1);
  } finally {
    db.close();
  }
});
