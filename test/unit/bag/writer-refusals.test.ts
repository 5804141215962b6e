import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { writeBag } from '../../../native/bag/index.js';
import { VaultError } from '../../../native/errors.js';
import { digestBuffer } from '../../../native/hash/digests.js';
import { tempDir } from '../../harness/temp.js';

/** Asserts writeBag refuses with `code`, naming `entry` in the details and in both languages. */
async function refuses(run: () => Promise<unknown>, code: string, entry: string): Promise<VaultError> {
  let caught: unknown;
  await run().catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof VaultError, `expected a VaultError for "${entry}", got ${String(caught)}`);
  assert.equal(caught.code, code, `"${entry}": ${caught.message}`);
  const named = Object.values(caught.details).includes(entry);
  assert.ok(named, `"${entry}" is in the details: ${JSON.stringify(caught.details)}`);
  assert.ok(caught.text.zh.includes(entry) && caught.text.en.includes(entry), `message names "${entry}": ${JSON.stringify(caught.text)}`);
  assert.match(caught.text.zh, /[\u4e00-\u9fff]/, 'the Chinese message is Chinese');
  return caught;
}

function nothingWritten(parent: string): void {
  assert.deepEqual(fs.existsSync(parent) ? fs.readdirSync(parent) : [], [], 'no bag and no partial folder left');
}

const UNSAFE = ['../escape.txt', 'a/../../b.txt', '/etc/passwd', 'a\\b.txt', '..\\x', 'C:/Windows/x.txt', 'c:x.txt', 'a//b.txt', 'a/', '', './a.txt', 'a/./b', '~/x', '..'];

test('payload paths that are absolute, traverse, use backslashes or drive letters, or have empty segments are refused', async () => {
  const parent = path.join(tempDir(), 'out');
  for (const p of UNSAFE) {
    const e = await refuses(() => writeBag(path.join(parent, 'bag'), [{ path: 'ok.txt', source: Buffer.from('x') }, { path: p, source: Buffer.from('y') }]), 'BAG_ENTRY_INVALID', p);
    assert.equal(e.details['path'], p);
  }
  nothingWritten(parent);
});

test('names equal after case folding or Unicode normalization are refused, naming both entries', async () => {
  const parent = path.join(tempDir(), 'out');
  const nfc = '档案/Café.txt'.normalize('NFC');
  const nfd = '档案/Café.txt'.normalize('NFD');
  assert.notEqual(nfc, nfd);
  const cases: Array<[string, string]> = [
    ['Report.PDF', 'report.pdf'],
    [nfc, nfd],
    ['dir/STRASSE.txt', 'dir/straße.txt'],
    ['same.txt', 'same.txt'],
    ['Dir/a.txt', 'dir/A.TXT'],
  ];
  for (const [first, second] of cases) {
    const e = await refuses(() => writeBag(path.join(parent, 'bag'), [{ path: first, source: Buffer.from('1') }, { path: second, source: Buffer.from('2') }]), 'BAG_ENTRY_COLLISION', second);
    assert.equal(e.details['other'], first);
  }
  // A file where another entry needs a folder.
  await refuses(() => writeBag(path.join(parent, 'bag'), [{ path: 'a', source: Buffer.from('1') }, { path: 'A/b.txt', source: Buffer.from('2') }]), 'BAG_ENTRY_COLLISION', 'A/b.txt');
  nothingWritten(parent);
});

test('tag files inside data/, named like generated files, or unsafe are refused; so are bad bag-info labels', async () => {
  const parent = path.join(tempDir(), 'out');
  const payload = [{ path: 'x.txt', source: Buffer.from('x') }];
  for (const p of ['data/sig.p7s', 'DATA/sig.p7s', 'bagit.txt', 'manifest-sha256.txt', 'tagmanifest-md5.txt', 'bag-info.txt', 'fetch.txt', '../sig', '/abs']) {
    await refuses(() => writeBag(path.join(parent, 'bag'), payload, { tagFiles: [{ path: p, content: 's' }] }), 'BAG_TAG_FILE_INVALID', p);
  }
  for (const [label, value] of [['Payload-Oxum', '1.1'], ['Bad Label', 'v'], ['Colon:Label', 'v'], ['Note', 'two\nlines']] as const) {
    await refuses(() => writeBag(path.join(parent, 'bag'), payload, { info: { extra: [[label, value]] } }), 'BAG_INFO_INVALID', label);
  }
  await refuses(() => writeBag(path.join(parent, 'bag'), payload, { info: { extra: [['Bag-Group-Identifier', 'a'], ['bag-group-identifier', 'b']] } }), 'BAG_INFO_INVALID', 'bag-group-identifier');
  nothingWritten(parent);
});

test('an existing target is never overwritten, and an unreadable source names its entry', async () => {
  const dir = tempDir();
  const target = path.join(dir, 'bag');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
  await refuses(() => writeBag(target, [{ path: 'x.txt', source: Buffer.from('x') }]), 'BAG_TARGET_EXISTS', target);
  assert.deepEqual(fs.readdirSync(target), ['keep.txt']);
  const parent = path.join(dir, 'out');
  await refuses(() => writeBag(path.join(parent, 'bag'), [{ path: '缺失.pdf', source: path.join(dir, 'no-such-file.pdf') }]), 'BAG_SOURCE_UNREADABLE', '缺失.pdf');
  assert.ok(!fs.existsSync(path.join(parent, 'bag')));
});

test('a source whose bytes no longer match their recorded SHA-256 is refused by name; matching ones get the recorded SM3, equal to the bytes', async () => {
  const dir = tempDir();
  const good = path.join(dir, 'good.jpg');
  const bad = path.join(dir, 'bad.jpg');
  fs.writeFileSync(good, Buffer.from('scan bytes as ingested'));
  fs.writeFileSync(bad, Buffer.from('scan bytes as ingested'));
  const recorded = digestBuffer(fs.readFileSync(good));
  fs.appendFileSync(bad, 'X'); // damaged after its digests were recorded
  const parent = path.join(dir, 'out');
  const known = { sha256: recorded.sha256, sm3: recorded.sm3 };
  const statSize = fs.statSync(bad).size;
  assert.equal(statSize, recorded.size + 1);
  await refuses(() => writeBag(path.join(parent, 'bag'), [{ path: 'a/good.jpg', source: good, known }, { path: 'a/bad.jpg', source: bad, known }]), 'BAG_SOURCE_DIGEST_MISMATCH', 'a/bad.jpg');
  nothingWritten(parent);

  const bag = await writeBag(path.join(parent, 'bag'), [{ path: 'a/good.jpg', source: good, known }]);
  const listed = fs.readFileSync(path.join(bag.path, 'manifest-sm3.txt'), 'utf8');
  assert.ok(listed.includes(`${digestBuffer(fs.readFileSync(path.join(bag.path, 'data', 'a', 'good.jpg'))).sm3}  data/a/good.jpg`), listed);
});
