import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestRecordFields } from '../../../native/extract/suggest.js';
import type { PageText, Suggestion } from '../../../native/extract/types.js';
import { seedText, toPages } from './seed-cases.js';

const byField = (list: Suggestion[]): Record<string, string> => Object.fromEntries(list.map((s) => [s.field, s.value]));

test('all fields of a seed document, each with evidence from its page', () => {
  const pages = toPages(seedText('003'));
  const list = suggestRecordFields(pages);
  assert.deepEqual(byField(list), {
    docDate: '2015-04-14',
    docNumber: '辽教办发〔2015〕56号',
    title: '辽宁省教育厅办公室转发中共辽宁省委办公厅辽宁省人民政府办公厅印发《关于加强和改进新形势下档案工作的实施意见》的通知',
    creator: '辽宁省教育厅办公室',
  });
  for (const s of list) {
    assert.ok(s.confidence > 0 && s.confidence <= 1, s.field);
    assert.ok(s.evidence.length > 0, s.field);
    if (s.start !== undefined) {
      const text = pages.find((p) => p.pageNo === s.pageNo)!.text;
      assert.ok(s.evidence.replace(/ \/ /g, '').includes(text.slice(s.start, s.end).replace(/\n/g, '')) || s.field === 'title', s.field);
    }
  }
});

test('a classified first page yields a classification suggestion with the normalized mark', () => {
  const page: PageText = {
    pageNo: 1,
    text: ['秘密☆5年', '特急', '长江市档案局文件', '长档发〔2016〕3号', '关于档案安全检查的通知', '各区县档案局：', '请于5月底前完成检查。', '长江市档案局', '2016年4月26日'].join('\n'),
  };
  const list = suggestRecordFields([page]);
  assert.deepEqual(byField(list), {
    docDate: '2016-04-26',
    docNumber: '长档发〔2016〕3号',
    title: '关于档案安全检查的通知',
    creator: '长江市档案局',
    classification: '秘密★5年',
  });
  assert.equal(list.find((s) => s.field === 'classification')!.evidence, '秘密☆5年');
});

test('nothing is suggested from an empty or unreadable scan', () => {
  assert.deepEqual(suggestRecordFields([]), []);
  assert.deepEqual(suggestRecordFields([{ pageNo: 1, text: '' }, { pageNo: 2, text: '   \n  ' }]), []);
  assert.deepEqual(suggestRecordFields([{ pageNo: 1, text: 'rl:个省档案安个 I∶作会议 ll\n(2017亻i7丿 1121日 )' }]), []);
});
