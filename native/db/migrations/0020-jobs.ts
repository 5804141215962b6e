import type { Migration } from './types.js';

/**
 * Persisted jobs: one row per job, one row per unit of work, so that a restart resumes where
 * the last process stopped. object_claims records the objects an unfinished item is writing,
 * which tells a crash's leftovers (claimed, kept for the resume) from true orphans.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'interrupted', 'done', 'failed', 'cancelled')),
        params       TEXT NOT NULL,
        params_key   TEXT NOT NULL,
        owner_pid    INTEGER,
        heartbeat_at TEXT,
        total        INTEGER NOT NULL DEFAULT 0,
        done         INTEGER NOT NULL DEFAULT 0,
        failed       INTEGER NOT NULL DEFAULT 0,
        message      TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX jobs_status ON jobs (status);
      CREATE INDEX jobs_params_key ON jobs (kind, params_key);

      CREATE TABLE job_items (
        id            INTEGER PRIMARY KEY,
        job_id        INTEGER NOT NULL REFERENCES jobs (id),
        seq           INTEGER NOT NULL,
        key           TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'staged', 'done', 'failed', 'skipped')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        result        TEXT,
        error_code    TEXT,
        error_message TEXT,
        updated_at    TEXT NOT NULL,
        UNIQUE (job_id, seq)
      ) STRICT;
      CREATE INDEX job_items_status ON job_items (job_id, status);

      CREATE TABLE object_claims (
        job_item_id INTEGER NOT NULL REFERENCES job_items (id),
        sha256      TEXT NOT NULL,
        PRIMARY KEY (job_item_id, sha256)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX object_claims_sha256 ON object_claims (sha256);
    `);
  },
};
