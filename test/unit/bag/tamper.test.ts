import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { validateBag, writeBag, type BagProblem, type WrittenBag } from '../../../native/bag/index.js';
import { tempDir } from '../../harness/temp.js';
import { codes, describe } from './helpers.js';

// Made at the top level: a tempDir() inside before() would be removed as soon as that hook ends.
const work = tempDir();
let base: WrittenBag;

before(async () => {
  base = await writeBag(path.join(work, 'base'), [
    { path: '文书/0001.pdf', source: Buffer.from('%PDF-1.7 第一件 '.repeat(500)) },
    { path: '文书/0002.pdf', source: Buffer.from('%PDF-1.7 第二件 '.repeat(300)) },
    { path: 'photo one.jpg', source: Buffer.alloc(4096, 7) },
  ], { info: { sourceOrganization: '兰台市档案馆', externalIdentifier: 'X-1' }, tagFiles: [{ path: 'signature/bag.sig', content: 'signature bytes' }] });
  const r = await validateBag(base.path);
  assert.ok(r.valid, describe(r));
});

let copies = 0;
function copyOfBag(): string {
  const copy = path.join(work, `copy-${copies++}`);
  fs.cpSync(base.path, copy, { recursive: true });
  return copy;
}

function find(problems: readonly BagProblem[], code: string, where: string): BagProblem[] {
  return problems.filter((p) => p.code === code && 'path' in p && p.path === where);
}

test('flipping one byte of any payload file: DIGEST_MISMATCH naming the file, for SHA-256 and for SM3', async () => {
  for (const file of base.payload) {
    const bag = copyOfBag();
    const abs = path.join(bag, file.path);
    const bytes = fs.readFileSync(abs);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(abs, bytes);
    const r = await validateBag(bag);
    assert.equal(r.valid, false, file.path);
    assert.equal(r.stoppedAt, 'digests', describe(r));
    const found = find(r.problems, 'DIGEST_MISMATCH', file.path);
    assert.deepEqual(found.map((p) => p.code === 'DIGEST_MISMATCH' && p.algorithm).sort(), ['sha256', 'sm3'], describe(r));
    for (const p of found) {
      assert.ok(p.code === 'DIGEST_MISMATCH');
      assert.equal(p.expected, p.algorithm === 'sha256' ? file.sha256 : file.sm3);
      assert.notEqual(p.found, p.expected);
      assert.match(p.message.zh, /摘要不符/);
    }
    assert.equal(r.problems.length, 2, describe(r));
  }
});

