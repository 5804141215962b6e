/**
 * The backup's fast path seals a vault object on a worker thread (native/media/io-pool) instead
 * of through encryptStream on the main thread. What it writes must be the same format, record
 * for record: decryptStream reads it back to the plaintext at every size around the chunk
 * boundaries, and a plaintext that is not the object it claims to be leaves nothing behind.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generateDataKey } from '../../../native/crypto/data-key.js';
import { decryptStream, HEADER_BYTES, newCipherFile, parseCipherHeader } from '../../../native/crypto/file-cipher.js';
import { mediumFileEquals, readMediumStream, sealToMedium } from '../../../native/media/medium-io.js';
import { tempDir } from '../../harness/temp.js';

const key = generateDataKey();
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

async function decrypted(file: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of decryptStream(readMediumStream(file), key)) out.push(c);
  return Buffer.concat(out);
}

test('a worker-sealed file decrypts to its plaintext at every size around the chunk boundaries', async () => {
  const dir = tempDir();
  const chunk = 1024;
  for (const size of [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 3 * chunk + 7]) {
    const plain = crypto.randomBytes(size);
    const source = path.join(dir, `plain-${size}`);
    fs.writeFileSync(source, plain);
    const target = path.join(dir, 'medium', `sealed-${size}.enc`);
    const r = await sealToMedium(target, { source, plainSha256: sha256(plain), ...newCipherFile(key, chunk), durable: true });
    assert.ok(r.ok, `size ${size}: sealed`);
    const bytes = fs.readFileSync(target);
    assert.equal(r.size, bytes.length, `size ${size}: the size reported is the file's`);
    assert.equal(r.sha256, sha256(bytes), `size ${size}: the digest reported is the file's`);
    // Header, then one record per chunk (an empty or chunk-aligned file still ends with a final record).
    const records = Math.max(1, Math.ceil(size / chunk));
    assert.equal(bytes.length, HEADER_BYTES + size + records * 20, `size ${size}: ${records} record(s)`);
    assert.equal(parseCipherHeader(bytes).keyId, key.id);
    assert.ok((await decrypted(target)).equals(plain), `size ${size}: decrypts to the plaintext`);
  }
  assert.deepEqual(fs.readdirSync(path.join(dir, 'medium')).filter((n) => n.endsWith('.partial')), [], 'no temp file left');
});

test('a multi-megabyte object sealed with the default chunk decrypts; a chunk cut off the end is caught', async () => {
  const dir = tempDir();
  const plain = crypto.randomBytes(5 * (1 << 20) + 12345);
  const source = path.join(dir, 'scan.jpg');
  fs.writeFileSync(source, plain);
  const target = path.join(dir, 'm', 'o.enc');
  const r = await sealToMedium(target, { source, plainSha256: sha256(plain), ...newCipherFile(key), durable: false });
  assert.ok(r.ok);
  assert.ok((await decrypted(target)).equals(plain));
  // Cut at a record boundary: the final-flagged record is missing, which the format detects.
  fs.truncateSync(target, HEADER_BYTES + 5 * ((1 << 20) + 20));
  await assert.rejects(decrypted(target), (e: Error & { code?: string }) => e.code === 'CIPHER_TRUNCATED');
});

test('a plaintext that does not have the object\'s digest leaves nothing on the medium', async () => {
  const dir = tempDir();
  const plain = crypto.randomBytes(300_000);
  const source = path.join(dir, 'rotten.jpg');
  fs.writeFileSync(source, plain);
  const claimed = sha256(Buffer.from('another object'));
  const target = path.join(dir, 'm', 'o.enc');
  const r = await sealToMedium(target, { source, plainSha256: claimed, ...newCipherFile(key), durable: true });
  assert.deepEqual(r, { ok: false, digestMismatch: sha256(plain) });
  assert.deepEqual(fs.readdirSync(path.join(dir, 'm')), [], 'neither the target nor a temp file');
});

test('a source that cannot be read rejects with its errno code, marked as the source\'s', async () => {
  const dir = tempDir();
  const target = path.join(dir, 'm', 'o.enc');
  await assert.rejects(
    sealToMedium(target, { source: path.join(dir, 'gone.jpg'), plainSha256: sha256(Buffer.alloc(0)), ...newCipherFile(key), durable: true }),
    (e: Error & { code?: string; during?: string }) => e.code === 'ENOENT' && e.during === 'source',
  );
  assert.deepEqual(fs.readdirSync(path.join(dir, 'm')), []);
});

test('a read-back by comparison finds a changed, a missing and an extra byte', async () => {
  const dir = tempDir();
  const pieces = [crypto.randomBytes(80), crypto.randomBytes(3 << 20), Buffer.alloc(0), crypto.randomBytes(16)];
  const file = path.join(dir, 'f');
  const whole = Buffer.concat(pieces);
  fs.writeFileSync(file, whole);
  assert.equal(await mediumFileEquals(file, pieces), true);
  const flipped = Buffer.from(whole);
  flipped[2 << 20]! ^= 1;
  fs.writeFileSync(file, flipped);
  assert.equal(await mediumFileEquals(file, pieces), false, 'a flipped bit');
  fs.writeFileSync(file, whole.subarray(0, whole.length - 1));
  assert.equal(await mediumFileEquals(file, pieces), false, 'one byte short');
  fs.writeFileSync(file, Buffer.concat([whole, Buffer.from([0])]));
  assert.equal(await mediumFileEquals(file, pieces), false, 'one byte more');
});
