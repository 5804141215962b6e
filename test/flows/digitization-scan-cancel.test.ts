/**
 * Scanning an item in from the desktop is an ingest job the person follows page by page and can
 * cancel (the scan panel's 取消入库, or the jobs panel): the cancel stops it, says so in words,
 * leaves no record and no half-filled process sheet for the item, and scanning it again ingests
 * every page.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { closeVault, dispatch, newShellState } from '../../electron/main/handlers.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';
import { ask, recordingHost } from '../harness/desktop-host.js';
import { tempDir } from '../harness/temp.js';

test('a scan cancelled through its job ends in words, leaves no record, and the item scans again in full', { timeout: 180_000 }, async () => {
  const root = tempDir();
  const dir = path.join(root, 'v');
  const acc = await createVaultWithAccounts(dir);
  const pages = 12;
  const folder = path.join(root, 'scans', 'WS·2016-Y-0001');
  await writeTestBatch(folder, pages);
  const state = newShellState();
  let cancel: Promise<unknown> | undefined;
  const { host } = recordingHost((e) => {
    // The scan has started: the person presses cancel (the panel cancels the job it follows).
    if (!cancel && e.type === 'job:progress' && e.progress.kind === 'ingest') cancel = dispatch(state, host, 'jobs:cancel', { jobId: e.progress.jobId });
  });
  try {
    assert.ok((await dispatch(state, host, 'vault:open', { path: dir })).ok);
    assert.ok((await dispatch(state, host, 'auth:login', { username: acc.archivist.username, password: acc.archivist.password })).ok);
    assert.ok((await dispatch(state, host, 'digitization:create', { name: '文书档案数字化', inHouse: true, items: [{ archivalCode: 'WS·2016-Y-0001', title: '通知', expectedPages: pages }] })).ok);
    assert.ok((await dispatch(state, host, 'digitization:precheck', { project: 1, code: 'WS·2016-Y-0001', input: { complete: true, orderOk: true, matchesCatalog: true } })).ok);
    const records = () => (state.api!.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    const sheetSteps = () => (state.api!.vault.db.prepare("SELECT count(*) AS n FROM process_sheet_steps WHERE step = 'scan'").get() as { n: number }).n;
    const before = records();

    const scan = { project: 1, items: [{ code: 'WS·2016-Y-0001', path: folder }], deviceId: 'SC-01' };
    const first = await ask(state, host, 'digitization:scan', scan);
    assert.ok(cancel, 'the scan reported its pages as a job');
    assert.deepEqual(await cancel, { ok: true, value: { cancelled: true } });
    assert.ok(!first.ok, 'the cancelled scan does not report success');
    assert.equal(first.error.code, 'DIGITIZATION_SCAN_CANCELLED');
    assert.match(first.error.message.zh, /已取消/);
    assert.equal(records(), before, 'no record, not even a partial one');
    assert.equal(sheetSteps(), 0, 'no scan step in the process sheet');
    const shown = await ask(state, host, 'digitization:show', { project: 1 });
    assert.ok(shown.ok);
    assert.equal(shown.value.items[0]!.state, 'ready', 'the item is still ready to scan');

    const again = await ask(state, host, 'digitization:scan', scan);
    assert.ok(again.ok, again.ok ? '' : again.error.code);
    assert.equal(again.value.items[0]!.pages, pages, 'every page is ingested the second time');
    assert.equal(records(), before + 1);
    assert.equal(sheetSteps(), 1);
  } finally {
    await closeVault(state);
  }
});
