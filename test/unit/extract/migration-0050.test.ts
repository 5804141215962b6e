import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';

test('0050 extraction: STRICT tables whose checks keep suggestions and holds well-formed', () => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version <= 50));
  for (const name of ['record_suggestions', 'classified_holds']) {
    const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) as { sql: string } | undefined;
    assert.ok(row, name);
    assert.match(row.sql, /STRICT/);
  }
  db.prepare(`INSERT INTO records (category_code, year, retention, item_number, archival_code, page_count, source_key, created_at, updated_at)
              VALUES ('WS', 2016, 'Y', 1, 'WS·2016-Y-0001', 1, 'a', 'now', 'now')`).run();
  const insert = db.prepare(`INSERT INTO record_suggestions (record_id, field, value, page_no, evidence, bbox, confidence, status, created_at, decided_at, decided_by)
                             VALUES (1, ?, 'v', 1, 'e', ?, ?, ?, 'now', ?, ?)`);
  insert.run('docDate', '[1,2,3,4]', 0.5, 'pending', null, null);
  insert.run('title', null, 1, 'accepted', 'now', '甲');
  assert.throws(() => insert.run('archivalCode', null, 0.5, 'pending', null, null), /CHECK/);
  assert.throws(() => insert.run('title', 'not json', 0.5, 'pending', null, null), /CHECK/);
  assert.throws(() => insert.run('title', null, 1.5, 'pending', null, null), /CHECK/);
  assert.throws(() => insert.run('title', null, 0.5, 'maybe', null, null), /CHECK/);
  assert.throws(() => insert.run('title', null, 0.5, 'accepted', null, null), /CHECK/, 'a decision has a time');
  assert.throws(() => insert.run('title', null, 0.5, 'pending', 'now', null), /CHECK/, 'a pending row has no decision time');
  assert.throws(() => db.prepare("INSERT INTO classified_holds (record_id, action, source, at) VALUES (1, 'paused', 'manual', 'now')").run(), /CHECK/);
  db.close();
});
