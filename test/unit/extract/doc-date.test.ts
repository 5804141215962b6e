import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDocDate } from '../../../native/extract/doc-date.js';
import type { BBox, PageText } from '../../../native/extract/types.js';
import { ocrNoise, SEED_DOC_DATES, toPages } from './seed-cases.js';

const one = (text: string): PageText[] => [{ pageNo: 1, text }];
const dateOf = (pages: PageText[]): string | null => findDocDate(pages)?.value ?? null;

test('every 成文日期 of the seed documents, and no date where a document prints none', () => {
  for (const c of SEED_DOC_DATES) assert.equal(dateOf(toPages(c.text())), c.expected, c.name);
});

test('the same seed documents after tesseract-like noise (blanks, full-width digits)', () => {
  for (const c of SEED_DOC_DATES) {
    for (const seed of [3, 11, 29]) assert.equal(dateOf(toPages(ocrNoise(c.text(), seed))), c.expected, `${c.name} noise ${seed}`);
  }
});

test('the suggestion points at the date in its page text, with the sign-off as evidence', () => {
  const pages = toPages(SEED_DOC_DATES[0]!.text(), 120);
  const s = findDocDate(pages)!;
  const page = pages.find((p) => p.pageNo === s.pageNo)!;
  assert.equal(page.text.slice(s.start, s.end), '2016年4月26日');
  assert.equal(s.evidence, '国家档案局 / 2016年4月26日');
  assert.ok(s.confidence >= 0.8 && s.confidence <= 1);
  assert.ok(s.pageNo > 1, 'the sign-off is not on the first of these short pages');
});

const notice = (signOff: string, extra = ''): string =>
  ['长江市档案局文件', '长档发〔2016〕3号', '关于印发《档案管理办法》的通知', '各区县档案局：', '现将《档案管理办法》印发给你们，请认真贯彻执行。',
    '第二十条 本办法自2016年1月1日起施行。2015年3月1日印发的原办法同时废止。', signOff, extra].join('\n');

test('1999-style Chinese-numeral sign-off dates', () => {
  assert.equal(dateOf(one(notice('长江市档案局\n二〇一六年四月二十六日'))), '2016-04-26');
  assert.equal(dateOf(one(notice('长江市档案局\n二○一六年四月廿六日'))), '2016-04-26');
  assert.equal(dateOf(one(notice('长江市档案局\n二O一六年四月二十六日'))), '2016-04-26');
});

test('traps: dates in sentences, print dates, the imprint after 抄送', () => {
  assert.equal(dateOf(one(notice(''))), null, 'only dates inside sentences');
  assert.equal(dateOf(one(notice('', '抄送：市委办公室。\n长江市档案局办公室        2016年4月27日印发'))), null, 'print date on one line');
  assert.equal(dateOf(one(notice('', '长江市档案局办公室\n2016年4月27日印发'))), null, 'print date on its own line');
  assert.equal(dateOf(one(notice('', '抄送：市委办公室。\n长江市档案局办公室\n2016年4月27日\n印发'))), null, 'imprint after 抄送, 印发 split off');
  assert.equal(dateOf(one(notice('', '长江市档案局办公室\n2016年4月27日\n印发'))), null, '印发 split off by OCR, no 抄送 line');
  assert.equal(dateOf(one(notice('长江市档案局\n2016年4月26日', '长江市档案局办公室        2016年4月27日印发'))), '2016-04-26', 'sign-off beside an imprint');
  // OCR wrapped a sentence so that its date stands alone on a line
  assert.equal(dateOf(one('全省档案安全工作会议于\n2017年7月12日\n在沈阳召开。现将讲话印发给你们。')), null);
});

test('issuing body and date on one OCR line; joint sign-off of two bodies', () => {
  assert.equal(dateOf(one(notice('长江市档案局          2016年4月26日'))), '2016-04-26');
  const s = findDocDate(one(notice('中共长江市委办公厅\n长江市人民政府办公厅\n2016年5月3日')))!;
  assert.equal(s.value, '2016-05-03');
  assert.equal(s.evidence, '中共长江市委办公厅 / 长江市人民政府办公厅 / 2016年5月3日');
});

test('speeches and minutes carry the date in parentheses under the title', () => {
  const speech = ['在全市档案工作会议上的讲话', '（2017年7月21日）', '同志们：', '今天我们召开会议，2016年全市档案工作取得了成绩。'].join('\n');
  const s = findDocDate(one(speech))!;
  assert.equal(s.value, '2017-07-21');
  assert.equal(dateOf(one(['关于档案工作的决议', '（2016年4月26日长江市第十五届人大常委会第三次会议通过）', '会议决定：…'].join('\n'))), '2016-04-26');
});

test('with boxes: a right-aligned sign-off wins over a standalone date in a left-aligned table', () => {
  // The issuing body is under the red seal and OCR lost it, so text alone cannot tell the two
  // standalone dates apart; the boxes can (GB/T 9704 sets the 成文日期 right-aligned).
  const w = 2480;
  const lines: [string, BBox][] = [
    ['长江市档案局关于检查情况的报告', [500, 400, 2000, 480]],
    ['市人民政府：', [280, 600, 700, 660]],
    ['检查时间：', [280, 800, 600, 860]],
    ['2016年3月1日', [280, 900, 700, 960]],
    ['检查结果良好。特此报告。', [280, 1000, 1100, 1060]],
    ['2016年4月26日', [1450, 2700, 1950, 2760]],
  ];
  const page: PageText = { pageNo: 1, text: lines.map((l) => l[0]).join('\n'), width: w, height: 3508, lines: lines.map(([text, bbox]) => ({ text, bbox })) };
  const s = findDocDate([page])!;
  assert.equal(s.value, '2016-04-26');
  assert.deepEqual(s.bbox, [1450, 2700, 1950, 2760]);
  assert.equal(page.text.slice(s.start, s.end), '2016年4月26日');
});

test('a forwarded document after the own one does not lend its date', () => {
  const forwarded = ['江北区档案局文件', '江北档发〔2016〕9号', '关于转发《市档案局关于档案安全检查的通知》的通知', '各街道：', '现将市档案局通知转发给你们，请遵照执行。',
    '附件：市档案局关于档案安全检查的通知', '长江市档案局文件', '长档发〔2016〕3号', '关于档案安全检查的通知', '各区县档案局：', '请于5月底前完成检查。', '长江市档案局', '2016年4月26日'].join('\n');
  assert.equal(dateOf(one(forwarded)), null);
  assert.equal(dateOf(one(forwarded.replace('附件：', '江北区档案局\n2016年5月4日\n附件：'))), '2016-05-04');
});
