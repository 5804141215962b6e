import Database from 'better-sqlite3';
import type { SqlFragment } from './sql.js';

export type Db = Database.Database;

/** Runs a fragment that changes rows. */
export function run(db: Db, q: SqlFragment): Database.RunResult {
  return db.prepare(q.text).run(...q.params);
}

export function get<T>(db: Db, q: SqlFragment): T | undefined {
  return db.prepare(q.text).get(...q.params) as T | undefined;
}

export function all<T>(db: Db, q: SqlFragment): T[] {
  return db.prepare(q.text).all(...q.params) as T[];
}

/**
 * BEGIN IMMEDIATE takes the write lock up front, so two processes allocating item numbers
 * serialize here instead of failing later with SQLITE_BUSY on upgrade from a read lock.
 */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export function nowIso(): string {
  return new Date().toISOString();
}
