import type { Migration } from './types.js';

/**
 * Machine-QC measures of a page image, keyed by the image's SHA-256 (issue 13: QC ≤ 50 ms per
 * page on top of ingest). Ingest measures a page while it holds the page's bytes; the machine
 * checks read the row instead of decoding the stored image again. A cache: a row whose version
 * is not the measuring code's (native/images/page-measures.ts) is measured again, and a vault
 * without rows (older vaults, re-scans) is measured as before.
 */
export const migration0270: Migration = {
  version: 270,
  name: 'page-measures',
  up(db) {
    db.exec(`
      CREATE TABLE page_measures (
        image_sha256  TEXT PRIMARY KEY,
        version       INTEGER NOT NULL,
        ink           REAL NOT NULL,
        sharpness     REAL NOT NULL,
        skew          REAL NOT NULL,
        hash          TEXT NOT NULL
      ) STRICT;
    `);
  },
};
