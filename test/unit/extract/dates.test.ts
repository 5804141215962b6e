import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as chrono from 'chrono-node';
import { extractDates, isIsoDate } from '../../../native/text/dates.js';
import { judge, loadFullDateRows } from './dates-tsv.js';

const days = (text: string): string[] => extractDates(text).filter((d) => d.precision === 'day').map((d) => d.date);

test('official-document forms: Arabic and Chinese numerals with the zero variants OCR produces', () => {
  const cases: [string, string][] = [
    ['2016年4月26日', '2016-04-26'],
    ['2016年04月06日', '2016-04-06'],
    ['二〇一六年四月二十六日', '2016-04-26'],
    ['二○一六年四月二十六日', '2016-04-26'], // U+25CB white circle
    ['二零一六年四月二十六日', '2016-04-26'],
    ['二0一六年四月二十六日', '2016-04-26'],
    ['二O一六年四月二十六日', '2016-04-26'], // letter O
    ['二OO五年十二月一日', '2005-12-01'],
    ['一九九九年十月一日', '1999-10-01'],
    ['二〇一六年四月廿六日', '2016-04-26'],
    ['二〇一六年三月卅一日', '2016-03-31'],
    ['二〇一六年十二月三十日', '2016-12-30'],
    ['二〇一六年十一月十日', '2016-11-10'],
    ['２０１６年４月２６日', '2016-04-26'],
    ['2016.4.26', '2016-04-26'],
    ['2016-04-26', '2016-04-26'],
    ['2016/4/26', '2016-04-26'],
    ['2016．4．26', '2016-04-26'],
    ['2016年4月26号', '2016-04-26'],
    ['2016年4月26曰', '2016-04-26'], // 曰 is tesseract's usual misreading of 日
    ['2O16年4月26日', '2016-04-26'],
  ];
  for (const [input, expected] of cases) assert.deepEqual(days(input), [expected], input);
});

test('a dash between Chinese numerals is the stroke of 一 when the year reads no other way; a range or debris is not', () => {
  // 二〇一七 read under a seal: 〇 twice and 一 as a dash. Skipping the dash read 2007.
  assert.deepEqual(days('二O〇-七年七月三日'), ['2017-07-03']);
  assert.deepEqual(days('二〇-七年七月三日'), ['2017-07-03']);
  assert.deepEqual(days('二〇一六—二〇一七年三月一日'), ['2017-03-01'], 'a range keeps its last year');
  assert.deepEqual(days('二〇一-七年七月三日'), [], 'a dash beside the 一 is debris: five digits, no year');
  assert.deepEqual(extractDates('一六-一七年').map((d) => d.date), []);
  assert.deepEqual(days('2016-2017年3月1日'), ['2017-03-01']);
  assert.deepEqual(days('二〇一六 - 七年七月三日'), [], 'a dash between blanks is no stroke');
});

test('the blanks tesseract puts between characters do not break a date', () => {
  assert.deepEqual(days('2016 年 4 月 26 日'), ['2016-04-26']);
  assert.deepEqual(days('2 0 1 6 年 4 月 2 6 日'), ['2016-04-26']);
  assert.deepEqual(days('二 〇 一 六 年 四 月 二 十 六 日'), ['2016-04-26']);
  assert.deepEqual(days('2017年 7月 18日'), ['2017-07-18']);
  assert.deepEqual(days('2016. 4. 26'), ['2016-04-26']);
});

test('offsets and text point at the date inside the input', () => {
  const text = '国家档案局\n\n2016年4月26日\n\n关于进一步加强档案安全工作的意见，自二〇一六年五月一日起施行。';
  const found = extractDates(text);
  assert.equal(found.length, 2);
  for (const d of found) assert.equal(text.slice(d.start, d.end), d.text);
  assert.equal(found[0]!.text, '2016年4月26日');
  assert.equal(found[1]!.text, '二〇一六年五月一日');
  assert.equal(found[1]!.date, '2016-05-01');
});