/** An edit to each tag file that keeps it readable, and the file the tag manifests must then flag. */
const TAG_EDITS: Record<string, { edit: (text: string) => string; flagged: string }> = {
  'bagit.txt': { edit: (t) => t.replace(/\n/g, '\r\n'), flagged: 'bagit.txt' },
  'bag-info.txt': { edit: (t) => t.replace('X-1', 'X-2'), flagged: 'bag-info.txt' },
  // One space instead of two: the payload still verifies; only the tag manifests can tell.
  'manifest-sha256.txt': { edit: (t) => t.replace(/ {2}data\//g, ' data/'), flagged: 'manifest-sha256.txt' },
  'manifest-sm3.txt': { edit: (t) => t.replace(/ {2}data\//g, ' data/'), flagged: 'manifest-sm3.txt' },
  'signature/bag.sig': { edit: (t) => `${t}!`, flagged: 'signature/bag.sig' },
  // Editing a digest in a tag manifest makes that line disagree with the file it names.
  'tagmanifest-sha256.txt': { edit: (t) => (t[0] === '0' ? '1' : '0') + t.slice(1), flagged: 'bagit.txt' },
  'tagmanifest-sm3.txt': { edit: (t) => (t[0] === '0' ? '1' : '0') + t.slice(1), flagged: 'bagit.txt' },
};

test('editing any tag file: the tag-manifest stage reports DIGEST_MISMATCH for it', async () => {
  assert.deepEqual(Object.keys(TAG_EDITS).sort(), [...base.tagFiles].sort(), 'every tag file the writer made has an edit');
  for (const [tag, { edit, flagged }] of Object.entries(TAG_EDITS)) {
    const bag = copyOfBag();
    const abs = path.join(bag, tag);
    const before = fs.readFileSync(abs, 'utf8');
    fs.writeFileSync(abs, edit(before));
    assert.notEqual(fs.readFileSync(abs, 'utf8'), before, `${tag}: the edit changed something`);
    const r = await validateBag(bag);
    assert.equal(r.valid, false, `${tag}: ${describe(r)}`);
    assert.equal(r.stoppedAt, 'tag-manifests', `${tag}: ${describe(r)}`);
    const found = find(r.problems, 'DIGEST_MISMATCH', flagged);
    assert.ok(found.length >= 1, `${tag}: ${describe(r)}`);
    assert.ok(found.every((p) => p.stage === 'tag-manifests'));
  }
});

test('editing a payload digest in a manifest: the payload stage flags the file, the tag stage the manifest', async () => {
  const bag = copyOfBag();
  const manifest = path.join(bag, 'manifest-sm3.txt');
  const text = fs.readFileSync(manifest, 'utf8');
  fs.writeFileSync(manifest, (text[0] === 'a' ? 'b' : 'a') + text.slice(1));
  const r = await validateBag(bag, { stopAtFirstStage: false });
  assert.equal(find(r.problems, 'DIGEST_MISMATCH', base.payload[0]!.path).length, 1, describe(r));
  assert.equal(find(r.problems, 'DIGEST_MISMATCH', 'manifest-sm3.txt').length, 2, 'both tag manifests cover it');
});

test('removing a payload file: Payload-Oxum fails first; completeness names the file in both manifests', async () => {
  const bag = copyOfBag();
  const gone = base.payload[1]!;
  fs.rmSync(path.join(bag, gone.path));
  const r = await validateBag(bag);
  assert.deepEqual(codes(r.problems), ['PAYLOAD_OXUM_MISMATCH'], describe(r));
  assert.equal(r.stoppedAt, 'payload-oxum');
  assert.ok(r.skipped.includes('digests'));
  const all = await validateBag(bag, { stopAtFirstStage: false });
  assert.deepEqual(find(all.problems, 'FILE_MISSING', gone.path).map((p) => p.code === 'FILE_MISSING' && p.manifest).sort(), ['manifest-sha256.txt', 'manifest-sm3.txt']);

  // With a Payload-Oxum fixed to match, completeness alone still catches it.
  const info = path.join(bag, 'bag-info.txt');
  fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Payload-Oxum: .*/, `Payload-Oxum: ${base.oxum.octets - gone.size}.${base.oxum.count - 1}`));
  const fixed = await validateBag(bag);
  assert.equal(fixed.stoppedAt, 'completeness', describe(fixed));
  assert.equal(find(fixed.problems, 'FILE_MISSING', gone.path).length, 2);
});

test('adding a payload file: PAYLOAD_OXUM_MISMATCH, and FILE_NOT_IN_MANIFEST for each manifest', async () => {
  const bag = copyOfBag();
  fs.writeFileSync(path.join(bag, 'data', '文书', '夹带.txt'), 'not in the manifests');
  const r = await validateBag(bag);
  assert.deepEqual(codes(r.problems), ['PAYLOAD_OXUM_MISMATCH'], describe(r));
  const all = await validateBag(bag, { stopAtFirstStage: false });
  assert.deepEqual(find(all.problems, 'FILE_NOT_IN_MANIFEST', 'data/文书/夹带.txt').map((p) => p.code === 'FILE_NOT_IN_MANIFEST' && p.manifest).sort(), ['manifest-sha256.txt', 'manifest-sm3.txt']);
});

test('changing Payload-Oxum: PAYLOAD_OXUM_MISMATCH with expected and found, before any hashing', async () => {
  const bag = copyOfBag();
  const info = path.join(bag, 'bag-info.txt');
  fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Payload-Oxum: .*/, `Payload-Oxum: ${base.oxum.octets + 1}.${base.oxum.count}`));
  const stages: string[] = [];
  const r = await validateBag(bag, { onProgress: (p) => stages.push(p.stage) });
  assert.deepEqual(codes(r.problems), ['PAYLOAD_OXUM_MISMATCH']);
  const p = r.problems[0]!;
  assert.ok(p.code === 'PAYLOAD_OXUM_MISMATCH');
  assert.equal(p.expected, `${base.oxum.octets + 1}.${base.oxum.count}`);
  assert.equal(p.found, `${base.oxum.octets}.${base.oxum.count}`);
  assert.ok(!stages.includes('digests'), 'nothing was hashed');

  fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Payload-Oxum: .*/, 'Payload-Oxum: lots'));
  assert.deepEqual(codes((await validateBag(bag)).problems), ['PAYLOAD_OXUM_INVALID']);
});
