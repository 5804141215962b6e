/**
 * `lantai text CODE [--page N]`: a record's OCR text, authorized and audited as viewing the
 * record, through the CLI and VaultApi alike; a record under 涉密 hold is refused like a view.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { isVaultError } from '../../native/errors.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let tv: TransferVault;

before(async () => {
  tv = await makeTransferVault(path.join(root, 'v'), { records: 2, key: false });
});
after(() => tv?.api.close());

function views(): { result: string; detail: string }[] {
  return tv.api.vault.db.prepare(`SELECT result, detail FROM audit_log WHERE action = 'view_record' ORDER BY seq`).all() as { result: string; detail: string }[];
}

test('the CLI prints every page\'s text, or one page, and each call is a logged view', async () => {
  const record = tv.api.records.get(tv.archivist, tv.recordIds[0]!).record;
  const before = views().length;
  const all = await runChild([CLI, 'text', record.archivalCode, '--vault', tv.dir], { env: tv.acc.archivist.env });
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, new RegExp(`关于档案移交工作的通知 第${tv.recordIds[0]}件 第1页`));
  const one = await runChild([CLI, 'text', record.archivalCode, '--page', '1', '--json', '--vault', tv.dir], { env: tv.acc.archivist.env });
  assert.equal(one.code, 0, one.stderr);
  const json = JSON.parse(one.stdout) as { pages: { pageNo: number; text: string }[] };
  assert.deepEqual(json.pages.map((p) => p.pageNo), [1]);
  assert.match(json.pages[0]!.text, /第1页/);
  const rows = views().slice(before);
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.result === 'ok' && /"op":"text"/.test(r.detail)));
  const missing = await runChild([CLI, 'text', record.archivalCode, '--page', '99', '--vault', tv.dir], { env: tv.acc.archivist.env });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /page 99/);
});

test('a record under 涉密 hold: its text is refused to the archivist, and the refusal is logged', () => {
  const id = tv.recordIds[1]!;
  tv.api.vault.db.prepare('UPDATE records SET classified_hold = 1 WHERE id = ?').run(id);
  const before = views().length;
  assert.throws(() => tv.api.records.texts(tv.archivist, id), (e: unknown) => isVaultError(e) && e.code === 'ACCESS_DENIED');
  assert.equal(views().slice(before)[0]?.result, 'denied');
  assert.ok(tv.api.records.texts(tv.security, id).pages.length > 0, 'the security officer may read it');
});
