import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateBag, writeBag } from '../../../native/bag/index.js';
import { tempDir } from '../../harness/temp.js';
import { describe } from './helpers.js';

/** Manifest lines → decoded path → digest (only the encodings the writer produces). */
function readManifest(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]+) {2}(.+)$/.exec(line);
    assert.ok(m, `manifest line "${line}" is "digest  path"`);
    out.set(m[2]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'), m[1]!);
  }
  return out;
}

function commandDigest(cmd: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  const m = pattern.exec(r.stdout);
  assert.ok(m, `${cmd} output: ${r.stdout}`);
  return m[1]!;
}

test('a bag written by the writer validates; its SM3 entries equal openssl dgst -sm3 and its SHA-256 entries equal sha256sum', async (t) => {
  const openssl = spawnSync('openssl', ['dgst', '-sm3'], { input: '', encoding: 'utf8' });
  if (openssl.error || openssl.status !== 0) {
    t.skip(`openssl with SM3 is not available here (${openssl.error?.message ?? openssl.stderr.trim()}): cannot compare SM3 with an independent tool`);
    return;
  }
  const dir = tempDir();
  const sourceFile = path.join(dir, '源文件 1.tif');
  fs.writeFileSync(sourceFile, crypto.randomBytes(3_000_001));
  const bag = path.join(dir, '移交包', '2024-永久-001');
  const written = await writeBag(bag, [
    { path: '文书/2024/0001 请示.pdf', source: sourceFile },
    { path: 'empty.txt', source: Buffer.alloc(0) },
    { path: 'percent 100%.txt', source: Buffer.from('百分之百') },
    { path: 'a/b/c/deep.bin', source: crypto.randomBytes(70_000) },
  ], {
    info: { sourceOrganization: '兰台市档案馆', externalIdentifier: 'YJ-2024-001', bagCount: { index: 1, total: 3 }, extra: [['Contact-Name', '王五'], ['Internal-Sender-Description', '文书档案 2024 年度移交']] },
    tagFiles: [{ path: 'signature/manifest-sm3.sig', content: Buffer.from([1, 2, 3]) }],
  });

  const r = await validateBag(bag);
  assert.ok(r.valid, describe(r));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.version, '1.0');
  assert.deepEqual(r.payload, { files: 4, octets: 3_000_001 + 0 + Buffer.byteLength('百分之百') + 70_000 });

  const sha = readManifest(path.join(bag, 'manifest-sha256.txt'));
  const sm3 = readManifest(path.join(bag, 'manifest-sm3.txt'));
  assert.deepEqual([...sha.keys()], written.payload.map((f) => f.path));
  assert.deepEqual([...sm3.keys()], written.payload.map((f) => f.path));
  for (const rel of sha.keys()) {
    const file = path.join(bag, rel);
    assert.equal(sha.get(rel), commandDigest('sha256sum', [file], /^\\?([0-9a-f]{64}) /), `${rel}: SHA-256 vs sha256sum`);
    assert.equal(sm3.get(rel), commandDigest('openssl', ['dgst', '-sm3', file], /= ([0-9a-f]{64})\s*$/), `${rel}: SM3 vs openssl`);
  }
  // Tag manifests cover every tag file, the extra one included, and agree with the tools too.
  const tagSm3 = readManifest(path.join(bag, 'tagmanifest-sm3.txt'));
  assert.deepEqual([...tagSm3.keys()].sort(), ['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'manifest-sm3.txt', 'signature/manifest-sm3.sig']);
  for (const [rel, digest] of tagSm3) assert.equal(digest, commandDigest('openssl', ['dgst', '-sm3', path.join(bag, rel)], /= ([0-9a-f]{64})\s*$/), rel);
  const tagSha = readManifest(path.join(bag, 'tagmanifest-sha256.txt'));
  for (const [rel, digest] of tagSha) assert.equal(digest, commandDigest('sha256sum', [path.join(bag, rel)], /^([0-9a-f]{64}) /), rel);

  assert.equal(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8').split('\n');
  assert.deepEqual(info.map((l) => l.split(':')[0]), ['Source-Organization', 'Bagging-Date', 'Payload-Oxum', 'Bag-Size', 'Bag-Count', 'External-Identifier', 'Contact-Name', 'Internal-Sender-Description', '']);
  assert.equal(info[0], 'Source-Organization: 兰台市档案馆');
  assert.match(info[1]!, /^Bagging-Date: \d{4}-\d{2}-\d{2}$/);
  assert.equal(info[2], `Payload-Oxum: ${r.payload!.octets}.4`);
  assert.equal(info[4], 'Bag-Count: 1 of 3');
  assert.equal(info[7], 'Internal-Sender-Description: 文书档案 2024 年度移交');
});

test('names with CR, LF and % are percent-encoded in the manifests and still validate', async () => {
  const bag = path.join(tempDir(), 'bag');
  await writeBag(bag, [
    { path: 'line\nbreak.txt', source: Buffer.from('a') },
    { path: 'carriage\rreturn.txt', source: Buffer.from('b') },
    { path: '50%25 literal.txt', source: Buffer.from('c') },
  ]);
  const text = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
  assert.match(text, / {2}data\/line%0Abreak\.txt\n/);
  assert.match(text, / {2}data\/carriage%0Dreturn\.txt\n/);
  assert.match(text, / {2}data\/50%2525 literal\.txt\n/);
  assert.equal(text.split('\n').length, 4, 'one line per file: no raw line break inside a path');
  assert.ok(fs.existsSync(path.join(bag, 'data', 'line\nbreak.txt')));
  const r = await validateBag(bag);
  assert.ok(r.valid, describe(r));
});

test('progress reports files and bytes up to the totals', async () => {
  const events: Array<{ done: number; total: number; bytesDone: number; bytesTotal: number }> = [];
  const bag = path.join(tempDir(), 'bag');
  await writeBag(bag, [{ path: 'a', source: Buffer.alloc(10) }, { path: 'b', source: Buffer.alloc(20) }], { onProgress: (p) => events.push({ ...p }) });
  assert.ok(events.length >= 1);
  assert.deepEqual(events.at(-1), { done: 2, total: 2, bytesDone: 30, bytesTotal: 30 });
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.bytesDone >= events[i - 1]!.bytesDone);

  const stages: string[] = [];
  await validateBag(bag, { onProgress: (p) => stages.push(p.stage) });
  assert.ok(stages.includes('digests') && stages.includes('tag-manifests'), stages.join(','));
});
