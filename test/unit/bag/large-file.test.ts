import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validateBag, writeBag } from '../../../native/bag/index.js';
import { describe } from './helpers.js';

const MiB = 1 << 20;
const SIZE = 320 * MiB;
/** Far below the file size: holding the file (or a copy of it) in memory would blow through it. */
const MAX_GROWTH = 96 * MiB;

/** Samples the resident set size while `run` runs; returns the largest growth over the start. */
async function peakGrowth(run: (sample: () => void) => Promise<unknown>): Promise<number> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 10);
  try {
    await run(sample);
  } finally {
    clearInterval(timer);
  }
  sample();
  return peak - start;
}

test('a file of a few hundred MB is copied, hashed and verified with flat memory', async () => {
  // Its own temp folder under os.tmpdir(), removed at the end even if the test fails.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-bag-large-'));
  try {
    const source = path.join(dir, 'scan.tif');
    // Written in 4 MiB blocks, each made distinct, without ever holding the whole file.
    const block = crypto.randomBytes(4 * MiB);
    const fd = fs.openSync(source, 'w');
    for (let i = 0; i < SIZE / block.length; i++) {
      block.writeUInt32BE(i, 0);
      fs.writeSync(fd, block);
    }
    fs.closeSync(fd);

    const bag = path.join(dir, 'bag');
    let written: Awaited<ReturnType<typeof writeBag>> | undefined;
    const writeGrowth = await peakGrowth(async (sample) => {
      written = await writeBag(bag, [{ path: 'scan.tif', source }, { path: 'small.txt', source: Buffer.from('小') }], { onProgress: sample });
    });
    assert.ok(written);
    assert.equal(written.payload[0]!.size, SIZE);
    const sha = spawnSync('sha256sum', [source], { encoding: 'utf8' }).stdout.split(' ')[0];
    assert.equal(written.payload[0]!.sha256, sha, 'SHA-256 of the streamed copy equals sha256sum of the source');
    assert.ok(writeGrowth < MAX_GROWTH, `writing grew RSS by ${(writeGrowth / MiB).toFixed(1)} MiB`);

    let result: Awaited<ReturnType<typeof validateBag>> | undefined;
    let lastBytes = 0;
    const validateGrowth = await peakGrowth(async (sample) => {
      result = await validateBag(bag, {
        onProgress: (p) => {
          sample();
          if (p.stage === 'digests') lastBytes = p.bytesDone;
        },
      });
    });
    assert.ok(result?.valid, result && describe(result));
    assert.equal(lastBytes, SIZE + Buffer.byteLength('小'), 'progress counted every payload byte');
    assert.ok(validateGrowth < MAX_GROWTH, `validating grew RSS by ${(validateGrowth / MiB).toFixed(1)} MiB`);
    console.log(`large file ${SIZE / MiB} MiB: RSS growth write ${(writeGrowth / MiB).toFixed(1)} MiB, validate ${(validateGrowth / MiB).toFixed(1)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
