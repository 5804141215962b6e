import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { rowHash } from '../../../native/audit/canonical.js';
import { appendAudit, auditHead, fromDbRow } from '../../../native/audit/log.js';
import { verifyAuditChain, type AuditAnchor, type AuditProblemCode } from '../../../native/audit/verify.js';
import type { Db } from '../../../native/db/database.js';
import { runSeed, seededRandom } from '../../harness/random.js';
import { tempDir } from '../../harness/temp.js';
import { freshDb } from '../auth/helpers.js';

/**
 * Random tampering with the audit table of a real SQLite file, the way someone with the file
 * and a SQLite shell would do it (triggers dropped first), and the verifier must always notice
 * and name the place. Each trial works on a fresh copy of one template log.
 */
const ROWS = 60;
const TRIALS = Number(process.env['LANTAI_AUDIT_TRIALS'] ?? 400);
const FIELDS = ['at', 'username', 'roles', 'device', 'action', 'object_id', 'result', 'detail', 'user_id', 'session_id'] as const;

function template(): { file: string; head: AuditAnchor } {
  const { db, file } = freshDb('audit-template.sqlite');
  const actions = ['login', 'view_record', 'ingest', 'logout', 'search', 'export_audit'];
  for (let i = 0; i < ROWS; i++) {
    appendAudit(db, {
      at: new Date(Date.parse('2026-03-01T08:00:00Z') + i * 61_000).toISOString(),
      userId: (i % 4) + 1,
      username: ['陈档案', 'secoff', 'auditor', 'backup'][i % 4]!,
      roles: ['archivist'],
      sessionId: `s${i % 7}`,
      device: `pc-档案室-0${i % 3}`,
      action: actions[i % actions.length]!,
      objectType: 'record',
      objectId: 100 + i,
      result: i % 9 === 0 ? 'denied' : 'ok',
      detail: { n: i, note: `第${i}条`, password: 'never stored' },
    });
  }
  const head = auditHead(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, head };
}

interface Expect {
  kind: string;
  codes: AuditProblemCode[];
  seq: number;
  anchors?: AuditAnchor[];
}

function open(file: string): Database.Database {
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_continues_head; DROP TRIGGER audit_head_advances');
  return db;
}

type Row = ReturnType<typeof fromDbRow>;
const INSERT = `INSERT INTO audit_log (seq, at, user_id, username, roles, session_id, device, action, object_type, object_id, result, detail, prev_hash, hash)
                VALUES (@seq, @at, @userId, @username, @roles, @sessionId, @device, @action, @objectType, @objectId, @result, @detail, @prevHash, @hash)`;

/** Moves rows seq >= from by delta (through a parking range, since seq is the primary key). */
function shift(db: Database.Database, from: number, delta: number): void {
  db.prepare('UPDATE audit_log SET seq = seq + 100000 WHERE seq >= ?').run(from);
  db.prepare('UPDATE audit_log SET seq = seq - 100000 + ? WHERE seq >= 100000').run(delta);
}

function rowAt(db: Database.Database, seq: number): Row {
  return fromDbRow(db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Parameters<typeof fromDbRow>[0]);
}

