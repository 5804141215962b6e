import type { Db } from '../db/database.js';
import type { SqlFragment } from '../db/sql.js';
import { cachedStatement, stmt } from '../db/statement-cache.js';

export { stmt };

/** The first column of every row, as numbers (rowids, ids). */
export function pluckNumbers(db: Db, text: string, ...params: unknown[]): number[] {
  return cachedStatement(db, text, 'pluck').all(...params) as number[];
}

/** Rows as arrays of column values (cheaper than objects for large results). */
export function rawRows<T extends unknown[]>(db: Db, text: string, ...params: unknown[]): T[] {
  return cachedStatement(db, text, 'raw').all(...params) as T[];
}

/** The query concatIds runs for `select` (also run by the phrase helper thread, parallel-lookup.ts). */
export function concatIdsSql(select: string): string {
  return `SELECT group_concat(id) FROM (${select})`;
}

/**
 * The rowids an FTS5 table matches for one bound MATCH expression, ascending, as column `id`.
 * `and`: a further condition (` AND …`, its parameters bound after the MATCH expression).
 */
export function ftsMatchSql(table: string, and = ''): string {
  return `SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?${and} ORDER BY rowid`;
}

/**
 * The ids of a one-column query, ascending, fetched as one comma-joined string: FTS5 lookups
 * return up to hundreds of thousands of rowids, and handing SQLite's group_concat the join
 * costs less than a JavaScript row per id. `select` is the inner query (one integer column, in
 * the order wanted).
 */
export function concatIds(db: Db, select: string, ...params: unknown[]): number[] {
  const joined = stmt(db, concatIdsSql(select)).pluck(true).get(...params) as string | null;
  if (!joined) return [];
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 44) {
      out.push(n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  out.push(n);
  return out;
}

/**
 * Ids of the records an access rule (a condition over alias `records`) leaves out, ascending.
 * `among`: a condition they all meet, which an index narrows the search to (records_not_normal).
 */
export function recordsLeftOut(db: Db, rule: SqlFragment, among: SqlFragment | undefined): number[] {
  const narrow = among ?? { text: '1', params: [] };
  return pluckNumbers(db, `SELECT id FROM records WHERE ${narrow.text} AND coalesce((${rule.text}), 0) = 0 ORDER BY id`, ...narrow.params, ...rule.params);
}
