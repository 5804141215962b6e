/**
 * Record sets as parallel arrays sorted by record id: merging sorted arrays is what keeps
 * AND/OR/NOT over tens of thousands of records within a few milliseconds.
 */
export interface RecSet {
  ids: number[];
  /** Relevance contributed by positive terms (see evaluate.ts). */
  score: number[];
  /** Bits of the fields that matched (evaluate.ts BIT, FUZZY_BIT). */
  mask: number[];
}

/** Output arrays of at most n members, filled by index then cut to size (faster than push). */
function sized(n: number): RecSet {
  return { ids: new Array<number>(n), score: new Array<number>(n), mask: new Array<number>(n) };
}

function cut(out: RecSet, k: number): RecSet {
  out.ids.length = k;
  out.score.length = k;
  out.mask.length = k;
  return out;
}

export function intersect(a: RecSet, b: RecSet): RecSet {
  const out = sized(Math.min(a.ids.length, b.ids.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      out.ids[k] = x;
      out.score[k] = a.score[i]! + b.score[j]!;
      out.mask[k] = a.mask[i]! | b.mask[j]!;
      k++;
      i++;
      j++;
    }
  }
  return cut(out, k);
}

export function union(a: RecSet, b: RecSet): RecSet {
  return unionAll([a, b]);
}

/** The union of two sets by merging (sparse or small sets). */
function mergeUnion(a: RecSet, b: RecSet): RecSet {
  const out: RecSet = { ids: [], score: [], mask: [] };
  let i = 0;
  let j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity;
    const y = j < b.ids.length ? b.ids[j]! : Infinity;
    if (x < y) {
      out.ids.push(x);
      out.score.push(a.score[i]!);
      out.mask.push(a.mask[i]!);
      i++;
    } else if (y < x) {
      out.ids.push(y);
      out.score.push(b.score[j]!);
      out.mask.push(b.mask[j]!);
      j++;
    } else {
      out.ids.push(x);
      out.score.push(a.score[i]! + b.score[j]!);
      out.mask.push(a.mask[i]! | b.mask[j]!);
      i++;
      j++;
    }
  }
  return out;
}

/**
 * The union of large sets of dense ids (record ids), by id-indexed arrays instead of merges:
 * one pass over the members and one over the id range. At 1M pages a common character's ten
 * per-page-count lists and its five catalog fields are ~100k records each, and pairwise
 * merging copied them several times over (~30 ms).
 */
function unionDense(sets: RecSet[], maxId: number): RecSet {
  const score = new Float64Array(maxId + 1);
  const mask = new Int32Array(maxId + 1);
  const seen = new Uint8Array(maxId + 1);
  let count = 0;
  for (const set of sets) {
    for (let i = 0; i < set.ids.length; i++) {
      const id = set.ids[i]!;
      if (seen[id] === 0) {
        seen[id] = 1;
        count++;
      }
      score[id]! += set.score[i]!;
      mask[id]! |= set.mask[i]!;
    }
  }
  const out = sized(count);
  for (let id = 0, k = 0; id <= maxId; id++) {
    if (seen[id] === 0) continue;
    out.ids[k] = id;
    out.score[k] = score[id]!;
    out.mask[k] = mask[id]!;
    k++;
  }
  return out;
}

export function unionAll(sets: RecSet[]): RecSet {
  if (sets.length === 0) return { ids: [], score: [], mask: [] };
  let members = 0;
  let maxId = 0;
  for (const set of sets) {
    members += set.ids.length;
    if (set.ids.length > 0) maxId = Math.max(maxId, set.ids[set.ids.length - 1]!);
  }
  if (sets.length > 1 && members >= 4096 && maxId <= members * 4) return unionDense(sets, maxId);
  // Pairwise, smallest first, so large sets are copied as few times as possible.
  const queue = [...sets].sort((p, q) => p.ids.length - q.ids.length);
  while (queue.length > 1) {
    const merged = mergeUnion(queue.shift()!, queue.shift()!);
    const at = queue.findIndex((s) => s.ids.length >= merged.ids.length);
    queue.splice(at < 0 ? queue.length : at, 0, merged);
  }
  return queue[0]!;
}

/** The members of `a` whose id is not in the sorted `ids`. */
export function difference(a: RecSet, ids: number[]): RecSet {
  // Nothing to take out (an access rule that leaves no record out: the common case) costs no copy.
  if (ids.length === 0 || a.ids.length === 0) return a;
  const out = sized(a.ids.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < a.ids.length; i++) {
    const x = a.ids[i]!;
    while (j < ids.length && ids[j]! < x) j++;
    if (j < ids.length && ids[j] === x) continue;
    out.ids[k] = x;
    out.score[k] = a.score[i]!;
    out.mask[k] = a.mask[i]!;
    k++;
  }
  return cut(out, k);
}

export function intersectIds(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (b[j]! < a[i]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

export function unionIds(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** First index in sorted `a` whose value is ≥ v. */
/** The distinct values of `ids` (non-negative integers), ascending. */
export function sortedDistinct(ids: number[]): number[] {
  if (ids.length === 0) return [];
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  // Dense ids (record ids): one pass over a bitmap beats sorting; sparse ones are sorted.
  if (max <= ids.length * 16) {
    const seen = new Uint8Array(max + 1);
    for (const id of ids) seen[id] = 1;
    const out: number[] = [];
    for (let id = 0; id <= max; id++) if (seen[id]) out.push(id);
    return out;
  }
  const sorted = Float64Array.from(ids).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

export function lowerBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Page docs (sorted) grouped into records: doc = record * span + slot; score is weight per page up to cap. */
export function groupDocs(docs: number[], weight: number, cap: number, bit: number, span = 65536): RecSet {
  const out: RecSet = { ids: [], score: [], mask: [] };
  let i = 0;
  while (i < docs.length) {
    const rec = Math.floor(docs[i]! / span);
    const end = (rec + 1) * span;
    let pages = 0;
    while (i < docs.length && docs[i]! < end) {
      pages++;
      i++;
    }
    out.ids.push(rec);
    out.score.push(Math.min(pages, cap) * weight);
    out.mask.push(bit);
  }
  return out;
}
