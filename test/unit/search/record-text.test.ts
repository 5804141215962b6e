import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { flushRecordText, indexPage, normalizeText, search, searchRecordIds } from '../../../native/search/index.js';
import { PENDING_LIMIT } from '../../../native/search/record-text.js';
import type { Vault } from '../../../native/vault/vault.js';
import { seededRandom } from '../../harness/random.js';
import { addRecord, newVault, setPageText } from './helpers.js';

// Terms of 1–3 characters are answered from one document per record, which is rebuilt in
// batches, not for every page OCR writes; the pages not in it yet, and records whose document
// still holds text that changed, are read from page text. Whatever the state, every answer must
// equal a brute-force scan of the current page texts.

let vault: Vault;
before(async () => {
  vault = await newVault();
});
after(() => vault.close());

const ALPHABET = [...'甲乙丙丁'];
const RARE = [...'子丑寅卯'];

test('short and long terms agree with brute force at every step while a 200-page record is OCR’d, re-OCR’d and pages go', () => {
  const db = vault.db;
  const rand = seededRandom(7);
  const pageCount = 200;
  const big = addRecord(db, { title: '', pages: new Array<string | null>(pageCount).fill(null) });
  const small = addRecord(db, { title: '', pages: ['甲乙丙丁戊甲', '丁戊'] });
  const texts = new Map<number, string>(); // page id → current text of the big record
  // Common characters on every page, rare ones (子丑寅卯) on a few: rare terms keep page counts
  // under the cap of 10, where a wrong count shows.
  const randomText = () => {
    const chars = Array.from({ length: 8 + Math.floor(rand() * 24) }, () => (rand() < 0.03 ? RARE : ALPHABET)[Math.floor(rand() * 4)]!);
    if (rand() < 0.04) chars.splice(Math.floor(rand() * chars.length), 0, '子丑寅');
    return chars.join('');
  };
  const terms = ['甲', '乙', '甲乙', '丙丁', '甲乙丙', '戊戊戊', '甲乙丙丁', '丁丁丁丁丁', '子', '卯', '子丑', '丑寅', '寅卯', '子丑寅', '甲子丑寅'];
  const smallTexts = ['甲乙丙丁戊甲', '丁戊'];
  let sawPending = false;
  let sawStale = false;

  const check = (step: string) => {
    for (const term of terms) {
      const pagesWith = [...texts.values()].filter((t) => normalizeText(t).includes(term)).length;
      const smallWith = smallTexts.filter((t) => t.includes(term)).length;
      const expected = [...(smallWith > 0 ? [small.id] : []), ...(pagesWith > 0 ? [big.id] : [])].sort((a, b) => a - b);
      assert.deepEqual(searchRecordIds(db, `"${term}"`), expected, `${step}: records with ${term}`);
      if (pagesWith > 0) {
        const hit = search(db, `"${term}"`, { limit: 10 }).hits.find((h) => h.recordId === big.id);
        assert.equal(hit?.score, Math.min(pagesWith, 10), `${step}: ${term} scores one point per page, at most 10`);
        assert.equal(hit?.matchedPages, pagesWith, `${step}: ${term} on ${pagesWith} pages`);
        assert.equal(search(db, `"${term}"`, { pages: 'all', limit: 1000 }).hits.filter((h) => h.recordId === big.id).length, pagesWith);
      }
    }
    const pending = (db.prepare('SELECT count(*) FROM search_page WHERE record_id = ? AND in_record_text = 0').pluck().get(big.id) as number);
    const inDoc = texts.size - pending;
    assert.ok(pending < PENDING_LIMIT && pending <= Math.max(inDoc, 1), `${step}: ${pending} pages wait beside ${inDoc} in the document`);
    if (pending > 0) sawPending = true;
    if (db.prepare('SELECT stale FROM search_record_text_state WHERE record_id = ?').pluck().get(big.id) === 1) sawStale = true;
  };

  // First OCR of every page but one, in a random order, then re-OCR of some, then removals.
  const order = [...big.pageIds].sort(() => rand() - 0.5);
  const last = order.pop()!;
  order.forEach((pageId, k) => {
    const t = randomText();
    setPageText(db, pageId, t);
    texts.set(pageId, t);
    if (k % 7 === 0) check(`ocr ${k}`);
  });
  check('all pages but one');
  for (let k = 0; k < 30; k++) {
    const pageId = order[Math.floor(rand() * order.length)]!;
    const t = randomText();
    setPageText(db, pageId, t);
    texts.set(pageId, t);
    if (k % 3 === 0) check(`re-ocr ${k}`);
  }
  for (let k = 0; k < 10; k++) {
    const pageId = order[k]!;
    db.prepare('DELETE FROM page_text WHERE page_id = ?').run(pageId);
    indexPage(db, pageId);
    texts.delete(pageId);
    check(`removal ${k}`);
  }
  assert.ok(sawPending, 'some steps had pages waiting beside the record document');
  assert.ok(sawStale, 'some steps had a stale record document');
  // The record's last page completes it: its document then covers every page.
  const t = randomText();
  setPageText(db, last, t);
  texts.set(last, t);
  check('last page');
  flushRecordText(db);
  assert.equal(db.prepare('SELECT count(*) FROM search_page WHERE in_record_text = 0').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM search_record_text_state WHERE stale = 1').pluck().get(), 0);
  check('flushed');
});
