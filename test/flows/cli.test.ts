import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const lantai = (args: string[], env: Record<string, string> = {}) => runChild([CLI, ...args], { env });

test('init, ingest, list, show and check through the real CLI, in JSON and in Chinese', async () => {
  const root = tempDir();
  const vault = path.join(root, '我的 档案库');
  const init = await lantai(['init', vault, '--json']);
  assert.equal(init.code, 0, init.stderr);
  assert.equal(JSON.parse(init.stdout).format, 'lantai-vault');

  await writeTestBatch(path.join(root, 'scans', 'doc1'), 2);
  await writeTestPage(path.join(root, 'scans', 'doc2.png'), 50);
  const ing = await lantai(['ingest', path.join(root, 'scans'), '--vault', vault, '--json', '--fonds', 'Z109', '--year', '2016', '--retention', 'Y', '--org', '办公室', '--doc-date', '2016-04-26']);
  assert.equal(ing.code, 0, ing.stderr);
  const summary = JSON.parse(ing.stdout);
  assert.deepEqual(summary.items.map((i: { archivalCode: string }) => i.archivalCode), ['Z109-WS·2016-Y-办公室-0001', 'Z109-WS·2016-Y-办公室-0002']);

  const list = await lantai(['list', '--json'], { LANTAI_VAULT: vault });
  assert.equal(list.code, 0);
  const listed = JSON.parse(list.stdout);
  assert.equal(listed.total, 2);
  assert.equal(listed.records[0].docDate, '2016-04-26');

  const zh = await lantai(['list'], { LANTAI_VAULT: vault, LANG: 'zh_CN.UTF-8' });
  assert.match(zh.stdout, /档号\t题名/);
  assert.match(zh.stdout, /20160426/);
  assert.match(zh.stdout, /共 2 件/);
  const en = await lantai(['list'], { LANTAI_VAULT: vault, LANG: 'en_US.UTF-8' });
  assert.match(en.stdout, /2 records/);

  const show = await lantai(['show', 'Z109-WS·2016-Y-办公室-0001', '--vault', vault, '--json']);
  assert.equal(show.code, 0, show.stderr);
  const shown = JSON.parse(show.stdout);
  assert.equal(shown.pages.length, 2);
  assert.match(shown.masters[0].sm3, /^[0-9a-f]{64}$/);

  const check = await lantai(['check', '--vault', vault]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
});

test('lantai check exits non-zero and names the object when a master is altered or removed', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  assert.equal((await lantai(['init', vault])).code, 0);
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
  const unknown = await lantai(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /frobnicate/);
  const noVault = await lantai(['list'], { LANTAI_VAULT: '' });
  assert.equal(noVault.code, 3);
  assert.match(noVault.stderr, /--vault/);
  const notVault = await lantai(['list', '--vault', root]);
  assert.equal(notVault.code, 3);
  assert.ok(notVault.stderr.includes(root));
  const badOption = await lantai(['list', '--vault', root, '--nope']);
  assert.equal(badOption.code, 2);
});
