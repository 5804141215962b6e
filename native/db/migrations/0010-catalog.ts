import type { Migration } from './types.js';

/**
 * The item-level catalog (DA/T 22-2015): records, their master files and their ordered pages.
 * A "class" is fonds + category + year + retention + org unit; item numbers run 1..n inside it.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE records (
        id                    INTEGER PRIMARY KEY,
        fonds_code            TEXT NOT NULL DEFAULT '',
        category_code         TEXT NOT NULL,
        year                  INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
        retention             TEXT NOT NULL CHECK (retention IN ('Y', 'D30', 'D10')),
        org_unit              TEXT NOT NULL DEFAULT '',
        item_number           INTEGER NOT NULL CHECK (item_number >= 1),
        archival_code         TEXT NOT NULL UNIQUE,
        title                 TEXT NOT NULL DEFAULT '',
        creator               TEXT NOT NULL DEFAULT '',
        doc_number            TEXT NOT NULL DEFAULT '',
        doc_date              TEXT CHECK (doc_date IS NULL OR doc_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        page_count            INTEGER NOT NULL CHECK (page_count >= 1),
        classification        TEXT NOT NULL DEFAULT 'public'
                              CHECK (classification IN ('public', 'internal', 'secret', 'confidential', 'top_secret')),
        classification_period TEXT NOT NULL DEFAULT '',
        classified_hold       INTEGER NOT NULL DEFAULT 0 CHECK (classified_hold IN (0, 1)),
        remarks               TEXT NOT NULL DEFAULT '',
        source_key            TEXT NOT NULL UNIQUE,
        source_name           TEXT NOT NULL DEFAULT '',
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        UNIQUE (fonds_code, category_code, year, retention, org_unit, item_number)
      ) STRICT;
      CREATE INDEX records_doc_date ON records (doc_date);
      CREATE INDEX records_doc_number ON records (doc_number) WHERE doc_number <> '';

      CREATE TABLE objects (
        sha256     TEXT PRIMARY KEY,
        sm3        TEXT NOT NULL,
        size       INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE masters (
        id            INTEGER PRIMARY KEY,
        record_id     INTEGER NOT NULL REFERENCES records (id),
        seq           INTEGER NOT NULL,
        sha256        TEXT NOT NULL REFERENCES objects (sha256),
        format        TEXT NOT NULL,
        original_name TEXT NOT NULL,
        page_count    INTEGER NOT NULL,
        UNIQUE (record_id, seq)
      ) STRICT;
      CREATE INDEX masters_sha256 ON masters (sha256);

      CREATE TABLE pages (
        id              INTEGER PRIMARY KEY,
        record_id       INTEGER NOT NULL REFERENCES records (id),
        page_no         INTEGER NOT NULL CHECK (page_no >= 1),
        master_id       INTEGER NOT NULL REFERENCES masters (id),
        master_page     INTEGER NOT NULL,
        image_sha256    TEXT NOT NULL REFERENCES objects (sha256),
        format          TEXT NOT NULL,
        compression     TEXT NOT NULL,
        width           INTEGER NOT NULL,
        height          INTEGER NOT NULL,
        dpi_x           REAL,
        dpi_y           REAL,
        colour_mode     TEXT NOT NULL,
        bits_per_sample INTEGER,
        orientation     INTEGER NOT NULL DEFAULT 1,
        UNIQUE (record_id, page_no)
      ) STRICT;
      CREATE INDEX pages_image_sha256 ON pages (image_sha256);

      CREATE TABLE record_warnings (
        id         INTEGER PRIMARY KEY,
        record_id  INTEGER NOT NULL REFERENCES records (id),
        page_no    INTEGER,
        code       TEXT NOT NULL,
        message_zh TEXT NOT NULL,
        message_en TEXT NOT NULL
      ) STRICT;
      CREATE INDEX record_warnings_record ON record_warnings (record_id);
    `);
  },
};
