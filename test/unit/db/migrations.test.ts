import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';
import type { Migration } from '../../../native/db/migrations/types.js';
import { tempDir } from '../../harness/temp.js';

test('migrations are numbered, unique and ascending in steps of ten', () => {
  const versions = migrations.map((m) => m.version);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions);
  assert.equal(new Set(versions).size, versions.length);
  for (const v of versions) assert.equal(v % 10, 0);
});

test('each migration applies on top of the previous ones and yields STRICT tables', () => {
  const db = new Database(':memory:');
  for (let i = 0; i < migrations.length; i++) {
    const before = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type='table'").all() as { name: string }[]).map((r) => r.name));
    migrate(db, ':memory:', migrations.slice(0, i + 1));
    assert.equal(schemaVersion(db), migrations[i]!.version);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    const added = tables.filter((t) => !before.has(t.name));
    for (const t of added) {
      if (/VIRTUAL TABLE/i.test(t.sql) || /_(data|idx|content|docsize|config)$/.test(t.name)) continue;
      assert.match(t.sql, /STRICT/, `${migrations[i]!.name}: table ${t.name} must be STRICT`);
    }
  }
  db.close();
});

test('0010 catalog enforces the retention, classification and unique archival code rules', () => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version <= 10));
  const insert = db.prepare(`INSERT INTO records (category_code, year, retention, item_number, archival_code, page_count, classification, source_key, created_at, updated_at)
    VALUES ('WS', 2016, ?, ?, ?, 1, ?, ?, 'now', 'now')`);
  insert.run('Y', 1, 'WS·2016-Y-0001', 'public', 'a');
  assert.throws(() => insert.run('X', 2, 'WS·2016-X-0002', 'public', 'b'), /CHECK/);
  assert.throws(() => insert.run('Y', 2, 'WS·2016-Y-0002', '秘密', 'c'), /CHECK/);
  assert.throws(() => insert.run('Y', 2, 'WS·2016-Y-0001', 'public', 'd'), /UNIQUE/);
  assert.throws(() => insert.run('Y', 1, 'WS·2016-Y-0001b', 'public', 'e'), /UNIQUE/);
  db.close();
});

test('a failing step rolls back everything and leaves a copy from before', () => {
  const dir = tempDir();
  const file = path.join(dir, 'c.sqlite');
  const db = new Database(file);
  migrate(db, file, migrations);
  const v = schemaVersion(db);
  const broken: Migration = { version: v + 10, name: 'broken', up: (d) => { d.exec('CREATE TABLE t1 (a INTEGER) STRICT'); throw new Error('boom'); } };
  assert.throws(() => migrate(db, file, [...migrations, broken]), (e: Error & { code?: string }) => e.code === 'VAULT_MIGRATION_FAILED' && /boom/.test(e.message));
  assert.equal(schemaVersion(db), v);
  assert.equal(db.prepare("SELECT count(*) n FROM sqlite_schema WHERE name='t1'").get() instanceof Object ? (db.prepare("SELECT count(*) n FROM sqlite_schema WHERE name='t1'").get() as { n: number }).n : -1, 0);
  assert.ok(fs.existsSync(`${file}.before-v${v + 10}`));
  db.close();
});
