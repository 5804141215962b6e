import type { Migration } from './types.js';

/**
 * The paper-side registers of the archive room: access (利用登记), originals leaving the stacks
 * (出库登记), handover lists (交接清单) and stack sealing / unsealing (封库 / 启库).
 *
 * Registers are official records: rows are never deleted and never rewritten. The one
 * permitted change is recording the return of a checkout, once. Names are stored as written
 * at the time (people change names and accounts get disabled; the register must not).
 */
export const migration0080: Migration = {
  version: 80,
  name: 'registers',
  up(db) {
    db.exec(`
      CREATE TABLE access_register (
        id                 INTEGER PRIMARY KEY,
        at                 TEXT NOT NULL,
        person_name        TEXT NOT NULL CHECK (length(person_name) >= 1),
        person_unit        TEXT NOT NULL DEFAULT '',
        person_id_no       TEXT NOT NULL DEFAULT '',
        purpose            TEXT NOT NULL CHECK (length(purpose) >= 1),
        method             TEXT NOT NULL CHECK (method IN ('view', 'copy', 'excerpt', 'certificate', 'loan')),
        approved_by        TEXT NOT NULL DEFAULT '',
        approval_ref       TEXT NOT NULL DEFAULT '',
        grant_id           INTEGER REFERENCES access_grants (id),
        registered_by      INTEGER NOT NULL REFERENCES accounts (id),
        registered_by_name TEXT NOT NULL,
        remarks            TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX access_register_at ON access_register (at);
      CREATE TABLE access_register_items (
        entry_id  INTEGER NOT NULL REFERENCES access_register (id),
        seq       INTEGER NOT NULL,
        record_id INTEGER REFERENCES records (id),
        item_ref  TEXT NOT NULL CHECK (length(item_ref) >= 1),
        PRIMARY KEY (entry_id, seq)
      ) STRICT;
      CREATE INDEX access_register_items_record ON access_register_items (record_id);

      CREATE TABLE checkouts (
        id                   INTEGER PRIMARY KEY,
        checked_out_at       TEXT NOT NULL,
        reason               TEXT NOT NULL CHECK (length(reason) >= 1),
        user_name            TEXT NOT NULL CHECK (length(user_name) >= 1),
        user_unit            TEXT NOT NULL DEFAULT '',
        responsible_name     TEXT NOT NULL CHECK (length(responsible_name) >= 1),
        item_count           INTEGER NOT NULL CHECK (item_count >= 1),
        due_at               TEXT NOT NULL,
        registered_by        INTEGER NOT NULL REFERENCES accounts (id),
        registered_by_name   TEXT NOT NULL,
        returned_at          TEXT,
        returned_count       INTEGER CHECK (returned_count IS NULL OR returned_count >= 0),
        returned_by_name     TEXT,
        return_registered_by INTEGER REFERENCES accounts (id),
        return_condition     TEXT,
        missing_refs         TEXT,
        remarks              TEXT NOT NULL DEFAULT '',
        mismatch             INTEGER GENERATED ALWAYS AS (
                               returned_count IS NOT NULL AND (returned_count <> item_count OR missing_refs <> '[]')
                             ) VIRTUAL,
        CHECK ((returned_at IS NULL) = (returned_count IS NULL))
      ) STRICT;
      CREATE INDEX checkouts_open ON checkouts (due_at) WHERE returned_at IS NULL;
      CREATE TABLE checkout_items (
        checkout_id INTEGER NOT NULL REFERENCES checkouts (id),
        seq         INTEGER NOT NULL,
        item_ref    TEXT NOT NULL CHECK (length(item_ref) >= 1),
        record_id   INTEGER REFERENCES records (id),
        PRIMARY KEY (checkout_id, seq),
        UNIQUE (checkout_id, item_ref)
      ) STRICT;

      CREATE TABLE handovers (
        id                 INTEGER PRIMARY KEY,
        at                 TEXT NOT NULL,
        title              TEXT NOT NULL CHECK (length(title) >= 1),
        purpose            TEXT NOT NULL DEFAULT '',
        from_name          TEXT NOT NULL CHECK (length(from_name) >= 1),
        from_unit          TEXT NOT NULL DEFAULT '',
        to_name            TEXT NOT NULL CHECK (length(to_name) >= 1),
        to_unit            TEXT NOT NULL DEFAULT '',
        condition_summary  TEXT NOT NULL DEFAULT '',
        total_count        INTEGER NOT NULL CHECK (total_count >= 1),
        remarks            TEXT NOT NULL DEFAULT '',
        registered_by      INTEGER NOT NULL REFERENCES accounts (id),
        registered_by_name TEXT NOT NULL,
        CHECK (from_name <> to_name OR from_unit <> to_unit)
      ) STRICT;
      CREATE TABLE handover_items (
        handover_id INTEGER NOT NULL REFERENCES handovers (id),
        seq         INTEGER NOT NULL,
        description TEXT NOT NULL CHECK (length(description) >= 1),
        item_ref    TEXT NOT NULL DEFAULT '',
        count       INTEGER NOT NULL CHECK (count >= 1),
        unit        TEXT NOT NULL DEFAULT '件',
        condition   TEXT NOT NULL DEFAULT '',
        remarks     TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (handover_id, seq)
      ) STRICT;

      CREATE TABLE stack_events (
        id             INTEGER PRIMARY KEY,
        stack          TEXT NOT NULL CHECK (length(stack) >= 1),
        kind           TEXT NOT NULL CHECK (kind IN ('seal', 'unseal')),
        at             TEXT NOT NULL,
        first_account  INTEGER NOT NULL REFERENCES accounts (id),
        first_name     TEXT NOT NULL,
        second_account INTEGER NOT NULL REFERENCES accounts (id),
        second_name    TEXT NOT NULL,
        purpose        TEXT NOT NULL DEFAULT '',
        remarks        TEXT NOT NULL DEFAULT '',
        CHECK (first_account <> second_account)
      ) STRICT;
      CREATE INDEX stack_events_stack ON stack_events (stack, id);
    `);
    for (const table of ['access_register', 'access_register_items', 'checkout_items', 'handovers', 'handover_items', 'stack_events']) {
      db.exec(`
        CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: register entries are never rewritten'); END;
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: register entries are never deleted'); END;
      `);
    }
    db.exec(`
      CREATE TRIGGER checkouts_no_delete BEFORE DELETE ON checkouts
      BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: register entries are never deleted'); END;
      -- The only change: recording the return, once, without touching what was checked out.
      CREATE TRIGGER checkouts_return_once BEFORE UPDATE ON checkouts
      WHEN OLD.returned_at IS NOT NULL
        OR NEW.returned_at IS NULL
        OR NEW.id IS NOT OLD.id OR NEW.checked_out_at IS NOT OLD.checked_out_at OR NEW.reason IS NOT OLD.reason
        OR NEW.user_name IS NOT OLD.user_name OR NEW.user_unit IS NOT OLD.user_unit
        OR NEW.responsible_name IS NOT OLD.responsible_name OR NEW.item_count IS NOT OLD.item_count
        OR NEW.due_at IS NOT OLD.due_at OR NEW.registered_by IS NOT OLD.registered_by
        OR NEW.registered_by_name IS NOT OLD.registered_by_name OR NEW.remarks IS NOT OLD.remarks
      BEGIN SELECT RAISE(ABORT, 'REGISTER_IMMUTABLE: a checkout is returned once and otherwise never rewritten'); END;
    `);
  },
};
