import type { Migration } from './types.js';

/**
 * Transfers to the archive (移交) and the unit's signing keys.
 * - unit_keys: the unit's RSA key (CMS signatures) and optional SM2 key, private halves
 *   encrypted under the security officer's passphrase (PKCS#8 PBES2/scrypt PEM); one active
 *   key per kind, older ones kept (retired) so old packages can still be explained.
 * - transfers: one row per export attempt, with its state (prepared → sealed → delivered →
 *   receipted; refused when the self-check failed), who asked and who approved, the
 *   self-check report and the digests of the sealed tag manifests.
 * - transfer_records: which records a transfer holds (their 档号 as exported).
 */
export const migration0140: Migration = {
  version: 140,
  name: 'transfers',
  up(db) {
    db.exec(`
      CREATE TABLE unit_keys (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL CHECK (kind IN ('rsa', 'sm2')),
        unit_name          TEXT NOT NULL,
        key_pem            TEXT NOT NULL,
        certificate_pem    TEXT,
        public_key_pem     TEXT NOT NULL,
        fingerprint_sha256 TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        created_by         INTEGER NOT NULL,
        retired_at         TEXT
      ) STRICT;
      CREATE UNIQUE INDEX unit_keys_active ON unit_keys (kind) WHERE retired_at IS NULL;

      CREATE TABLE transfers (
        id                   TEXT PRIMARY KEY,
        state                TEXT NOT NULL CHECK (state IN ('prepared', 'refused', 'sealed', 'delivered', 'receipted')),
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        created_by           INTEGER NOT NULL,
        approved_by          INTEGER,
        approved_at          TEXT,
        selection            TEXT NOT NULL DEFAULT '{}',
        record_count         INTEGER NOT NULL DEFAULT 0,
        byte_count           INTEGER NOT NULL DEFAULT 0,
        output_path          TEXT NOT NULL DEFAULT '',
        output_kind          TEXT NOT NULL DEFAULT 'folder' CHECK (output_kind IN ('folder', 'zip')),
        tagmanifest_sha256   TEXT,
        tagmanifest_sm3      TEXT,
        report               TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE TABLE transfer_records (
        transfer_id   TEXT NOT NULL REFERENCES transfers (id),
        record_id     INTEGER NOT NULL REFERENCES records (id),
        archival_code TEXT NOT NULL,
        PRIMARY KEY (transfer_id, record_id)
      ) STRICT;
      CREATE INDEX transfer_records_record ON transfer_records (record_id);
    `);
  },
};
