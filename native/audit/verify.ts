import type { Db } from '../db/database.js';
import { msg, type Message } from '../i18n/messages.js';
import { GENESIS_HASH, rowHash, type AuditRow } from './canonical.js';
import { allAuditRows, auditCheckpoint, fromDbRow, type AuditHead } from './log.js';
import { auditMessages } from './messages.js';

export type AuditProblemCode = 'EDITED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'CHAIN_BROKEN';

export interface AuditProblem {
  code: AuditProblemCode;
  /** Where: the row's current seq (EDITED, INSERTED, REORDERED, CHAIN_BROKEN) or the first missing seq (DELETED). */
  seq: number;
  /** DELETED: the last missing seq of the run. */
  toSeq?: number;
  /** REORDERED: the seq the row was written with. */
  belongsAt?: number;
  detail: string;
  message: Message;
}

export interface AuditAnchor extends AuditHead {
  /** Where the anchor came from (a backup id, a transfer package name), for the report. */
  source?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  head: AuditHead;
  problems: AuditProblem[];
}

export interface VerifyOptions {
  /** The checkpoint kept beside the log (audit_head); null when it is missing. */
  checkpoint?: AuditHead | null;
  /** Heads recorded earlier in backups and transfer packages. */
  anchors?: readonly AuditAnchor[];
}

/** How far from its stored seq a row whose predecessor is gone may have been renumbered. */
const RENUMBER_WINDOW = 64;

function problem(code: AuditProblemCode, seq: number, detail: string, extra: { toSeq?: number; belongsAt?: number; reason?: string } = {}): AuditProblem {
  const entry = {
    EDITED: auditMessages.edited,
    DELETED: auditMessages.deleted,
    INSERTED: auditMessages.inserted,
    REORDERED: auditMessages.reordered,
    CHAIN_BROKEN: auditMessages.chainBroken,
  }[code];
  const p: AuditProblem = { code, seq, detail, message: msg(entry, { seq, toSeq: extra.toSeq ?? seq, belongsAt: extra.belongsAt ?? seq, reason: extra.reason ?? detail }) };
  if (extra.toSeq !== undefined) p.toSeq = extra.toSeq;
  if (extra.belongsAt !== undefined) p.belongsAt = extra.belongsAt;
  return p;
}

/**
 * Verifies the chain in a database: a streaming pass that needs no memory when all is well,
 * and the locating analysis (verifyAuditRows) only when something is wrong.
 */
export function verifyAuditChain(db: Db, options: { anchors?: readonly AuditAnchor[] } = {}): AuditVerifyResult {
  const checkpoint = auditCheckpoint(db);
  const anchors = options.anchors ?? [];
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let clean = checkpoint !== null;
  let count = 0;
  const anchorAt = new Map(anchors.map((a) => [a.seq, a.hash]));
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) {
    const row = fromDbRow(raw as Parameters<typeof fromDbRow>[0]);
    count++;
    if (row.seq !== prev.seq + 1 || row.prevHash !== prev.hash || rowHash(row) !== row.hash) {
      clean = false;
      break;
    }
    const anchored = anchorAt.get(row.seq);
    if (anchored !== undefined && anchored !== row.hash) {
      clean = false;
      break;
    }
    prev = { seq: row.seq, hash: row.hash };
  }
  if (clean && checkpoint && (checkpoint.seq !== prev.seq || checkpoint.hash !== prev.hash)) clean = false;
  if (clean && anchors.some((a) => a.seq > prev.seq)) clean = false;
  if (clean) return { ok: true, rows: count, head: prev, problems: [] };
  return verifyAuditRows(allAuditRows(db), { checkpoint, anchors });
}

/**
 * Finds and locates every edit, deletion, insertion and reordering in a list of rows given in
 * their current seq order (a table read, or a full JSON export).
 *
 * 1. Content: a row is genuine when its hash verifies at its own seq, or at the seq its chain
 *    predecessor implies (predecessor's original seq + 1), which tells a moved row from an
 *    edited one. A row that verifies nowhere is EDITED.
 * 2. Positions: each genuine row has an original seq. Two rows claiming one position: the one
 *    the next row links to (or the checkpoint names) is genuine, the other INSERTED.
 * 3. Missing positions (up to the checkpoint and anchors) are DELETED runs.
 * 4. Links: each row must name its predecessor's hash; a genuine pair that disagrees means the
 *    earlier row was rewritten with a recomputed hash (or the later one forged): CHAIN_BROKEN.
 * 5. Order: rows out of order (outside a longest increasing run of original seqs) and their
 *    displaced partners are REORDERED; a renumbering that no insertion or deletion explains too.
 * 6. Checkpoint and anchors: rows beyond the checkpoint are INSERTED; a head or anchor whose
 *    hash differs from the row at its position is CHAIN_BROKEN.
 */
