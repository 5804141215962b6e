import assert from 'node:assert/strict';
import { test } from 'node:test';
import { creatorFromTitle, joinTitle, suggestCreator, suggestTitle } from '../../../native/extract/title.js';
import { suggestDocNumber } from '../../../native/extract/suggest.js';
import type { BBox, PageText } from '../../../native/extract/types.js';
import { cut, ocrNoise, seedText, toPages } from './seed-cases.js';

const one = (text: string): PageText[] => [{ pageNo: 1, text }];

const SEED_TITLES: [string, string | null][] = [
  ['000', '国家档案局印发《关于进一步加强档案安全工作的意见》的通知'],
  ['001', '关于转发《辽宁省档案局关于印发许桂清同志在全省档案安全工作会议上的讲话的通知》的通知'],
  ['002', null],
  ['003', '辽宁省教育厅办公室转发中共辽宁省委办公厅辽宁省人民政府办公厅印发《关于加强和改进新形势下档案工作的实施意见》的通知'],
  ['004', '郑州市档案局印发《郑州市档案业务外包安全管理细则》的通知'],
];

test('titles of the seed documents, wrapped lines joined and OCR blanks removed', () => {
  for (const [prefix, expected] of SEED_TITLES) {
    assert.equal(suggestTitle(toPages(seedText(prefix)))?.value ?? null, expected, prefix);
    assert.equal(suggestTitle(toPages(ocrNoise(seedText(prefix), 5)))?.value ?? null, expected, `${prefix} with OCR noise`);
  }
});

test('a 1999-style header: 份号, mark, urgency, red header, number with 签发人, then a three-line title', () => {
  const text = ['000123', '秘密★10年', '特急', '长江市人民政府文件', '长政发〔1999〕12号          签发人：王某', '长江市人民政府', '关于进一步加强全市档案安全',
    '工作的决定', '各县区人民政府，市政府各部门：', '为进一步加强档案安全工作，现决定如下。'].join('\n');
  assert.equal(suggestTitle(one(text))!.value, '长江市人民政府关于进一步加强全市档案安全工作的决定');
});

test('with boxes the centred lines after the number are the title; evidence box spans them', () => {
  const lines: [string, BBox][] = [
    ['长江市档案局文件', [400, 300, 2080, 500]],
    ['长档发〔2016〕3号', [1000, 700, 1480, 760]],
    ['长江市档案局关于印发', [700, 900, 1780, 980]],
    ['《档案数字化外包安全管理办法》的通知', [500, 1000, 1980, 1080]],
    ['各区县档案局：', [280, 1200, 800, 1260]],
  ];
  const page: PageText = { pageNo: 1, text: lines.map((l) => l[0]).join('\n'), width: 2480, height: 3508, lines: lines.map(([text, bbox]) => ({ text, bbox })) };
  const s = suggestTitle([page])!;
  assert.equal(s.value, '长江市档案局关于印发《档案数字化外包安全管理办法》的通知');
  assert.deepEqual(s.bbox, [500, 900, 1980, 1080]);
  assert.equal(page.text.slice(s.start, s.end), '长江市档案局关于印发\n《档案数字化外包安全管理办法》的通知');
});

test('blanks inside Latin words survive, blanks between Chinese characters do not', () => {
  assert.equal(joinTitle(['关于 印发 《ISO 9001 质量', '管理 办法》的 通知']), '关于印发《ISO 9001质量管理办法》的通知');
  assert.equal(suggestTitle(one('关 于 做 好 2016 年 档 案 工 作 的 通 知\n各单位：\n请做好工作。'))!.value, '关于做好2016年档案工作的通知');
});

test('no title from running text or from an addressee', () => {
  assert.equal(suggestTitle(one('近日，国务院办公厅印发了《关于加强档案工作的意见》，并发出通知。\n各单位：\n现将有关事项通知如下。')), null);
  assert.equal(suggestTitle(one('各省、自治区、直辖市档案局：\n关于档案工作的通知')), null);
});

test('creator from sign-off, red header or title, with confidence from agreement', () => {
  const c000 = suggestCreator(toPages(seedText('000')))!;
  assert.deepEqual([c000.value, c000.confidence], ['国家档案局', 0.9]);
  assert.equal(suggestCreator(toPages(seedText('001')))!.value, '大连市档案局');
  assert.equal(suggestCreator(toPages(seedText('002'))), null);
  const c003 = suggestCreator(toPages(seedText('003')))!;
  assert.deepEqual([c003.value, c003.confidence], ['辽宁省教育厅办公室', 0.9]);
  assert.equal(suggestCreator(toPages(seedText('004')))!.value, '郑州市档案局');
  assert.equal(suggestCreator(toPages(cut(seedText('003'), '中共辽宁省委办公厅文件')))!.value, '中共辽宁省委办公厅、辽宁省人民政府办公厅');
  assert.equal(creatorFromTitle('国家档案局办公室关于印发《档案数字化外包安全管理规范》的通知'), '国家档案局办公室');
  assert.equal(creatorFromTitle('关于进一步加强档案安全工作的意见'), null);
});

test('the own document number is the one on its own line at the top, not one quoted in the body', () => {
  assert.equal(suggestDocNumber(toPages(seedText('003')))!.value, '辽教办发〔2015〕56号');
  assert.equal(suggestDocNumber(toPages(seedText('001')))!.value, '大档发〔2017〕21号');
  assert.equal(suggestDocNumber(toPages(seedText('002'))), null);
  assert.equal(suggestDocNumber(one('关于转发的通知\n各单位：\n现将《关于档案工作的通知》（辽委办发〔2015〕14号）转发给你们。')), null);
  const s = suggestDocNumber(one('长江市档案局文件\n长档发 [2016] 3 号\n关于档案工作的通知'))!;
  assert.equal(s.value, '长档发〔2016〕3号');
  assert.equal('长江市档案局文件\n长档发 [2016] 3 号\n'.slice(s.start, s.end), '长档发 [2016] 3 号');
});

test('a title that starts with a level word is still a title, the mark above it is not', () => {
  const s = suggestTitle(one('秘密★10年\n长江市保密局文件\n长保发〔2016〕2号\n机密文件管理办法\n各单位：\n现印发给你们。'))!;
  assert.equal(s.value, '机密文件管理办法');
  const c = suggestCreator(one('关于档案工作的通知\n各单位：\n请做好工作。'));
  assert.equal(c, null);
  assert.equal(suggestCreator(one('长江市档案局关于档案工作的通知\n各单位：\n请做好工作。'))!.value, '长江市档案局');
});
