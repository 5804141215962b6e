import assert from 'node:assert/strict';
import { test } from 'node:test';
import { union, unionAll, type RecSet } from '../../../native/search/sets.js';
import { runSeed, seededRandom } from '../../harness/random.js';

/** The union as its definition says: every id once, scores added, field bits ORed, ids ascending. */
function reference(sets: RecSet[]): RecSet {
  const m = new Map<number, [number, number]>();
  for (const s of sets) {
    s.ids.forEach((id, i) => {
      const e = m.get(id) ?? [0, 0];
      m.set(id, [e[0] + s.score[i]!, e[1] | s.mask[i]!]);
    });
  }
  const ids = [...m.keys()].sort((a, b) => a - b);
  return { ids, score: ids.map((id) => m.get(id)![0]), mask: ids.map((id) => m.get(id)![1]) };
}

test('union of record sets, dense (id-indexed) and sparse (merged) alike, matches its definition', () => {
  const seed = runSeed();
  const rand = seededRandom(seed);
  const randomSet = (n: number, maxId: number): RecSet => {
    const ids = [...new Set(Array.from({ length: n }, () => Math.floor(rand() * maxId)))].sort((a, b) => a - b);
    return { ids, score: ids.map(() => 1 + Math.floor(rand() * 16)), mask: ids.map(() => 1 << Math.floor(rand() * 6)) };
  };
  for (const [count, n, maxId] of [[10, 3000, 20_000], [2, 9000, 12_000], [3, 5000, 10_000_000], [5, 10, 50], [1, 5000, 6000]] as const) {
    for (let k = 0; k < 5; k++) {
      const sets = Array.from({ length: count }, () => randomSet(1 + Math.floor(rand() * n), maxId));
      const expected = reference(sets);
      assert.deepEqual(unionAll(sets), expected, `seed ${seed}: ${count} sets of up to ${n} ids below ${maxId}`);
      if (count === 2) assert.deepEqual(union(sets[0]!, sets[1]!), expected);
    }
  }
  assert.deepEqual(unionAll([]), { ids: [], score: [], mask: [] });
});
