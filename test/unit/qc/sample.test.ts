/** The human sample: its size, reproducibility (same seed → same pages) and the pass rule at the pass mark. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawSample, sampleResult, sampleSize } from '../../../native/qc/sample.js';
import type { BatchRow } from '../../../native/qc/types.js';

const batch = (passMark = 95): BatchRow => ({
  id: 1, projectId: 1, project: 'p', seq: 1, state: 'sampled', minDpi: 300, colourMode: 'any', samplePercent: 5, passMark, seed: 's',
  createdAt: '', createdBy: 'a', checkedAt: null, decidedAt: null, decidedBy: null, items: 1, pages: 40,
});
const verdicts = (pass: number, fail: number, open = 0) => [
  ...Array.from({ length: pass }, () => ({ verdict: 'pass' as const })),
  ...Array.from({ length: fail }, () => ({ verdict: 'fail' as const })),
  ...Array.from({ length: open }, () => ({ verdict: null })),
];

test('sample size: 5% rounded up, at least one page, never more than the batch', () => {
  assert.equal(sampleSize(800, 5), 40);
  assert.equal(sampleSize(801, 5), 41);
  assert.equal(sampleSize(7, 5), 1);
  assert.equal(sampleSize(3, 100), 3);
  assert.equal(sampleSize(0, 5), 0);
});

test('the same seed over the same pages draws the same sample; another seed another one', () => {
  const pages = Array.from({ length: 800 }, (_, i) => ({ pageId: i + 1 }));
  const a = drawSample(pages, 5, 'P1-B1');
  const b = drawSample(pages, 5, 'P1-B1');
  const c = drawSample(pages, 5, 'P1-B2');
  assert.equal(a.length, 40);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(new Set(a.map((p) => p.pageId)).size, 40, 'no page twice');
  assert.deepEqual([...a].sort((x, y) => x.pageId - y.pageId), a, 'in page order for review');
});

test('2 failures in 40 pages fail at a 95% pass mark; 1 failure passes; nothing is decided before every page is judged', () => {
  const two = sampleResult(batch(), verdicts(38, 2));
  assert.equal(two.verdict, 'fail');
  assert.equal(two.passRate, 95);
  assert.equal(sampleResult(batch(), verdicts(39, 1)).verdict, 'pass');
  assert.equal(sampleResult(batch(), verdicts(39, 0, 1)).verdict, 'pending');
  assert.equal(sampleResult(batch(100), verdicts(40, 0)).verdict, 'pass', 'a 100% mark is met by a clean sample');
  assert.equal(sampleResult(batch(90), verdicts(38, 2)).verdict, 'pass');
});
