import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { search } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { seededRandom } from '../../harness/random.js';
import { addRecord, newVault } from './helpers.js';

// With thousands of records tied on relevance, the first page is found by walking the
// document-date index instead of reading every member's date; it must equal a full sort.

let vault: Vault;
const dates = new Map<number, string | null>();

before(async () => {
  vault = await newVault();
  const rand = seededRandom(3);
  vault.db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const date = rand() < 0.1 ? null : `${2010 + Math.floor(rand() * 11)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      dates.set(addRecord(vault.db, { title: '', docDate: date, pages: ['甲乙丙'] }).id, date);
    }
  })();
});
after(() => vault.close());

/** Newest document date first, undated last, then by id: the relevance order among equal scores. */
function expected(from?: string, to?: string): number[] {
  return [...dates]
    .filter(([, d]) => !from || (d !== null && d >= from && d <= to!))
    .sort(([a, x], [b, y]) => (x === y ? a - b : x === null ? 1 : y === null ? -1 : x < y ? 1 : -1))
    .map(([id]) => id);
}

test('the first pages of thousands of tied hits are the newest, with and without a document-date range', () => {
  for (const offset of [0, 40, 2980]) {
    const all = search(vault.db, '甲', { limit: 20, offset });
    assert.equal(all.total, 3000);
    assert.deepEqual(all.hits.map((h) => h.recordId), expected().slice(offset, offset + 20), `offset ${offset}`);
  }
  const ranged = search(vault.db, '甲', { limit: 20, from: '2010-06-01', to: '2020-03-31', dateField: 'docDate' });
  const want = expected('2010-06-01', '2020-03-31');
  assert.ok(want.length > 2000, 'enough tied records to take the walk');
  assert.equal(ranged.total, want.length);
  assert.deepEqual(ranged.hits.map((h) => h.recordId), want.slice(0, 20));
});
