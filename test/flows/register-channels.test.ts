/**
 * The desktop channels of the registers, through the shell's one dispatch() over a real vault:
 * a malformed request is refused by its schema before the engine; a record named by 档号 is
 * resolved and linked; a short return reports what is missing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AccessRegisterEntry, Checkout } from '../../electron/contract.js';
import { dispatch, newShellState, type HandlerHost, type ShellState } from '../../electron/main/handlers.js';
import { tempDir } from '../harness/temp.js';
import { makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let tv: TransferVault;
let state: ShellState;
const host: HandlerHost = { device: 'test', emit: () => undefined, choosePaths: async () => [] };

before(async () => {
  tv = await makeTransferVault(path.join(root, 'unit'), { records: 1, key: false });
  state = newShellState();
  state.api = tv.api;
  state.session = tv.archivist;
});

after(() => tv?.api.close());

test('a malformed register request is refused by its schema, and nothing is stored', async () => {
  const r = await dispatch(state, host, 'registers:registerAccess', { personName: '甲', purpose: '查考', method: 'steal', records: [], items: ['X-1'] });
  assert.equal(!r.ok && r.error.code, 'BAD_REQUEST');
  const c = await dispatch(state, host, 'registers:checkOut', { items: 'X-1', reason: 'r', userName: 'u', responsibleName: 'p', dueAt: '2099-01-01' });
  assert.equal(!c.ok && c.error.code, 'BAD_REQUEST');
  const n = tv.api.vault.db.prepare('SELECT (SELECT count(*) FROM access_register) + (SELECT count(*) FROM checkouts) AS n').get() as { n: number };
  assert.equal(n.n, 0);
});

test('a record named by 档号 is linked; a short return names the missing item', async () => {
  const code = (tv.api.vault.db.prepare('SELECT archival_code AS c FROM records').get() as { c: string }).c;
  const r = await dispatch(state, host, 'registers:registerAccess', { personName: '甲', purpose: '查考', method: 'copy', records: [code], items: ['纸质-001'] });
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual((r.value as AccessRegisterEntry).items, [{ recordId: tv.recordIds[0], itemRef: code }, { recordId: null, itemRef: '纸质-001' }]);
  const out = await dispatch(state, host, 'registers:checkOut', { items: ['A-1', 'A-2'], reason: '展览', userName: '乙', responsibleName: '丙', dueAt: '2099-01-01T00:00:00Z' });
  assert.ok(out.ok, JSON.stringify(out));
  const back = await dispatch(state, host, 'registers:return', { id: (out.value as Checkout).id, countedBack: 1, returnedItemRefs: ['A-1'] });
  assert.ok(back.ok, JSON.stringify(back));
  const returned = back.value as Checkout;
  assert.equal(returned.mismatch, true);
  assert.deepEqual(returned.missingRefs, ['A-2']);
  const list = await dispatch(state, host, 'registers:checkouts', { open: true });
  assert.deepEqual(list.ok && list.value, [], 'a returned checkout is no longer open');
});
