/**
 * The desktop channels of the transfer wizard, through the shell's one dispatch() over a real
 * vault (no browser): the live count is the selection's records and the exact bytes of their
 * masters; a malformed request is refused by its schema; an approver's wrong password is a
 * refused approval that writes nothing and leaves the asking archivist logged in.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { VaultEvent } from '../../electron/contract.js';
import { dispatch, newShellState, type HandlerHost, type ShellState } from '../../electron/main/handlers.js';
import { CARRIER_CAPACITY } from '../../native/api/index.js';
import { schemas } from '../../electron/main/schemas.js';
import { CARRIERS, outputRequestOf } from '../../renderer/src/screens/transferOutput.js';
import { tempDir } from '../harness/temp.js';
import { KEY_PASSPHRASE, makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let tv: TransferVault;
let state: ShellState;
const events: VaultEvent[] = [];
const host: HandlerHost = { device: 'test', emit: (e) => events.push(e), choosePaths: async () => [] };

before(async () => {
  tv = await makeTransferVault(root, { records: 2, sm2: false });
  state = newShellState();
  state.api = tv.api;
  state.session = tv.archivist;
});

after(() => tv?.api.close());

test('the live count names the records and the exact bytes of their masters', async () => {
  const r = await dispatch(state, host, 'transfer:preview', { year: 2016 });
  assert.ok(r.ok, JSON.stringify(r));
  const bytes = (tv.api.vault.db.prepare('SELECT sum(o.size) AS n FROM masters m JOIN objects o ON o.sha256 = m.sha256').get() as { n: number }).n;
  assert.deepEqual(r.value, { records: 2, bytes });
  const none = await dispatch(state, host, 'transfer:preview', { year: 1999 });
  assert.deepEqual(none.ok && none.value, { records: 0, bytes: 0 });
});

test('a malformed export request is refused by its schema before the engine', async () => {
  const r = await dispatch(state, host, 'transfer:export', { request: { selection: { year: 2016 } }, approval: { username: 'secoff' } });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'BAD_REQUEST');
});

test('a wrong approver password writes nothing and keeps the archivist logged in', async () => {
  const out = path.join(root, 'pkg');
  const r = await dispatch(state, host, 'transfer:export', {
    request: { selection: { year: 2016 }, output: out },
    approval: { username: tv.acc.security.username, password: 'not-the-口令', keyPassphrase: KEY_PASSPHRASE },
  });
  assert.equal(r.ok, false);
  assert.equal(fs.existsSync(out), false);
  assert.equal(state.session, tv.archivist, 'the asking person is still logged in');
  assert.ok(!events.some((e) => e.type === 'session:ended'));
  // The self-check channel reports the same check the export runs, and passes here.
  const check = await dispatch(state, host, 'transfer:selfCheck', { year: 2016 });
  const report = check.ok ? (check.value as { passed: boolean; records: number }) : null;
  assert.ok(report?.passed && report.records === 2, JSON.stringify(check));
});

test('the wizard offers the engine\'s carriers, and its carrier choice reaches the engine as a capacity', () => {
  assert.deepEqual({ ...CARRIERS }, { ...CARRIER_CAPACITY }, 'renderer/src/screens/transferOutput.ts mirrors native/package/carriers.ts');
  const request = { selection: { year: 2016 }, ...outputRequestOf({ output: ' /x/pkg ', kind: 'zip', carrier: 'DVD' }) };
  assert.deepEqual(request, { selection: { year: 2016 }, output: '/x/pkg', kind: 'zip', carrierCapacity: 4_700_000_000 });
  const checked = schemas['transfer:export']({ request, approval: { username: 'secoff', password: 'p', keyPassphrase: 'k' } });
  assert.equal(checked.request.carrierCapacity, 4_700_000_000);
  assert.equal('carrierCapacity' in outputRequestOf({ output: '/x', kind: 'folder', carrier: 'none' }), false);
});
