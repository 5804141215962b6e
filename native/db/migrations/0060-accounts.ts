import type { Migration } from './types.js';

/**
 * Local accounts, their roles and sessions (三员分离), access grants, and the access status
 * (开放 / 控制使用) of each record.
 *
 * Role separation is enforced by the schema as well as by native/auth: an account that holds
 * one of the three administrator roles (sysadmin, security_officer, auditor) holds no other
 * role at all, so no account holds two of them and no administrator does daily work. Roles
 * never change in place (no UPDATE); they are replaced by delete + insert.
 *
 * Timestamps are ISO-8601 UTC strings from Date.toISOString(), so they compare as text.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id                   INTEGER PRIMARY KEY,
        username             TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 2 AND 32),
        display_name         TEXT NOT NULL DEFAULT '',
        password_hash        TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        failed_count         INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
        not_before           TEXT,
        locked_until         TEXT,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        password_changed_at  TEXT NOT NULL,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;

      CREATE TABLE account_roles (
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        role       TEXT NOT NULL CHECK (role IN ('sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer')),
        PRIMARY KEY (account_id, role)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX account_roles_one_admin ON account_roles (account_id)
        WHERE role IN ('sysadmin', 'security_officer', 'auditor');
      CREATE TRIGGER account_roles_separation BEFORE INSERT ON account_roles
      WHEN (NEW.role IN ('sysadmin', 'security_officer', 'auditor')
             AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id))
        OR (NEW.role NOT IN ('sysadmin', 'security_officer', 'auditor')
             AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id
                         AND role IN ('sysadmin', 'security_officer', 'auditor')))
      BEGIN
        SELECT RAISE(ABORT, 'ROLE_SEPARATION: an administrator role (sysadmin, security_officer, auditor) is held alone');
      END;
      CREATE TRIGGER account_roles_no_update BEFORE UPDATE ON account_roles
      BEGIN
        SELECT RAISE(ABORT, 'ROLE_SEPARATION: roles are replaced, never updated in place');
      END;

      CREATE TABLE sessions (
        id             TEXT PRIMARY KEY,
        account_id     INTEGER NOT NULL REFERENCES accounts (id),
        device         TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        last_active_at TEXT NOT NULL,
        locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
        ended_at       TEXT,
        end_reason     TEXT
      ) STRICT;
      CREATE INDEX sessions_account ON sessions (account_id) WHERE ended_at IS NULL;

      -- Approval by the security officer for one archivist to see (scope 'view') or also
      -- export (scope 'export') one restricted or classified record until expires_at.
      CREATE TABLE access_grants (
        id          INTEGER PRIMARY KEY,
        record_id   INTEGER NOT NULL REFERENCES records (id),
        account_id  INTEGER NOT NULL REFERENCES accounts (id),
        scope       TEXT NOT NULL CHECK (scope IN ('view', 'export')),
        purpose     TEXT NOT NULL CHECK (length(purpose) >= 1),
        approved_by INTEGER NOT NULL REFERENCES accounts (id),
        approved_at TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        revoked_at  TEXT,
        revoked_by  INTEGER REFERENCES accounts (id),
        CHECK (approved_by <> account_id)
      ) STRICT;
      CREATE INDEX access_grants_lookup ON access_grants (account_id, record_id) WHERE revoked_at IS NULL;

      -- 开放 / 控制使用 after review; 'unreviewed' until the review is done.
      ALTER TABLE records ADD COLUMN access_status TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (access_status IN ('unreviewed', 'open', 'restricted'));
    `);
  },
};
