import type { Migration } from './types.js';

/**
 * The tamper-evident audit log (审计日志). Each row's hash is SHA-256 over a canonical
 * serialization of its fields and the previous row's hash (native/audit/canonical.ts), so the
 * rows form a chain from a genesis of 64 zeros.
 *
 * Triggers refuse UPDATE and DELETE, and an INSERT whose seq or prev_hash does not continue the
 * head. audit_head is a checkpoint of the last row (seq, hash) written in the same transaction
 * as each append; it can only advance one step at a time and only to a row that exists, so a
 * truncated tail is detectable by verifyAuditChain even after the triggers are dropped (unless
 * the checkpoint is rewritten too: see native/audit/README.md for the limits).
 */
export const migration0070: Migration = {
  version: 70,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY CHECK (seq >= 1),
        at          TEXT NOT NULL,
        user_id     INTEGER,
        username    TEXT NOT NULL,
        roles       TEXT NOT NULL,
        session_id  TEXT,
        device      TEXT NOT NULL,
        action      TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id   TEXT NOT NULL,
        result      TEXT NOT NULL CHECK (result IN ('ok', 'denied', 'failed')),
        detail      TEXT NOT NULL,
        prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash        TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_user ON audit_log (username, at);

      CREATE TABLE audit_head (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        seq        INTEGER NOT NULL,
        hash       TEXT NOT NULL CHECK (length(hash) = 64),
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO audit_head (id, seq, hash, updated_at)
        VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit log cannot be edited');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit log cannot be deleted from');
      END;
      CREATE TRIGGER audit_log_continues_head BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT seq + 1 FROM audit_head WHERE id = 1)
        OR NEW.prev_hash IS NOT (SELECT hash FROM audit_head WHERE id = 1)
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: a new audit row must continue the head');
      END;

      CREATE TRIGGER audit_head_advances BEFORE UPDATE ON audit_head
      WHEN NEW.id IS NOT OLD.id
        OR NEW.seq IS NOT OLD.seq + 1
        OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.seq)
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit checkpoint only advances to the row just appended');
      END;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit checkpoint cannot be deleted');
      END;
      CREATE TRIGGER audit_head_single BEFORE INSERT ON audit_head
      BEGIN
        SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: there is one audit checkpoint');
      END;
    `);
  },
};
