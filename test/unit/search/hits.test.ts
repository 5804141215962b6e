import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { indexPage, search, searchRecordIds } from '../../../native/search/index.js';
import type { SearchHit, SearchOptions } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { addRecord, CHAR_W, LINE_H, MARGIN, newVault, setPageText } from './helpers.js';

// What a hit carries (snippet with the match marked, page number, box on the page image),
// ordering, date ranges on the document date or on dates printed in the text, fuzzy matching
// and re-indexing.

let vault: Vault;
const id: Record<string, number> = {};
const pages: Record<string, number[]> = {};

before(async () => {
  vault = await newVault();
  const add = (key: string, r: Parameters<typeof addRecord>[1]) => {
    const a = addRecord(vault.db, r);
    id[key] = a.id;
    pages[key] = a.pageIds;
  };
  add('a', {
    title: '关于开展档案安全检查的通知', docDate: '2016-03-15', pages: [
      '各单位：\n为做好今年的工作，现通知如下。',
      '一、检查范围\n各单位档案库房及电子档案系统，\n重点检查档案安全制度落实情况。\n二〇一六年三月十五日',
    ],
  });
  add('b', { title: '档案安全工作会议纪要', docDate: '2018-07-01', pages: ['会议于2015年9月召开，讨论档案安全。'] });
  add('c', { title: '年度统计报表', docDate: null, pages: ['本表涉及档案安全一项。', '另：2017年12月31日前报送。'] });
  add('d', { title: '设备采购清单', docDate: '2012-05-20', pages: ['扫描仪两台，服务器一台。'] });
});

after(() => vault.close());

const ids = (q: string, o: SearchOptions = {}) => searchRecordIds(vault.db, q, o);
const hitOf = (q: string, key: string, o: SearchOptions = {}): SearchHit => {
  const h = search(vault.db, q, { limit: 100, ...o }).hits.find((x) => x.recordId === id[key]);
  assert.ok(h, `${q} finds ${key}`);
  return h;
};

test('a text hit has its page number, a snippet with the match marked, and the box of the match on the page', () => {
  const h = hitOf('"安全制度"', 'a');
  assert.equal(h.pageNo, 2);
  assert.equal(h.pageId, pages['a']![1]);
  assert.equal(h.matchedIn, 'text');
  assert.equal(h.highlights.length, 1);
  const [s, e] = h.highlights[0]!;
  assert.equal(h.snippet.slice(s, e), '安全制度');
  assert.ok(!h.snippet.includes('\n'), 'line breaks are shown as spaces');
  // 安全制度 is on line 3 (index 2) of page 2, starting at character 6 of that line.
  assert.deepEqual(h.boxes, [[MARGIN + 6 * CHAR_W, MARGIN + 2 * LINE_H, MARGIN + 10 * CHAR_W, MARGIN + 2 * LINE_H + LINE_H - 4]]);
});

test('a match across a line break and OCR spaces is highlighted in the original text, one box per line', () => {
  setPageText(vault.db, pages['d']![0]!, '扫描仪两台，服务器一台，档案\n安 全设备另行采购。');
  const h = hitOf('档案安全', 'd');
  const [s, e] = h.highlights[0]!;
  assert.equal(h.snippet.slice(s, e), '档案 安 全', 'original characters, the line break shown as a space');
  assert.equal(h.boxes.length, 2);
  assert.deepEqual(h.boxes[0], [MARGIN + 12 * CHAR_W, MARGIN, MARGIN + 14 * CHAR_W, MARGIN + LINE_H - 4]);
  assert.equal(h.boxes[1]![1], MARGIN + LINE_H, 'the second box is on the next line');
});

