import type { Migration } from './types.js';

/**
 * Command-line sessions that outlive one command (issue 14: a CLI command must start in a
 * fraction of a second, and the password's scrypt alone takes a quarter of one). `lantai login`
 * keeps its session open and hands the person a secret; later commands on the same device
 * resume the session with it. Only the secret's SHA-256 is kept here, so reading the vault
 * does not give anyone a way in. The session's own rules still hold: idle time locks it,
 * logout or an account change ends it.
 */
export const migration0260: Migration = {
  version: 260,
  name: 'session-resume',
  up(db) {
    db.exec(`
      CREATE TABLE session_resume (
        session_id     TEXT PRIMARY KEY REFERENCES sessions (id),
        secret_sha256  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
