import type { Migration } from './types.js';

/**
 * Copies on media of destroyed objects (issue 13 part 3): a destruction marks every copy its
 * objects have on a medium for erasure, one row per copy; the backup officer erases it there
 * and confirms, which clears the copy from media_objects and stamps the row (kept: the trail).
 */
export const migration0230: Migration = {
  version: 230,
  name: 'media-erasures',
  up(db) {
    db.exec(`
      CREATE TABLE media_erasures (
        medium_id    TEXT NOT NULL REFERENCES media (id),
        sha256       TEXT NOT NULL,
        file         TEXT NOT NULL,
        register_id  INTEGER NOT NULL REFERENCES destruction_register (id),
        marked_at    TEXT NOT NULL,
        erased_at    TEXT,
        erased_by    INTEGER,
        note         TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (medium_id, sha256, register_id)
      ) STRICT;
      CREATE INDEX media_erasures_pending ON media_erasures (medium_id) WHERE erased_at IS NULL;
    `);
  },
};
