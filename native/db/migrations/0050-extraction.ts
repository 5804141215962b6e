import type { Migration } from './types.js';

/**
 * Catalog facts read from OCR text (native/extract/), kept as suggestions until the archivist
 * accepts or rejects them: nothing extracted reaches a record without a person's decision,
 * except the 涉密 hold, which a detected state-secret mark sets at once (classified_holds
 * keeps who or what set and cleared each hold, and why).
 *
 * record_suggestions.field uses the API names (docDate, docNumber, title, creator,
 * classification); text_start/text_end are [start, end) offsets of the evidence in the
 * page's OCR text (page_text.text) and bbox is its [x0, y0, x1, y1] box as JSON, when known.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'extraction',
  up(db) {
    db.exec(`
      CREATE TABLE record_suggestions (
        id          INTEGER PRIMARY KEY,
        record_id   INTEGER NOT NULL REFERENCES records (id),
        field       TEXT NOT NULL CHECK (field IN ('docDate', 'docNumber', 'title', 'creator', 'classification')),
        value       TEXT NOT NULL,
        page_no     INTEGER CHECK (page_no IS NULL OR page_no >= 1),
        evidence    TEXT NOT NULL DEFAULT '',
        text_start  INTEGER,
        text_end    INTEGER,
        bbox        TEXT CHECK (bbox IS NULL OR json_valid(bbox)),
        confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        created_at  TEXT NOT NULL,
        decided_at  TEXT,
        decided_by  TEXT,
        CHECK ((status = 'pending') = (decided_at IS NULL))
      ) STRICT;
      CREATE INDEX record_suggestions_record ON record_suggestions (record_id, status);

      CREATE TABLE classified_holds (
        id          INTEGER PRIMARY KEY,
        record_id   INTEGER NOT NULL REFERENCES records (id),
        action      TEXT NOT NULL CHECK (action IN ('held', 'cleared')),
        source      TEXT NOT NULL CHECK (source IN ('detected', 'accepted', 'manual')),
        mark        TEXT NOT NULL DEFAULT '',
        decided_by  TEXT,
        at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX classified_holds_record ON classified_holds (record_id);
    `);
  },
};