test('a catalog-only hit has no page and its snippet is the matching field', () => {
  const h = hitOf('通知', 'a', {});
  assert.equal(h.pageNo, 2 - 1, 'the word is also on page 1');
  const t = hitOf('开展', 'a');
  assert.equal(t.pageNo, null);
  assert.equal(t.matchedIn, 'title');
  assert.equal(t.snippet, '关于开展档案安全检查的通知');
  assert.deepEqual(t.highlights, [[2, 4]]);
  assert.deepEqual(t.boxes, []);
});

test('pages: all lists one hit per matching page', () => {
  const r = search(vault.db, '各单位', { pages: 'all' });
  const a = r.hits.filter((h) => h.recordId === id['a']).map((h) => h.pageNo);
  assert.deepEqual(a, [1, 2]);
  assert.equal(r.total, 2);
});

test('relevance puts title matches first; date order sorts by 成文日期 with undated records last', () => {
  const rel = search(vault.db, '档案安全', { sort: 'relevance' }).hits.map((h) => h.recordId);
  assert.deepEqual(rel.slice(0, 2).sort(), [id['a'], id['b']].sort(), 'title matches (a, b) before text-only matches');
  assert.deepEqual(ids('档案安全', { sort: 'dateAsc' }), [id['d'], id['a'], id['b'], id['c']]);
  assert.deepEqual(ids('档案安全', { sort: 'dateDesc' }), [id['b'], id['a'], id['d'], id['c']]);
});

test('a date range filters on the 成文日期, or on it and every date printed in the pages', () => {
  const set = (q: string, o: SearchOptions) => new Set(ids(q, o));
  assert.deepEqual(set('档案安全', { from: '2016-01-01', to: '2016-12-31' }), new Set([id['a']]));
  assert.deepEqual(set('档案安全', { from: '2016', to: '2016' }), new Set([id['a']]));
  assert.deepEqual(set('档案安全', { from: '2016-03-16' }), new Set([id['b']]));
  assert.deepEqual(set('档案安全', { to: '2016-03' }), new Set([id['a'], id['d']]));
  // Printed dates: 2015年9月 in b (a month: all of it), 2017年12月31日 in c, 二〇一六年三月十五日 in a.
  assert.deepEqual(set('档案安全', { from: '2015-09-30', to: '2015-10-10', dateField: 'anyDate' }), new Set([id['b']]));
  assert.deepEqual(set('档案安全', { from: '2017-12', to: '2017-12', dateField: 'anyDate' }), new Set([id['c']]));
  assert.deepEqual(set('档案安全', { from: '2017-12', to: '2017-12' }), new Set(), 'c has no 成文日期');
  // Chinese forms of the bounds.
  assert.deepEqual(set('档案安全', { from: '2016年3月15日', to: '二〇一六年三月十五日' }), new Set([id['a']]));
  assert.deepEqual(set('档案安全', { from: '2018年', to: '2018年7月' }), new Set([id['b']]));
});

test('fuzzy mode finds a term with one character misread by OCR, and says so', () => {
  setPageText(vault.db, pages['c']![1]!, '另：2017年12月31日前报送，附电子文档备伤光盘一张。');
  assert.deepEqual(ids('电子文档备份'), []);
  const found = ids('电子文档备份', { fuzzy: true });
  assert.deepEqual(found, [id['c']]);
  const h = hitOf('电子文档备份', 'c', { fuzzy: true });
  assert.equal(h.fuzzy, true);
  assert.equal(h.pageNo, 2);
  const [s, e] = h.highlights[0]!;
  assert.equal(h.snippet.slice(s, e), '电子文档备伤');
  assert.deepEqual(ids('电子文件备伤', { fuzzy: true }), [id['c']], 'any one position may be wrong');
  assert.deepEqual(ids('电子文件备份', { fuzzy: true }), [], 'two wrong characters are too many');
  assert.equal(hitOf('档案安全', 'a', { fuzzy: true }).fuzzy, false, 'an exact hit is not marked fuzzy');
});