function tamper(db: Database.Database, random: () => number, head: AuditAnchor): Expect {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const kinds = ['edit', 'edit-rehash', 'delete', 'delete-renumber', 'replay', 'forge', 'swap', 'move', 'truncate', 'truncate-rewrite-head'] as const;
  const kind = kinds[Math.floor(random() * kinds.length)]!;
  switch (kind) {
    case 'edit': {
      const seq = pick(1, ROWS);
      const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
      const cur = db.prepare(`SELECT ${field} AS v FROM audit_log WHERE seq = ?`).get(seq) as { v: unknown };
      const next = field === 'user_id' ? Number(cur.v) + 1 : field === 'result' ? (cur.v === 'ok' ? 'failed' : 'ok') : `${String(cur.v)}x`;
      db.prepare(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`).run(next, seq);
      return { kind: `${kind}:${field}`, codes: ['EDITED'], seq };
    }
    case 'edit-rehash': {
      // The attacker knows the algorithm: the row is rewritten with a matching hash, so only
      // the link from the next row (or the checkpoint, for the last row) betrays it.
      const seq = pick(1, ROWS);
      const r = rowAt(db, seq);
      const forged = { ...r, username: 'nobody', detail: '{}' };
      db.prepare('UPDATE audit_log SET username = ?, detail = ?, hash = ? WHERE seq = ?').run(forged.username, forged.detail, rowHash(forged), seq);
      return { kind, codes: ['CHAIN_BROKEN'], seq };
    }
    case 'delete': {
      const seq = pick(1, ROWS - 1);
      const n = Math.min(pick(1, 3), ROWS - seq);
      db.prepare('DELETE FROM audit_log WHERE seq >= ? AND seq < ?').run(seq, seq + n);
      return { kind: `${kind}x${n}`, codes: ['DELETED'], seq };
    }
    case 'delete-renumber': {
      const seq = pick(1, ROWS - 1);
      const n = Math.min(pick(1, 3), ROWS - seq);
      db.prepare('DELETE FROM audit_log WHERE seq >= ? AND seq < ?').run(seq, seq + n);
      shift(db, seq + n, -n);
      db.prepare('UPDATE audit_head SET seq = seq - ? WHERE id = 1').run(n);
      return { kind: `${kind}x${n}`, codes: ['DELETED'], seq };
    }
    case 'replay': {
      // A genuine row copied in again somewhere after it.
      const src = pick(1, ROWS - 1);
      const at = pick(src + 1, ROWS);
      const r = rowAt(db, src);
      shift(db, at, 1);
      db.prepare(INSERT).run({ ...r, seq: at });
      return { kind, codes: ['INSERTED', 'REORDERED'], seq: at };
    }
    case 'forge': {
      // A made-up row with a correct hash, linked to its predecessor, slipped in.
      const at = pick(2, ROWS);
      const prev = rowAt(db, at - 1);
      const forged: Row = { ...prev, seq: at, username: '伪造', action: 'view_record', detail: '{"forged":true}', prevHash: prev.hash, hash: '' };
      forged.hash = rowHash(forged);
      shift(db, at, 1);
      db.prepare(INSERT).run(forged);
      return { kind, codes: ['INSERTED'], seq: at };
    }
    case 'swap': {
      const a = pick(1, ROWS - 1);
      const b = pick(a + 1, ROWS);
      db.prepare('UPDATE audit_log SET seq = 900000 WHERE seq = ?').run(a);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(a, b);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = 900000').run(b);
      return { kind, codes: ['REORDERED'], seq: a };
    }
    case 'move': {
      // One row taken out and put back later, the rows between moved down to close the gap.
      const a = pick(1, ROWS - 2);
      const b = pick(a + 2, ROWS);
      db.prepare('UPDATE audit_log SET seq = 900000 WHERE seq = ?').run(a);
      for (let s = a + 1; s <= b; s++) db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(s - 1, s);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = 900000').run(b);
      return { kind, codes: ['REORDERED'], seq: b };
    }
    case 'truncate': {
      const n = pick(1, 5);
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(ROWS - n);
      return { kind: `${kind}x${n}`, codes: ['DELETED'], seq: ROWS - n + 1 };
    }
    case 'truncate-rewrite-head': {
      // The tail cut off AND the checkpoint moved back: only a head recorded elsewhere (a backup,
      // a transfer package) still knows the log was longer.
      const n = pick(1, 5);
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(ROWS - n);
      const last = rowAt(db, ROWS - n);
      db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(last.seq, last.hash);
      return { kind: `${kind}x${n}`, codes: ['DELETED'], seq: ROWS - n + 1, anchors: [{ ...head, source: 'backup 2026-03-01' }] };
    }
  }
}

test(`random tampering with audit rows (${TRIALS} trials on real SQLite) is always detected, and the report says where`, { timeout: 300_000 }, () => {
  const seed = runSeed();
  const random = seededRandom(seed);
  const { file, head } = template();
  const clean = new Database(file);
  assert.deepEqual(verifyAuditChain(clean as unknown as Db).problems, [], 'the untouched log verifies');
  clean.close();
  const dir = tempDir();
  const misses: string[] = [];
  const kinds = new Map<string, number>();
  for (let trial = 0; trial < TRIALS; trial++) {
    const copy = path.join(dir, `t${trial}.sqlite`);
    fs.copyFileSync(file, copy);
    const db = open(copy);
    const expect = db.transaction(() => tamper(db, random, head))();
    const result = verifyAuditChain(db as unknown as Db, { anchors: expect.anchors ?? [] });
    db.close();
    fs.rmSync(copy);
    const base = expect.kind.replace(/[:x].*$/, '');
    kinds.set(base, (kinds.get(base) ?? 0) + 1);
    if (result.ok) {
      misses.push(`trial ${trial} ${expect.kind} at ${expect.seq}: NOT DETECTED`);
      continue;
    }
    const located = result.problems.some((p) => expect.codes.includes(p.code) && (p.seq === expect.seq || (p.belongsAt === expect.seq)));
    if (!located) misses.push(`trial ${trial} ${expect.kind} at ${expect.seq}: reported ${result.problems.map((p) => `${p.code}@${p.seq}`).join(', ')}`);
  }
  console.log(`audit tamper trials: seed=${seed} trials=${TRIALS} kinds=${JSON.stringify(Object.fromEntries(kinds))}`);
  assert.deepEqual(misses, [], `replay with LANTAI_TEST_SEED=${seed}`);
  assert.equal(kinds.size, 10, 'every kind of tampering was tried');
});

test('every row carries who, when, device, object, action and result; details never hold passwords', () => {
  const { file } = template();
  const db = new Database(file);
  const rows = (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Parameters<typeof fromDbRow>[0][]).map(fromDbRow);
  db.close();
  assert.equal(rows.length, ROWS);
  for (const r of rows) {
    assert.ok(r.username && r.at && r.device && r.action && r.objectType && r.objectId && r.result, JSON.stringify(r));
    assert.equal(JSON.parse(r.detail).password, '[redacted]');
    assert.ok(!r.detail.includes('never stored'));
  }
});

test('the log refuses edits, deletions and out-of-chain inserts while its triggers stand', () => {
  const { db } = freshDb();
  for (let i = 0; i < 3; i++) appendAudit(db, { userId: 1, username: 'u', roles: [], device: 'd', action: 'login', result: 'ok' });
  assert.throws(() => db.prepare("UPDATE audit_log SET username = 'x' WHERE seq = 2").run(), /AUDIT_APPEND_ONLY/);
  assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /AUDIT_APPEND_ONLY/);
  const r = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;
  assert.throws(() => db.prepare('INSERT INTO audit_log (seq, at, user_id, username, roles, session_id, device, action, object_type, object_id, result, detail, prev_hash, hash) VALUES (9, @at, @user_id, @username, @roles, @session_id, @device, @action, @object_type, @object_id, @result, @detail, @prev_hash, @hash)').run(r), /AUDIT_APPEND_ONLY/);
  assert.throws(() => db.prepare('UPDATE audit_head SET seq = 1').run(), /AUDIT_APPEND_ONLY/);
  assert.throws(() => db.prepare('DELETE FROM audit_head').run(), /AUDIT_APPEND_ONLY/);
  assert.equal(verifyAuditChain(db).ok, true);
});
