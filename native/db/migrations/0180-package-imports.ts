import type { Migration } from './types.js';

/**
 * The receiving side of a transfer, and the sender's receipt.
 * - package_imports: one row per transfer package brought into this vault, keyed by the
 *   digest of its tag manifest(s), so importing the same package again changes nothing; the
 *   receipt (回执) this vault signed for it, once issued.
 * - package_import_records: the records an import created, with their 档号 as received.
 * - transfers.receipt / receipted_at: the archive's signed receipt kept by the sender
 *   (ARCHIVAL-RULES: ≥ 5 years), which marks its records as transferred (records.transferred_at:
 *   a transferred record keeps its 档号 for good).
 */
export const migration0180: Migration = {
  version: 180,
  name: 'package-imports',
  up(db) {
    db.exec(`
      CREATE TABLE package_imports (
        id                  INTEGER PRIMARY KEY,
        transfer_id         TEXT NOT NULL,
        source_organization TEXT NOT NULL,
        tagmanifest_sha256  TEXT NOT NULL UNIQUE,
        tagmanifest_sm3     TEXT NOT NULL,
        signer_fingerprint  TEXT,
        record_count        INTEGER NOT NULL,
        byte_count          INTEGER NOT NULL,
        imported_at         TEXT NOT NULL,
        imported_by         INTEGER NOT NULL,
        job_id              INTEGER,
        receipt             TEXT,
        receipt_issued_at   TEXT
      ) STRICT;

      CREATE TABLE package_import_records (
        import_id     INTEGER NOT NULL REFERENCES package_imports (id),
        record_id     INTEGER NOT NULL REFERENCES records (id),
        archival_code TEXT NOT NULL,
        PRIMARY KEY (import_id, record_id)
      ) STRICT;

      ALTER TABLE transfers ADD COLUMN receipt TEXT;
      ALTER TABLE transfers ADD COLUMN receipted_at TEXT;
      ALTER TABLE records ADD COLUMN transferred_at TEXT;
    `);
  },
};
