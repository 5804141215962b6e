/**
 * The digitization and QC commands as a person types them (an in-house project run by the
 * archivist): create, pre-check (a 机密 item stopped, exit 1), scan a folder of item folders,
 * machine QC, the sample judged, acceptance printed (text and PDF), the process sheet printed (text and PDF), and the device
 * register holding the project open. Steps the API flow test covers in depth are done here in
 * process (each CLI child costs a second or more), so the test stays short.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const lantai = (args: string[], env: Record<string, string>) => runChild([CLI, ...args], { env: { ...env, LANG: 'zh_CN.UTF-8' } });
const code = (n: number) => `Z109-WS·2016-D30-BGS-${String(n).padStart(4, '0')}`;

test('a digitization project through the CLI, from scope to acceptance report', async () => {
  const root = tempDir();
  const acc = await createVaultWithAccounts(path.join(root, 'v'));
  const env = acc.archivist.env;
  const scans = path.join(root, 'scans');
  for (const n of [1, 2]) for (const p of [1, 2]) await writeQcPage(path.join(scans, code(n).replace('·', '-'), `${p}.jpg`), 'text', n * 10 + p);

  const made = await lantai(['project', 'create', '文书数字化', '--in-house', '--range', `${code(1)}..${code(3)}`, '--sample-percent', '20', '--json'], env);
  assert.equal(made.code, 0, made.stderr);
  const id = String(JSON.parse(made.stdout).project.project.id);
  const api = await VaultApi.open(path.join(root, 'v'));
  try {
    const me = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
    for (const n of [1, 2]) api.digitization.precheck(me, id, code(n), { complete: true, orderOk: true, matchesCatalog: true });
    api.digitization.addSheetStep(me, id, code(1), { step: 'rebind', count: 2 });
  } finally {
    api.close();
  }
  const stopped = await lantai(['precheck', id, code(3), '--mark', '机密★20年', '--returned-to', '陈档案'], env);
  assert.equal(stopped.code, 1, 'a stopped item is a problem found');
  assert.match(stopped.stdout, /停止加工/);

  const scan = await lantai(['project', 'scan', id, '--device', 'SCN-01', '--software', 'ScanPro', '--from', scans], env);
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stdout, new RegExp(`${code(2)} → ${code(2)}：2 页`));

  const run = await lantai(['qc', 'run', id, '--json'], env);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const batch = String(JSON.parse(run.stdout).batch.id);
  const sample = JSON.parse((await lantai(['qc', 'sample', batch, '--json'], env)).stdout).pages as { archivalCode: string; pageNo: number }[];
  assert.equal(sample.length, 1, '20% of 4 pages, rounded up');
  for (const p of sample) assert.equal((await lantai(['qc', 'judge', batch, p.archivalCode, String(p.pageNo), 'pass'], env)).code, 0);
  const reportFile = path.join(root, '验收报告.txt');
  const accepted = await lantai(['qc', 'accept', batch, '--out', reportFile], env);
  assert.equal(accepted.code, 0, accepted.stderr);
  const report = fs.readFileSync(reportFile, 'utf8');
  assert.match(report, /档案数字化成果验收报告/);
  assert.match(report, /1 页，合格 1/);
  assert.match(report, /4 页/);
  const reportPdf = path.join(root, '验收报告.pdf');
  const printed = await lantai(['qc', 'report', batch, '--out', reportPdf], env);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /已打印为 PDF/);
  const pdfText = execFileSync('pdftotext', ['-layout', reportPdf, '-'], { encoding: 'utf8' });
  for (const s of ['档案数字化成果验收报告', '验收通过', '4 页', '合格 1 页']) assert.ok(pdfText.includes(s), `${s} in\n${pdfText}`);

  const sheetFile = path.join(root, '流程单.txt');
  assert.equal((await lantai(['sheet', 'show', id, code(1), '--out', sheetFile], env)).code, 0);
  const sheet = fs.readFileSync(sheetFile, 'utf8');
  for (const step of ['预检', '扫描\tSCN-01\t2', '质检', '装订']) assert.ok(sheet.includes(step), `${step} in\n${sheet}`);
  assert.match(sheet, /ScanPro/);
  const sheetPdf = path.join(root, '流程单.pdf');
  assert.equal((await lantai(['sheet', 'show', id, code(1), '--out', sheetPdf], env)).code, 0);
  assert.match(execFileSync('pdftotext', ['-layout', sheetPdf, '-'], { encoding: 'utf8' }), /档案数字化流程单[\s\S]*装订/);

  assert.equal((await lantai(['devices', 'add', id, '--kind', 'usb', '--label', 'U-01', '--holder', '陈档案'], env)).code, 0);
  const refused = await lantai(['project', 'close', id], env);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /DIGITIZATION_DEVICES_OUTSTANDING/);
});
