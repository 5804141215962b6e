/** Migration 0140 (transfers, unit keys): states and one active key per kind are enforced by the schema. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';

test('0140 transfers: known states only, one active key per kind, records link to transfers', () => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version <= 140));
  assert.equal(schemaVersion(db), 140);
  const t = db.prepare("INSERT INTO transfers (id, state, created_at, updated_at, created_by) VALUES (?, ?, 'now', 'now', 1)");
  t.run('YJ1', 'sealed');
  assert.throws(() => t.run('YJ2', 'half-done'), /CHECK/);
  assert.throws(() => t.run('YJ1', 'sealed'), /UNIQUE|PRIMARY/);
  const k = db.prepare("INSERT INTO unit_keys (kind, unit_name, key_pem, public_key_pem, fingerprint_sha256, created_at, created_by, retired_at) VALUES (?, 'u', 'k', 'p', 'f', 'now', 1, ?)");
  k.run('rsa', null);
  assert.throws(() => k.run('rsa', null), /UNIQUE/, 'a second active RSA key');
  k.run('rsa', 'retired');
  k.run('sm2', null);
  assert.throws(() => k.run('ed25519', null), /CHECK/);
  db.close();
});
