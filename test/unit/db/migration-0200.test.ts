/**
 * 0200 rebuilds account_roles to admit vendor_operator: existing roles survive, and the schema
 * keeps a vendor operator (like an administrator) alone on its account. 0210 follows on top.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';

test('0200 keeps every role, admits vendor_operator held alone, and still separates the administrators', () => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version < 200));
  const at = '2026-01-01T00:00:00.000Z';
  const add = (name: string) => Number(db.prepare("INSERT INTO accounts (username, password_hash, password_changed_at, created_at, updated_at) VALUES (?, 'scrypt$x', ?, ?, ?)").run(name, at, at, at).lastInsertRowid);
  const role = db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
  const sys = add('sys');
  const both = add('both');
  role.run(sys, 'sysadmin');
  role.run(both, 'archivist');
  role.run(both, 'backup_officer');
  migrate(db, ':memory:', migrations);
  assert.deepEqual(db.prepare('SELECT account_id AS a, role FROM account_roles ORDER BY account_id, role').all(), [{ a: sys, role: 'sysadmin' }, { a: both, role: 'archivist' }, { a: both, role: 'backup_officer' }]);
  const vendor = add('vendor');
  role.run(vendor, 'vendor_operator');
  assert.throws(() => role.run(vendor, 'archivist'), /ROLE_SEPARATION/);
  assert.throws(() => role.run(both, 'vendor_operator'), /ROLE_SEPARATION/);
  assert.throws(() => role.run(sys, 'archivist'), /ROLE_SEPARATION/);
  assert.throws(() => role.run(add('x'), 'nobody'), /CHECK/);
  assert.throws(() => db.prepare("UPDATE account_roles SET role = 'archivist' WHERE account_id = ?").run(vendor), /ROLE_SEPARATION/);
  // 0210 on top: a batch refuses an unknown state, a finding an unknown check.
  assert.throws(() => db.prepare("INSERT INTO qc_findings (batch_id, record_id, check_id) VALUES (1, 1, 'vibes')").run(), /CHECK/);
});
