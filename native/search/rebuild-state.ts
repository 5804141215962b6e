import type { Db } from '../db/database.js';
import { cachedStatement, stmt } from '../db/statement-cache.js';

/**
 * Where a rebuild of the search index stands (indexer.ts startRebuild / rebuildBatch write it):
 * search_meta rebuild_requested (a migration or `lantai reindex` asked for one) and
 * rebuild_cursor (the last record id indexed; records after it are not in the index yet).
 */
export const REBUILD_CURSOR = 'rebuild_cursor';

/** The last record id the rebuild under way has indexed; null when no rebuild is under way. */
export function rebuildCursor(db: Db): number | null {
  const v = cachedStatement(db, 'SELECT value FROM search_meta WHERE key = ?', 'pluck').get(REBUILD_CURSOR) as string | undefined;
  return v === undefined ? null : Number(v);
}

/**
 * The place searches go by: records after it are read from their text, not the index. A
 * rebuild asked for but not started has place 0 (the index may be in an old shape: nothing of
 * it is trusted); null when the index is whole.
 */
export function indexedUpTo(db: Db): number | null {
  return rebuildCursor(db) ?? (rebuildPending(db) ? 0 : null);
}

/** A rebuild was asked for (by a migration) or is under way. */
export function rebuildPending(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM search_meta WHERE key IN ('rebuild_requested', ?)").get(REBUILD_CURSOR) !== undefined;
}

export interface RebuildProgress {
  /** Records indexed so far (those up to the place). */
  done: number;
  total: number;
}

/** How far the rebuild is; null when none is asked for or under way. */
export function rebuildProgress(db: Db): RebuildProgress | null {
  if (!rebuildPending(db)) return null;
  const cursor = indexedUpTo(db) ?? 0;
  const row = db.prepare('SELECT count(*) AS total, count(*) FILTER (WHERE id <= ?) AS done FROM records').get(cursor) as RebuildProgress;
  return { done: row.done, total: row.total };
}
