import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generateDataKey } from '../../../native/crypto/data-key.js';
import { DEFAULT_CHUNK_BYTES, HEADER_BYTES, decryptFile, decryptStream, encryptFile, encryptStream, parseCipherHeader } from '../../../native/crypto/file-cipher.js';
import { isVaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';

const hasCode = (...codes: string[]) => (e: unknown) => isVaultError(e) && codes.includes(e.code);
const RECORD = 4 + DEFAULT_CHUNK_BYTES + 16;
const key = generateDataKey();

/** Writes size pseudo-random bytes in 1 MiB pieces (flat memory). */
function writeRandom(file: string, size: number): void {
  const fd = fs.openSync(file, 'w');
  const block = crypto.randomBytes(1 << 20);
  for (let done = 0; done < size; done += block.length) {
    block.writeUInt32BE(done >>> 0, 0); // every MiB differs, so a swapped chunk could not decrypt "right" by luck
    fs.writeSync(fd, block, 0, Math.min(block.length, size - done));
  }
  fs.closeSync(fd);
}

async function sameDigest(a: string, b: string): Promise<boolean> {
  const digest = async (f: string) => {
    const h = crypto.createHash('sha256');
    for await (const c of fs.createReadStream(f)) h.update(c as Buffer);
    return h.digest('hex');
  };
  return (await digest(a)) === (await digest(b));
}

test('a multi-chunk file round-trips; throughput compared with raw AES-GCM', async () => {
  const dir = tempDir();
  const plain = path.join(dir, '备份 plain.bin');
  const enc = path.join(dir, '备份.lte');
  const dec = path.join(dir, '备份 restored.bin');
  const size = 40 * 2 ** 20 + 12345;
  writeRandom(plain, size);

  let t = performance.now();
  const e = await encryptFile(plain, enc, key);
  const encMs = performance.now() - t;
  assert.equal(e.bytesIn, size);
  assert.equal(e.chunks, 41);
  assert.equal(fs.statSync(enc).size, HEADER_BYTES + 41 * 20 + size);
  assert.equal(e.bytesOut, fs.statSync(enc).size);
  const header = parseCipherHeader(fs.readFileSync(enc).subarray(0, HEADER_BYTES));
  assert.equal(header.keyId, key.id);
  assert.equal(header.chunkBytes, DEFAULT_CHUNK_BYTES);

  t = performance.now();
  const d = await decryptFile(enc, dec, key);
  const decMs = performance.now() - t;
  assert.equal(d.bytesOut, size);
  assert.ok(await sameDigest(plain, dec));

  // Throughput (printed, not asserted: machines and load differ).
  const raw = crypto.randomBytes(DEFAULT_CHUNK_BYTES);
  t = performance.now();
  for (let i = 0; i < 41; i++) {
    const c = crypto.createCipheriv('aes-256-gcm', key.bytes, crypto.randomBytes(12));
    c.update(raw);
    c.final();
  }
  const rawMs = performance.now() - t;
  // The streams alone, in memory: the format's own overhead against raw AES-GCM.
  const pieces = Array.from({ length: 41 }, () => raw);
  const records: Buffer[] = [];
  t = performance.now();
  for await (const b of encryptStream((async function* () { yield* pieces; })(), key)) records.push(b);
  const memEncMs = performance.now() - t;
  t = performance.now();
  for await (const b of decryptStream((async function* () { yield* records; })(), key)) assert.ok(b.length > 0);
  const memDecMs = performance.now() - t;
  const mbs = (ms: number) => ((size / 1e6) / (ms / 1000)).toFixed(0);
  console.log(
    `encryptFile ${mbs(encMs)} MB/s, decryptFile ${mbs(decMs)} MB/s (disk I/O and fsync included); ` +
      `in memory: encryptStream ${mbs(memEncMs)} MB/s, decryptStream ${mbs(memDecMs)} MB/s, raw AES-256-GCM ${mbs(rawMs)} MB/s`,
  );
});

test('empty files, exact multiples of the chunk size and small chunks round-trip through the streams', async () => {
  for (const [size, chunkBytes] of [[0, 1024], [1, 1024], [1024, 1024], [3 * 1024, 1024], [5000, 4096]] as const) {
    const data = crypto.randomBytes(size);
    const pieces = [data.subarray(0, 7), data.subarray(7, 2000), data.subarray(2000)];
    const out: Buffer[] = [];
    for await (const b of encryptStream((async function* () { yield* pieces; })(), key, { chunkBytes })) out.push(b);
    const ciphertext = Buffer.concat(out);
    const records = Math.max(1, Math.ceil(size / chunkBytes));
    assert.equal(ciphertext.length, HEADER_BYTES + records * 20 + size, `${size}/${chunkBytes}`);
    const back: Buffer[] = [];
    // Fed back in odd-sized pieces: the decryptor does not depend on read boundaries.
    const feed = async function* () {
      for (let i = 0; i < ciphertext.length; i += 333) yield ciphertext.subarray(i, i + 333);
    };
    for await (const b of decryptStream(feed(), key)) back.push(b);
    assert.ok(Buffer.concat(back).equals(data), `${size}/${chunkBytes}`);
  }
});

test('tampering is detected with a clear error code and leaves no output file', async (t) => {
  const dir = tempDir();
  const plain = path.join(dir, 'plain.bin');
  const enc = path.join(dir, 'enc.lte');
  writeRandom(plain, 3 * DEFAULT_CHUNK_BYTES + 500_000); // records 0–2 full, record 3 final and short
  await encryptFile(plain, enc, key);
  const good = fs.readFileSync(enc);
  const recordAt = (i: number) => HEADER_BYTES + i * RECORD;

  async function expectFailure(name: string, bytes: Buffer, ...codes: string[]): Promise<void> {
    const bad = path.join(dir, `${name}.lte`);
    const out = path.join(dir, `${name}.out`);
    fs.writeFileSync(bad, bytes);
    await assert.rejects(decryptFile(bad, out, key), hasCode(...codes), name);
    assert.ok(!fs.existsSync(out), `${name}: no output`);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.partial')), [], `${name}: no temp file left`);
  }
  const flip = (at: number) => {
    const b = Buffer.from(good);
    b[at] = b[at]! ^ 0x01;
    return b;
  };

  await t.test('a flipped bit anywhere', async () => {
    await expectFailure('magic', flip(0), 'CIPHER_NOT_ENCRYPTED');
    await expectFailure('version', flip(8), 'CIPHER_VERSION_UNSUPPORTED');
    await expectFailure('chunk-size', flip(13), 'CIPHER_HEADER_DAMAGED');
    await expectFailure('key-id', flip(20), 'CIPHER_WRONG_KEY');
    await expectFailure('file-nonce', flip(40), 'CIPHER_HEADER_DAMAGED');
    await expectFailure('header-mac', flip(70), 'CIPHER_HEADER_DAMAGED');
    await expectFailure('record-length', flip(recordAt(1) + 3), 'CIPHER_CHUNK_DAMAGED');
    await expectFailure('ciphertext', flip(recordAt(1) + 1000), 'CIPHER_CHUNK_DAMAGED');
    await expectFailure('tag', flip(recordAt(2) - 1), 'CIPHER_CHUNK_DAMAGED');
    await expectFailure('last-byte', flip(good.length - 1), 'CIPHER_CHUNK_DAMAGED');
    // A sample of random positions: every one is caught.
    for (let i = 0; i < 12; i++) {
      const at = crypto.randomInt(good.length);
      await expectFailure(`random-${at}`, flip(at), 'CIPHER_NOT_ENCRYPTED', 'CIPHER_VERSION_UNSUPPORTED', 'CIPHER_HEADER_DAMAGED', 'CIPHER_WRONG_KEY', 'CIPHER_CHUNK_DAMAGED', 'CIPHER_TRUNCATED');
    }
  });

  await t.test('truncation at a chunk boundary and inside a chunk', async () => {
    await expectFailure('cut-at-boundary', good.subarray(0, recordAt(3)), 'CIPHER_TRUNCATED');
    await expectFailure('cut-after-header', good.subarray(0, HEADER_BYTES), 'CIPHER_TRUNCATED');
    await expectFailure('cut-inside', good.subarray(0, recordAt(2) + 100), 'CIPHER_TRUNCATED');
    await expectFailure('cut-header', good.subarray(0, 40), 'CIPHER_TRUNCATED');
    await expectFailure('empty', Buffer.alloc(0), 'CIPHER_NOT_ENCRYPTED');
  });

  await t.test('swapped, repeated and foreign chunks', async () => {
    const r = (i: number) => good.subarray(recordAt(i), recordAt(i + 1));
    const header = good.subarray(0, HEADER_BYTES);
    const tail = good.subarray(recordAt(3));
    await expectFailure('swap-0-1', Buffer.concat([header, r(1), r(0), r(2), tail]), 'CIPHER_CHUNK_DAMAGED');
    await expectFailure('repeat-0', Buffer.concat([header, r(0), r(0), r(2), tail]), 'CIPHER_CHUNK_DAMAGED');
    await expectFailure('drop-1', Buffer.concat([header, r(0), r(2), tail]), 'CIPHER_CHUNK_DAMAGED');
    // The same plaintext encrypted again (same key): its chunks do not fit this file.
    const again = path.join(dir, 'again.lte');
    await encryptFile(plain, again, key);
    const other = fs.readFileSync(again);
    await expectFailure('foreign', Buffer.concat([header, r(0), other.subarray(recordAt(1), recordAt(2)), r(2), tail]), 'CIPHER_CHUNK_DAMAGED');
  });

  await t.test('data appended after the final chunk', async () => {
    await expectFailure('append-bytes', Buffer.concat([good, Buffer.from('extra')]), 'CIPHER_TRAILING_DATA');
    await expectFailure('append-chunk', Buffer.concat([good, good.subarray(recordAt(1), recordAt(2))]), 'CIPHER_TRAILING_DATA');
    await expectFailure('append-file', Buffer.concat([good, good]), 'CIPHER_TRAILING_DATA');
  });

  await t.test('the wrong key', async () => {
    const out = path.join(dir, 'wrong-key.out');
    await assert.rejects(decryptFile(enc, out, generateDataKey()), hasCode('CIPHER_WRONG_KEY'));
    assert.ok(!fs.existsSync(out));
    await expectFailure('plain-file', fs.readFileSync(plain).subarray(0, 5000), 'CIPHER_NOT_ENCRYPTED');
  });

  // And the untouched file still decrypts (the failures above are not the decryptor's own).
  const ok = path.join(dir, 'ok.out');
  await decryptFile(enc, ok, key);
  assert.ok(await sameDigest(plain, ok));
});
