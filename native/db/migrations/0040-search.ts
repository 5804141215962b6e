import type { Migration } from './types.js';

/**
 * The full-text search index over catalog fields and OCR page text (native/search/).
 *
 * Chinese has no spaces, so we index characters ourselves (native/search/grams.ts explains the
 * token encoding): overlapping bigrams with positions (detail=full) answer any term of ≥ 2
 * characters exactly as an FTS5 phrase; distinct unigrams without positions (detail=none /
 * column) answer 1-character terms. The FTS tables are contentless (the text lives in
 * records and page_text already) with contentless_delete=1, so a page is replaced by DELETE +
 * INSERT of its rowid.
 *
 * Rowids: search_field_* use records.id. search_text_* use a "doc" = record_id * 65536 + slot,
 * the slot allocated per page in search_page; a page's hits thus group by record with a shift
 * (doc >> 16) instead of a join, which is what keeps common terms fast.
 *
 * search_date holds the calendar dates found in each page's text (native/extract/dates.ts) as
 * [date_from, date_to] intervals (a month or a year is the whole interval), for "any date"
 * range queries; start/end are offsets into page_text.text.
 *
 * search_meta records the normalizer version the index was built with (an index built by
 * another version must be rebuilt with reindexAll).
 */
export const migration0040: Migration = {
  version: 40,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search_text_bigram USING fts5 (
        grams, content = '', contentless_delete = 1, detail = full, tokenize = 'ascii'
      );
      CREATE VIRTUAL TABLE search_text_unigram USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
      );
      CREATE VIRTUAL TABLE search_field_bigram USING fts5 (
        title, creator, doc_number, archival_code, remarks,
        content = '', contentless_delete = 1, detail = full, tokenize = 'ascii'
      );
      CREATE VIRTUAL TABLE search_field_unigram USING fts5 (
        title, creator, doc_number, archival_code, remarks,
        content = '', contentless_delete = 1, detail = column, tokenize = 'ascii'
      );

      CREATE TABLE search_page (
        page_id    INTEGER PRIMARY KEY,
        record_id  INTEGER NOT NULL,
        doc        INTEGER NOT NULL UNIQUE CHECK (doc >> 16 = record_id),
        chars      INTEGER NOT NULL,
        indexed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX search_page_record ON search_page (record_id);

      CREATE TABLE search_record (
        record_id  INTEGER PRIMARY KEY,
        indexed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE search_date (
        id         INTEGER PRIMARY KEY,
        page_id    INTEGER NOT NULL,
        record_id  INTEGER NOT NULL,
        date_from  TEXT NOT NULL CHECK (date_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        date_to    TEXT NOT NULL CHECK (date_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date_to >= date_from),
        precision  TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
        text_start INTEGER NOT NULL,
        text_end   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX search_date_range ON search_date (date_from, date_to, record_id);
      CREATE INDEX search_date_page ON search_date (page_id);

      CREATE TABLE search_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO search_meta (key, value) VALUES ('normalizer_version', '1');
    `);
  },
};
