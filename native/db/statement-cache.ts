import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * Prepared statements cached per connection: indexing runs once per OCR'd page, a search runs a
 * handful of small queries and every authorized call reads the session and its roles, so
 * preparing each time would be a noticeable share. For fixed SQL texts only (a text that varies
 * with its values would fill the cache).
 */
const cache = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

/** How a cached statement returns rows: objects, the first column only, or arrays of columns. */
export type StatementMode = 'rows' | 'pluck' | 'raw';

/** The connection's statement for text, prepared once per mode (a mode is set on its own statement, never toggled). */
export function cachedStatement(db: Db, text: string, mode: StatementMode = 'rows'): Statement<unknown[]> {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  const key = `${mode}:${text}`;
  let s = m.get(key);
  if (!s) {
    s = db.prepare<unknown[]>(text);
    if (mode === 'pluck') s.pluck(true);
    else if (mode === 'raw') s.raw(true);
    m.set(key, s);
  }
  return s;
}

export function stmt(db: Db, text: string): Statement<unknown[]> {
  return cachedStatement(db, text);
}
