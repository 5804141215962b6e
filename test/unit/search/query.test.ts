import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { search, searchRecordIds } from '../../../native/search/index.js';
import type { SearchOptions } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { codeOf } from '../auth/helpers.js';
import { addRecord, newVault } from './helpers.js';

// Phrases, AND / OR / NOT, field-restricted terms and field filters, on a small hand-made
// catalog where the right answer of every query can be read off the table below.

let vault: Vault;
const id: Record<string, number> = {};

before(async () => {
  vault = await newVault();
  const db = vault.db;
  const add = (key: string, r: Parameters<typeof addRecord>[1]) => {
    id[key] = addRecord(db, r).id;
  };
  add('safety', { title: '关于进一步加强档案安全工作的意见', docNumber: '档发〔2016〕6号', creator: '国家档案局', year: 2016, retention: 'Y', orgUnit: 'BGS', categoryCode: 'WS', pages: ['各级档案部门要加强档案安全工作。', '档案安全 工作 是档案工作的底线。'] });
  add('backup', { title: '电子档案备份管理办法', docNumber: '辽档发〔2015〕12号', creator: '辽宁省档案局', year: 2015, retention: 'D30', orgUnit: 'DAS', categoryCode: 'WS', pages: ['电子档案应当异地备份，备份介质应当定期检测。'] });
  add('storage', { title: '档案库房存储条件', year: 2014, retention: 'D10', orgUnit: 'BGS', categoryCode: 'KJ', classification: 'internal', pages: ['库房温度、湿度应当符合要求；存储介质防磁。'] });
  add('draft', { title: '档案安全检查通知（草稿）', year: 2016, retention: 'D30', orgUnit: 'DAS', categoryCode: 'WS', classification: 'secret', remarks: '草稿，未发文', pages: ['请各单位做好档案安全检查的准备。'] });
  add('spread', { title: '年度工作总结', year: 2017, retention: 'Y', orgUnit: 'BGS', categoryCode: 'WS', fondsCode: 'Z110', pages: ['本年度档案数字化工作进展顺利。', '安全保密方面未发生问题。'] });
  add('latin', { title: 'GB/T 18894-2016 电子文件归档规范', year: 2016, retention: 'Y', orgUnit: 'BGS', categoryCode: 'WS', pages: ['电子档案归档依据ＧＢ／Ｔ １８８９４—2016执行，ISO 15489 参照。'] });
});

after(() => vault.close());

function ids(query: string, options: SearchOptions = {}): string[] {
  const found = searchRecordIds(vault.db, query, { includeClassified: true, ...options });
  return Object.keys(id).filter((k) => found.includes(id[k]!)).sort();
}

test('a term matches as a substring; two terms must both occur, on the same or different pages', () => {
  assert.deepEqual(ids('档案安全'), ['draft', 'safety']);
  assert.deepEqual(ids('数字化 安全'), ['spread'], 'the terms are on different pages of the record');
  assert.deepEqual(ids('数字化 AND 安全'), ['spread']);
  assert.deepEqual(ids('备份 介质'), ['backup']);
});

test('a quoted phrase is matched exactly, with the spaces OCR left between characters ignored', () => {
  assert.deepEqual(ids('"安全工作"'), ['safety'], 'page 2 has 安全 工作 with a space');
  assert.deepEqual(ids('"安全 工作"'), ['safety']);
  assert.deepEqual(ids('“档案安全检查”'), ['draft'], 'Chinese quotes');
  assert.deepEqual(ids('"备份介质应当"'), ['backup']);
  assert.deepEqual(ids('"备份定期"'), [], 'both words occur, but not as this phrase');
});

test('OR, | and NOT / - combine per record; OR binds tighter than AND', () => {
  assert.deepEqual(ids('备份 OR 存储'), ['backup', 'storage']);
  assert.deepEqual(ids('备份｜存储'), ['backup', 'storage']);
  assert.deepEqual(ids('档案安全 NOT 草稿'), ['safety']);
  assert.deepEqual(ids('档案安全 -草稿'), ['safety']);
  assert.deepEqual(ids('档案安全 －草稿'), ['safety'], 'full-width minus');
  assert.deepEqual(ids('介质 备份 OR 防磁'), ['backup', 'storage']);
  assert.deepEqual(ids('(备份 OR 库房) 介质'), ['backup', 'storage']);
  assert.deepEqual(ids('-档案'), [], 'every record mentions 档案 somewhere');
  assert.deepEqual(ids('-档案 OR 总结'), ['spread']);
  assert.deepEqual(ids('NOT 安全'), ['backup', 'latin', 'storage']);
});

test('a term can be restricted to one field, in English or Chinese field names', () => {
  assert.deepEqual(ids('title:安全'), ['draft', 'safety']);
  assert.deepEqual(ids('题名:总结'), ['spread']);
  assert.deepEqual(ids('text:安全'), ['draft', 'safety', 'spread']);
  assert.deepEqual(ids('docno:辽档发'), ['backup']);
  assert.deepEqual(ids('文号:〔2016〕'), ['safety']);
  assert.deepEqual(ids('creator:国家档案局'), ['safety']);
  assert.deepEqual(ids('remarks:未发文'), ['draft']);
  assert.deepEqual(ids('title:"18894-2016"'), ['latin']);
});

