/**
 * A digitization project end to end through VaultApi (issue 13, parts 1–2): scope and a vendor
 * operator limited to it, the pre-check (a 涉密 item stopped and registered), scanning that
 * fills the process sheet and per-image metadata, machine QC catching each defect on the page
 * made to show it, the human sample judged page by page, a failing batch returned with its
 * defects, a re-scan keeping the old image, a passing batch accepted with its report, the
 * device register holding the project open, and the vendor's account disabled at the close.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import { renderReport } from '../../native/qc/report.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const dir = path.join(root, 'vault');
const scans = path.join(root, 'scans');
let api: VaultApi;
let acc: TestAccounts;
let archivist: Session;
let vendor: Session;
let security: Session;
let outsideId: number;
const VENDOR_PASSWORD = '外包-扫描-口令-2026x';

const code = (n: number) => `Z109-WS·2016-Y-BGS-${String(n).padStart(4, '0')}`;

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return isVaultError(e) ? `${e.code}${e.details['reason'] ? `:${String(e.details['reason'])}` : ''}` : `THROWN:${String(e)}`;
  }
  return 'OK';
}

function audit(action: string): { result: string; detail: string; username: string }[] {
  return api.vault.db.prepare('SELECT result, detail, username FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { result: string; detail: string; username: string }[];
}

before(async () => {
  acc = await createVaultWithAccounts(dir);
  api = await VaultApi.open(dir);
  archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  security = await api.accounts.login(acc.security.username, acc.security.password, 'test');
  const sys = await api.accounts.login(acc.sysadmin.username, acc.sysadmin.password, 'test');
  await api.accounts.create(sys, { username: 'vendor1', password: 'initial-vendor1-0000', displayName: '吴外包', roles: ['vendor_operator'] });
  const first = await api.accounts.login('vendor1', 'initial-vendor1-0000', 'scan-site-pc');
  await api.accounts.changeOwnPassword(first, 'initial-vendor1-0000', VENDOR_PASSWORD);
  vendor = await api.accounts.login('vendor1', VENDOR_PASSWORD, 'scan-site-pc');
  // A record outside any project, ingested by the archive room.
  const outside = path.join(scans, 'outside', '0001.jpg');
  await writeQcPage(outside, 'text', 99);
  const s = await api.ingest.run(archivist, { paths: [path.dirname(outside)], metadata: { fondsCode: 'Z109', categoryCode: 'WS', year: 2015, retention: 'D30', orgUnit: 'BGS', title: '库外档案机密预算报告' } });
  outsideId = s.items[0]!.recordId!;
  // The items' scans: item 1 clean; item 2 blank, skewed, blurred, low-dpi; item 3 a colour page and the same sheet twice.
  for (let p = 1; p <= 3; p++) await writeQcPage(path.join(scans, 'i1', `${p}.jpg`), 'text', p);
  await writeQcPage(path.join(scans, 'i2', '1.jpg'), 'text', 11);
  await writeQcPage(path.join(scans, 'i2', '2.jpg'), 'blank');
  await writeQcPage(path.join(scans, 'i2', '3.jpg'), 'skewed', 12);
  await writeQcPage(path.join(scans, 'i2', '4.jpg'), 'blurred', 13);
  await writeQcPage(path.join(scans, 'i2', '5.jpg'), 'low-dpi', 14);
  await writeQcPage(path.join(scans, 'i3', '1.jpg'), 'text', 21);
  await writeQcPage(path.join(scans, 'i3', '2.jpg'), 'colour', 22);
  await writeQcPage(path.join(scans, 'i3', '3.png'), 'text', 21);
  await writeQcPage(path.join(scans, 'rescan.jpg'), 'text', 31);
  fs.writeFileSync(path.join(root, 'items.csv'), `档号,题名,页数\n${code(3)},"关于档案安全检查的通知，附表",3\n${code(4)},涉密测绘资料,2\n`);
});
after(() => api?.close());

test('bad input is named: a bad 档号 row in the items file, an unknown colour rule, no vendor for an outsourced project', async () => {
  fs.writeFileSync(path.join(root, 'bad.csv'), `档号,题名,页数\n${code(1)},好,1\nZ109-WS-20x6-Y-0002,坏,1\n`);
  let e: unknown = null;
  try {
    api.digitization.createProject(archivist, { name: 'x', vendor: 'v', itemsFile: path.join(root, 'bad.csv') });
  } catch (x) {
    e = x;
  }
  assert.ok(isVaultError(e) && e.code === 'DIGITIZATION_BAD_INPUT', String(e));
  assert.match(e.text.en, /line 3/);
  assert.match(e.text.en, /bad\.csv/);
  assert.equal(await codeOf(() => api.digitization.createProject(archivist, { name: 'x', vendor: 'v', range: `${code(1)}..${code(2)}`, colourMode: 'sepia' as never })), 'DIGITIZATION_BAD_INPUT');
  assert.equal(await codeOf(() => api.digitization.createProject(archivist, { name: 'x', range: `${code(1)}..${code(2)}` })), 'DIGITIZATION_BAD_INPUT');
  assert.equal((api.vault.db.prepare('SELECT count(*) AS n FROM digitization_projects').get() as { n: number }).n, 0, 'nothing half-created');
});

test('a project: scope from a range and the paper catalog, a vendor operator who sees only it', async () => {
  const d = api.digitization.createProject(archivist, { name: '2016年文书档案数字化', vendor: '某数码科技有限公司', contractRef: 'HT-2026-07', range: `${code(1)}..${code(2)}`, itemsFile: path.join(root, 'items.csv') });
  assert.deepEqual(d.items.map((i) => [i.archivalCode, i.expectedPages]), [[code(1), null], [code(2), null], [code(3), 3], [code(4), 2]]);
  assert.equal(d.items[2]!.title, '关于档案安全检查的通知，附表');
  assert.equal(await codeOf(() => api.digitization.showProject(vendor, d.project.id)), 'ACCESS_DENIED:OUT_OF_SCOPE', 'not an operator yet');
  api.digitization.addOperator(archivist, d.project.id, 'vendor1');
  assert.deepEqual(api.digitization.listProjects(vendor).map((p) => p.name), ['2016年文书档案数字化']);
  assert.equal(await codeOf(() => api.digitization.addOperator(vendor, d.project.id, 'vendor1')), 'ACCESS_DENIED:ROLE', 'a vendor does not manage the project');
  api.digitization.setQcRule(archivist, d.project.id, { samplePercent: 100, colourMode: 'grey' });
});

test('the pre-check: a 秘密 mark without declassification stops the item and registers its return; others pass', async () => {
  const stopped = api.digitization.precheck(vendor, 1, code(4), { classificationMark: '秘密★10年', complete: true, orderOk: true, matchesCatalog: true, returnedTo: '陈档案' });
  assert.equal(stopped.result, 'stopped');
  assert.equal(stopped.item.state, 'returned');
  const fix = api.digitization.precheck(vendor, 1, code(3), { complete: true, orderOk: false, matchesCatalog: true, pageCount: 3 });
  assert.equal(fix.result, 'fix');
  for (const c of [code(1), code(2), code(3)]) assert.equal(api.digitization.precheck(vendor, 1, c, { classificationMark: c === code(2) ? '内部' : '', complete: true, orderOk: true, matchesCatalog: true }).result, 'pass');
  const detail = api.digitization.showProject(archivist, 1);
  assert.deepEqual(detail.returns.map((r) => [r.archivalCode, r.reasonCode, r.returnedTo]), [[code(4), 'CLASSIFIED_MARK', '陈档案']]);
  assert.equal(await codeOf(api.digitization.scan(vendor, 1, { items: [{ code: code(4), path: path.join(scans, 'i1') }], deviceId: 'SCN-01' })), 'DIGITIZATION_ITEM_STATE');
  const sheet = api.digitization.sheet(vendor, 1, code(4)).sheet;
  assert.deepEqual(sheet.steps.map((s) => s.step), ['precheck', 'return']);
});

test('scanning ingests each item, links it, and writes the process sheet and per-image process metadata', async () => {
  const r = await api.digitization.scan(vendor, 1, { items: [1, 2, 3].map((n) => ({ code: code(n), path: path.join(scans, `i${n}`) })), deviceId: 'SCN-01', software: 'ScanPro 5.2' });
  assert.deepEqual(r.items.map((i) => [i.code, i.pages]), [[code(1), 3], [code(2), 5], [code(3), 3]]);
  assert.deepEqual(r.items.map((i) => i.recordCode), [code(1), code(2), code(3)], 'numbered in its class as the paper catalog says');
  const view = api.digitization.sheet(vendor, 1, code(2));
  assert.deepEqual(view.sheet.steps.map((s) => [s.step, s.deviceId, s.count]), [['precheck', '', 0], ['scan', 'SCN-01', 5]]);
  assert.equal(view.sheet.steps[1]!.operator, '吴外包');
  assert.equal(view.pages.length, 5);
  assert.deepEqual([view.pages[0]!.deviceId, view.pages[0]!.software, view.pages[0]!.dpi, view.pages[0]!.colourMode, view.pages[0]!.compression, view.pages[0]!.operator], ['SCN-01', 'ScanPro 5.2', 300, 'grey', 'jpeg', '吴外包']);
  assert.equal(view.pages[4]!.dpi, 150);
  // A paper step by hand.
  const after = api.digitization.addSheetStep(vendor, 1, code(2), { step: 'unbind', deviceId: '', count: 5, note: '拆除装订钉' });
  assert.equal(after.sheet.steps.at(-1)!.source, 'manual');
  assert.equal(await codeOf(() => api.digitization.addSheetStep(vendor, 1, code(2), { step: 'dance' as never })), 'DIGITIZATION_BAD_INPUT');
});

test('a vendor operator cannot search or open records outside the project, cannot export, and finds the project\'s own', async () => {
  const mine = api.search.query(vendor, { query: '档案安全检查' });
  assert.equal(mine.total, 1);
  assert.equal(api.search.query(archivist, { query: '库外档案' }).total, 1, 'the archivist finds the outside record');
  assert.equal(api.search.query(vendor, { query: '库外档案' }).total, 0, 'the vendor does not');
  assert.equal(api.records.list(vendor, {}).total, 3);
  assert.equal(await codeOf(() => api.records.get(vendor, outsideId)), 'ACCESS_DENIED:OUT_OF_SCOPE');
  const inScope = api.digitization.showProject(vendor, 1).items[0]!.recordId!;
  assert.equal(api.records.get(vendor, inScope).record.archivalCode, code(1));
  assert.equal(await codeOf(api.transfer.export(vendor, { selection: { year: 2016 }, output: path.join(root, 'pkg') }, { approver: security, keyPassphrase: 'x' })), 'ACCESS_DENIED:ROLE');
  assert.equal(await codeOf(() => api.ingest.run(vendor, { paths: [path.join(scans, 'i1')] })), 'ACCESS_DENIED:ROLE', 'no ingest outside a project');
  assert.ok(audit('view_record').some((r) => r.result === 'denied' && r.username === 'vendor1' && /OUT_OF_SCOPE/.test(r.detail)), 'the denial is audited');
});

test('machine QC finds each defect on the page made to show it, and the vendor cannot judge its own batch', async () => {
  const { batch, machine } = await api.qc.run(vendor, 1);
  assert.equal(batch.pages, 11);
  const found = machine.findings.map((f) => `${f.archivalCode.slice(-4)}#${f.pageNo ?? '-'}:${f.check}`).sort();
  assert.deepEqual(found, [
    '0002#2:blank', '0002#3:skew', '0002#4:blur', '0002#5:resolution',
    '0003#2:colour_mode', '0003#3:duplicate',
  ].sort(), JSON.stringify(machine.findings));
  assert.equal(machine.counts.page_count, 0);
  assert.equal(await codeOf(() => api.qc.sample(vendor, batch.id)), 'ACCESS_DENIED:ROLE');
  const sheet = api.digitization.sheet(vendor, 1, code(1)).sheet;
  assert.equal(sheet.steps.at(-1)!.step, 'qc');
});

test('machine QC findings are page-derived: a record under 涉密 hold shows none of them to whom may not see its pages, until a grant', async () => {
  const batchId = api.qc.batches(archivist, 1)[0]!.id;
  const held = api.digitization.showProject(archivist, 1).items[1]!.recordId!;
  const of = (s: Session) => api.qc.findings(s, batchId).findings.map((f) => `${f.archivalCode.slice(-4)}#${f.pageNo ?? '-'}:${f.check}`).sort();
  const all = of(archivist);
  assert.ok(all.some((f) => f.startsWith('0002#')), JSON.stringify(all));
  api.vault.db.prepare('UPDATE records SET classified_hold = 1 WHERE id = ?').run(held);
  try {
    assert.deepEqual(of(archivist), all.filter((f) => !f.startsWith('0002#')), 'the archivist sees the other records\' findings only');
    // The review screen's findings of a held page, too: none (its image and text are refused on their own).
    const p = api.qc.sample(archivist, batchId).find((x) => x.recordId === held && x.pageNo === 4)!;
    assert.deepEqual(p.findings, [], 'no findings beside a held page in the review (its blur is found again below, once the hold is gone)');
    const [g] = api.review.grant(security, { username: acc.archivist.username, recordIds: [held], scope: 'view', purpose: '质检', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    assert.deepEqual(of(archivist), all, 'granted: as visible');
    api.review.revoke(security, g!.id);
    assert.deepEqual(of(archivist), all.filter((f) => !f.startsWith('0002#')), 'revoked: hidden again');
  } finally {
    api.vault.db.prepare('UPDATE records SET classified_hold = 0 WHERE id = ?').run(held);
  }
});

test('the sample is judged page by page in the review shape; failures return the batch with its defect list', async () => {
  const batchId = api.qc.batches(archivist, 1)[0]!.id;
  const pages = api.qc.sample(archivist, batchId);
  assert.equal(pages.length, 11, '100% sample');
  const p = pages.find((x) => x.archivalCode === code(2) && x.pageNo === 4)!;
  assert.ok(fs.existsSync(p.imagePath), 'the scan for the review screen');
  assert.equal(p.catalog.title, code(2));
  assert.deepEqual(p.findings.map((f) => f.check), ['blur']);
  assert.equal(p.ocrText, null, 'no OCR yet');
  assert.deepEqual(api.qc.sample(archivist, batchId).map((x) => x.ordinal), pages.map((x) => x.ordinal), 'drawn once');
  assert.equal(await codeOf(() => api.qc.judge(archivist, batchId, { record: code(2), pageNo: 4, verdict: 'fail' })), 'QC_JUDGEMENT_INVALID', 'a failure needs a reason');
  for (const x of pages) {
    const bad = x.archivalCode === code(2) && x.pageNo === 4;
    api.qc.judge(archivist, batchId, { record: x.archivalCode, pageNo: x.pageNo, verdict: bad ? 'fail' : 'pass', ...(bad ? { reason: 'blur', note: '文字无法辨认' } : {}) });
  }
  assert.equal(api.qc.result(archivist, batchId).verdict, 'fail');
  assert.equal(await codeOf(() => api.qc.accept(archivist, batchId, { vendorSignatory: '王经理' })), 'QC_SAMPLE_FAILED');
  const report = api.qc.returnBatch(archivist, batchId, { vendorSignatory: '王经理' });
  assert.equal(report.decision, 'returned');
  assert.ok(report.defects.some((d) => d.source === 'sample' && d.archivalCode === code(2) && d.pageNo === 4 && d.note === '文字无法辨认'));
  assert.ok(report.defects.some((d) => d.source === 'machine' && d.pageNo === 2));
  assert.equal(api.digitization.showProject(archivist, 1).counts.scanned, 3, 'items back for re-scan');
});

test('a re-scan replaces the page, keeps the old image, notes it in the process sheet; the next batch passes and is accepted', async () => {
  const rec = api.digitization.showProject(archivist, 1).items[1]!.recordId!;
  const before = api.records.get(archivist, rec);
  const oldSha = before.pages[3]!.imageSha256;
  const r = await api.qc.rescan(vendor, { record: code(2), pageNo: 4, file: path.join(scans, 'rescan.jpg'), reason: '模糊重扫', deviceId: 'SCN-02' });
  assert.equal(r.oldSha256, oldSha);
  const now = api.records.get(archivist, rec);
  assert.equal(now.pages[3]!.imageSha256, r.newSha256);
  assert.equal(now.masters.length, before.masters.length + 1, 'the old master stays with the record');
  assert.ok(fs.existsSync(api.vault.store.pathOf(oldSha)), 'the old image is kept');
  const steps = api.digitization.sheet(vendor, 1, code(2)).sheet.steps;
  assert.equal(steps.at(-1)!.step, 'rescan');
  assert.match(steps.at(-1)!.note, /模糊重扫/);
  assert.equal(await codeOf(api.qc.rescan(vendor, { record: code(2), pageNo: 9, file: path.join(scans, 'rescan.jpg'), reason: 'x' })), 'QC_RESCAN_INVALID');
  const check = await api.maintenance.check(archivist, {});
  assert.deepEqual(check.problems.filter((p) => p.severity === 'error'), [], 'the vault still checks clean');

  // Cancelled after the first page: the batch waits, and running again measures only the rest.
  const stop = new AbortController();
  assert.equal(await codeOf(api.qc.run(vendor, 1, {}, { signal: stop.signal, onProgress: (p) => p.done >= 1 && stop.abort() })), 'THROWN:AbortError: This operation was aborted');
  const measuredBefore = (api.vault.db.prepare('SELECT count(*) AS n FROM qc_page_metrics m JOIN qc_batches b ON b.id = m.batch_id WHERE b.seq = 2').get() as { n: number }).n;
  assert.ok(measuredBefore >= 1 && measuredBefore < 11, `measured ${measuredBefore} before the cancel`);
  const { batch, machine } = await api.qc.run(vendor, 1);
  assert.equal(batch.seq, 2);
  assert.equal(machine.pages, 11);
  assert.equal(machine.counts.blur, 0, 'the re-scanned page is sharp');
  const pages = api.qc.sample(archivist, batch.id);
  for (const x of pages) api.qc.judge(archivist, batch.id, { record: x.archivalCode, pageNo: x.pageNo, verdict: 'pass' });
  assert.equal(await codeOf(() => api.qc.accept(archivist, batch.id, {})), 'QC_SIGNATORY_REQUIRED');
  const report = api.qc.accept(archivist, batch.id, { vendorSignatory: '王经理' });
  assert.equal(report.decision, 'accepted');
  assert.equal(report.sample.verdict, 'pass');
  assert.deepEqual(report.rescans.map((x) => [x.archivalCode, x.pageNo]), [[code(2), 4]]);
  assert.deepEqual(api.qc.report(archivist, batch.id), report, 'kept with the batch');
  const text = renderReport(report, 'zh');
  assert.match(text, /档案数字化成果验收报告/);
  assert.match(text, /王经理/);
  assert.equal(api.digitization.showProject(archivist, 1).counts.accepted, 3);
});

test('the device register holds the project open until every medium is returned or wiped; closing disables the vendor', async () => {
  const usb = api.digitization.addDevice(vendor, 1, { kind: 'usb', label: 'U-07', serial: 'SN123', holder: '吴外包' });
  api.digitization.useDevice(vendor, usb.id, { purpose: '拷贝扫描件至加工机' });
  assert.equal(await codeOf(() => api.digitization.closeProject(archivist, 1)), 'DIGITIZATION_DEVICES_OUTSTANDING');
  assert.equal(await codeOf(() => api.digitization.endDevice(vendor, usb.id, 'wiped', '')), 'DIGITIZATION_BAD_INPUT', 'wiping says how');
  const wiped = api.digitization.endDevice(vendor, usb.id, 'wiped', '全盘覆写三遍');
  assert.equal(wiped.state, 'wiped');
  assert.equal(wiped.uses.length, 1);
  const closed = api.digitization.closeProject(archivist, 1);
  assert.deepEqual(closed.disabled, ['vendor1']);
  assert.equal(await codeOf(() => api.search.query(vendor, { query: '档案' })), 'SESSION_ENDED', 'the open session is ended');
  assert.equal(await codeOf(api.accounts.login('vendor1', VENDOR_PASSWORD, 'scan-site-pc')), 'ACCOUNT_DISABLED');
  assert.equal(await codeOf(() => api.digitization.precheck(archivist, 1, code(1), { complete: true, orderOk: true, matchesCatalog: true })), 'DIGITIZATION_PROJECT_CLOSED');
  assert.ok(audit('manage_digitization').some((r) => /"op":"close"/.test(r.detail) && /vendor1/.test(r.detail)));
});
