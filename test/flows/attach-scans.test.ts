/**
 * Scans for catalog entries imported from a catalog file (issue 13): `ingest --to 档号` attaches
 * the files to the entry awaiting them (masters, pages, the OCR queue), keeps its imported
 * fields and 档号, and leaves 'awaiting'; an unknown 档号, an entry that already has scans, a
 * destroyed entry, catalog options beside --to, and scans that are already another record are
 * refused with nothing stored. A digitization project over imported entries scans into them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const dir = path.join(root, 'vault');
const scans = path.join(root, 'scans');
let acc: TestAccounts;
let api: VaultApi;
let archivist: Session;
const code = (n: number) => `Z109-WS·2012-D10-BGS-${String(n).padStart(4, '0')}`;
const ids = new Map<string, number>();

const rejectsWith = async (p: Promise<unknown>, errorCode: string, text?: RegExp) =>
  assert.rejects(p, (e: unknown) => isVaultError(e) && e.code === errorCode && (!text || text.test(`${e.text.zh}\n${e.text.en}`)), `expected ${errorCode}`);
const count = (table: string) => (api.vault.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

before(async () => {
  acc = await createVaultWithAccounts(dir);
  api = await VaultApi.open(dir);
  archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const file = path.join(root, 'catalog.csv');
  fs.writeFileSync(file, [
    '档号,题名,责任者,文号,日期,页数,密级',
    `${code(1)},关于二〇一二年档案工作的通知,市档案局,档发〔2012〕3号,2012-03-01,2,公开`,
    `${code(2)},档案室年度工作总结,办公室,,2012-12-20,1,内部`,
    `${code(3)},已销毁的条目,办公室,,2012-05-05,1,公开`,
    `${code(4)},经命令行挂接的条目,办公室,,2012-06-06,1,公开`,
    `${code(5)},数字化项目中的条目,办公室,,2012-07-07,2,公开`,
  ].join('\n'));
  const imported = await api.catalog.import(archivist, file);
  for (const r of imported.records) ids.set(r.archivalCode, r.id);
  await writeTestPage(path.join(scans, 'one', '1.jpg'), 11);
  await writeTestPage(path.join(scans, 'one', '2.jpg'), 12);
  await writeTestPage(path.join(scans, 'two', '1.jpg'), 21);
  await writeTestPage(path.join(scans, 'two', '2.jpg'), 22);
  await writeTestPage(path.join(scans, 'four.jpg'), 41);
  await writeTestPage(path.join(scans, 'five', '1.jpg'), 51);
  await writeTestPage(path.join(scans, 'five', '2.jpg'), 52);
});
after(() => api?.close());

test('scans attached to an imported entry: its pages, masters and OCR queue; its imported fields and 档号 kept; no longer awaiting', async () => {
  const id = ids.get(code(1))!;
  const before = api.records.get(archivist, id).record;
  assert.equal(before.scanStatus, 'awaiting');
  const summary = await api.ingest.run(archivist, { paths: [path.join(scans, 'one')], attachTo: code(1).replace('·', '.') });
  assert.equal(summary.status, 'done');
  assert.equal(summary.items.length, 1);
  assert.deepEqual([summary.items[0]!.recordId, summary.items[0]!.archivalCode, summary.items[0]!.pageCount], [id, code(1), 2]);
  const after = api.records.get(archivist, id);
  assert.equal(after.record.scanStatus, 'scanned');
  assert.equal(after.record.pageCount, 2);
  assert.equal(after.pages.length, 2);
  for (const f of ['archivalCode', 'title', 'creator', 'docNumber', 'docDate', 'year', 'retention', 'classification', 'codeStatus'] as const) {
    assert.equal(after.record[f], before[f], `${f} is the catalog file's`);
  }
  assert.equal(after.record.title, '关于二〇一二年档案工作的通知', 'not the folder name');
  const masters = api.vault.db.prepare('SELECT count(*) AS n FROM masters WHERE record_id = ?').get(id) as { n: number };
  assert.equal(masters.n, 2);
  for (const p of after.pages) assert.ok(fs.existsSync(api.vault.store.pathOf(p.imageSha256)), 'the page image is in the store');
  const queued = api.vault.db.prepare('SELECT count(*) AS n FROM ocr_queue q JOIN pages p ON p.id = q.page_id WHERE p.record_id = ?').get(id) as { n: number };
  assert.equal(queued.n, 2, 'both pages wait for OCR');
  assert.equal(after.warnings.filter((w) => w.code === 'PAGE_COUNT_DIFFERS').length, 0, 'the catalog said 2 pages');
  // One ingest job of the job manager, audited with the entry it attached to.
  const job = api.vault.db.prepare('SELECT kind, status FROM jobs WHERE id = ?').get(summary.jobId) as { kind: string; status: string };
  assert.deepEqual({ ...job }, { kind: 'ingest', status: 'done' });
  const audit = api.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'ingest' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
  const detail = JSON.parse(audit.detail) as { attachTo: string; records: { code: string }[] };
  assert.equal(detail.attachTo, code(1).replace('·', '.'));
  assert.deepEqual(detail.records.map((r) => r.code), [code(1)]);
  // Searchable as before by its catalog fields, and the vault checks clean.
  const check = await api.maintenance.check(archivist, {});
  assert.deepEqual(check.problems.filter((p) => p.severity === 'error'), []);
});

test('refused: an unknown 档号, an entry that already has scans, a destroyed entry, catalog options beside --to; nothing stored', async () => {
  const objects = count('objects');
  const jobs = count('jobs');
  await rejectsWith(api.ingest.run(archivist, { paths: [path.join(scans, 'two')], attachTo: code(99) }), 'RECORD_NOT_FOUND', new RegExp(code(99)));
  await rejectsWith(api.ingest.run(archivist, { paths: [path.join(scans, 'two')], attachTo: code(1) }), 'INGEST_ALREADY_SCANNED', /qc rescan/);
  // The entry's scans are taken away only by an approved destruction; here its state is set as one leaves it.
  api.vault.db.prepare("UPDATE records SET disposal = 'destroyed' WHERE id = ?").run(ids.get(code(3)));
  await rejectsWith(api.ingest.run(archivist, { paths: [path.join(scans, 'two')], attachTo: code(3) }), 'RECORD_DESTROYED');
  await rejectsWith(api.ingest.run(archivist, { paths: [path.join(scans, 'two')], attachTo: code(2), metadata: { title: '猜出来的题名' } }), 'INGEST_ATTACH_INVALID', /title/);
  await rejectsWith(api.ingest.run(archivist, { paths: [path.join(scans, 'two')], attachTo: code(2), eachFile: true }), 'INGEST_ATTACH_INVALID');
  assert.equal(count('objects'), objects, 'nothing stored');
  assert.equal(count('jobs'), jobs, 'refused before any job was made');
  assert.equal(api.records.get(archivist, ids.get(code(2))!).record.scanStatus, 'awaiting');
  const denied = api.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ingest' AND result = 'failed'").get() as { n: number };
  assert.ok(denied.n >= 5, 'each refusal audited');
});

test('scans that are already another record are not attached; a page count other than the catalog\'s is a warning', async () => {
  const objects = count('objects');
  const same = await api.ingest.run(archivist, { paths: [path.join(scans, 'one')], attachTo: code(2) });
  assert.equal(same.status, 'failed');
  assert.equal(same.items[0]!.error!.code, 'INGEST_ATTACH_INVALID');
  assert.match(same.items[0]!.error!.message, new RegExp(code(1)));
  assert.equal(api.records.get(archivist, ids.get(code(2))!).record.scanStatus, 'awaiting');
  assert.equal(count('objects'), objects);
  // Two files named one by one are the two pages of the one entry (the catalog says 1 page).
  const two = await api.ingest.run(archivist, { paths: [path.join(scans, 'two', '1.jpg'), path.join(scans, 'two', '2.jpg')], attachTo: code(2) });
  assert.equal(two.status, 'done');
  const rec = api.records.get(archivist, ids.get(code(2))!);
  assert.equal(rec.pages.length, 2);
  assert.equal(rec.record.classification, 'internal');
  assert.equal(rec.warnings.filter((w) => w.code === 'PAGE_COUNT_DIFFERS').length, 1);
});

test('lantai ingest FILE --to 档号 attaches; an unknown 档号 is refused by name', async () => {
  const env = { ...acc.archivist.env, LANG: 'zh_CN.UTF-8' };
  const ok = await runChild([CLI, 'ingest', path.join(scans, 'four.jpg'), '--to', code(4)], { env });
  assert.equal(ok.code, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, new RegExp(`${code(4)}.*已挂接扫描件 1 页`));
  const unknown = await runChild([CLI, 'ingest', path.join(scans, 'four.jpg'), '--to', code(98)], { env });
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr + unknown.stdout, new RegExp(`找不到档号为 ${code(98)} 的目录条目`));
  assert.equal(api.records.get(archivist, ids.get(code(4))!).record.scanStatus, 'scanned');
});

test('a digitization project over imported entries scans into them (no second record under a new number)', async () => {
  const records = count('records');
  const p = api.digitization.createProject(archivist, { name: '二〇一二年文书数字化', inHouse: true, items: [{ archivalCode: code(5), title: '数字化项目中的条目', expectedPages: 2 }] });
  api.digitization.precheck(archivist, p.project.id, code(5), { complete: true, orderOk: true, matchesCatalog: true });
  const r = await api.digitization.scan(archivist, p.project.id, { items: [{ code: code(5), path: path.join(scans, 'five') }], deviceId: 'SCN-01' });
  assert.deepEqual([r.items[0]!.recordId, r.items[0]!.recordCode, r.items[0]!.pages], [ids.get(code(5)), code(5), 2]);
  assert.equal(count('records'), records, 'the entry got the scans');
  const rec = api.records.get(archivist, ids.get(code(5))!).record;
  assert.equal(rec.scanStatus, 'scanned');
  assert.equal(rec.title, '数字化项目中的条目');
});