test('re-indexing a page replaces its old text and its dates', () => {
  const page = pages['b']![0]!;
  assert.deepEqual(ids('会议于'), [id['b']]);
  setPageText(vault.db, page, '本次会议改为2019年1月5日召开，研究档案数字化。');
  assert.deepEqual(ids('会议于'), []);
  assert.deepEqual(ids('"2015年9月"'), []);
  assert.deepEqual(ids('档案数字化'), [id['b']]);
  assert.deepEqual(ids('档案', { from: '2015-09-01', to: '2015-09-30', dateField: 'anyDate' }), []);
  assert.deepEqual(ids('档案', { from: '2019-01-05', to: '2019-01-05', dateField: 'anyDate' }), [id['b']]);
  // Indexing the same page again changes nothing; removing its text removes it from the index.
  indexPage(vault.db, page);
  assert.deepEqual(ids('档案数字化'), [id['b']]);
  vault.db.prepare('DELETE FROM page_text WHERE page_id = ?').run(page);
  indexPage(vault.db, page);
  assert.deepEqual(ids('档案数字化'), []);
  assert.deepEqual(ids('纪要'), [id['b']], 'the catalog fields are still indexed');
});

test('catalog fields are re-indexed when the record changes', async () => {
  const { indexRecord } = await import('../../../native/search/index.js');
  vault.db.prepare("UPDATE records SET title = '扫描设备采购清单' WHERE id = ?").run(id['d']);
  indexRecord(vault.db, id['d']!);
  assert.deepEqual(ids('title:扫描设备'), [id['d']]);
  assert.deepEqual(ids('title:"设备采购清单"'), [id['d']]);
  assert.deepEqual(ids('title:开展'), [id['a']]);
});

test('reindexAll rebuilds the whole index with the same answers', async () => {
  const { reindexAll, indexStatus } = await import('../../../native/search/index.js');
  const queries = ['档案安全', '档', 'title:通知', '"2017年12月"', '扫描 OR 会议'];
  const before = queries.map((q) => ids(q, { sort: 'dateAsc' }));
  const dated = ids('档案', { from: '2016-03-15', to: '2016-03-15', dateField: 'anyDate' });
  const counts = reindexAll(vault.db);
  assert.equal(counts.records, Object.keys(id).length);
  assert.deepEqual(queries.map((q) => ids(q, { sort: 'dateAsc' })), before);
  assert.deepEqual(ids('档案', { from: '2016-03-15', to: '2016-03-15', dateField: 'anyDate' }), dated);
  const status = indexStatus(vault.db);
  assert.equal(status.current, true);
  assert.equal(status.pagesIndexed, status.pagesWithText);
});

test('1- and 2-character terms (answered per record) follow page re-indexing, with page counts and best pages', () => {
  const r = addRecord(vault.db, { title: '登记簿', docDate: '2011-01-01', pages: ['甲乙丙丁', '戊己甲乙', '庚辛壬癸'] });
  const hit = (q: string) => search(vault.db, q, { limit: 100 }).hits.find((h) => h.recordId === r.id);
  for (const q of ['甲', '甲乙']) {
    assert.deepEqual(ids(q), [r.id]);
    const h = hit(q);
    assert.equal(h?.score, 2, `${q}: one point per page`);
    assert.equal(h?.matchedPages, 2);
    assert.equal(h?.pageNo, 1);
    assert.equal(search(vault.db, q, { pages: 'all' }).total, 2);
  }
  setPageText(vault.db, r.pageIds[0]!, '子丑寅卯');
  assert.equal(hit('甲乙')?.score, 1);
  assert.equal(hit('甲')?.pageNo, 2);
  assert.deepEqual(ids('子丑'), [r.id]);
  vault.db.prepare('DELETE FROM page_text WHERE page_id = ?').run(r.pageIds[1]!);
  indexPage(vault.db, r.pageIds[1]!);
  assert.deepEqual(ids('甲'), []);
  assert.deepEqual(ids('甲乙'), []);
  assert.deepEqual(ids('壬'), [r.id]);
});
