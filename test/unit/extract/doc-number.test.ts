import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractDocNumbers, normalizeDocNumber } from '../../../native/extract/doc-number.js';
import { seedText } from './seed-cases.js';

test('normalizes the bracket variants OCR produces to 〔〕', () => {
  const cases: [string, string][] = [
    ['档发〔2016〕6号', '档发〔2016〕6号'],
    ['档发[2016]6号', '档发〔2016〕6号'],
    ['档发【2016】6号', '档发〔2016〕6号'],
    ['档发(2016)6号', '档发〔2016〕6号'],
    ['档发（2016）6号', '档发〔2016〕6号'],
    ['档发［2016］6号', '档发〔2016〕6号'],
    ['档发﹝2016﹞6号', '档发〔2016〕6号'],
    ['档发〔2016)6号', '档发〔2016〕6号'],
    ['中办发〔2014〕15号', '中办发〔2014〕15号'],
    ['京政发〔２０１６〕第０６号', '京政发〔2016〕6号'],
  ];
  for (const [input, expected] of cases) assert.deepEqual(extractDocNumbers(input).map((n) => n.value), [expected], input);
});

test('tolerates the blanks tesseract inserts and reports offsets into the input', () => {
  const text = '大连市档案局文件\n大档发 〔2017〕 21号\n';
  const [n] = extractDocNumbers(text);
  assert.equal(n!.value, '大档发〔2017〕21号');
  assert.equal(text.slice(n!.start, n!.end), '大档发 〔2017〕 21号');
  assert.deepEqual([n!.agencyCode, n!.year, n!.serial], ['大档发', 2017, 21]);
  assert.equal(extractDocNumbers('档 发 （ 2 0 1 6 ） 6 号')[0]!.value, '档发〔2016〕6号');
});

test('numbers quoted in running text keep only the agency code', () => {
  assert.deepEqual(extractDocNumbers('按照国办发〔2014〕15号文件要求').map((n) => n.value), ['国办发〔2014〕15号']);
  assert.deepEqual(extractDocNumbers('的通知》（辽委办发〔2015〕14号）转发给你们').map((n) => n.value), ['辽委办发〔2015〕14号']);
  assert.deepEqual(extractDocNumbers('详见附件二：豫档办〔2015〕2号文件').map((n) => n.value), ['豫档办〔2015〕2号']);
});

test('not document numbers: no agency code, no brackets, impossible year', () => {
  for (const t of ['〔2016〕6号', '2016年6号文', '档发2016年6号', '档发〔16〕6号', '第（2016）号', '档发〔2016〕0号']) {
    assert.deepEqual(extractDocNumbers(t), [], t);
  }
  assert.equal(normalizeDocNumber('随便写的'), null);
  assert.equal(normalizeDocNumber(' 档发[2016]6号 '), '档发〔2016〕6号');
});

test('finds every number in the seed documents', () => {
  assert.deepEqual(extractDocNumbers(seedText('000')).map((n) => n.value), ['档发〔2016〕6号']);
  assert.deepEqual(extractDocNumbers(seedText('001')).map((n) => n.value), ['大档发〔2017〕21号']);
  assert.deepEqual([...new Set(extractDocNumbers(seedText('003')).map((n) => n.value))], ['辽教办发〔2015〕56号', '辽委办发〔2015〕14号', '中办发〔2014〕15号']);
  assert.deepEqual([...new Set(extractDocNumbers(seedText('004')).map((n) => n.value))], ['郑档〔2015〕9号', '豫档办〔2015〕2号', '档办发〔2014〕7号']);
});

test('a 文号 whose brackets OCR doubled or mixed (郑档【2015]】9号) is extracted in its canonical form', () => {
  assert.deepEqual(extractDocNumbers('郑州市档案局文件\n郑档【2015]】9号').map((n) => n.value), ['郑档〔2015〕9号']);
  assert.deepEqual(extractDocNumbers('豫档办〔〔2015〕2号').map((n) => n.value), ['豫档办〔2015〕2号']);
});
