import type { Migration } from './types.js';

/**
 * The page-level trigram documents (migration 0110's search_text_trigram) in two tables, by the
 * parity of their record's id. A common phrase's lookup decodes the position lists of every
 * page holding its trigrams (~100 ms at 1M pages, most of such a search) and FTS5 does that work
 * for the whole table even when asked for a rowid range; two tables of half the size are looked
 * up at once on two threads (native/search/parallel-lookup.ts).
 *
 * The index is derived data, and a migration imports no live code: this step asks for the
 * index to be rebuilt (search_meta rebuild_requested); the `reindex` job does it after the open,
 * in batches, while searches read what is not indexed yet from the text (native/search/indexer.ts
 * continueRebuild; ~40 minutes at 1M pages on this 2-core machine).
 */
export const migration0120: Migration = {
  version: 120,
  name: 'search-trigram-shards',
  up(db) {
    db.exec(`
      DROP TABLE search_text_trigram;
      CREATE VIRTUAL TABLE search_text_trigram_0 USING fts5 (
        grams, content = '', contentless_delete = 1, detail = full, tokenize = 'ascii'
      );
      CREATE VIRTUAL TABLE search_text_trigram_1 USING fts5 (
        grams, content = '', contentless_delete = 1, detail = full, tokenize = 'ascii'
      );
    `);
    db.exec("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  },
};
