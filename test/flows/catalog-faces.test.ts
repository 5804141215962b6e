/**
 * The catalog and appraisal commands through both faces: `lantai edit` and the desktop's
 * catalog:edit refuse the same bad value with the same error (one validation, in the engine),
 * and succeed with the same audit row; the CLI's catalog export, print and appraisal commands
 * run end to end; the desktop's request schemas drop what a channel does not take.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { closeVault, dispatch, newShellState, type HandlerHost, type ShellState } from '../../electron/main/handlers.js';
import { main } from '../../native/cli/main.js';
import { createVaultWithAccounts, type TestAccount, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const vaultDir = path.join(root, 'vault');
let acc: TestAccounts;
let state: ShellState;
const host: HandlerHost = { device: 'desktop-test', emit: () => undefined, choosePaths: async () => [] };

async function cli(person: TestAccount, args: string[], lang = 'C'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...person.env, LANG: lang } });
  return { code, out, err };
}

function audit(action: string): { result: string; detail: Record<string, unknown>; device: string }[] {
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT result, detail, device FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { result: string; detail: string; device: string }[])
      .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

before(async () => {
  acc = await createVaultWithAccounts(vaultDir);
  const scans = path.join(root, 'scans');
  const files = await writeTestBatch(scans, 2);
  assert.equal((await cli(acc.archivist, ['ingest', ...files, '--each-file', '--fonds', 'Z109', '--year', '2010', '--retention', 'D10', '--org', 'BGS'])).code, 0);
  state = newShellState();
  assert.ok((await dispatch(state, host, 'vault:open', { path: vaultDir })).ok);
  assert.ok((await dispatch(state, host, 'auth:login', { username: acc.archivist.username, password: acc.archivist.password })).ok);
});
after(() => closeVault(state));

test('one validation: the CLI and the desktop refuse the same bad 成文日期 with the same error, and accept the same edit with the same audit row', async () => {
  const code = 'Z109-WS·2010-D10-BGS-0001';
  const bad = await cli(acc.archivist, ['edit', code, '--doc-date', '2016-13-01', '--json']);
  assert.equal(bad.code, 1);
  const cliError = JSON.parse(bad.out).error;
  const deskBad = await dispatch(state, host, 'catalog:edit', { refs: [code], patch: { docDate: '2016-13-01' } });
  assert.ok(!deskBad.ok);
  assert.deepEqual(deskBad.error, cliError, 'same code, message and details from both faces');
  assert.equal(cliError.code, 'CATALOG_FIELD_INVALID');
  assert.match(cliError.message.zh, /成文日期“2016-13-01”不正确/);

  const ok = await cli(acc.archivist, ['edit', code, '--title', '关于档案安全的通知', '--doc-number', '档发【2010】3号', '--json']);
  assert.equal(ok.code, 0, ok.err);
  const deskOk = await dispatch(state, host, 'catalog:edit', { refs: ['Z109-WS·2010-D10-BGS-0002'], patch: { title: '关于档案移交的通知', docNumber: '档发【2010】4号' }, evil: 1 } as never);
  assert.ok(deskOk.ok);
  const rows = audit('edit_record').filter((r) => r.result === 'ok').slice(-2);
  assert.deepEqual(rows.map((r) => Object.keys(r.detail).sort()), [['archivalCode', 'changes', 'op'], ['archivalCode', 'changes', 'op']]);
  assert.deepEqual(rows.map((r) => (r.detail['changes'] as { field: string; after: string }[]).find((c) => c.field === 'docNumber')!.after), ['档发〔2010〕3号', '档发〔2010〕4号']);
  assert.deepEqual(rows.map((r) => r.device.startsWith('cli@') ? 'cli' : r.device), ['cli', 'desktop-test']);
});

test('CLI: catalog export and print, appraisal due; a record under 涉密 hold lists as 涉密待审, never 公开', async () => {
  const csv = path.join(root, '目录.csv');
  const exp = await cli(acc.archivist, ['catalog', 'export', '--format', 'csv', '--out', csv]);
  assert.equal(exp.code, 0, exp.err);
  assert.equal(fs.readFileSync(csv, 'utf8').trim().split('\n').length, 3);
  const pdf = path.join(root, '目录.pdf');
  const pr = await cli(acc.archivist, ['print', 'catalog', '--year', '2010', '--out', pdf], 'zh_CN.UTF-8');
  assert.equal(pr.code, 0, pr.err);
  assert.match(pr.out, /已生成/);
  const due = await cli(acc.archivist, ['appraisal', 'due', '--as-of', '2021-01-01', '--json']);
  assert.equal(JSON.parse(due.out).due.length, 2);
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'));
  db.prepare("UPDATE records SET classified_hold = 1 WHERE archival_code = 'Z109-WS·2010-D10-BGS-0002'").run();
  db.close();
  const list = await cli(acc.security, ['list'], 'zh_CN.UTF-8');
  const line = list.out.split('\n').find((l) => l.startsWith('Z109-WS·2010-D10-BGS-0002'))!;
  assert.match(line, /涉密待审/);
  assert.doesNotMatch(line, /公开/);
});

test('CLI: a refused catalog import names each bad row and field and exits 1; the schema refuses a malformed desktop request', async () => {
  const file = path.join(root, 'bad.csv');
  fs.writeFileSync(file, '题名,年度,保管期限,页数\n好的,2011,D10,2\n,2011,D99,x\n');
  const r = await cli(acc.archivist, ['catalog', 'import', file], 'zh_CN.UTF-8');
  assert.equal(r.code, 1);
  assert.match(r.err, /第 3 行 title/);
  assert.match(r.err, /第 3 行 retention/);
  assert.match(r.err, /第 3 行 pageCount/);
  const bad = await dispatch(state, host, 'appraisal:vote', { roundId: 'one', vote: 'agree' });
  assert.ok(!bad.ok && bad.error.code === 'BAD_REQUEST');
});
