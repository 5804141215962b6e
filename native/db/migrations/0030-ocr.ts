import type { Migration } from './types.js';

/**
 * OCR output per page, kept beside the master (it never replaces it), and the persisted
 * per-page OCR queue that survives restarts.
 *
 * page_text.text is the cleaned page text (spurious spaces between Chinese characters removed),
 * lines separated by "\n". page_text.layout is JSON (OcrLayout in native/ocr/types.ts): lines and
 * words with pixel boxes in the normalized page image, confidences, and [start, end) offsets into
 * page_text.text, so a search hit at an offset maps back to a box to highlight.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'ocr',
  up(db) {
    db.exec(`
      CREATE TABLE page_text (
        page_id         INTEGER PRIMARY KEY REFERENCES pages (id),
        text            TEXT NOT NULL,
        layout          TEXT NOT NULL,
        mean_confidence REAL,
        engine          TEXT NOT NULL,
        engine_version  TEXT NOT NULL,
        model           TEXT NOT NULL,
        model_version   TEXT NOT NULL,
        settings        TEXT NOT NULL DEFAULT '{}',
        rotation        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ocr_queue (
        page_id    INTEGER PRIMARY KEY REFERENCES pages (id),
        status     TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        error      TEXT,
        owner_pid  INTEGER,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ocr_queue_status ON ocr_queue (status);
    `);
  },
};
