/** Migration 0150 (media): states, one open alert per subject, one active backup key, enforced by the schema. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';

test('0150 media: known types and states, one open alert per medium/kind/subject, one active backup key', () => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version <= 150));
  assert.equal(schemaVersion(db), 150);
  const add = db.prepare("INSERT INTO media (id, type, label, capacity_bytes, expected_life_years, site, created_at, created_by) VALUES (?, ?, 'l', 1, 5, '档案室', 'now', 1)");
  add.run('HDD-1', 'hdd');
  assert.throws(() => add.run('X-1', 'floppy'), /CHECK/);
  assert.throws(() => db.prepare("UPDATE media SET state = 'lost' WHERE id = 'HDD-1'").run(), /CHECK/);
  const alert = db.prepare("INSERT INTO media_alerts (medium_id, kind, subject, raised_at) VALUES ('HDD-1', 'mismatch', 'objects/ab/x.enc', 'now')");
  alert.run();
  assert.throws(() => alert.run(), /UNIQUE/, 'a second open alert for the same thing');
  db.prepare("UPDATE media_alerts SET handled_at = 'later'").run();
  alert.run();
  const key = db.prepare("INSERT INTO media_keys (key_id, wrapped, created_at, created_by, retired_at) VALUES (?, x'00', 'now', 1, ?)");
  key.run('k1', null);
  assert.throws(() => key.run('k2', null), /UNIQUE/);
  key.run('k3', 'retired');
  db.close();
});
