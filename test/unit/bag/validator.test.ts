import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateBag, writeBag } from '../../../native/bag/index.js';
import { VaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';
import { codes, describe, handBag } from './helpers.js';

const FILES = { 'a.txt': 'alpha', 'dir/with space.txt': '带空格的名字', 'dir/sub/z.bin': Buffer.from([0, 1, 2, 255]) };

test('CRLF, LF and CR line endings are all read', async () => {
  for (const eol of ['\r\n', '\n', '\r']) {
    const r = await validateBag(handBag(path.join(tempDir(), 'bag'), FILES, { eol, bagInfo: `Payload-Oxum: 27.3${eol}Contact-Name: x${eol}` }));
    assert.ok(r.valid, `${JSON.stringify(eol)}: ${describe(r)}`);
    assert.deepEqual(r.warnings, []);
  }
});

test('a UTF-8 BOM: refused in bagit.txt, tolerated with a warning in a manifest', async () => {
  const withBom = await validateBag(handBag(path.join(tempDir(), 'bag'), FILES, { manifestPrefix: Buffer.from([0xef, 0xbb, 0xbf]) }));
  assert.ok(withBom.valid, describe(withBom));
  assert.deepEqual(codes(withBom.warnings), ['TAG_FILE_BOM']);

  const dir = handBag(path.join(tempDir(), 'bag'), FILES);
  fs.writeFileSync(path.join(dir, 'bagit.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(dir, 'bagit.txt'))]));
  assert.deepEqual(codes((await validateBag(dir)).problems), ['BAGIT_TXT_BOM']);
});

test('percent-encoded paths: %25, %0A and %0D decoded in BagIt 1.0, a literal % kept in 0.97', async () => {
  const v1 = handBag(path.join(tempDir(), 'bag'), { '100%.txt': 'x', 'two\nlines.txt': 'y' }, { listedAs: { '100%.txt': '100%25.txt', 'two\nlines.txt': 'two%0alines.txt' } });
  assert.ok((await validateBag(v1)).valid);
  const v097 = handBag(path.join(tempDir(), 'bag'), { '100%.txt': 'x', '%7Etilde.txt': 'y' }, { version: '0.97' });
  const r = await validateBag(v097);
  assert.ok(r.valid, describe(r));
});

test('manifest names: ./ prefix and md5sum * warn; SHA256 / sha-512 spellings and md5, sha1, sha512, sm3 are read; unknown ones warn', async () => {
  const dir = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' });
  const manifest = path.join(dir, 'manifest-sha256.txt');
  fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('  data/', '  ./data/'));
  const r = await validateBag(dir);
  assert.ok(r.valid, describe(r));
  assert.deepEqual(codes(r.warnings), ['MANIFEST_DOT_SLASH']);
  fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('  ./data/', ' *data/'));
  const star = await validateBag(dir);
  assert.ok(star.valid, describe(star));
  assert.deepEqual(codes(star.warnings), ['MANIFEST_BINARY_MARKER']);

  for (const [algorithm, name] of [['md5', 'manifest-md5.txt'], ['sha1', 'manifest-sha1.txt'], ['sha512', 'manifest-sha-512.txt'], ['sm3', 'manifest-sm3.txt'], ['sha256', 'manifest-SHA256.txt']] as const) {
    const bag = handBag(path.join(tempDir(), 'bag'), FILES, { algorithm, manifestName: name });
    const ok = await validateBag(bag);
    assert.ok(ok.valid, `${name}: ${describe(ok)}`);
    // And the digests really are compared under that algorithm.
    fs.appendFileSync(path.join(bag, 'data', 'a.txt'), '!');
    const bad = await validateBag(bag, { stopAtFirstStage: false });
    assert.ok(bad.problems.some((p) => p.code === 'DIGEST_MISMATCH' && p.algorithm === algorithm), `${name}: ${describe(bad)}`);
  }

  const unknown = handBag(path.join(tempDir(), 'bag'), FILES, { manifestName: 'manifest-whirlpool.txt' });
  const u = await validateBag(unknown);
  assert.deepEqual(codes(u.warnings), ['ALGORITHM_UNSUPPORTED']);
  assert.deepEqual(codes(u.problems), ['NO_MANIFEST']);
});

test('paths escaping the bag are problems, and nothing outside the bag is read', async () => {
  const outside = path.join(tempDir(), 'outside.txt');
  fs.writeFileSync(outside, 'Payload-Oxum: 999.9\n');
  const digest = crypto.createHash('sha256').update(fs.readFileSync(outside)).digest('hex');
  for (const listed of ['../outside.txt', '/etc/passwd', 'data/../../outside.txt', 'data\\..\\..\\x', 'C:\\x', '~/x']) {
    const dir = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' }, { extraManifestLines: [`${digest}  ${listed}`] });
    const r = await validateBag(dir);
    assert.deepEqual(codes(r.problems), ['PATH_OUTSIDE_BAG'], `${listed}: ${describe(r)}`);
    assert.equal(r.stoppedAt, 'structure');
  }
  // A link in the payload is reported, not followed.
  const linked = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' });
  fs.symlinkSync(outside, path.join(linked, 'data', 'link.txt'));
  const l = await validateBag(linked, { stopAtFirstStage: false });
  assert.ok(l.problems.some((p) => p.code === 'SYMLINK_IN_BAG' && p.path === 'data/link.txt'), describe(l));
  assert.equal(l.payload?.files, 1, 'the link is not counted as a payload file');
  // A tag file that is a link to a file outside: reported, its content (an Oxum) never used.
  const tagLink = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' });
  fs.symlinkSync(outside, path.join(tagLink, 'bag-info.txt'));
  const t = await validateBag(tagLink, { stopAtFirstStage: false });
  assert.deepEqual(codes(t.problems), ['SYMLINK_IN_BAG'], describe(t));
  // data/ itself a link.
  const dataLink = path.join(tempDir(), 'bag');
  fs.mkdirSync(dataLink);
  fs.writeFileSync(path.join(dataLink, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  fs.writeFileSync(path.join(dataLink, 'manifest-sha256.txt'), '');
  fs.symlinkSync(path.dirname(outside), path.join(dataLink, 'data'));
  assert.deepEqual(codes((await validateBag(dataLink)).problems), ['SYMLINK_IN_BAG']);
  // A payload file hard-linked to a file outside the bag: same bytes today, but tied to a name the bag does not own.
  const hard = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a', 'b.txt': 'b' });
  fs.linkSync(path.join(hard, 'data', 'b.txt'), path.join(path.dirname(hard), 'b-elsewhere.txt'));
  const h = await validateBag(hard, { stopAtFirstStage: false });
  assert.deepEqual(codes(h.problems), ['HARD_LINK_IN_BAG'], describe(h));
  assert.ok(h.problems.some((p) => p.code === 'HARD_LINK_IN_BAG' && p.path === 'data/b.txt'), describe(h));
});

test('a name stored in another Unicode normalization form validates with a warning, and its digest is still checked', async () => {
  const nfc = 'Núñez 档案.txt'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  const dir = handBag(path.join(tempDir(), 'bag'), { [nfd]: 'content' }, { listedAs: { [nfd]: nfc } });
  assert.deepEqual(fs.readdirSync(path.join(dir, 'data')), [nfd], 'the disk has the NFD name (as after a trip through macOS)');
  const r = await validateBag(dir);
  assert.ok(r.valid, describe(r));
  assert.deepEqual(codes(r.warnings), ['NAME_NORMALIZATION']);
  fs.writeFileSync(path.join(dir, 'data', nfd), 'changed');
  const bad = await validateBag(dir);
  assert.deepEqual(codes(bad.problems), ['DIGEST_MISMATCH']);
});

test('fetch.txt: a listed file that is not here makes the bag incomplete (the vault never fetches); present ones only warn', async () => {
  const dir = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' }, { extraManifestLines: [`${'0'.repeat(64)}  data/remote.tif`] });
  fs.writeFileSync(path.join(dir, 'fetch.txt'), 'https://example.org/remote.tif 1234 data/remote.tif\nhttps://example.org/a.txt - data/a.txt\n');
  const r = await validateBag(dir);
  assert.deepEqual(codes(r.problems), ['FETCH_NOT_SUPPORTED'], describe(r));
  const p = r.problems[0]!;
  assert.ok(p.code === 'FETCH_NOT_SUPPORTED' && p.path === 'data/remote.tif' && p.url === 'https://example.org/remote.tif');

  const present = handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' });
  fs.writeFileSync(path.join(present, 'fetch.txt'), 'https://example.org/a.txt 1 data/a.txt\n');
  const ok = await validateBag(present);
  assert.ok(ok.valid, describe(ok));
  assert.deepEqual(codes(ok.warnings), ['FETCH_IGNORED']);
});

test('bag-info: continuation lines, case-insensitive labels, a lower-case payload-oxum is still checked', async () => {
  const dir = handBag(path.join(tempDir(), 'bag'), FILES, { bagInfo: 'External-Description: first part\n   second part\npayload-oxum: 1.1\n' });
  const r = await validateBag(dir);
  assert.deepEqual(codes(r.problems), ['PAYLOAD_OXUM_MISMATCH']);
  const bad = handBag(path.join(tempDir(), 'bag'), FILES, { bagInfo: '  starts indented\nno colon here\n' });
  assert.deepEqual(codes((await validateBag(bad)).problems), ['BAG_INFO_LINE_INVALID', 'BAG_INFO_LINE_INVALID']);
});

test('the same file listed twice: a problem in BagIt 1.0, a warning in 0.97; conflicting digests always a problem', async () => {
  const line = `${crypto.createHash('sha256').update('a').digest('hex')}  data/a.txt`;
  const v1 = await validateBag(handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' }, { extraManifestLines: [line] }));
  assert.deepEqual(codes(v1.problems), ['DUPLICATE_ENTRY']);
  const v097 = await validateBag(handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' }, { version: '0.97', extraManifestLines: [line] }));
  assert.ok(v097.valid, describe(v097));
  assert.deepEqual(codes(v097.warnings), ['DUPLICATE_ENTRY']);
  const conflict = await validateBag(handBag(path.join(tempDir(), 'bag'), { 'a.txt': 'a' }, { version: '0.97', extraManifestLines: [`${'f'.repeat(64)}  data/a.txt`] }));
  assert.equal(codes(conflict.problems)[0], 'DUPLICATE_ENTRY');
});

test('fast stops after Payload-Oxum without hashing; a missing folder and an unknown version are reported', async () => {
  const dir = handBag(path.join(tempDir(), 'bag'), FILES, { bagInfo: 'Payload-Oxum: 27.3\n' });
  fs.writeFileSync(path.join(dir, 'data', 'a.txt'), 'ALPHA'); // same size, different bytes
  const fast = await validateBag(dir, { fast: true });
  assert.ok(fast.valid, describe(fast));
  assert.equal(fast.checked, 'fast');
  assert.deepEqual(fast.skipped, ['completeness', 'digests', 'tag-manifests']);
  assert.deepEqual(codes((await validateBag(dir)).problems), ['DIGEST_MISMATCH']);

  assert.deepEqual(codes((await validateBag(path.join(tempDir(), 'nope'))).problems), ['BAG_NOT_FOUND']);
  fs.writeFileSync(path.join(dir, 'bagit.txt'), 'BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n');
  assert.deepEqual(codes((await validateBag(dir)).problems), ['UNSUPPORTED_VERSION']);
  fs.rmSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  assert.ok(codes((await validateBag(dir)).problems).includes('PAYLOAD_DIR_MISSING'));
});

test('validation can be cancelled, also in the middle of hashing', async () => {
  const dir = tempDir();
  const bag = path.join(dir, 'bag');
  await writeBag(bag, Array.from({ length: 6 }, (_, i) => ({ path: `f${i}.bin`, source: crypto.randomBytes(8 << 20) })));
  const already = new AbortController();
  already.abort();
  await assert.rejects(validateBag(bag, { signal: already.signal }), (e: unknown) => e instanceof VaultError && e.code === 'BAG_VALIDATION_CANCELLED');

  const controller = new AbortController();
  let abortedInStage = '';
  await assert.rejects(
    validateBag(bag, {
      signal: controller.signal,
      onProgress: (p) => {
        if (!abortedInStage && p.stage === 'digests' && p.bytesDone > 0) {
          abortedInStage = p.stage;
          controller.abort();
        }
      },
    }),
    (e: unknown) => e instanceof VaultError && e.code === 'BAG_VALIDATION_CANCELLED',
  );
  assert.equal(abortedInStage, 'digests', 'the abort happened while hashing');
});
