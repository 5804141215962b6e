import type { Migration } from './types.js';

/**
 * QC and acceptance of digitization batches (issue 13, part 2; DA/T 31-2017).
 * - qc_batches: a batch of a project's scanned items with its rule (dpi, colour mode, sample
 *   rate, pass mark, seed) frozen when it is made, its state and the decision.
 * - qc_findings: the machine checks' findings per page (or per record for the page count).
 * - qc_samples: the reproducible human sample, each page judged pass/fail with a reason.
 * - page_replacements: re-scans; the old image stays in the vault (its master is kept) and
 *   the change is noted in the process sheet.
 */
export const migration0210: Migration = {
  version: 210,
  name: 'qc',
  up(db) {
    db.exec(`
      CREATE TABLE qc_batches (
        id             INTEGER PRIMARY KEY,
        project_id     INTEGER NOT NULL REFERENCES digitization_projects (id),
        seq            INTEGER NOT NULL,
        state          TEXT NOT NULL DEFAULT 'checking' CHECK (state IN ('checking', 'checked', 'sampled', 'returned', 'accepted')),
        min_dpi        INTEGER NOT NULL,
        colour_mode    TEXT NOT NULL,
        sample_percent REAL NOT NULL,
        pass_mark      REAL NOT NULL,
        seed           TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        created_by     INTEGER NOT NULL REFERENCES accounts (id),
        checked_at     TEXT,
        decided_at     TEXT,
        decided_by     INTEGER REFERENCES accounts (id),
        report         TEXT,
        UNIQUE (project_id, seq)
      ) STRICT;

      CREATE TABLE qc_batch_items (
        batch_id INTEGER NOT NULL REFERENCES qc_batches (id),
        item_id  INTEGER NOT NULL REFERENCES digitization_items (id),
        record_id INTEGER NOT NULL REFERENCES records (id),
        PRIMARY KEY (batch_id, item_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE qc_findings (
        id        INTEGER PRIMARY KEY,
        batch_id  INTEGER NOT NULL REFERENCES qc_batches (id),
        record_id INTEGER NOT NULL REFERENCES records (id),
        page_id   INTEGER REFERENCES pages (id),
        page_no   INTEGER,
        check_id  TEXT NOT NULL CHECK (check_id IN ('blank', 'skew', 'blur', 'resolution', 'colour_mode', 'duplicate', 'page_count', 'unreadable')),
        value     REAL,
        detail    TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX qc_findings_batch ON qc_findings (batch_id, record_id, page_no);

      CREATE TABLE qc_page_metrics (
        batch_id   INTEGER NOT NULL REFERENCES qc_batches (id),
        page_id    INTEGER NOT NULL REFERENCES pages (id),
        ink        REAL NOT NULL,
        sharpness  REAL NOT NULL,
        skew       REAL NOT NULL,
        hash       TEXT NOT NULL,
        PRIMARY KEY (batch_id, page_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE qc_samples (
        batch_id   INTEGER NOT NULL REFERENCES qc_batches (id),
        ordinal    INTEGER NOT NULL,
        page_id    INTEGER NOT NULL REFERENCES pages (id),
        record_id  INTEGER NOT NULL REFERENCES records (id),
        page_no    INTEGER NOT NULL,
        verdict    TEXT CHECK (verdict IS NULL OR verdict IN ('pass', 'fail')),
        reason     TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        judged_by  INTEGER REFERENCES accounts (id),
        judged_at  TEXT,
        PRIMARY KEY (batch_id, ordinal),
        UNIQUE (batch_id, page_id)
      ) STRICT;

      CREATE TABLE page_replacements (
        id          INTEGER PRIMARY KEY,
        record_id   INTEGER NOT NULL REFERENCES records (id),
        page_id     INTEGER NOT NULL REFERENCES pages (id),
        page_no     INTEGER NOT NULL,
        old_sha256  TEXT NOT NULL REFERENCES objects (sha256),
        new_sha256  TEXT NOT NULL REFERENCES objects (sha256),
        old_master_id INTEGER NOT NULL REFERENCES masters (id),
        new_master_id INTEGER NOT NULL REFERENCES masters (id),
        batch_id    INTEGER REFERENCES qc_batches (id),
        reason      TEXT NOT NULL,
        at          TEXT NOT NULL,
        by_account  INTEGER NOT NULL REFERENCES accounts (id)
      ) STRICT;
    `);
  },
};
