/**
 * A record that went through a digitization project (per-image process metadata, machine QC
 * measures and findings, the human sample, a re-scan) can still be destroyed when its retention
 * is up: the rows derived from its pages go with them (as its OCR text and QC measures do), the
 * batch's own figures and the destruction register stay, and nothing else is touched.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const scans = path.join(root, 'scans');
let api: VaultApi;
let archivist: Session;
let second: Session;
let security: Session;
const code = (n: number) => `Z109-WS·2010-D10-BGS-${String(n).padStart(4, '0')}`;

/** Rows of the page-keyed tables that point at these pages. */
function pageRows(pageIds: number[]): Record<string, number> {
  const ids = JSON.stringify(pageIds);
  const out: Record<string, number> = {};
  for (const table of ['qc_findings', 'qc_page_metrics', 'qc_samples', 'page_replacements', 'page_process_metadata', 'page_text', 'ocr_queue']) {
    out[table] = (api.vault.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE page_id IN (SELECT value FROM json_each(?))`).get(ids) as { n: number }).n;
  }
  return out;
}

before(async () => {
  const acc = await createVaultWithAccounts(path.join(root, 'vault'));
  api = await VaultApi.open(path.join(root, 'vault'));
  archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  const sys = await api.accounts.login(acc.sysadmin.username, acc.sysadmin.password, 'test');
  await api.accounts.create(sys, { username: 'jianding2', password: 'initial-口令-2222', displayName: '孙鉴定', roles: ['archivist'] });
  const first = await api.accounts.login('jianding2', 'initial-口令-2222', 'test');
  await api.accounts.changeOwnPassword(first, 'initial-口令-2222', 'jianding2-口令-7777');
  second = await api.accounts.login('jianding2', 'jianding2-口令-7777', 'test');
  await writeQcPage(path.join(scans, 'i1', '1.jpg'), 'text', 1);
  await writeQcPage(path.join(scans, 'i1', '2.jpg'), 'blurred', 2);
  await writeQcPage(path.join(scans, 'i2', '1.jpg'), 'text', 3);
  await writeQcPage(path.join(scans, 'i2', '2.jpg'), 'blank');
  await writeQcPage(path.join(scans, 'rescan.jpg'), 'text', 4);
});
after(() => api?.close());

test('a digitized, QC-judged and re-scanned record is destroyed with everything its pages left; the other record keeps all of its own', async () => {
  const d = api.digitization.createProject(archivist, { name: '2010年文书档案数字化', inHouse: true, range: `${code(1)}..${code(2)}` });
  api.digitization.setQcRule(archivist, d.project.id, { samplePercent: 100, colourMode: 'grey' });
  for (const c of [code(1), code(2)]) assert.equal(api.digitization.precheck(archivist, d.project.id, c, { complete: true, orderOk: true, matchesCatalog: true }).result, 'pass');
  const scan = await api.digitization.scan(archivist, d.project.id, { items: [1, 2].map((n) => ({ code: code(n), path: path.join(scans, `i${n}`) })), deviceId: 'SCN-01' });
  assert.deepEqual(scan.items.map((i) => i.pages), [2, 2]);
  const { batch } = await api.qc.run(archivist, d.project.id);
  for (const x of api.qc.sample(archivist, batch.id)) {
    const bad = x.archivalCode === code(1) && x.pageNo === 2;
    api.qc.judge(archivist, batch.id, { record: x.archivalCode, pageNo: x.pageNo, verdict: bad ? 'fail' : 'pass', ...(bad ? { reason: 'blur' } : {}) });
  }
  const report = api.qc.returnBatch(archivist, batch.id, { vendorSignatory: '王经理' });
  await api.qc.rescan(archivist, { record: code(1), pageNo: 2, file: path.join(scans, 'rescan.jpg'), reason: '模糊重扫', deviceId: 'SCN-02' });
  const [doomed, kept] = api.digitization.showProject(archivist, d.project.id).items.map((i) => i.recordId!);
  const pagesOf = (id: number) => (api.vault.db.prepare('SELECT id FROM pages WHERE record_id = ?').all(id) as { id: number }[]).map((p) => p.id);
  const doomedPages = pagesOf(doomed!);
  const keptPages = pagesOf(kept!);
  const before = pageRows(doomedPages);
  for (const t of ['qc_findings', 'qc_page_metrics', 'qc_samples', 'page_replacements', 'page_process_metadata']) assert.ok(before[t]! > 0, `the record has ${t} rows to lose: ${JSON.stringify(before)}`);
  const keptBefore = pageRows(keptPages);

  const { roundId } = api.appraisal.propose(archivist, { title: '2020年到期档案鉴定', recordId: doomed!, action: 'destroy', reason: '保管期满，无继续保存价值' });
  api.appraisal.vote(archivist, roundId, 'agree', '同意');
  api.appraisal.vote(second, roundId, 'agree', '同意');
  api.appraisal.approve(security, roundId, '经鉴定小组审议，报分管领导同意');
  const register = await api.appraisal.destroy(archivist, roundId);
  assert.deepEqual(register.items.map((i) => i.recordId), [doomed]);
  assert.ok(register.objects.length >= 3 && register.objects.every((o) => o.removedAt !== null), 'its images, the re-scanned one among them, are gone');
  assert.deepEqual(Object.values(pageRows(doomedPages)), Object.values(pageRows(doomedPages)).map(() => 0), JSON.stringify(pageRows(doomedPages)));
  assert.deepEqual(pageRows(keptPages), keptBefore, 'the other record keeps every row of its pages');
  assert.equal(api.records.list(archivist, {}).records.find((r) => r.id === doomed)!.disposal, 'destroyed');
  // The batch's report stays as it was signed; its findings now list the other record's only.
  assert.deepEqual(api.qc.report(archivist, batch.id), report);
  assert.ok(api.qc.findings(archivist, batch.id).findings.every((f) => f.archivalCode !== code(1)));
  const check = await api.maintenance.check(archivist, {});
  assert.deepEqual(check.problems.filter((p) => p.severity === 'error'), [], 'the vault checks clean');
});
