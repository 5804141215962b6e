/**
 * The package's ZIP writer against Info-ZIP's `unzip` (a reader nobody here wrote) and our own
 * safe extractor: names in UTF-8, empty and multi-chunk files, the CRC patched into each local
 * header, and the ZIP64 records (forced from byte 0, since a real 4 GiB entry is too slow here).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { extractZipSafely } from '../../../native/package/zip-read.js';
import { zipFolder } from '../../../native/package/zip-write.js';
import { tempDir } from '../../harness/temp.js';

function makeFolder(): { dir: string; files: Map<string, Buffer> } {
  const dir = path.join(tempDir(), 'bag');
  const files = new Map<string, Buffer>([
    ['bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
    ['data/电子档案/2016/文书/Z109-WS·2016-Y-BGS-0001-0001.jpg', crypto.randomBytes(9 * 1024 * 1024 + 17)],
    ['data/其他/空文件.txt', Buffer.alloc(0)],
    ['signature/manifest.p7s', crypto.randomBytes(1234)],
  ]);
  for (const [rel, bytes] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  return { dir, files };
}

for (const zip64 of [false, true]) {
  test(`a zipped package folder${zip64 ? ' with ZIP64 records' : ''} passes unzip -t and extracts byte for byte`, async () => {
    const { dir, files } = makeFolder();
    const target = path.join(path.dirname(dir), 'p.zip');
    const bytes = await zipFolder(dir, [...files.keys()], 'YJ2026-001', target, new Date(2026, 11, 5, 10, 30, 20), undefined, zip64 ? { zip64From: 0 } : {});
    assert.equal(bytes, fs.statSync(target).size);
    const tested = execFileSync('unzip', ['-t', target], { encoding: 'utf8' });
    assert.match(tested, /No errors detected/);
    const listed = execFileSync('unzip', ['-Z1', target], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(listed, [...files.keys()].map((k) => `YJ2026-001/${k}`), 'names in order, UTF-8');
    const verbose = execFileSync('unzip', ['-Zv', target], { encoding: 'utf8' });
    assert.match(verbose, /compression method:\s+none \(stored\)/);
    assert.match(verbose, /file last modified on \(DOS date\/time\):\s+2026 Dec 5 10:30:20/);
    const out = path.join(path.dirname(dir), 'x');
    fs.mkdirSync(out);
    await extractZipSafely(target, out);
    for (const [rel, content] of files) {
      const back = fs.readFileSync(path.join(out, 'YJ2026-001', ...rel.split('/')));
      assert.ok(back.equals(content), `${rel} comes back byte for byte`);
    }
    // Each local header carries the CRC-32 of its data (no data descriptors: flag bit 3 clear).
    const zip = fs.readFileSync(target);
    const first = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    assert.equal(first, 0);
    assert.equal(zip.readUInt16LE(6) & 0x0008, 0);
    assert.equal(zip.readUInt32LE(14), zlib.crc32(files.get('bagit.txt')!) >>> 0);
    assert.equal(zip.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])) > 0, zip64, 'ZIP64 end record only when needed');
  });
}

test('a cancelled zip stops with the signal', async () => {
  const { dir, files } = makeFolder();
  const ac = new AbortController();
  ac.abort(new Error('stop'));
  await assert.rejects(zipFolder(dir, [...files.keys()], 'T', path.join(path.dirname(dir), 'c.zip'), new Date(), ac.signal), /stop/);
});
