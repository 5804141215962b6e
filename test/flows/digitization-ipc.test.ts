/**
 * The desktop's way in to digitization and QC: the request schemas and handlers of
 * electron/main, driven through the same dispatch() the UI harness uses.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { closeVault, dispatch, newShellState, type HandlerHost } from '../../electron/main/handlers.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const state = newShellState();
const host: HandlerHost = { device: 'ipc-test', emit: () => undefined, choosePaths: async () => [] };
after(() => closeVault(state));

test('projects, pre-check and QC settings through IPC; malformed requests are refused before the engine', async () => {
  const dir = path.join(root, 'v');
  const acc = await createVaultWithAccounts(dir);
  assert.equal((await dispatch(state, host, 'vault:open', { path: dir })).ok, true);
  assert.equal((await dispatch(state, host, 'auth:login', { username: acc.archivist.username, password: acc.archivist.password })).ok, true);
  const created = await dispatch(state, host, 'digitization:create', { name: '档案数字化', inHouse: true, samplePercent: 10, items: [{ archivalCode: 'WS·2016-Y-0001', title: '通知', expectedPages: 2 }], evil: 'dropped' });
  assert.ok(created.ok, JSON.stringify(created));
  const checked = await dispatch(state, host, 'digitization:precheck', { project: '档案数字化', code: 'WS·2016-Y-0001', input: { classificationMark: '绝密★长期', complete: true, orderOk: true, matchesCatalog: true } });
  assert.ok(checked.ok && (checked.value as { result: string }).result === 'stopped', JSON.stringify(checked));
  const bad = await dispatch(state, host, 'digitization:precheck', { project: 1, code: 'WS·2016-Y-0001', input: { complete: true } });
  assert.equal(bad.ok ? 'OK' : bad.error.code, 'BAD_REQUEST');
  const badRule = await dispatch(state, host, 'digitization:setQcRule', { project: 1, rule: { colourMode: 'sepia' } });
  assert.equal(badRule.ok ? 'OK' : badRule.error.code, 'BAD_REQUEST');
  const shown = await dispatch(state, host, 'digitization:show', { project: 1 });
  assert.ok(shown.ok);
  assert.deepEqual((shown.value as { returns: { archivalCode: string }[] }).returns.map((r) => r.archivalCode), ['WS·2016-Y-0001']);
  const settings = await dispatch(state, host, 'qc:settings', undefined);
  assert.ok(settings.ok && (settings.value as Record<string, number>)['qc.maxSkew'] === 2);
  const noOut = await dispatch(state, host, 'qc:printReport', { batchId: 1 });
  assert.equal(noOut.ok ? 'OK' : noOut.error.code, 'BAD_REQUEST', 'a printout names its file');
  const sheetPdf = path.join(root, '流程单.pdf');
  const sheet = await dispatch(state, host, 'digitization:printSheet', { project: 1, code: 'WS·2016-Y-0001', out: sheetPdf });
  assert.ok(sheet.ok && (sheet.value as { pages: number }).pages === 1 && fs.statSync(sheetPdf).size > 1000, JSON.stringify(sheet));
  const none = await dispatch(state, host, 'qc:run', { project: 1 });
  assert.equal(none.ok ? 'OK' : none.error.code, 'QC_NOTHING_TO_CHECK');
});
