import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { search } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { addRecord, newVault } from './helpers.js';

// Which pages of a hit's record hold a short term (its best page and matched-page count) is
// decided on a page's stored text when the term occurs there as typed, and on its normalized
// text otherwise (issue 14: the CLI's search skips most of that normalizing). Both ways must
// find the same pages.

let vault: Vault;
let recordId = 0;

before(async () => {
  vault = await newVault();
  recordId = addRecord(vault.db, {
    title: '年度报表',
    docDate: '2016-03-15',
    pages: [
      '本页没有这个词。',
      '这是文 件的第二页，词被 OCR 的空格隔开。',
      '第三页写着⽂件（康熙部首的⽂）。',
      '第四页：文件原样出现。',
      '第五页也没有。',
    ],
  }).id;
});

after(() => vault.close());

test('pages where the term occurs only after normalizing count as much as pages where it occurs as typed', () => {
  const h = search(vault.db, '文件').hits.find((x) => x.recordId === recordId);
  assert.ok(h, 'the record is found');
  assert.equal(h.matchedPages, 3, 'pages 2, 3 and 4');
  assert.equal(h.pageNo, 2, 'the first page holding the term, though only its normalized text does');
  assert.equal(h.snippet.slice(...h.highlights[0]!), '文 件');
});

test('a term with other than ideographs is matched on the normalized text alone', () => {
  const h = search(vault.db, 'ocr').hits.find((x) => x.recordId === recordId);
  assert.ok(h, 'lower-case query, upper-case page text');
  assert.equal(h.matchedPages, 1);
  assert.equal(h.pageNo, 2);
});
