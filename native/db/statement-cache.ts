import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * Prepared statements cached per connection: indexing runs once per OCR'd page, a search runs a
 * handful of small queries and every authorized call reads the session and its roles, so
 * preparing each time would be a noticeable share. For fixed SQL texts only (a text that varies
 * with its values would fill the cache).
 */
const cache = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

export function stmt(db: Db, text: string): Statement<unknown[]> {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(text);
  if (!s) {
    s = db.prepare<unknown[]>(text);
    m.set(text, s);
  }
  return s;
}