test('impossible dates are rejected, leap days are not', () => {
  assert.deepEqual(extractDates('2016年2月30日'), []);
  assert.deepEqual(extractDates('2015年2月29日'), []);
  assert.deepEqual(extractDates('2016年4月31日'), []);
  assert.deepEqual(extractDates('二〇一六年十三月一日').filter((d) => d.precision !== 'year'), []);
  assert.deepEqual(extractDates('2016.2.30'), []);
  assert.deepEqual(days('2016年2月29日'), ['2016-02-29']);
  assert.deepEqual(days('2000年2月29日'), ['2000-02-29']);
  assert.deepEqual(extractDates('1900年2月29日'), []);
});

test('month and year precision never invent a day or month', () => {
  const [m] = extractDates('2014年12月，国家档案局出台了规范');
  assert.deepEqual([m!.date, m!.precision, m!.text], ['2014-12-01', 'month', '2014年12月']);
  const [y] = extractDates('2016年度档案工作要点');
  assert.deepEqual([y!.date, y!.precision, y!.text], ['2016-01-01', 'year', '2016年']);
  // a day number followed by more text is not a day (2016年3月15家单位)
  assert.equal(extractDates('2016年3月15家单位参加')[0]!.precision, 'month');
});

test('false-positive traps: durations, periods, clause numbers, grades, codes', () => {
  const traps = [
    '秘密★10年', '保密期限二十年', '五千年文明', '近16年来', '五六七年级', '1990年代', '6.3 档案数字化过程中', '4.2.1 条款',
    '192.168.1.1', '电话：67170003 67173851', 'GB/T 9704-2012', 'DA/T 22-2015', '每卷每年2—3元', '第2016号', '12016年4月26日',
  ];
  for (const t of traps) assert.deepEqual(extractDates(t).filter((d) => d.precision !== 'year'), [], t);
  assert.deepEqual(extractDates('近16年来'), []);
  assert.deepEqual(extractDates('五千年文明'), []);
});

test('numeric forms with the year last or short: day-month order unless the month cannot be one', () => {
  assert.deepEqual(days('26/4/2016'), ['2016-04-26']);
  assert.deepEqual(days('10/31/1974'), ['1974-10-31']);
  assert.deepEqual(days('3-7-07'), ['2007-07-03']);
  assert.deepEqual(days('12-11-10'), ['2012-11-10']);
  assert.deepEqual(days('1994-11-05T08:15:30-05:30'), ['1994-11-05']);
});

test('isIsoDate accepts only real calendar dates', () => {
  assert.ok(isIsoDate('2016-04-26'));
  assert.ok(isIsoDate('2016-02-29'));
  assert.ok(!isIsoDate('2015-02-29'));
  assert.ok(!isIsoDate('2016-4-26'));
  assert.ok(!isIsoDate('20160426'));
});

test('agrees with chrono-node on the plain Arabic 年月日 form (oracle)', () => {
  const ref = new Date(2020, 0, 1);
  for (const input of ['2016年4月26日', '于2015年3月24日印发', '1987年1月11日', '2009年10月12号']) {
    const c = chrono.zh.parse(input, ref)[0]!;
    const expected = `${c.start.get('year')}-${String(c.start.get('month')).padStart(2, '0')}-${String(c.start.get('day')).padStart(2, '0')}`;
    assert.deepEqual(days(input), [expected], input);
  }
});

test('dates-zh.tsv: accuracy on full absolute dates is at least 98%', () => {
  const rows = loadFullDateRows();
  assert.ok(rows.length >= 50, `expected the full-date subset to have rows, got ${rows.length}`);
  const misses = rows.filter((r) => !judge(r, extractDates(r.input).filter((d) => d.precision === 'day')));
  const accuracy = (rows.length - misses.length) / rows.length;
  assert.ok(accuracy >= 0.98, `accuracy ${accuracy.toFixed(3)} on ${rows.length} rows; misses: ${misses.map((m) => `${m.line}:${m.input}`).join(' | ')}`);
});
