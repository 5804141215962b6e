/**
 * Hostile ZIPs: each is refused with a message naming the entry, and nothing is ever written
 * outside the target folder (a canary file beside it stays alone, no new file appears there).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isVaultError } from '../../../native/errors.js';
import { extractZipSafely } from '../../../native/package/index.js';
import { tempDir } from '../../harness/temp.js';
import { buildZip, type RawEntry } from './zip-builder.js';

const root = tempDir();
let n = 0;

async function refused(entries: RawEntry[] | Buffer, code: string, entryName?: string, limits?: { maxEntries: number; maxTotalBytes: number; maxRatio: number }): Promise<void> {
  const case_ = path.join(root, `case-${++n}`);
  fs.mkdirSync(case_);
  const zip = path.join(case_, 'x.zip');
  fs.writeFileSync(zip, Buffer.isBuffer(entries) ? entries : buildZip(entries));
  const target = path.join(case_, 'out');
  fs.mkdirSync(target);
  const before = fs.readdirSync(case_).sort();
  await assert.rejects(extractZipSafely(zip, target, limits), (e: unknown) => {
    assert.ok(isVaultError(e), String(e));
    assert.equal(e.code, code, `${e.code}: ${e.text.en}`);
    if (entryName !== undefined) assert.ok(e.text.en.includes(entryName) && e.text.zh.includes(entryName), e.text.en);
    return true;
  });
  assert.deepEqual(fs.readdirSync(case_).sort(), before, 'nothing written beside the target');
  assert.equal(fs.existsSync(path.join(root, 'evil.txt')), false);
}

const ok = (name: string, text = 'x'): RawEntry => ({ name, data: Buffer.from(text) });

test('a well-formed zip is extracted (stored and deflated, Chinese names)', async () => {
  const zip = path.join(root, 'good.zip');
  fs.writeFileSync(zip, buildZip([{ name: '包/' }, ok('包/说明文件.TXT', '说明'), { name: '包/data/a.txt', data: Buffer.alloc(5000, 65), deflate: true }]));
  const out = path.join(root, 'good');
  fs.mkdirSync(out);
  assert.equal(await extractZipSafely(zip, out), 3);
  assert.equal(fs.readFileSync(path.join(out, '包', '说明文件.TXT'), 'utf8'), '说明');
  assert.equal(fs.readFileSync(path.join(out, '包', 'data', 'a.txt')).length, 5000);
});

test('path traversal, absolute paths, drive letters and backslashes are refused naming the entry', async () => {
  await refused([ok('pkg/ok.txt'), ok('../evil.txt')], 'PACKAGE_ZIP_UNSAFE', '../evil.txt');
  await refused([ok('pkg/../../evil.txt')], 'PACKAGE_ZIP_UNSAFE', 'pkg/../../evil.txt');
  await refused([ok('/tmp/evil.txt')], 'PACKAGE_ZIP_UNSAFE', '/tmp/evil.txt');
  await refused([ok('C:/evil.txt')], 'PACKAGE_ZIP_UNSAFE', 'C:/evil.txt');
  await refused([ok('pkg\\..\\evil.txt')], 'PACKAGE_ZIP_UNSAFE', 'evil.txt');
});

test('symlinks, duplicates, case and Unicode-form collisions, encryption are refused', async () => {
  await refused([{ name: 'pkg/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }], 'PACKAGE_ZIP_UNSAFE', 'pkg/link');
  await refused([ok('pkg/a.txt'), ok('pkg/a.txt')], 'PACKAGE_ZIP_UNSAFE', 'pkg/a.txt');
  await refused([ok('pkg/Readme.txt'), ok('pkg/README.TXT')], 'PACKAGE_ZIP_UNSAFE', 'pkg/README.TXT');
  await refused([ok('pkg/caf\u00e9.txt'), ok('pkg/cafe\u0301.txt')], 'PACKAGE_ZIP_UNSAFE', 'cafe');
  await refused([{ ...ok('pkg/secret.txt'), flags: 0x0001 }], 'PACKAGE_ZIP_UNSAFE', 'pkg/secret.txt');
});

test('zip bombs: ratio, total size, declared-size lies and overlapping entries', async () => {
  await refused([{ name: 'pkg/bomb.bin', data: Buffer.alloc(8 << 20), deflate: true }], 'PACKAGE_ZIP_LIMIT', 'pkg/bomb.bin');
  await refused([ok('pkg/a.bin', 'x'.repeat(600)), ok('pkg/b.bin', 'y'.repeat(600))], 'PACKAGE_ZIP_LIMIT', 'pkg/b.bin', { maxEntries: 10, maxTotalBytes: 1000, maxRatio: 200 });
  await refused([ok('pkg/a'), ok('pkg/b'), ok('pkg/c')], 'PACKAGE_ZIP_LIMIT', undefined, { maxEntries: 2, maxTotalBytes: 1e9, maxRatio: 200 });
  // Deflated data that inflates to more than declared: stopped while streaming.
  await refused([{ name: 'pkg/liar.bin', data: Buffer.alloc(100_000), deflate: true, declaredSize: 10 }], 'PACKAGE_ZIP_LIMIT', 'pkg/liar.bin');
  await refused([{ name: 'pkg/one.bin', data: Buffer.alloc(1000, 1) }, { name: 'pkg/two.bin', data: Buffer.alloc(1000, 1), sameOffsetAs: 0 }], 'PACKAGE_ZIP_UNSAFE', 'pkg/');
});

test('truncated and corrupt archives are refused', async () => {
  const good = buildZip([ok('pkg/a.txt', 'hello'), ok('pkg/b.txt', 'world')]);
  await refused(good.subarray(0, good.length - 30), 'PACKAGE_ZIP_CORRUPT');
  await refused(good.subarray(0, 40), 'PACKAGE_ZIP_CORRUPT');
  await refused(Buffer.from('not a zip at all'), 'PACKAGE_ZIP_CORRUPT');
  const flipped = Buffer.from(good);
  flipped[31 + 'pkg/a.txt'.length] = flipped[31 + 'pkg/a.txt'.length]! ^ 0xff; // a data byte of the first entry
  await refused(flipped, 'PACKAGE_ZIP_CORRUPT', 'pkg/a.txt');
});
