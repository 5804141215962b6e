import type { Migration } from './types.js';

/**
 * Off-site mixed media (异地异质备份), issue 12.
 * - media_keys: the backup data key, wrapped under the security officer's passphrase (the
 *   recovery sheet prints the same bytes); one active key.
 * - media: the registry of carriers (载体): type, label, brand and batch, capacity, site,
 *   custodian, state; early_check flags a medium whose batch-mate failed.
 * - media_objects: which vault object is on which medium, under which file, with the
 *   ciphertext digest read back at write time and when it was last verified (the rolling
 *   sample reads the oldest first, so progress is remembered by construction).
 * - media_snapshots: catalog snapshots written to a medium.
 * - media_runs: every verification (and backup read-back) leaves a row, clean or not.
 * - media_alerts: problems that stay until someone handles them (one open alert per
 *   medium, kind and subject).
 * - media_transport: the transport log (check-out / check-in, counts out and back).
 * - media_disposals: retirement of a medium (after migration), with the keep-until date.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media_keys (
        id          INTEGER PRIMARY KEY,
        key_id      TEXT NOT NULL UNIQUE,
        wrapped     BLOB NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  INTEGER NOT NULL,
        retired_at  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX media_keys_active ON media_keys ((1)) WHERE retired_at IS NULL;

      CREATE TABLE media (
        id               TEXT PRIMARY KEY,
        type             TEXT NOT NULL CHECK (type IN ('cd_r', 'dvd_r', 'bd_r', 'hdd', 'ssd', 'usb', 'lto')),
        label            TEXT NOT NULL,
        brand            TEXT NOT NULL DEFAULT '',
        batch            TEXT NOT NULL DEFAULT '',
        capacity_bytes   INTEGER NOT NULL,
        written_at       TEXT,
        expected_life_years INTEGER NOT NULL,
        site             TEXT NOT NULL,
        custodian        TEXT NOT NULL DEFAULT '',
        state            TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'checked_out', 'failing', 'retired')),
        mount_path       TEXT,
        early_check      INTEGER NOT NULL DEFAULT 0,
        early_check_reason TEXT NOT NULL DEFAULT '',
        last_verified_at TEXT,
        last_full_verified_at TEXT,
        smart            TEXT,
        created_at       TEXT NOT NULL,
        created_by       INTEGER NOT NULL,
        retired_at       TEXT
      ) STRICT;
      CREATE INDEX media_batch ON media (brand, batch);

      CREATE TABLE media_objects (
        medium_id     TEXT NOT NULL REFERENCES media (id),
        sha256        TEXT NOT NULL,
        file          TEXT NOT NULL,
        cipher_sha256 TEXT NOT NULL,
        cipher_size   INTEGER NOT NULL,
        written_at    TEXT NOT NULL,
        verified_at   TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'bad', 'missing')),
        PRIMARY KEY (medium_id, sha256)
      ) STRICT;
      CREATE INDEX media_objects_sha ON media_objects (sha256);
      CREATE INDEX media_objects_verified ON media_objects (medium_id, verified_at);

      CREATE TABLE media_snapshots (
        medium_id     TEXT NOT NULL REFERENCES media (id),
        file          TEXT NOT NULL,
        cipher_sha256 TEXT NOT NULL,
        cipher_size   INTEGER NOT NULL,
        audit_seq     INTEGER NOT NULL,
        audit_hash    TEXT NOT NULL,
        written_at    TEXT NOT NULL,
        PRIMARY KEY (medium_id, file)
      ) STRICT;

      CREATE TABLE media_runs (
        id           INTEGER PRIMARY KEY,
        medium_id    TEXT NOT NULL REFERENCES media (id),
        kind         TEXT NOT NULL CHECK (kind IN ('full', 'sample', 'backup')),
        job_id       INTEGER,
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        checked      INTEGER NOT NULL DEFAULT 0,
        problems     INTEGER NOT NULL DEFAULT 0,
        result       TEXT NOT NULL DEFAULT 'running' CHECK (result IN ('running', 'clean', 'problems', 'failed')),
        detail       TEXT NOT NULL DEFAULT '{}',
        by_user      INTEGER
      ) STRICT;
      CREATE INDEX media_runs_medium ON media_runs (medium_id, id);

      CREATE TABLE media_alerts (
        id          INTEGER PRIMARY KEY,
        medium_id   TEXT NOT NULL REFERENCES media (id),
        kind        TEXT NOT NULL,
        subject     TEXT NOT NULL DEFAULT '',
        detail      TEXT NOT NULL DEFAULT '{}',
        raised_at   TEXT NOT NULL,
        run_id      INTEGER,
        handled_at  TEXT,
        handled_by  INTEGER,
        note        TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE UNIQUE INDEX media_alerts_open ON media_alerts (medium_id, kind, subject) WHERE handled_at IS NULL;

      CREATE TABLE media_transport (
        id          INTEGER PRIMARY KEY,
        medium_id   TEXT NOT NULL REFERENCES media (id),
        direction   TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        at          TEXT NOT NULL,
        from_site   TEXT NOT NULL,
        to_site     TEXT NOT NULL,
        courier     TEXT NOT NULL DEFAULT '',
        count       INTEGER NOT NULL,
        by_user     INTEGER NOT NULL,
        note        TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE media_disposals (
        medium_id    TEXT PRIMARY KEY REFERENCES media (id),
        at           TEXT NOT NULL,
        by_user      INTEGER NOT NULL,
        reason       TEXT NOT NULL,
        migrated_to  TEXT,
        keep_until   TEXT NOT NULL,
        disposed_at  TEXT,
        method       TEXT NOT NULL DEFAULT ''
      ) STRICT;
    `);
  },
};
