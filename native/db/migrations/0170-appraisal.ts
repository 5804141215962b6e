import type { Migration } from './types.js';

/**
 * Appraisal, disposal and declassification (鉴定销毁, 解密; issue 13, part 3).
 * - records.appraised_retention: the retention an appraisal set. The 档号 keeps the retention it
 *   was filed under (it is fixed and may be printed and transferred); the new one stands beside it.
 * - records.disposal: 'destroyed' keeps the catalog entry after its objects are gone.
 * - appraisal_rounds / proposals / decisions: a proposal per record, voted on by the 鉴定小组
 *   (at least two people, a setting), approved by the security officer.
 * - destruction_register (销毁清册): one row per destruction, written BEFORE any object is
 *   removed; destruction_objects lists what is still to be removed, so a crash resumes.
 * - declassification_reviews (解密审核): the security officer's decisions, never rewritten.
 */
export const migration0170: Migration = {
  version: 170,
  name: 'appraisal',
  up(db) {
    db.exec(`
      ALTER TABLE records ADD COLUMN appraised_retention TEXT CHECK (appraised_retention IS NULL OR appraised_retention IN ('Y', 'D30', 'D10'));
      ALTER TABLE records ADD COLUMN disposal TEXT NOT NULL DEFAULT '' CHECK (disposal IN ('', 'destroyed'));
      ALTER TABLE records ADD COLUMN disposed_at TEXT;

      CREATE TABLE appraisal_rounds (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL CHECK (length(title) >= 1),
        state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'approved', 'executed')),
        created_by  INTEGER NOT NULL REFERENCES accounts (id),
        created_at  TEXT NOT NULL,
        approved_by INTEGER REFERENCES accounts (id),
        approved_at TEXT,
        approval_basis TEXT
      ) STRICT;

      CREATE TABLE appraisal_proposals (
        id              INTEGER PRIMARY KEY,
        round_id        INTEGER NOT NULL REFERENCES appraisal_rounds (id),
        record_id       INTEGER NOT NULL REFERENCES records (id),
        action          TEXT NOT NULL CHECK (action IN ('keep', 'open', 'restrict', 'destroy')),
        new_retention   TEXT CHECK (new_retention IS NULL OR new_retention IN ('Y', 'D30', 'D10')),
        reason          TEXT NOT NULL CHECK (length(reason) >= 1),
        lowering_reason TEXT NOT NULL DEFAULT '',
        proposed_by     INTEGER NOT NULL REFERENCES accounts (id),
        proposed_at     TEXT NOT NULL,
        applied_at      TEXT,
        UNIQUE (round_id, record_id)
      ) STRICT;
      CREATE INDEX appraisal_proposals_record ON appraisal_proposals (record_id);

      CREATE TABLE appraisal_decisions (
        proposal_id  INTEGER NOT NULL REFERENCES appraisal_proposals (id),
        account_id   INTEGER NOT NULL REFERENCES accounts (id),
        account_name TEXT NOT NULL,
        vote         TEXT NOT NULL CHECK (vote IN ('agree', 'disagree')),
        comment      TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL,
        PRIMARY KEY (proposal_id, account_id)
      ) STRICT;

      CREATE TABLE destruction_register (
        id             INTEGER PRIMARY KEY,
        round_id       INTEGER NOT NULL REFERENCES appraisal_rounds (id),
        at             TEXT NOT NULL,
        executed_by    INTEGER NOT NULL REFERENCES accounts (id),
        executed_name  TEXT NOT NULL,
        deciders       TEXT NOT NULL,
        approver_name  TEXT NOT NULL,
        record_count   INTEGER NOT NULL CHECK (record_count >= 1)
      ) STRICT;
      CREATE TABLE destruction_register_items (
        register_id   INTEGER NOT NULL REFERENCES destruction_register (id),
        seq           INTEGER NOT NULL,
        record_id     INTEGER NOT NULL REFERENCES records (id),
        archival_code TEXT NOT NULL,
        title         TEXT NOT NULL,
        year          INTEGER NOT NULL,
        retention     TEXT NOT NULL,
        page_count    INTEGER NOT NULL,
        reason        TEXT NOT NULL,
        PRIMARY KEY (register_id, seq)
      ) STRICT;
      CREATE TABLE destruction_objects (
        register_id INTEGER NOT NULL REFERENCES destruction_register (id),
        sha256      TEXT NOT NULL,
        removed_at  TEXT,
        PRIMARY KEY (register_id, sha256)
      ) STRICT;

      CREATE TABLE declassification_reviews (
        id                 INTEGER PRIMARY KEY,
        record_id          INTEGER NOT NULL REFERENCES records (id),
        decision           TEXT NOT NULL CHECK (decision IN ('declassify', 'extend')),
        before_level       TEXT NOT NULL,
        before_period      TEXT NOT NULL,
        after_level        TEXT NOT NULL,
        after_period       TEXT NOT NULL,
        basis              TEXT NOT NULL CHECK (length(basis) >= 1),
        decided_by         INTEGER NOT NULL REFERENCES accounts (id),
        decided_name       TEXT NOT NULL,
        at                 TEXT NOT NULL
      ) STRICT;
    `);
    for (const table of ['destruction_register', 'destruction_register_items', 'declassification_reviews', 'appraisal_decisions']) {
      db.exec(`
        CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: register entries are never rewritten'); END;
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: register entries are never deleted'); END;
      `);
    }
    // A destroyed record stays destroyed.
    db.exec(`
      CREATE TRIGGER records_destroyed_final BEFORE UPDATE OF disposal ON records
      WHEN OLD.disposal = 'destroyed' AND NEW.disposal <> 'destroyed'
      BEGIN SELECT RAISE(ABORT, 'DESTROYED: a destroyed record is never restored'); END;
    `);
  },
};
