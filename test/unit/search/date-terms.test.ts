import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { OperationContext } from '../../../native/auth/types.js';
import { dateOfTerm } from '../../../native/search/date-terms.js';
import { search, searchAs } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { makeOperator, setupAdmins } from './accounts.js';
import { addRecord, newVault } from './helpers.js';

// A query term that is a date matches the records dated inside it (成文日期, or a date printed on a
// page) in any numeral form, as well as its literal text; a page's dates count only for who may
// read the page (the content rule, through page-derived.ts).

let vault: Vault;
let archivist: OperationContext;
let security: OperationContext;
const id: Record<string, number> = {};

before(async () => {
  vault = await newVault();
  const db = vault.db;
  id['printed'] = addRecord(db, { title: '关于档案安全检查的通知', pages: ['请各单位认真落实。\n郑州市档案局\n2016年4月26日'] }).id;
  id['catalogued'] = addRecord(db, { title: '年度工作要点', docDate: '2016-04-08', pages: ['一、加强档案安全。'] }).id;
  id['literal'] = addRecord(db, { title: '会议纪要', pages: ['定于二〇一六年四月召开全市档案工作会议。'] }).id;
  id['other'] = addRecord(db, { title: '另一年的通知', docDate: '2017-04-26', pages: ['二〇一七年四月二十六日'] }).id;
  id['held'] = addRecord(db, { title: '待审查文件', classifiedHold: true, pages: ['秘密★10年\n二〇一六年四月十二日'] }).id;
  const admins = await setupAdmins(db);
  security = admins.so;
  archivist = await makeOperator(admins, 'zhangsan', 'zs-口令-2024');
});
after(() => vault.close());

// The security officer may read every page: what a date term finds when nothing is hidden.
const ids = (q: string) => searchAs(security, q, { limit: 50 }).hits.map((h) => h.recordId).sort((a, b) => a - b);
const sorted = (...keys: string[]) => keys.map((k) => id[k]!).sort((a, b) => a - b);

test('a term is a date only when the whole term is one, to the day or the month', () => {
  assert.deepEqual(dateOfTerm('二〇一六年四月'), { from: '2016-04-01', to: '2016-04-30', label: '2016-04' });
  assert.deepEqual(dateOfTerm('2016-04'), { from: '2016-04-01', to: '2016-04-30', label: '2016-04' });
  assert.deepEqual(dateOfTerm('2016.4.26'), { from: '2016-04-26', to: '2016-04-26', label: '2016-04-26' });
  for (const notADate of ['2016', '2016年', '关于2016年4月', '2016-13', '2016年2月30日', '档案']) assert.equal(dateOfTerm(notADate), null, notADate);
});

test('二〇一六年四月, 2016年4月 and 2016-04 find every record dated in April 2016, and the literal text', () => {
  const april = sorted('printed', 'catalogued', 'literal', 'held');
  for (const q of ['二〇一六年四月', '2016年4月', '2016-04', '２０１６年４月']) assert.deepEqual(ids(q), april, q);
  assert.deepEqual(ids('2016-04-26'), sorted('printed'));
  assert.deepEqual(ids('二〇一六年四月二十六日'), sorted('printed'));
  assert.deepEqual(ids('2016年4月 -2016-04-26'), sorted('catalogued', 'literal', 'held'), 'NOT a date excludes what is dated in it');
});

test('a hit says which date it matched: the 成文日期, or the date printed on a page', () => {
  const hits = new Map(searchAs(security, '二〇一六年四月', { limit: 50 }).hits.map((h) => [h.recordId, h]));
  assert.equal(hits.get(id['catalogued']!)!.matchedDate, '2016-04-08');
  assert.equal(hits.get(id['catalogued']!)!.matchedDatePage, null);
  assert.equal(hits.get(id['printed']!)!.matchedDate, '2016-04-26');
  assert.equal(hits.get(id['printed']!)!.matchedDatePage, 1);
  assert.equal(search(vault.db, '档案安全', { limit: 50 }).hits[0]!.matchedDate, null, 'no date term, no date matched');
});

test('the dates on a held record\'s pages do not find it for an archivist', () => {
  const found = searchAs(archivist, '2016-04', { limit: 50 }).hits.map((h) => h.recordId).sort((a, b) => a - b);
  assert.deepEqual(found, sorted('printed', 'catalogued', 'literal'));
  assert.equal(searchAs(archivist, '2016-04', { limit: 50 }).total, 3);
});
