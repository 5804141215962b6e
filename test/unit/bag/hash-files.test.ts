import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hashFiles, type HashTask } from '../../../native/bag/hash-files.js';
import { tempDir } from '../../harness/temp.js';

test('files are hashed on worker lanes with each file\'s algorithms; unreadable files and links become error outcomes', async () => {
  const dir = tempDir();
  const sizes = [0, 1, 5_000_000, 9_000_001, 12_345];
  const algorithmSets = [['sha256', 'sm3'], ['md5'], ['sha512', 'sha1', 'sm3'], ['sha256'], ['sha224']];
  const tasks: HashTask[] = sizes.map((size, i) => {
    const file = path.join(dir, `文件 ${i}.bin`);
    fs.writeFileSync(file, crypto.randomBytes(size));
    return { file, algorithms: algorithmSets[i]! };
  });
  tasks.push({ file: path.join(dir, 'missing.bin'), algorithms: ['sha256'] });
  const link = path.join(dir, 'link.bin');
  fs.symlinkSync(tasks[0]!.file, link);
  tasks.push({ file: link, algorithms: ['sha256'] });

  let bytes = 0;
  const finished: number[] = [];
  // totalBytes above the threshold: the worker path is the one exercised.
  const outcomes = await hashFiles(tasks, { concurrency: 2, totalBytes: 1 << 30, onBytes: (n) => (bytes += n), onFile: (i) => finished.push(i) });
  assert.equal(outcomes.length, tasks.length);
  assert.deepEqual([...finished].sort((a, b) => a - b), tasks.map((_, i) => i));
  for (const [i, size] of sizes.entries()) {
    const outcome = outcomes[i]!;
    assert.ok(!('error' in outcome), JSON.stringify(outcome));
    assert.equal(outcome.size, size);
    const data = fs.readFileSync(tasks[i]!.file);
    for (const a of tasks[i]!.algorithms) assert.equal(outcome.digests[a], crypto.createHash(a).update(data).digest('hex'), `${i} ${a}`);
  }
  assert.equal(bytes, sizes.reduce((a, b) => a + b, 0), 'every byte reported once');
  const missing = outcomes[sizes.length]!;
  assert.ok('error' in missing && missing.error.code === 'ENOENT');
  const linked = outcomes[sizes.length + 1]!;
  assert.ok('error' in linked && linked.error.code === 'ELOOP', 'a link is refused (O_NOFOLLOW), not read through');

  // The main-thread path gives the same answers.
  const here = await hashFiles(tasks, { totalBytes: 0 });
  assert.deepEqual(here.slice(0, sizes.length), outcomes.slice(0, sizes.length));
});
