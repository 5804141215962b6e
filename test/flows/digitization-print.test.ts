/**
 * A batch of 40 pages through VaultApi to its printed forms (issue 13, parts 1–2): a new
 * project's rule comes from the vault's QC settings; machine QC compares each item's page
 * count with the paper catalog; a 100% sample with 2 failures in 40 pages fails at the 95%
 * pass mark, so the batch cannot be accepted and is returned; the 退回单 with its defect list
 * and the item's 流程单 print as PDFs with the CJK font embedded.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const scans = path.join(root, 'scans');
let api: VaultApi;
let me: Session;
const code = (n: number) => `Z109-WS·2017-D30-BGS-${String(n).padStart(4, '0')}`;

async function codeOf(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    return isVaultError(e) ? e.code : `THROWN:${String(e)}`;
  }
  return 'OK';
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfFonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });

before(async () => {
  const acc = await createVaultWithAccounts(path.join(root, 'v'));
  api = await VaultApi.open(path.join(root, 'v'));
  me = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  for (const n of [1, 2]) for (let p = 1; p <= 20; p++) await writeQcPage(path.join(scans, `i${n}`, `${String(p).padStart(2, '0')}.jpg`), 'text', n * 100 + p);
});
after(() => api?.close());

test('page count against the catalog; 2 failures in 40 sampled pages fail at 95%; the returned batch and the process sheet print as PDFs', async () => {
  // The vault's defaults for new projects are settings, checked like a project's own rule.
  assert.equal(await codeOf(() => api.qc.setSetting(me, 'qc.passMark', '150')), 'QC_BAD_SETTING');
  assert.equal(await codeOf(() => api.qc.setSetting(me, 'qc.minDpi', '300.5')), 'QC_BAD_SETTING');
  assert.equal(api.qc.setSetting(me, 'qc.samplePercent', '100')['qc.samplePercent'], 100);
  const d = api.digitization.createProject(me, {
    name: '2017年文书数字化', inHouse: true,
    items: [{ archivalCode: code(1), title: '年度工作总结', expectedPages: 20 }, { archivalCode: code(2), title: '会议纪要汇编', expectedPages: 21 }],
  });
  assert.deepEqual([d.project.samplePercent, d.project.passMark, d.project.minDpi], [100, 95, 300], 'the sample from the setting, the default pass mark and resolution');
  for (const n of [1, 2]) api.digitization.precheck(me, d.project.id, code(n), { complete: true, orderOk: true, matchesCatalog: true });
  await api.digitization.scan(me, d.project.id, { items: [1, 2].map((n) => ({ code: code(n), path: path.join(scans, `i${n}`) })), deviceId: 'SCN-07', software: 'ScanPro 5.2' });

  const { batch, machine } = await api.qc.run(me, d.project.id);
  assert.equal(batch.pages, 40);
  assert.deepEqual(machine.findings.map((f) => [f.archivalCode, f.pageNo, f.check, f.detail]), [[code(2), null, 'page_count', { expected: 21, found: 20 }]],
    'the one item a page short of its catalog entry, and nothing else');
  assert.equal(await codeOf(() => api.qc.printReport(me, batch.id, path.join(root, 'early.pdf'))), 'QC_BATCH_STATE', 'nothing to print before the decision');
  assert.ok(!fs.existsSync(path.join(root, 'early.pdf')));

  const pages = api.qc.sample(me, batch.id);
  assert.equal(pages.length, 40);
  const failing = new Set([pages[5]!.ordinal, pages[31]!.ordinal]);
  for (const p of pages) {
    const bad = failing.has(p.ordinal);
    api.qc.judge(me, batch.id, { record: p.archivalCode, pageNo: p.pageNo, verdict: bad ? 'fail' : 'pass', ...(bad ? { reason: 'blur', note: `第${p.pageNo}页字迹模糊` } : {}) });
  }
  const result = api.qc.result(me, batch.id);
  assert.deepEqual([result.passed, result.failed, result.passRate, result.verdict], [38, 2, 95, 'fail']);
  assert.equal(await codeOf(() => api.qc.accept(me, batch.id, {})), 'QC_SAMPLE_FAILED');
  const report = api.qc.returnBatch(me, batch.id);
  assert.equal(report.decision, 'returned');

  const returned = path.join(root, '退回单.pdf');
  const printed = await api.qc.printReport(me, batch.id, returned);
  assert.ok(printed.pages >= 1 && printed.bytes === fs.statSync(returned).size);
  assert.match(pdfFonts(returned), /Noto\S*\s.*\byes\s+yes\b/, 'the CJK font is embedded');
  const text = pdfText(returned);
  for (const s of ['档案数字化成果退回单', '退回返工', '2017年文书数字化', '自行加工', '40 页', '合格率 95%', '合格线 95%', '不合格', '问题清单', '档案室验收人']) assert.ok(text.includes(s), `${s} in\n${text}`);
  for (const p of pages.filter((x) => failing.has(x.ordinal))) assert.ok(text.includes(`第${p.pageNo}页字迹模糊`), `the defect of ${p.archivalCode}#${p.pageNo}`);
  assert.ok(!text.includes('承包单位代表'), 'an in-house batch has no vendor to sign');

  const sheetPdf = path.join(root, '流程单.pdf');
  const sheet = await api.digitization.printSheet(me, d.project.id, code(2), sheetPdf);
  assert.ok(sheet.pages >= 1);
  const sheetText = pdfText(sheetPdf);
  for (const s of ['档案数字化流程单', code(2), '会议纪要汇编', '预检', '扫描', 'SCN-07', '质检', '逐页过程元数据', 'ScanPro 5.2', '300 dpi', '质检员']) assert.ok(sheetText.includes(s), `${s} in\n${sheetText}`);
  assert.match(sheetText, /退回返工/, 'the return is on the sheet');
  const audited = api.vault.db.prepare("SELECT detail FROM audit_log WHERE result = 'ok' AND detail LIKE '%_print%' ORDER BY seq").pluck().all() as string[];
  assert.deepEqual(audited.map((x) => (JSON.parse(x) as { op: string }).op), ['report_print', 'sheet_print']);
});
