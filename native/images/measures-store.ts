import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { MEASURES_VERSION, type PageMeasures } from './page-measures.js';

/**
 * The page_measures table (migration 0270): a page image's machine-QC measures by its SHA-256,
 * written by ingest (which measures each page while it holds the bytes) and by the machine
 * checks (a page they had to measure), read by the machine checks. A cache of what the stored
 * image gives: rows of another measuring version are ignored, and overwritten when measured again.
 */

/** Digests looked up per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** The current-version measures stored for these page images (those without a usable row are absent). */
export function storedMeasures(db: Db, sha256s: readonly string[]): Map<string, PageMeasures> {
  const out = new Map<string, PageMeasures>();
  const unique = [...new Set(sha256s)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = all<PageMeasures & { sha256: string }>(
      db,
      sql`SELECT image_sha256 AS sha256, ink, sharpness, skew, hash FROM page_measures
           WHERE version = ${MEASURES_VERSION} AND image_sha256 IN (SELECT value FROM json_each(${JSON.stringify(unique.slice(i, i + CHUNK))}))`,
    );
    for (const { sha256, ink, sharpness, skew, hash } of rows) out.set(sha256, { ink, sharpness, skew, hash });
  }
  return out;
}

/** Stores measures made by the current measuring code (callers run it inside their own transaction). */
export function saveMeasures(db: Db, measures: Iterable<readonly [string, PageMeasures]>): void {
  const put = db.prepare('INSERT OR REPLACE INTO page_measures (image_sha256, version, ink, sharpness, skew, hash) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [sha256, m] of measures) put.run(sha256, MEASURES_VERSION, m.ink, m.sharpness, m.skew, m.hash);
}

/** Forgets the measures of page images removed from the vault (destruction: nothing of the page stays). */
export function forgetMeasures(db: Db, sha256s: Iterable<string>): void {
  const del = db.prepare('DELETE FROM page_measures WHERE image_sha256 = ?');
  for (const sha of sha256s) del.run(sha);
}
