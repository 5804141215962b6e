import { indexRecordText } from '../../search/indexer.js';
import type { Migration } from './types.js';

/**
 * A record-level text index beside the per-page one (native/search/grams.ts
 * recordTextDocument): one contentless FTS5 document per record holding each distinct
 * character and bigram of its pages with the number of pages it is on (capped). 1- and
 * 2-character terms, the ones found on most pages of a large vault, are answered from it with
 * one doclist entry per record instead of one per page; pages are looked up only for the hits
 * shown. search_record_text_state lists the records that have a document (a DELETE on a
 * contentless_delete table writes a tombstone even for a rowid never inserted).
 * The documents are built here from the pages already indexed.
 *
 * Also a partial index of the records under a 涉密 hold (about 1%), which every search leaves
 * out: without it that list was a scan of the whole records table per search.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'search-record-text',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search_record_text USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
      );
      CREATE TABLE search_record_text_state (
        record_id INTEGER PRIMARY KEY
      ) STRICT;
      CREATE INDEX records_classified_hold ON records (id) WHERE classified_hold = 1;
    `);
    const ids = db.prepare('SELECT DISTINCT record_id FROM search_page ORDER BY record_id').pluck().all() as number[];
    for (const id of ids) indexRecordText(db, id);
    db.exec("INSERT INTO search_record_text (search_record_text) VALUES ('optimize')");
  },
};
