import type { Migration } from './types.js';

/**
 * Page text is indexed per record for short terms and per page by trigrams for long ones
 * (native/search/grams.ts explains the tokens): at 1M pages, the per-page unigram and bigram
 * tables of 0040 made a common term cost a doclist entry per page and a common phrase the
 * position lists of common bigrams.
 *
 * - search_record_text (detail=none): one document per record, each distinct 1-, 2- and
 *   3-gram of its pages with the number of pages it is on. search_record_text_state lists the
 *   records that have one (a DELETE on a contentless_delete table writes a tombstone even for
 *   a rowid never inserted); `stale` = it may still hold grams of text the record no longer
 *   has (a page re-OCR'd or removed since it was built).
 * - search_page.in_record_text: whether the page's current text is in its record's document.
 *   Rebuilding a record's document reads all its pages, so it is not done for every page OCR
 *   writes (quadratic for a 5,000-page item) but in batches (indexer.ts); searches read the
 *   few pages not yet in it, and stale records, from their text.
 * - search_text_trigram (detail=full): per page, the trigram at each position, for terms of
 *   4 characters or more. Replaces search_text_bigram and search_text_unigram.
 * - A partial index of the records under a 涉密 hold (about 1%), which every search leaves
 *   out: without it that list was a scan of the records table per search.
 *
 * The index is derived data: rebuilt by migration 0120 (this step used to rebuild it itself).
 */
export const migration0110: Migration = {
  version: 110,
  name: 'search-record-text',
  up(db) {
    db.exec(`
      DROP TABLE search_text_bigram;
      DROP TABLE search_text_unigram;
      CREATE VIRTUAL TABLE search_text_trigram USING fts5 (
        grams, content = '', contentless_delete = 1, detail = full, tokenize = 'ascii'
      );
      CREATE VIRTUAL TABLE search_record_text USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
      );
      CREATE TABLE search_record_text_state (
        record_id INTEGER PRIMARY KEY,
        stale     INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))
      ) STRICT;
      CREATE INDEX search_record_text_stale ON search_record_text_state (record_id) WHERE stale = 1;
      ALTER TABLE search_page ADD COLUMN in_record_text INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX search_page_pending ON search_page (record_id) WHERE in_record_text = 0;
      CREATE INDEX records_classified_hold ON records (id) WHERE classified_hold = 1;
    `);
    // The index is rebuilt by migration 0120, which splits search_text_trigram in two: the
    // indexer writes those tables, which do not exist yet at this step.
  },
};
