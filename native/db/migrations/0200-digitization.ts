import type { Migration } from './types.js';

/**
 * Digitization projects (issue 13, part 1; 档案数字化外包安全管理规范, seed 004 §5–7).
 * - account_roles is rebuilt to admit vendor_operator (a CHECK cannot be altered in place):
 *   an outside vendor's operator, held alone, whose every right is limited to the open
 *   projects they are an operator of (native/auth/project-scope.ts).
 * - digitization_projects: scope (its items), vendor (or in-house), state, QC rule defaults.
 * - digitization_items: the paper items in scope, as the paper catalog names them (档号,
 *   题名, 页数), their state, and the record their scans became.
 * - digitization_operators: who works on which project.
 * - digitization_prechecks: the pre-check of each item (涉密 screening, completeness, order,
 *   paper ↔ catalog); digitization_returns: the register of items stopped and returned.
 * - process_sheet_steps: the 流程单 rows (档号, step, device, count, operator, time).
 * - page_process_metadata: per-image process metadata (capture, device, software, dpi …).
 * - site_devices / site_device_uses: the register of removable media and devices at the
 *   scanning site, with each use and its return or wiping.
 */
export const migration0200: Migration = {
  version: 200,
  name: 'digitization',
  up(db) {
    db.exec(`
      CREATE TABLE account_roles_new (
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        role       TEXT NOT NULL CHECK (role IN ('sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer', 'vendor_operator')),
        PRIMARY KEY (account_id, role)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO account_roles_new (account_id, role) SELECT account_id, role FROM account_roles;
      DROP TABLE account_roles;
      ALTER TABLE account_roles_new RENAME TO account_roles;
      CREATE UNIQUE INDEX account_roles_one_admin ON account_roles (account_id)
        WHERE role IN ('sysadmin', 'security_officer', 'auditor');
      CREATE TRIGGER account_roles_separation BEFORE INSERT ON account_roles
      WHEN (NEW.role IN ('sysadmin', 'security_officer', 'auditor', 'vendor_operator')
             AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id))
        OR (NEW.role NOT IN ('sysadmin', 'security_officer', 'auditor', 'vendor_operator')
             AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id
                         AND role IN ('sysadmin', 'security_officer', 'auditor', 'vendor_operator')))
      BEGIN
        SELECT RAISE(ABORT, 'ROLE_SEPARATION: an administrator role (sysadmin, security_officer, auditor) or vendor_operator is held alone');
      END;
      CREATE TRIGGER account_roles_no_update BEFORE UPDATE ON account_roles
      BEGIN
        SELECT RAISE(ABORT, 'ROLE_SEPARATION: roles are replaced, never updated in place');
      END;

      CREATE TABLE digitization_projects (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        vendor        TEXT NOT NULL DEFAULT '',
        in_house      INTEGER NOT NULL DEFAULT 0 CHECK (in_house IN (0, 1)),
        contract_ref  TEXT NOT NULL DEFAULT '',
        site          TEXT NOT NULL DEFAULT '',
        state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        min_dpi       INTEGER NOT NULL DEFAULT 300 CHECK (min_dpi BETWEEN 50 AND 2400),
        colour_mode   TEXT NOT NULL DEFAULT 'any' CHECK (colour_mode IN ('any', 'colour', 'grey', 'bilevel')),
        sample_percent REAL NOT NULL DEFAULT 5 CHECK (sample_percent > 0 AND sample_percent <= 100),
        pass_mark     REAL NOT NULL DEFAULT 95 CHECK (pass_mark > 0 AND pass_mark <= 100),
        created_at    TEXT NOT NULL,
        created_by    INTEGER NOT NULL REFERENCES accounts (id),
        closed_at     TEXT,
        closed_by     INTEGER REFERENCES accounts (id),
        CHECK ((state = 'closed') = (closed_at IS NOT NULL))
      ) STRICT;

      CREATE TABLE digitization_items (
        id             INTEGER PRIMARY KEY,
        project_id     INTEGER NOT NULL REFERENCES digitization_projects (id),
        seq            INTEGER NOT NULL,
        archival_code  TEXT NOT NULL,
        title          TEXT NOT NULL DEFAULT '',
        expected_pages INTEGER CHECK (expected_pages IS NULL OR expected_pages >= 1),
        state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'returned', 'scanned', 'in_qc', 'accepted')),
        record_id      INTEGER REFERENCES records (id),
        UNIQUE (project_id, archival_code),
        UNIQUE (project_id, seq)
      ) STRICT;
      CREATE INDEX digitization_items_record ON digitization_items (record_id) WHERE record_id IS NOT NULL;

      CREATE TABLE digitization_operators (
        project_id INTEGER NOT NULL REFERENCES digitization_projects (id),
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        added_at   TEXT NOT NULL,
        added_by   INTEGER NOT NULL REFERENCES accounts (id),
        PRIMARY KEY (project_id, account_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX digitization_operators_account ON digitization_operators (account_id);

      CREATE TABLE digitization_prechecks (
        id                  INTEGER PRIMARY KEY,
        item_id             INTEGER NOT NULL REFERENCES digitization_items (id),
        at                  TEXT NOT NULL,
        by_account          INTEGER NOT NULL REFERENCES accounts (id),
        classification_mark TEXT NOT NULL DEFAULT '',
        declassified        INTEGER NOT NULL CHECK (declassified IN (0, 1)),
        complete            INTEGER NOT NULL CHECK (complete IN (0, 1)),
        order_ok            INTEGER NOT NULL CHECK (order_ok IN (0, 1)),
        matches_catalog     INTEGER NOT NULL CHECK (matches_catalog IN (0, 1)),
        page_count          INTEGER CHECK (page_count IS NULL OR page_count >= 1),
        result              TEXT NOT NULL CHECK (result IN ('pass', 'fix', 'stopped')),
        problems            TEXT NOT NULL DEFAULT '[]',
        note                TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX digitization_prechecks_item ON digitization_prechecks (item_id);

      CREATE TABLE digitization_returns (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES digitization_projects (id),
        item_id     INTEGER NOT NULL REFERENCES digitization_items (id),
        at          TEXT NOT NULL,
        by_account  INTEGER NOT NULL REFERENCES accounts (id),
        reason_code TEXT NOT NULL,
        reason      TEXT NOT NULL,
        returned_to TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE process_sheet_steps (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES digitization_projects (id),
        item_id     INTEGER NOT NULL REFERENCES digitization_items (id),
        step        TEXT NOT NULL CHECK (step IN ('precheck', 'unbind', 'scan', 'image_processing', 'qc', 'rescan', 'rebind', 'return', 'other')),
        device_id   TEXT NOT NULL DEFAULT '',
        count       INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        operator    TEXT NOT NULL,
        account_id  INTEGER REFERENCES accounts (id),
        at          TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
        note        TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX process_sheet_steps_item ON process_sheet_steps (item_id, at);

      CREATE TABLE page_process_metadata (
        page_id      INTEGER PRIMARY KEY REFERENCES pages (id),
        image_sha256 TEXT NOT NULL,
        capture_form TEXT NOT NULL,
        device_id    TEXT NOT NULL,
        software     TEXT NOT NULL DEFAULT '',
        dpi          REAL,
        colour_mode  TEXT NOT NULL,
        compression  TEXT NOT NULL,
        captured_at  TEXT NOT NULL,
        operator     TEXT NOT NULL,
        account_id   INTEGER REFERENCES accounts (id)
      ) STRICT;

      CREATE TABLE site_devices (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES digitization_projects (id),
        kind        TEXT NOT NULL CHECK (kind IN ('scanner', 'computer', 'camera', 'usb', 'hdd', 'ssd', 'disc', 'card', 'other')),
        label       TEXT NOT NULL,
        serial      TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        holder      TEXT NOT NULL,
        state       TEXT NOT NULL DEFAULT 'in_use' CHECK (state IN ('in_use', 'returned', 'wiped')),
        registered_at TEXT NOT NULL,
        registered_by INTEGER NOT NULL REFERENCES accounts (id),
        ended_at    TEXT,
        ended_by    INTEGER REFERENCES accounts (id),
        end_note    TEXT NOT NULL DEFAULT '',
        UNIQUE (project_id, label)
      ) STRICT;

      CREATE TABLE site_device_uses (
        id         INTEGER PRIMARY KEY,
        device_id  INTEGER NOT NULL REFERENCES site_devices (id),
        at         TEXT NOT NULL,
        holder     TEXT NOT NULL,
        purpose    TEXT NOT NULL,
        by_account INTEGER NOT NULL REFERENCES accounts (id)
      ) STRICT;
    `);
  },
};
