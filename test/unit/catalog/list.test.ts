import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listRecords } from '../../../native/catalog/records.js';
import { sql } from '../../../native/db/sql.js';
import { addRecord, newVault } from '../search/helpers.js';

test('the catalog list filters by year, held records and an extra restriction, with totals to match', async () => {
  const vault = await newVault();
  try {
    const a = addRecord(vault.db, { title: '甲', year: 2016 });
    const b = addRecord(vault.db, { title: '乙', year: 2016, classifiedHold: true });
    const c = addRecord(vault.db, { title: '丙', year: 2017 });
    assert.deepEqual(listRecords(vault.db).records.map((r) => r.id), [a.id, b.id, c.id]);
    assert.deepEqual(listRecords(vault.db, { year: 2016 }).records.map((r) => r.id), [a.id, b.id]);
    const held = listRecords(vault.db, { held: true });
    assert.deepEqual([held.total, held.records.map((r) => r.id)], [1, [b.id]]);
    const restricted = listRecords(vault.db, { limit: 1 }, sql`classified_hold = 0`);
    assert.deepEqual([restricted.total, restricted.records.map((r) => r.id)], [2, [a.id]], 'the restriction applies to the total too');
  } finally {
    vault.close();
  }
});
