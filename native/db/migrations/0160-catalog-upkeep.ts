import type { Migration } from './types.js';

/**
 * Catalog upkeep (issue 13, part 4): a record's 档号 is provisional until the archivist confirms
 * it (or it is printed, transferred or imported from a catalog that already fixed it); a record
 * may be catalogued before its scans exist (imported from a catalog file); every change of a
 * 档号 is kept in code_history, so a renumbering is never silent.
 *
 * Records already in a vault are provisional, except those a transfer package carried (their
 * 档号 left the building).
 */
export const migration0160: Migration = {
  version: 160,
  name: 'catalog-upkeep',
  up(db) {
    db.exec(`
      ALTER TABLE records ADD COLUMN code_status TEXT NOT NULL DEFAULT 'provisional' CHECK (code_status IN ('provisional', 'fixed'));
      ALTER TABLE records ADD COLUMN code_fixed_at TEXT;
      ALTER TABLE records ADD COLUMN code_fixed_reason TEXT
        CHECK (code_fixed_reason IS NULL OR code_fixed_reason IN ('confirmed', 'printed', 'transferred', 'imported', 'backed_up'));
      ALTER TABLE records ADD COLUMN scan_status TEXT NOT NULL DEFAULT 'scanned' CHECK (scan_status IN ('scanned', 'awaiting'));

      UPDATE records SET code_status = 'fixed', code_fixed_reason = 'transferred', code_fixed_at = updated_at
        WHERE id IN (SELECT record_id FROM transfer_records);

      CREATE TABLE code_history (
        id         INTEGER PRIMARY KEY,
        record_id  INTEGER NOT NULL REFERENCES records (id),
        old_code   TEXT NOT NULL,
        new_code   TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('confirm', 'renumber', 'edit')),
        was_fixed  INTEGER NOT NULL CHECK (was_fixed IN (0, 1)),
        reason     TEXT NOT NULL DEFAULT '',
        by_account INTEGER NOT NULL REFERENCES accounts (id),
        by_name    TEXT NOT NULL,
        at         TEXT NOT NULL,
        -- A fixed 档号 changes only with a written reason.
        CHECK (was_fixed = 0 OR length(reason) >= 1)
      ) STRICT;
      CREATE INDEX code_history_record ON code_history (record_id);
      CREATE TRIGGER code_history_no_update BEFORE UPDATE ON code_history
      BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: code history is never rewritten'); END;
      CREATE TRIGGER code_history_no_delete BEFORE DELETE ON code_history
      BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: code history is never deleted'); END;
    `);
  },
};
