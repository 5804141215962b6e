import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classificationText, columnForHeader, csvLine, EXPORT_COLUMNS, type CatalogLine } from '../../../native/catalog/columns.js';
import { checkFields, isLowering, normalizeDocDate, normalizeDocNumber, parseClassificationMark } from '../../../native/catalog/fields.js';
import { parseCsv } from '../../../native/catalog-upkeep/read-table.js';
import { classificationEnds, openReviewDue, retentionEnds } from '../../../native/appraisal/periods.js';

test('文号 brackets from OCR and keyboards are normalized to 〔〕; a number without agency〔year〕n号 is refused', () => {
  for (const v of ['档发〔2016〕6号', '档发[2016]6号', '档发【2016】6号', '档发(2016)6号', '档发（2016）06号', '档发 〔 2016 〕 6 号']) assert.equal(normalizeDocNumber(v), '档发〔2016〕6号', v);
  for (const v of ['第6号', '档发2016年6号', '〔2016〕6号', '档发〔16〕6号']) assert.equal(normalizeDocNumber(v), undefined, v);
  assert.equal(normalizeDocNumber(''), '');
});

test('成文日期: YYYY-MM-DD, YYYYMMDD and YYYY/MM/DD read; impossible dates refused', () => {
  assert.equal(normalizeDocDate('20160426'), '2016-04-26');
  assert.equal(normalizeDocDate('2016/04/26'), '2016-04-26');
  assert.equal(normalizeDocDate('2016-02-30'), undefined);
  assert.equal(normalizeDocDate('2016年4月26日'), undefined);
  assert.equal(normalizeDocDate(''), null);
});

test('密级 marks: level and period from 秘密★10年; names in either language', () => {
  assert.deepEqual(parseClassificationMark('秘密★10年'), { classification: 'secret', period: '10年' });
  assert.deepEqual(parseClassificationMark('public'), { classification: 'public' });
  assert.equal(parseClassificationMark('特密'), undefined);
  const { fields, problems } = checkFields({ classification: '机密★2030年12月31日' });
  assert.deepEqual([fields.classification, fields.classificationPeriod, problems], ['confidential', '2030年12月31日', []]);
});

test('every bad field of a patch is reported with its name; retention order Y > D30 > D10', () => {
  const { problems } = checkFields({ fondsCode: 'Z-109', categoryCode: '文书', year: '16', retention: 'D20', title: '', pageCount: '0' });
  assert.deepEqual(problems.map((p) => p.field).sort(), ['categoryCode', 'fondsCode', 'pageCount', 'retention', 'title', 'year']);
  assert.equal(checkFields({ retention: '永久' }).fields.retention, 'Y', 'legacy names are read');
  assert.ok(isLowering('Y', 'D30') && isLowering('D30', 'D10') && !isLowering('D10', 'Y') && !isLowering('D30', 'D30'));
});

test('a line under 涉密 hold never reads 公开 or 内部; a state-secret level reads as it is', () => {
  const base = { classificationPeriod: '', classifiedHold: true } as const;
  assert.equal(classificationText({ ...base, classification: 'public' }), '涉密待审');
  assert.equal(classificationText({ ...base, classification: 'internal' }), '涉密待审');
  assert.equal(classificationText({ ...base, classification: 'secret', classificationPeriod: '10年' }), '秘密★10年');
  assert.equal(classificationText({ classification: 'public', classificationPeriod: '', classifiedHold: false }), '公开');
});

test('one column definition: headers read back in either language or XML name; CSV cells quoted and formula-safe, and parsed back', () => {
  assert.equal(columnForHeader('机构(问题)')?.key, 'orgUnit');
  assert.equal(columnForHeader('机构（问题）')?.key, 'orgUnit');
  assert.equal(columnForHeader('机构问题')?.key, 'orgUnit');
  assert.equal(columnForHeader('顺序号')?.key, 'seq');
  assert.equal(columnForHeader('Title')?.key, 'title');
  const line: CatalogLine = {
    archivalCode: 'Z109-WS·2016-Y-BGS-0001', docNumber: '档发〔2016〕6号', creator: '国家档案局', title: '关于"档案",安全\n的意见', docDate: '2016-04-26',
    classification: 'public', classificationPeriod: '', classifiedHold: false, pageCount: 3, remarks: '-1', fondsCode: 'Z109', categoryCode: 'WS', year: 2016,
    retention: 'Y', orgUnit: 'BGS', itemNumber: 1,
  };
  const text = csvLine(line, 1, EXPORT_COLUMNS);
  const [row] = parseCsv(`${text}\r\n`);
  assert.equal(row!.cells[4], '关于"档案",安全\n的意见');
  assert.equal(row!.cells[8], "'-1", 'a leading - is quoted for spreadsheets');
  assert.equal(row!.cells.length, EXPORT_COLUMNS.length);
});

test('periods: D10 from 2016 is due 2027-01-01, Y never; open review after N years; 秘密 without a period ends after 10 years', () => {
  assert.equal(retentionEnds(2016, 'D10'), '2027-01-01');
  assert.equal(retentionEnds(2016, 'D30'), '2047-01-01');
  assert.equal(retentionEnds(2016, 'Y'), null);
  assert.equal(openReviewDue(2000, '2000-03-15', 25), '2025-03-15');
  assert.equal(classificationEnds('', '2010-06-01', 2010, 'secret'), '2020-06-01');
  assert.equal(classificationEnds('', null, 2010, 'top_secret'), '2040-01-01');
  assert.equal(classificationEnds('2030年12月31日', null, 2010, 'secret'), '2030-12-31');
  assert.equal(classificationEnds('长期', null, 2010, 'secret'), null);
});
