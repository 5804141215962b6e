import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listRecords } from '../../native/catalog/records.js';
import { InboxState, pollInbox } from '../../native/ingest/watch.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { TESTDATA, tempDir } from '../harness/temp.js';

test('the inbox ingests a file only once its size holds still, then moves it to done/', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const inbox = path.join(root, '扫描 收件夹');
  fs.mkdirSync(inbox);
  const state = new InboxState();
  const options = { inbox, stableMs: 1000, metadata: { year: 2016, retention: 'Y' } };

  // The scanner is still writing: half a file.
  await writeTestPage(path.join(root, 'full.png'), 1);
  const full = fs.readFileSync(path.join(root, 'full.png'));
  fs.writeFileSync(path.join(inbox, 'page.png'), full.subarray(0, full.length >> 1));
  assert.deepEqual(await pollInbox(vault, options, state, 0), []);
  // It grows: still not ready, the clock restarts.
  fs.writeFileSync(path.join(inbox, 'page.png'), full);
  assert.deepEqual(await pollInbox(vault, options, state, 900), []);
  assert.deepEqual(await pollInbox(vault, options, state, 1500), []);
  assert.equal(listRecords(vault.db).total, 0);
  // Unchanged for stableMs: ingested and moved.
  const events = await pollInbox(vault, options, state, 2600);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.kind, 'ingested');
  assert.ok(fs.existsSync(path.join(inbox, 'done', 'page.png')));
  assert.ok(!fs.existsSync(path.join(inbox, 'page.png')));
  assert.equal(listRecords(vault.db).total, 1);
  vault.close();
});

test('a folder is one item; failures go to failed/ with a reason file naming the problem', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const inbox = path.join(root, 'inbox');
  await writeTestBatch(path.join(inbox, '文书 001'), 3);
  fs.copyFileSync(path.join(TESTDATA, 'ingest-oddities', 'ocrmypdf', 'invalid.pdf'), path.join(inbox, 'broken scan.pdf'));
  fs.writeFileSync(path.join(inbox, 'notes.txt'), 'not a scan');
  fs.writeFileSync(path.join(inbox, 'scan.part'), 'being written');
  const state = new InboxState();
  const options = { inbox, stableMs: 0 };
  const events = await pollInbox(vault, options, state, 0);
  const byName = Object.fromEntries(events.map((e) => [e.name, e]));
  assert.equal(byName['文书 001']?.kind, 'ingested');
  assert.equal(listRecords(vault.db).records[0]!.pageCount, 3);
  for (const name of ['broken scan.pdf', 'notes.txt']) {
    const e = byName[name];
    assert.equal(e?.kind, 'failed', name);
    if (e?.kind !== 'failed') continue;
    assert.ok(fs.existsSync(path.join(inbox, 'failed', name)));
    const reason = fs.readFileSync(e.reasonFile, 'utf8');
    assert.ok(reason.includes(name), reason);
    assert.match(reason, /原因：/);
    assert.match(reason, /Reason: /);
  }
  assert.ok(fs.existsSync(path.join(inbox, 'scan.part')), 'temporary scanner files are left alone');
  assert.equal(listRecords(vault.db).total, 1, 'failures leave no record');
  vault.close();
});

test('a file dropped again after a crash between ingest and move is only moved, not duplicated', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const inbox = path.join(root, 'inbox');
  await writeTestPage(path.join(inbox, 'a.png'), 4);
  await pollInbox(vault, { inbox, stableMs: 0 }, new InboxState(), 0);
  // Simulate the crash: the file is back in the inbox although it is in the catalog.
  fs.renameSync(path.join(inbox, 'done', 'a.png'), path.join(inbox, 'a.png'));
  const events = await pollInbox(vault, { inbox, stableMs: 0 }, new InboxState(), 0);
  assert.equal(events[0]!.kind, 'ingested');
  assert.equal(events[0]!.kind === 'ingested' && events[0]!.alreadyIngested, true);
  assert.ok(fs.existsSync(path.join(inbox, 'done', 'a.png')));
  assert.ok(!fs.existsSync(path.join(inbox, 'a.png')));
  assert.equal(listRecords(vault.db).total, 1);
  vault.close();
});
