import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';

/**
 * Prepared statements cached per connection: indexing runs once per OCR'd page and a search
 * runs a handful of small queries, so preparing each time would be a noticeable share.
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

const plucked = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

/** The first column of every row, as numbers (rowids, ids). */
export function pluckNumbers(db: Db, text: string, ...params: unknown[]): number[] {
  let m = plucked.get(db);
  if (!m) {
    m = new Map();
    plucked.set(db, m);
  }
  let s = m.get(text);
  if (!s) {
    s = db.prepare<unknown[]>(text).pluck(true);
    m.set(text, s);
  }
  return s.all(...params) as number[];
}

const rawCache = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

/** Rows as arrays of column values (cheaper than objects for large results). */
export function rawRows<T extends unknown[]>(db: Db, text: string, ...params: unknown[]): T[] {
  let m = rawCache.get(db);
  if (!m) {
    m = new Map();
    rawCache.set(db, m);
  }
  let s = m.get(text);
  if (!s) {
    s = db.prepare<unknown[]>(text).raw(true);
    m.set(text, s);
  }
  return s.all(...params) as T[];
}
