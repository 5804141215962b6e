import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';

function atVersion(v: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', migrations.filter((m) => m.version <= v));
  return db;
}

const insertRecord = (db: Database.Database, n: number) => db.prepare(`INSERT INTO records (category_code, year, retention, item_number, archival_code, page_count, source_key, created_at, updated_at)
  VALUES ('WS', 2016, 'Y', ?, ?, 1, ?, 'now', 'now')`).run(n, `WS·2016-Y-000${n}`, `src-${n}`);

test('0160: records already in a vault are provisional, except those a transfer carried; code history is never rewritten', () => {
  const db = atVersion(140);
  insertRecord(db, 1);
  insertRecord(db, 2);
  db.prepare("INSERT INTO accounts (id, username, password_hash, password_changed_at, created_at, updated_at) VALUES (1, 'arch', 'scrypt$x', 'now', 'now', 'now')").run();
  db.prepare("INSERT INTO transfers (id, state, created_at, updated_at, created_by) VALUES ('YJ1', 'sealed', 'now', 'now', 1)").run();
  db.prepare("INSERT INTO transfer_records (transfer_id, record_id, archival_code) VALUES ('YJ1', 2, 'WS·2016-Y-0002')").run();
  migrate(db, ':memory:', migrations.filter((m) => m.version <= 160));
  assert.deepEqual(db.prepare('SELECT id, code_status AS s, code_fixed_reason AS r, scan_status AS scan FROM records ORDER BY id').all(),
    [{ id: 1, s: 'provisional', r: null, scan: 'scanned' }, { id: 2, s: 'fixed', r: 'transferred', scan: 'scanned' }]);
  const history = db.prepare("INSERT INTO code_history (record_id, old_code, new_code, kind, was_fixed, reason, by_account, by_name, at) VALUES (2, 'a', 'b', 'renumber', ?, ?, 1, 'arch', 'now')");
  assert.throws(() => history.run(1, ''), /CHECK/, 'a fixed code changes only with a reason');
  history.run(1, '理由');
  assert.throws(() => db.prepare("UPDATE code_history SET reason = 'x'").run(), /REGISTER_IMMUTABLE/);
  assert.throws(() => db.prepare('DELETE FROM code_history').run(), /REGISTER_IMMUTABLE/);
});

test('0170: the destruction register and votes are never rewritten; a destroyed record is never restored', () => {
  const db = atVersion(170);
  insertRecord(db, 1);
  db.prepare("INSERT INTO accounts (id, username, password_hash, password_changed_at, created_at, updated_at) VALUES (1, 'arch', 'scrypt$x', 'now', 'now', 'now')").run();
  db.prepare("INSERT INTO appraisal_rounds (id, title, created_by, created_at) VALUES (1, '鉴定', 1, 'now')").run();
  assert.throws(() => db.prepare("INSERT INTO appraisal_proposals (round_id, record_id, action, reason, proposed_by, proposed_at) VALUES (1, 1, 'destroy', '', 1, 'now')").run(), /CHECK/);
  db.prepare("INSERT INTO appraisal_proposals (id, round_id, record_id, action, reason, proposed_by, proposed_at) VALUES (1, 1, 1, 'destroy', '期满', 1, 'now')").run();
  db.prepare("INSERT INTO appraisal_decisions (proposal_id, account_id, account_name, vote, at) VALUES (1, 1, 'arch', 'agree', 'now')").run();
  assert.throws(() => db.prepare("UPDATE appraisal_decisions SET vote = 'disagree'").run(), /REGISTER_IMMUTABLE/);
  db.prepare("INSERT INTO destruction_register (id, round_id, at, executed_by, executed_name, deciders, approver_name, record_count) VALUES (1, 1, 'now', 1, 'arch', '[]', 'so', 1)").run();
  assert.throws(() => db.prepare('DELETE FROM destruction_register').run(), /REGISTER_IMMUTABLE/);
  db.prepare("UPDATE records SET disposal = 'destroyed' WHERE id = 1").run();
  assert.throws(() => db.prepare("UPDATE records SET disposal = '' WHERE id = 1").run(), /DESTROYED/);
});
