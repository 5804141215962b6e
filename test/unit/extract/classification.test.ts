import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectClassificationMark, effectivePeriod, isSecretMark, markValue, parseMarkValue, type ClassificationMark } from '../../../native/extract/classification.js';
import type { BBox, PageText } from '../../../native/extract/types.js';
import { seedText } from './seed-cases.js';

const page = (text: string): PageText => ({ pageNo: 1, text });
const brief = (m: ClassificationMark | null): string | null => (m === null ? null : m.level === 'internal' ? 'internal' : `${m.level}|${m.period}`);

test('reads level and period, with ★ as OCR renders it', () => {
  const cases: [string, string][] = [
    ['秘密★10年\n国家档案局文件\n档发〔2016〕6号', 'secret|10年'],
    ['机密★2030年12月31日\n特急', 'confidential|2030年12月31日'],
    ['绝密★长期', 'top_secret|长期'],
    ['秘密☆1年', 'secret|1年'],
    ['秘密*5年', 'secret|5年'],
    ['机密※二十年', 'confidential|20年'],
    ['机密✱6个月', 'confidential|6个月'],
    ['秘密×10年', 'secret|10年'],
    ['秘 密 ★ 1 0 年', 'secret|10年'],
    ['机密  ★  2O30年12月31日', 'confidential|2030年12月31日'],
    ['秘密女10年', 'secret|10年'], // tesseract's reading of a bold ★
    ['绝密★启用前', 'top_secret|启用前'],
    ['密级：机密', 'confidential|'],
  ];
  for (const [text, expected] of cases) assert.equal(brief(detectClassificationMark(page(text))), expected, text);
});

test('the level alone means the statutory period (30/20/10 years)', () => {
  const m = detectClassificationMark(page('000123\n秘密\n特急\nXX市人民政府文件'));
  assert.ok(isSecretMark(m));
  assert.equal(m.period, '');
  assert.equal(effectivePeriod(m), '10年');
  assert.equal(effectivePeriod({ level: 'confidential', period: '', text: '机密' }), '20年');
  assert.equal(effectivePeriod({ level: 'top_secret', period: '', text: '绝密' }), '30年');
  assert.equal(effectivePeriod({ level: 'top_secret', period: '长期', text: '绝密★长期' }), '长期');
});

test('1999 style: 份号 on the left and the mark on the right of the same line', () => {
  const m = detectClassificationMark(page('0001                               秘密★1年\n                                   特急\nXX省人民政府文件'));
  assert.equal(brief(m), 'secret|1年');
  assert.equal(m!.level !== 'internal' && m!.text, '秘密★1年');
});

test('with boxes: top-left (2012) and top-right (1999) marks are read, a mark low on the page is not', () => {
  const w = 2480;
  const h = 3508;
  const withLines = (lines: [string, BBox][]): PageText => ({ pageNo: 1, text: lines.map((l) => l[0]).join('\n'), width: w, height: h, lines: lines.map(([text, bbox]) => ({ text, bbox })) });
  const left = withLines([['秘密★5年', [280, 300, 600, 360]], ['XX局文件', [600, 700, 1900, 900]]]);
  const right = withLines([['0001', [280, 300, 420, 360]], ['机密★20年', [1800, 300, 2200, 360]], ['XX局文件', [600, 700, 1900, 900]]]);
  assert.equal(brief(detectClassificationMark(left)), 'secret|5年');
  assert.deepEqual(detectClassificationMark(left)!.bbox, [280, 300, 600, 360]);
  assert.equal(brief(detectClassificationMark(right)), 'confidential|20年');
  const low = withLines([['XX局文件', [600, 300, 1900, 500]], ['关于做好保密工作的通知', [500, 700, 2000, 800]], ['秘密', [1100, 2500, 1300, 2560]]]);
  assert.equal(detectClassificationMark(low), null);
});

test('内部 and 国内 are flagged as internal, never as a state secret', () => {
  for (const t of ['内部\nXX局文件', '国内\n', '内部资料 注意保存\n', '内部★\n']) {
    const m = detectClassificationMark(page(t));
    assert.equal(brief(m), 'internal', t);
    assert.ok(!isSecretMark(m));
  }
  assert.equal(brief(detectClassificationMark(page('内部\n秘密★10年\nXX文件'))), 'secret|10年', 'a secret mark wins over 内部');
});

test('false-positive traps: body text about secrets, titles, later lines, seeds', () => {
  const traps = [
    'XX局文件\nXX发〔2016〕1号\n关于保守国家秘密的通知\n各单位：\n要保守国家秘密',
    '工作秘密\n',
    '国家秘密\n',
    '商业秘密保护办法\n',
    '秘密文件管理办法\n',
    '机密级\n',
    '秘密10年\n', // no star: too weak to hold a record
    '关于印发《机密载体管理规定》的通知\n',
    'XX局文件\n1\n2\n3\n4\n5\n6\n秘密★10年', // far below the header lines
    '国内外档案工作动态\n',
    '内部审计工作规定\n',
  ];
  for (const t of traps) assert.equal(detectClassificationMark(page(t)), null, t);
  for (const prefix of ['000', '001', '002', '003', '004']) assert.equal(detectClassificationMark(page(seedText(prefix))), null, prefix);
});

test('markValue and parseMarkValue round-trip', () => {
  for (const v of ['秘密★10年', '机密★2030年12月31日', '绝密★长期', '机密', '内部']) {
    const m = parseMarkValue(v);
    assert.ok(m, v);
    assert.equal(markValue(m), v);
  }
  assert.equal(parseMarkValue('公开'), null);
  assert.equal(parseMarkValue('保守国家秘密'), null);
});