test('Latin, digits and punctuation fold width and case: GB/T = ＧＢ／Ｔ = gb/t', () => {
  assert.deepEqual(ids('"gb/t 18894"'), ['latin']);
  assert.deepEqual(ids('"ＧＢ／Ｔ　１８８９４"'), ['latin']);
  assert.deepEqual(ids('iso'), ['latin']);
  assert.deepEqual(ids('ISO 15489'), ['latin']);
  assert.deepEqual(ids('text:"18894—2016"'), ['latin'], 'the page text has an em dash');
  assert.deepEqual(ids('text:"18894-2016"'), [], 'a hyphen is not an em dash');
});

test('field filters in the query: year, retention, classification, category, org unit, 档号 prefix, fonds', () => {
  assert.deepEqual(ids('安全 year:2016'), ['draft', 'safety']);
  assert.deepEqual(ids('档案 year:2014..2015'), ['backup', 'storage']);
  assert.deepEqual(ids('档案 年度:2016..'), ['draft', 'latin', 'safety', 'spread']);
  assert.deepEqual(ids('档案 retention:Y'), ['latin', 'safety', 'spread']);
  assert.deepEqual(ids('档案 保管期限:定期30年'), ['backup', 'draft']);
  assert.deepEqual(ids('档案 classification:secret'), ['draft']);
  assert.deepEqual(ids('档案 密级:内部'), ['storage']);
  assert.deepEqual(ids('档案 category:kj'), ['storage']);
  assert.deepEqual(ids('档案 org:DAS'), ['backup', 'draft']);
  assert.deepEqual(ids('档案 机构:das'), ['backup', 'draft']);
  assert.deepEqual(ids('档案 fonds:Z110'), ['spread']);
  assert.deepEqual(ids('档案 code:Z109-WS.2016'), ['draft', 'latin', 'safety'], 'a dot for the middle dot, any case');
  assert.deepEqual(ids('档案 档号:Z109-WS·2016-Y'), ['latin', 'safety']);
  assert.deepEqual(ids('档案 -year:2016'), ['backup', 'spread', 'storage']);
});

test('field filters given as options are ANDed with the query and validated the same way', () => {
  assert.deepEqual(ids('档案', { filters: { year: '2016', retention: 'Y' } }), ['latin', 'safety']);
  assert.deepEqual(ids('档案', { filters: { org: 'DAS', classification: '秘密' } }), ['draft']);
  assert.deepEqual(ids('档案', { filters: { code: 'z109-kj' } }), ['storage']);
  assert.deepEqual(ids('备份 OR 存储', { filters: { category: 'WS' } }), ['backup']);
  assert.deepEqual(ids('档案', { filters: { year: '2014..2015', org: 'BGS' } }), ['storage']);
});

test('bad queries and bad filter values are refused with a code and a bilingual message naming the problem', async () => {
  const err = (q: string, o: SearchOptions = {}) => codeOf(() => search(vault.db, q, o));
  assert.equal(await err(''), 'SEARCH_QUERY_EMPTY');
  assert.equal(await err('   '), 'SEARCH_QUERY_EMPTY');
  assert.equal(await err('"档案'), 'SEARCH_QUERY_SYNTAX');
  assert.equal(await err('(档案'), 'SEARCH_QUERY_SYNTAX');
  assert.equal(await err('档案 OR'), 'SEARCH_QUERY_SYNTAX');
  assert.equal(await err('档案 -'), 'SEARCH_QUERY_SYNTAX');
  assert.equal(await err('year:20x6'), 'SEARCH_FILTER_VALUE');
  assert.equal(await err('retention:forever'), 'SEARCH_FILTER_VALUE');
  assert.equal(await err('classification:机要'), 'SEARCH_FILTER_VALUE');
  assert.equal(await err('档案', { filters: { year: 'abc' } }), 'SEARCH_FILTER_VALUE');
  assert.equal(await err('档案', { filters: { colour: 'red' } as unknown as SearchOptions['filters'] }), 'SEARCH_OPTION_INVALID');
  assert.equal(await err('档案', { sort: 'random' as unknown as 'relevance' }), 'SEARCH_OPTION_INVALID');
  assert.equal(await err('档案', { from: '2016-13-01' }), 'SEARCH_OPTION_INVALID');
  assert.equal(await err('档案', { from: '2017', to: '2016' }), 'SEARCH_OPTION_INVALID');
  try {
    search(vault.db, '"档案');
    assert.fail('no error');
  } catch (e) {
    const text = (e as { text: { zh: string; en: string } }).text;
    assert.match(text.zh, /第 1 个字符/);
    assert.match(text.en, /character 1/);
  }
});

test('without includeClassified, records under a 涉密 hold are left out', () => {
  const held = addRecord(vault.db, { title: '涉密暂停的文件', classifiedHold: true, pages: ['这一页写着绝密内容。'] }).id;
  assert.ok(searchRecordIds(vault.db, '绝密内容', { includeClassified: true }).includes(held));
  assert.ok(!searchRecordIds(vault.db, '绝密内容').includes(held));
});
