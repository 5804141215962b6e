/**
 * Catalog files through VaultApi: export (xlsx, CSV, XML) with the DA/T 22 columns, import of
 * such a file (every row checked, nothing half-imported, refused rows named by row and field),
 * and the printouts (归档文件目录 and 归档章) as PDFs with the CJK font embedded and the Chinese
 * text extractable (checked with poppler's pdffonts and pdftotext, and parsed with pdfjs).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { tempDir } from '../harness/temp.js';
import { addRecord } from '../unit/search/helpers.js';

const root = tempDir();
let api: VaultApi;
let archivist: Session;
const dir = path.join(root, 'vault');

before(async () => {
  const acc = await createVaultWithAccounts(dir);
  api = await VaultApi.open(dir);
  archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  const db = api.vault.db;
  addRecord(db, { title: '关于加强档案安全工作的意见', creator: '国家档案局', docNumber: '档发〔2016〕6号', docDate: '2016-04-26', remarks: '=SUM(A1)' });
  addRecord(db, { title: '档案室年度工作总结', creator: '办公室', docDate: '2016-12-20' });
  addRecord(db, { title: '涉密待审的通知', classifiedHold: true });
  addRecord(db, { title: '秘密文件', classification: 'secret' });
});
after(() => api?.close());

function has(cmd: string): boolean {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('CSV export: the DA/T 22 columns, 涉密 records left out, formula-looking cells quoted', async () => {
  const out = path.join(root, 'out', '目录.csv');
  const r = await api.catalog.export(archivist, { format: 'csv', out });
  assert.deepEqual([r.records, r.leftOut], [2, 2]);
  const text = fs.readFileSync(out, 'utf8');
  assert.ok(text.startsWith('\uFEFF序号,档号,文号,责任者,题名,日期,密级,页数,备注,全宗号,门类,年度,保管期限,机构(问题),件号\r\n'));
  assert.match(text, /档发〔2016〕6号,国家档案局,关于加强档案安全工作的意见,20160426,公开,1,"'=SUM\(A1\)"/);
  assert.doesNotMatch(text, /涉密待审的通知|秘密文件/);
  assert.deepEqual(fs.readdirSync(path.dirname(out)), ['目录.csv'], 'no temp file left beside it');
});

test('xlsx and XML exports carry the same lines; the held record is never 公开 anywhere it is shown', async () => {
  const xlsx = path.join(root, 'out', '目录.xlsx');
  await api.catalog.export(archivist, { format: 'xlsx', out: xlsx });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.getRow(1).getCell(2).value, '档号');
  assert.equal(ws.getRow(2).getCell(5).value, '关于加强档案安全工作的意见');
  assert.equal(ws.rowCount, 3);
  const xml = path.join(root, 'out', '目录.xml');
  await api.catalog.export(archivist, { format: 'xml', out: xml });
  const x = fs.readFileSync(xml, 'utf8');
  assert.match(x, /<归档文件目录 条目数="2">/);
  assert.match(x, /<文号>档发〔2016〕6号<\/文号>/);
  // The printed catalog includes the held record's line: its 密级 reads 涉密待审, never 公开.
  const pdf = path.join(root, 'out', '目录.pdf');
  await api.catalog.print(archivist, { kind: 'catalog', out: pdf, selection: { year: 2016 } });
  if (has('pdftotext')) {
    const lines = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n');
    const held = lines.find((l) => l.includes('涉密待审的通知'))!;
    assert.ok(held, 'the held record has its catalog line');
    assert.match(held, /涉密待审/);
    assert.doesNotMatch(held, /公开/);
  }
});

test('the printed 归档文件目录: A4 landscape, cover, CJK font embedded (subset), Chinese text extractable; printing fixes the codes', async () => {
  const pdf = path.join(root, 'out', '归档文件目录.pdf');
  const r = await api.catalog.print(archivist, { kind: 'catalog', out: pdf, selection: { year: 2016 }, unitName: '某某市档案局' });
  assert.equal(r.records, 4);
  assert.ok(r.pages >= 2, 'a cover and the list');
  const bytes = fs.readFileSync(pdf);
  assert.match(bytes.subarray(0, 8).toString('latin1'), /^%PDF-1\.\d/);
  // pdfjs (shipped with the app) reads the text back and the page size.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const page1 = await doc.getPage(1);
  const [, , w, h] = page1.view;
  assert.ok(w! > h!, 'landscape');
  assert.ok(Math.abs(w! - 841.89) < 1 && Math.abs(h! - 595.28) < 1, 'A4');
  const cover = (await page1.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
  assert.match(cover, /归\s*档\s*文\s*件\s*目\s*录/);
  assert.match(cover, /某某市档案局/);
  const list = (await (await doc.getPage(2)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
  assert.match(list, /关于加强档案安全工作的意见/);
  assert.match(list, /档发〔2016〕6号/);
  await doc.destroy();
  if (has('pdffonts')) {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    assert.match(fonts, /NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/, fonts);
  }
  const status = api.vault.db.prepare("SELECT count(*) AS n FROM records WHERE code_status = 'fixed' AND code_fixed_reason = 'printed'").get() as { n: number };
  assert.equal(status.n, 4, 'a printed 档号 is fixed');
});

test('归档章: six cells per stamp (全宗号 年度 件号 / 机构 保管期限 页数), one per selected record', async () => {
  const pdf = path.join(root, 'out', '归档章.pdf');
  const first = api.vault.db.prepare('SELECT id, archival_code AS code FROM records ORDER BY id LIMIT 1').get() as { id: number; code: string };
  const r = await api.catalog.print(archivist, { kind: 'stamps', out: pdf, selection: { ids: [first.id] } });
  assert.equal(r.records, 1);
  if (has('pdftotext')) {
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const cell of ['Z109', '2016', 'BGS', 'Y', first.code]) assert.ok(text.includes(cell), `${cell} on the stamp`);
  }
});

test('import refuses a file with any bad row: every bad row and field named, nothing imported', async () => {
  const file = path.join(root, 'in', 'bad.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, [
    '序号,档号,文号,责任者,题名,日期,密级,页数,备注,全宗号,门类,年度,保管期限,机构(问题)',
    '1,,档发〔2017〕1号,办公室,良好的一行,20170105,公开,3,,Z109,WS,2017,D30,BGS',
    '2,,第一号,办公室,文号不对,20170230,公开,2,,Z109,WS,2017,D30,BGS',
    '3,,,办公室,,20170301,绝顶机密,0,,Z109,WS,2017,D99,BGS',
  ].join('\r\n'));
  const before = (api.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  await assert.rejects(api.catalog.import(archivist, file), (e: unknown) => {
    assert.ok(isVaultError(e) && e.code === 'CATALOG_IMPORT_REFUSED');
    const problems = e.details['problems'] as { row: number; field: string }[];
    assert.deepEqual(problems.map((p) => `${p.row}:${p.field}`).sort(), ['3:docNumber', '3:docDate', '4:classification', '4:pageCount', '4:retention', '4:title'].sort());
    assert.match(e.text.zh, /第 3 行/);
    return true;
  });
  assert.equal((api.vault.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, before, 'nothing half-imported');
});

test('import of a good file: catalog entries awaiting their scans, 档号 kept when given (fixed), numbered when not', async () => {
  const file = path.join(root, 'in', 'good.csv');
  fs.writeFileSync(file, [
    '档号,题名,日期,页数,密级,保管期限,年度,门类,全宗号,机构(问题)',
    'Z109-WS·2018-D10-BGS-0007,已编号的条目,2018-03-01,2,公开,,,,,',
    ',待编号的条目,20180302,4,内部,D10,2018,WS,Z109,BGS',
  ].join('\n'));
  const r = await api.catalog.import(archivist, file);
  assert.equal(r.imported, 2);
  assert.deepEqual(r.records.map((x) => x.archivalCode), ['Z109-WS·2018-D10-BGS-0007', 'Z109-WS·2018-D10-BGS-0008']);
  const rows = api.vault.db.prepare("SELECT code_status AS s, scan_status AS scan FROM records WHERE year = 2018 ORDER BY item_number").all();
  assert.deepEqual(rows, [{ s: 'fixed', scan: 'awaiting' }, { s: 'provisional', scan: 'awaiting' }]);
  // Importing the same file again: every 档号 is taken, nothing is added.
  await assert.rejects(api.catalog.import(archivist, file), (e: unknown) => isVaultError(e) && e.code === 'CATALOG_IMPORT_REFUSED');
  // The export round-trips into an import on another vault's terms: same headers read back.
  const out = path.join(root, 'out', 'round.xlsx');
  await api.catalog.export(archivist, { format: 'xlsx', out, selection: { year: 2018 } });
  await assert.rejects(api.catalog.import(archivist, out), (e: unknown) => isVaultError(e) && e.code === 'CATALOG_IMPORT_REFUSED' && /已在档案库中|already in the vault/.test(e.text.en + e.text.zh));
});
