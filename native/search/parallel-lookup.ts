import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/database.js';
import { unionIds } from './sets.js';
import { concatIds, concatIdsSql, stmt } from './statements.js';

/**
 * A phrase's lookup in the page-level trigram index, which is two tables by record parity
 * (migration 0120): one answered on a helper thread with its own read-only connection while
 * this thread answers the other. At 1M pages a common 6-character phrase costs ~100 ms inside
 * FTS5 alone (decoding the position lists of every page holding its trigrams), and FTS5 does
 * that work for a whole table even when asked for a rowid range: two tables on two cores halve
 * it (issue #3: p95 ≤ 100 ms at 1M pages).
 *
 * The calling thread waits with Atomics.wait, so search() stays synchronous. The helper writes
 * the ids into shared memory; anything unusual (no helper, a helper that fails or is late, more
 * ids than fit) makes this thread answer that table itself, so the result is always complete.
 * The helper reads its own snapshot: a page committed between the two reads may be seen in one
 * table only, as it could have been by a search a moment earlier or later.
 */

/** Below this many records the split costs more than it saves. */
let splitMinRecords = 20_000;

/** For tests: split lookups of any vault size (0) or restore the default. */
export function setSplitMinRecords(n: number | null): void {
  splitMinRecords = n ?? 20_000;
}

/** Ids one reply can carry (8 MB of shared memory per helper). */
const CAPACITY = 1 << 20;
/** A helper that has not answered by then is given up (the half is answered here). */
const HELPER_TIMEOUT_MS = 3_000;

// Plain CommonJS run with `eval`: no file of its own to find under tsx, from compiled code or
// inside Electron's asar. It always answers: a count of -1 sends the work back to the caller.
const HELPER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const state = new Int32Array(workerData.shared, 0, 2);
const ids = new Float64Array(workerData.shared, 8);
let db = null;
try {
  const Database = require(workerData.sqlite);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
} catch {}
const statements = new Map();
parentPort.on('message', ({ seq, sql, params }) => {
  let count = -1;
  try {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql).pluck()));
    const joined = st.get(...params);
    count = 0;
    if (joined) {
      let n = 0;
      for (let i = 0; i <= joined.length; i++) {
        const c = i < joined.length ? joined.charCodeAt(i) : 44;
        if (c !== 44) { n = n * 10 + (c - 48); continue; }
        if (count >= ids.length) { count = -1; break; }
        ids[count++] = n;
        n = 0;
      }
    }
  } catch {
    count = -1;
  }
  Atomics.store(state, 1, count);
  Atomics.store(state, 0, seq);
  Atomics.notify(state, 0);
});
`;

interface Helper {
  db: Db;
  worker: Worker;
  state: Int32Array;
  ids: Float64Array;
  seq: number;
}

/** Helpers by database file; null: could not start one for it. */
const helpers = new Map<string, Helper | null>();

function helperFor(db: Db): Helper | null {
  const file = db.name;
  if (!file || file === ':memory:' || db.memory) return null;
  // A helper outlives nothing: those of closed connections stop here.
  for (const [f, h] of helpers) {
    if (h && !h.db.open) {
      helpers.delete(f);
      void h.worker.terminate();
    }
  }
  let h = helpers.get(file);
  if (h === undefined) {
    try {
      const shared = new SharedArrayBuffer(8 + 8 * CAPACITY);
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { sqlite, file, shared } });
      worker.unref();
      const drop = () => {
        if (helpers.get(file)?.worker === worker) helpers.delete(file);
      };
      worker.on('error', drop);
      worker.on('exit', drop);
      h = { db, worker, state: new Int32Array(shared, 0, 2), ids: new Float64Array(shared, 8), seq: 0 };
    } catch {
      h = null;
    }
    helpers.set(file, h);
  }
  return h;
}

function records(db: Db): number {
  return stmt(db, 'SELECT coalesce(max(id), 0) FROM records').pluck().get() as number;
}

let answeredByHelper = 0;

/** How many lookups a helper thread answered (tests check that the parallel path is taken). */
export function helperAnswerCount(): number {
  return answeredByHelper;
}

/**
 * Starts the helper of a large vault without waiting for it: called by every search, so that
 * a session's first phrase does not also pay for a thread starting and opening the catalog.
 */
export function prepareParallelLookups(db: Db): void {
  if (records(db) >= splitMinRecords) helperFor(db);
}

/**
 * The ids of two one-column queries over the two shard tables (ascending, disjoint; the same
 * parameters for both), as one ascending list. The queries are page-derived.ts's: it alone
 * says what a session may read of the shards.
 */
export function shardedMatchIds(db: Db, selects: readonly [string, string], params: readonly unknown[]): number[] {
  const helper = records(db) >= splitMinRecords ? helperFor(db) : null;
  if (!helper) return unionIds(concatIds(db, selects[0], ...params), concatIds(db, selects[1], ...params));
  const seq = (helper.seq = (helper.seq % 0x7ffffffe) + 1);
  Atomics.store(helper.state, 0, 0);
  helper.worker.postMessage({ seq, sql: concatIdsSql(selects[1]), params });
  const mine = concatIds(db, selects[0], ...params);
  const waited = Atomics.wait(helper.state, 0, 0, HELPER_TIMEOUT_MS);
  const count = Atomics.load(helper.state, 0) === seq ? Atomics.load(helper.state, 1) : -1;
  if (waited === 'timed-out' && count < 0) {
    // Late or stuck: never trust its memory again; the next lookup starts a new helper.
    helpers.delete(db.name);
    void helper.worker.terminate();
  }
  if (count < 0) return unionIds(mine, concatIds(db, selects[1], ...params));
  answeredByHelper++;
  // The shards hold disjoint rowids: their union is a merge.
  return unionIds(mine, Array.from(helper.ids.subarray(0, count)));
}
