import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readAndDigest } from '../../../native/hash/read-digest.js';
import { tempDir } from '../../harness/temp.js';

test('a file read and hashed on the worker thread: its bytes, SHA-256 (as sha256sum) and SM3 (as openssl)', async () => {
  const dir = tempDir();
  const files = [0, 1, 100, 4095, 8192, 3_000_000].map((size, i) => {
    const file = path.join(dir, `扫描 ${i}.bin`);
    fs.writeFileSync(file, crypto.randomBytes(size));
    return file;
  });
  // All at once: replies are matched to their requests.
  const results = await Promise.all(files.map((f) => readAndDigest(f)));
  for (const [i, file] of files.entries()) {
    const { data, digests } = results[i]!;
    assert.ok(data.equals(fs.readFileSync(file)), `${file}: bytes`);
    assert.equal(digests.size, data.length);
    const sha = spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0];
    assert.equal(digests.sha256, sha, `${file}: SHA-256`);
    const sm3 = /= ([0-9a-f]{64})/.exec(spawnSync('openssl', ['dgst', '-sm3', file], { encoding: 'utf8' }).stdout)?.[1];
    assert.equal(digests.sm3, sm3, `${file}: SM3`);
  }
});

test('a file that cannot be read rejects with the file system error code', async () => {
  const missing = path.join(tempDir(), '不存在.png');
  await assert.rejects(readAndDigest(missing), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  const dir = tempDir();
  await assert.rejects(readAndDigest(dir), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
  // The worker is still there for the next file.
  const ok = path.join(dir, 'a.txt');
  fs.writeFileSync(ok, 'abc');
  assert.equal((await readAndDigest(ok)).digests.sha256, crypto.createHash('sha256').update('abc').digest('hex'));
});
