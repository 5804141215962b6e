import type { Migration } from './types.js';

/**
 * The search normalizer folds a run of brackets to one (version 3: OCR doubles the brackets of
 * a 文号, 郑档【2015]】9号). The index is derived data and a migration imports no live code: this
 * step asks for the index to be rebuilt (search_meta rebuild_requested), as 0120 does.
 */
export const migration0190: Migration = {
  version: 190,
  name: 'search-bracket-runs',
  up(db) {
    db.exec("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  },
};