export function verifyAuditRows(rows: readonly AuditRow[], options: VerifyOptions = {}): AuditVerifyResult {
  const checkpoint = options.checkpoint === undefined ? null : options.checkpoint;
  const checkpointMissing = options.checkpoint === null;
  const anchors = options.anchors ?? [];
  const n = rows.length;
  const problems: AuditProblem[] = [];
  const head: AuditHead = n > 0 ? { seq: rows[n - 1]!.seq, hash: rows[n - 1]!.hash } : { seq: 0, hash: GENESIS_HASH };

  // 1. Content and original seq.
  const selfHash = rows.map((r) => rowHash(r));
  const byStored = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byStored.get(r.hash);
    if (list) list.push(i);
    else byStored.set(r.hash, [i]);
  });
  const orig: (number | null)[] = new Array<number | null>(n).fill(null);
  const state = new Uint8Array(n); // 0 unvisited, 1 in progress, 2 done
  const resolve = (start: number): void => {
    const stack = [start];
    while (stack.length > 0) {
      const i = stack[stack.length - 1]!;
      if (state[i] === 2) {
        stack.pop();
        continue;
      }
      const r = rows[i]!;
      if (selfHash[i] === r.hash) {
        orig[i] = r.seq;
        state[i] = 2;
        stack.pop();
        continue;
      }
      state[i] = 1;
      let result: number | null = null;
      if (r.prevHash === GENESIS_HASH) {
        result = rowHash(r, 1) === r.hash ? 1 : null;
      } else {
        const cands = (byStored.get(r.prevHash) ?? []).filter((j) => j !== i);
        const pending = cands.find((j) => state[j] === 0);
        if (pending !== undefined) {
          stack.push(pending);
          continue;
        }
        for (const j of cands) {
          const o = state[j] === 2 ? orig[j] : null;
          if (o !== null && o !== undefined && rowHash(r, o + 1) === r.hash) {
            result = o + 1;
            break;
          }
        }
        if (result === null && !cands.some((j) => state[j] === 2 && orig[j] !== null)) {
          // The predecessor is gone (deleted, then the rest renumbered): try nearby seqs.
          for (let d = 1; d <= RENUMBER_WINDOW && result === null; d++) {
            for (const s of [r.seq + d, r.seq - d]) {
              if (s >= 1 && rowHash(r, s) === r.hash) {
                result = s;
                break;
              }
            }
          }
        }
      }
      orig[i] = result;
      state[i] = 2;
      stack.pop();
    }
  };
  for (let i = 0; i < n; i++) resolve(i);

  const edited = new Set<number>();
  const estPos = new Map<number, number>(); // edited row index → estimated position
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const o = orig[i];
    if (o === null || o === undefined) {
      edited.add(i);
      estPos.set(i, rows[i]!.seq - offset);
      problems.push(problem('EDITED', rows[i]!.seq, `row ${rows[i]!.seq}: content does not match its hash`));
    } else {
      offset = rows[i]!.seq - o;
    }
  }

  // 2. Positions; duplicates.
  const referencedBy = new Map<string, number>();
  for (const r of rows) referencedBy.set(r.prevHash, (referencedBy.get(r.prevHash) ?? 0) + 1);
  const isReferenced = (i: number): boolean => {
    const h = rows[i]!.hash;
    const count = referencedBy.get(h) ?? 0;
    return count - (rows[i]!.prevHash === h ? 1 : 0) > 0;
  };
  const byPos = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const o = orig[i];
    if (o === null || o === undefined) continue;
    const list = byPos.get(o);
    if (list) list.push(i);
    else byPos.set(o, [i]);
  }
  const anchorHash = new Map<number, string>();
  for (const a of anchors) anchorHash.set(a.seq, a.hash);
  if (checkpoint && checkpoint.seq > 0) anchorHash.set(checkpoint.seq, checkpoint.hash);
  const inserted = new Set<number>();
  const posOf = new Map<number, number>(); // genuine row index → position
  const atPos = new Map<number, number>(); // position → genuine row index
  for (const [pos, cands] of byPos) {
    let keep = cands[0]!;
    if (cands.length > 1) {
      const known = anchorHash.get(pos);
      const byAnchor = known === undefined ? [] : cands.filter((i) => rows[i]!.hash === known);
      const referenced = cands.filter(isReferenced);
      const moved = cands.filter((i) => rows[i]!.seq !== pos);
      const lowest = (list: number[]): number => list.reduce((a, b) => (rows[a]!.seq <= rows[b]!.seq ? a : b));
      if (byAnchor.length > 0) keep = lowest(byAnchor);
      else if (referenced.length > 0) keep = lowest(referenced);
      else if (moved.length === 1) keep = moved[0]!;
      else keep = lowest(cands);
      for (const i of cands) {
        if (i === keep) continue;
        inserted.add(i);
        problems.push(problem('INSERTED', rows[i]!.seq, `row ${rows[i]!.seq} claims position ${pos}, which belongs to row ${rows[keep]!.seq}; nothing in the chain links to it`));
      }
    }
    posOf.set(keep, pos);
    atPos.set(pos, keep);
  }
  if (checkpoint) {
    for (const [i, pos] of posOf) {
      if (pos > checkpoint.seq) {
        inserted.add(i);
        posOf.delete(i);
        atPos.delete(pos);
        problems.push(problem('INSERTED', rows[i]!.seq, `row ${rows[i]!.seq} lies beyond the checkpoint (seq ${checkpoint.seq}): it was not written by the log writer`));
      }
    }
  }

  // 3. Missing positions.
  const occupied = new Set<number>([...atPos.keys()]);
  for (const i of edited) occupied.add(estPos.get(i)!);
  let last = 0;
  for (const p of occupied) last = Math.max(last, p);
  if (checkpoint) last = Math.max(last, checkpoint.seq);
  for (const a of anchors) last = Math.max(last, a.seq);
  const sorted = [...occupied].filter((p) => p >= 1).sort((a, b) => a - b);
  const deletedRuns: [number, number][] = [];
  let expect = 1;
  for (const p of [...sorted, last + 1]) {
    if (p > expect) deletedRuns.push([expect, p - 1]);
    expect = Math.max(expect, p + 1);
  }
  for (const [from, to] of deletedRuns) {
    const tail = checkpoint !== null && to === checkpoint.seq && from > (sorted[sorted.length - 1] ?? 0);
    problems.push(problem('DELETED', from, `rows ${from}..${to} are missing${tail ? ' (the tail was cut off: the checkpoint records seq ' + checkpoint.seq + ')' : ''}`, { toSeq: to }));
  }

  // 4. Links between genuine neighbours.
  for (const [pos, i] of atPos) {
    const r = rows[i]!;
    if (pos === 1) {
      if (r.prevHash !== GENESIS_HASH) problems.push(problem('CHAIN_BROKEN', r.seq, `row ${r.seq} is the first row but does not start from the genesis hash`));
      continue;
    }
    const j = atPos.get(pos - 1);
    if (j === undefined) continue; // predecessor deleted or edited: already reported
    if (rows[j]!.hash !== r.prevHash) {
      problems.push(problem('CHAIN_BROKEN', rows[j]!.seq, `row ${rows[j]!.seq} hashes to ${rows[j]!.hash.slice(0, 12)}…, but row ${r.seq} recorded ${r.prevHash.slice(0, 12)}… as its predecessor: row ${rows[j]!.seq} was rewritten with a recomputed hash (or row ${r.seq} was forged)`));
    }
  }

  // 5. Order.
  const genuine = [...posOf.keys()].sort((a, b) => rows[a]!.seq - rows[b]!.seq);
  const inOrder = longestIncreasing(genuine.map((i) => posOf.get(i)!));
  const flagged = new Set<number>();
  genuine.forEach((i, k) => {
    if (!inOrder.has(k)) flagged.add(i);
  });
  const bySeq = new Map<number, number>();
  rows.forEach((r, i) => bySeq.set(r.seq, i));
  for (const i of [...flagged]) {
    const partner = bySeq.get(posOf.get(i)!);
    if (partner !== undefined && posOf.has(partner) && posOf.get(partner) !== rows[partner]!.seq) flagged.add(partner);
  }
  for (const i of flagged) {
    problems.push(problem('REORDERED', rows[i]!.seq, `row ${rows[i]!.seq} was written as row ${posOf.get(i)!}`, { belongsAt: posOf.get(i)! }));
  }
  const explained = (fromSeq: number, toSeq: number, fromPos: number, toPos: number): boolean =>
    problems.some((p) =>
      p.code === 'DELETED'
        ? p.seq < toPos && (p.toSeq ?? p.seq) > fromPos
        : p.seq > fromSeq && p.seq < toSeq,
    );
  let prevSeq = 0;
  let prevPos = 0;
  for (const i of genuine) {
    if (flagged.has(i)) continue;
    const seq = rows[i]!.seq;
    const pos = posOf.get(i)!;
    if (seq - pos !== prevSeq - prevPos && !explained(prevSeq, seq, prevPos, pos)) {
      problems.push(problem('REORDERED', seq, `row ${seq} was written as row ${pos}: the rows from here on were renumbered`, { belongsAt: pos }));
    }
    prevSeq = seq;
    prevPos = pos;
  }

  // 6. Checkpoint and anchors.
  if (checkpointMissing && n > 0) {
    problems.push(problem('CHAIN_BROKEN', head.seq, 'the checkpoint of the last row is missing: the tail of the log cannot be confirmed'));
  }
  const checks: AuditAnchor[] = [...anchors];
  if (checkpoint && checkpoint.seq > 0) checks.push({ ...checkpoint, source: 'checkpoint' });
  for (const a of checks) {
    const i = atPos.get(a.seq);
    if (i !== undefined && rows[i]!.hash !== a.hash) {
      problems.push(problem('CHAIN_BROKEN', rows[i]!.seq, `the ${a.source ?? 'anchor'} records hash ${a.hash.slice(0, 12)}… for row ${a.seq}, but the log holds ${rows[i]!.hash.slice(0, 12)}…: the log up to row ${a.seq} was rewritten`));
    }
  }

  problems.sort((a, b) => a.seq - b.seq || a.code.localeCompare(b.code));
  return { ok: problems.length === 0, rows: n, head, problems };
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const parent = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) parent[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out = new Set<number>();
  let k = tails.length > 0 ? tails[tails.length - 1]! : -1;
  while (k >= 0) {
    out.add(k);
    k = parent[k]!;
  }
  return out;
}
