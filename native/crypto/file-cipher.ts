import type { ErrorCode } from '../error-codes.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VaultError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import type { DataKey } from './data-key.js';
import { cryptoMessages } from './messages.js';

/**
 * Streaming, chunked AES-256-GCM for backups ("LANTAIEN" format v1), in flat memory whatever
 * the file size. Layout:
 *
 *   header (80 bytes)  magic "LANTAIEN" | version 1 | cipher 1 = AES-256-GCM | subkey 1 =
 *                      HKDF-SHA256 | 0 | chunk size u32 | data-key id (16) | file nonce (32) |
 *                      header MAC (16) = HMAC-SHA256(file MAC key, bytes 0–63)
 *   records            plaintext length u32 | ciphertext | GCM tag (16)
 *
 * Each file gets its own key, HKDF(data key, salt = random file nonce), so nonces never repeat
 * across files however many backups one data key encrypts. Record i uses nonce 0⁴ ‖ i (u64 BE)
 * and AAD = header ‖ final flag ‖ length: a reordered or swapped chunk fails (wrong nonce), a
 * file cut at a chunk boundary lacks its final-flagged record, bytes after the final record are
 * reported, and a chunk from another file fails (other key). Every record is authenticated
 * before any of its plaintext is released.
 */

export const DEFAULT_CHUNK_BYTES = 1 << 20;
const MAGIC = Buffer.from('LANTAIEN', 'latin1');
const VERSION = 1;
const CIPHER_AES_256_GCM = 1;
const SUBKEY_HKDF_SHA256 = 1;
export const HEADER_BYTES = 80;
const MAC_OFFSET = 64;
const TAG_BYTES = 16;
const MIN_CHUNK = 1 << 10;
const MAX_CHUNK = 1 << 26;

export interface CipherHeader {
  version: number;
  chunkBytes: number;
  keyId: string;
  fileNonce: Buffer;
  raw: Buffer;
}

export interface EncryptOptions {
  /** Plaintext bytes per chunk; 1 MiB when omitted (1 KiB – 64 MiB). */
  chunkBytes?: number;
}

export interface CipherResult {
  bytesIn: number;
  bytesOut: number;
}

export interface EncryptResult extends CipherResult {
  /** Records written (an empty file still has one, the final). */
  chunks: number;
}

function fileKeys(key: DataKey, fileNonce: Buffer): { enc: Buffer; mac: Buffer } {
  const okm = Buffer.from(crypto.hkdfSync('sha256', key.bytes, fileNonce, 'lantai/backup-file/v1', 64));
  return { enc: okm.subarray(0, 32), mac: okm.subarray(32) };
}

function headerMac(macKey: Buffer, header: Buffer): Buffer {
  return crypto.createHmac('sha256', macKey).update(header.subarray(0, MAC_OFFSET)).digest().subarray(0, 16);
}

function nonceFor(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadFor(header: Buffer, final: boolean, length: number): Buffer {
  const tail = Buffer.alloc(5);
  tail[0] = final ? 1 : 0;
  tail.writeUInt32BE(length, 1);
  return Buffer.concat([header, tail]);
}

function fail(code: ErrorCode, entry: (typeof cryptoMessages)[keyof typeof cryptoMessages], params: Record<string, string | number> = {}): VaultError {
  return VaultError.of(code, entry, params);
}

/** Parses a header without the key (e.g. to list which key a medium's files need). */
export function parseCipherHeader(raw: Buffer): CipherHeader {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) throw fail('CIPHER_NOT_ENCRYPTED', cryptoMessages.notEncrypted);
  if (raw.length < HEADER_BYTES) throw fail('CIPHER_TRUNCATED', cryptoMessages.truncated, { chunk: 0 });
  const header = raw.subarray(0, HEADER_BYTES);
  if (header[8] !== VERSION || header[9] !== CIPHER_AES_256_GCM || header[10] !== SUBKEY_HKDF_SHA256) {
    throw fail('CIPHER_VERSION_UNSUPPORTED', cryptoMessages.versionUnsupported, { version: header[8]!, algorithm: `${header[9]}/${header[10]}` });
  }
  const chunkBytes = header.readUInt32BE(12);
  if (header[11] !== 0 || chunkBytes < MIN_CHUNK || chunkBytes > MAX_CHUNK) throw fail('CIPHER_HEADER_DAMAGED', cryptoMessages.headerDamaged);
  return { version: header[8]!, chunkBytes, keyId: header.subarray(16, 32).toString('hex'), fileNonce: Buffer.from(header.subarray(32, 64)), raw: Buffer.from(header) };
}

function buildHeader(key: DataKey, chunkBytes: number): { header: Buffer; enc: Buffer } {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.set([VERSION, CIPHER_AES_256_GCM, SUBKEY_HKDF_SHA256, 0], 8);
  header.writeUInt32BE(chunkBytes, 12);
  Buffer.from(key.id, 'hex').copy(header, 16);
  const fileNonce = crypto.randomBytes(32);
  fileNonce.copy(header, 32);
  const { enc, mac } = fileKeys(key, fileNonce);
  headerMac(mac, header).copy(header, MAC_OFFSET);
  return { header, enc };
}

/**
 * Cuts a byte stream into full chunks; the last one may be short. A source chunk that already
 * holds a whole chunk is passed on without copying (sources must not reuse a buffer after
 * yielding it: Node's streams never do); anything else is gathered into a fresh buffer.
 */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let buf: Buffer | undefined;
  let filled = 0;
  for await (const piece of source) {
    const view = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let offset = 0;
    while (offset < view.length) {
      if (filled === 0 && view.length - offset >= size) {
        yield view.subarray(offset, offset + size);
        offset += size;
        continue;
      }
      buf ??= Buffer.allocUnsafe(size);
      const take = Math.min(size - filled, view.length - offset);
      view.copy(buf, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === size) {
        yield buf;
        buf = undefined;
        filled = 0;
      }
    }
  }
  if (buf && filled > 0) yield buf.subarray(0, filled);
}

/**
 * One record as three buffers (length, ciphertext, tag): no copy of the ciphertext. Written to
 * use nothing but its arguments and globals: the media's worker threads run this very function
 * from its source text (native/media/io-pool), so a record sealed there is sealed here.
 */
export function sealRecord(nodeCrypto: typeof crypto, enc: Buffer, header: Buffer, index: number, plain: Buffer, final: boolean): Buffer[] {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  const tail = Buffer.alloc(5);
  tail[0] = final ? 1 : 0;
  tail.writeUInt32BE(plain.length, 1);
  const cipher = nodeCrypto.createCipheriv('aes-256-gcm', enc, nonce).setAAD(Buffer.concat([header, tail]));
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(plain.length, 0);
  const body = cipher.update(plain);
  cipher.final();
  return [length, body, cipher.getAuthTag()];
}

function seal(enc: Buffer, header: Buffer, index: number, plain: Buffer, final: boolean): Buffer[] {
  return sealRecord(crypto, enc, header, index, plain, final);
}

/**
 * A new file's header and record key, for a writer that seals the records itself (a worker
 * thread, with sealRecord): the same header encryptStream writes first.
 */
export function newCipherFile(key: DataKey, chunkBytes = DEFAULT_CHUNK_BYTES): { header: Buffer; enc: Buffer; chunkBytes: number } {
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK || chunkBytes > MAX_CHUNK) throw new RangeError(`chunk size ${chunkBytes}`);
  return { ...buildHeader(key, chunkBytes), chunkBytes };
}

/** Encrypts a byte stream: yields the header, then each record (length, ciphertext, tag; the last flagged final). */
export async function* encryptStream(source: AsyncIterable<Uint8Array>, key: DataKey, options: EncryptOptions = {}): AsyncGenerator<Buffer> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK || chunkBytes > MAX_CHUNK) throw new RangeError(`chunk size ${chunkBytes}`);
  const { header, enc } = buildHeader(key, chunkBytes);
  yield header;
  let index = 0;
  // One chunk held back: only when the next one arrives (or the stream ends) do we know
  // whether it is the final one.
  let pending: Buffer | undefined;
  for await (const chunk of rechunk(source, chunkBytes)) {
    if (pending) yield* seal(enc, header, index++, pending, false);
    pending = chunk;
  }
  yield* seal(enc, header, index, pending ?? Buffer.alloc(0), true);
}

function unseal(enc: Buffer, header: Buffer, index: number, body: Buffer, length: number, final: boolean): Buffer | undefined {
  const decipher = crypto.createDecipheriv('aes-256-gcm', enc, nonceFor(index)).setAAD(aadFor(header, final, length));
  decipher.setAuthTag(body.subarray(length));
  const plain = decipher.update(body.subarray(0, length));
  try {
    decipher.final();
    return plain;
  } catch {
    return undefined;
  }
}

/**
 * Decrypts a stream made by encryptStream, yielding only authenticated plaintext. Errors:
 * CIPHER_NOT_ENCRYPTED, CIPHER_VERSION_UNSUPPORTED, CIPHER_WRONG_KEY, CIPHER_HEADER_DAMAGED,
 * CIPHER_CHUNK_DAMAGED (bit flips, swapped or reordered chunks), CIPHER_TRUNCATED,
 * CIPHER_TRAILING_DATA. Plaintext already yielded before an error is authentic but incomplete:
 * callers writing files must discard it (decryptFile does).
 */
export async function* decryptStream(source: AsyncIterable<Uint8Array>, key: DataKey): AsyncGenerator<Buffer> {
  const reader = new ByteReader(source);
  const parsed = parseCipherHeader(await reader.read(HEADER_BYTES));
  const { raw: header, chunkBytes } = parsed;
  if (parsed.keyId !== key.id) throw fail('CIPHER_WRONG_KEY', cryptoMessages.wrongKey, { fileKeyId: parsed.keyId, keyId: key.id });
  const { enc, mac } = fileKeys(key, parsed.fileNonce);
  if (!crypto.timingSafeEqual(headerMac(mac, header), header.subarray(MAC_OFFSET))) throw fail('CIPHER_HEADER_DAMAGED', cryptoMessages.headerDamaged);

  let offset = HEADER_BYTES;
  for (let index = 0; ; index++) {
    const lengthBytes = await reader.read(4);
    if (lengthBytes.length < 4) throw fail('CIPHER_TRUNCATED', cryptoMessages.truncated, { chunk: index });
    const length = lengthBytes.readUInt32BE(0);
    if (length > chunkBytes) throw fail('CIPHER_CHUNK_DAMAGED', cryptoMessages.chunkDamaged, { chunk: index, offset });
    const body = await reader.read(length + TAG_BYTES);
    if (body.length < length + TAG_BYTES) throw fail('CIPHER_TRUNCATED', cryptoMessages.truncated, { chunk: index });
    // Only a full-size record can be non-final; a short one must be the last.
    let plain = length === chunkBytes ? unseal(enc, header, index, body, length, false) : undefined;
    const final = plain === undefined;
    if (final) plain = unseal(enc, header, index, body, length, true);
    if (plain === undefined) throw fail('CIPHER_CHUNK_DAMAGED', cryptoMessages.chunkDamaged, { chunk: index, offset });
    offset += 4 + length + TAG_BYTES;
    if (final) {
      const extra = await reader.drain();
      if (extra > 0) throw fail('CIPHER_TRAILING_DATA', cryptoMessages.trailingData, { bytes: extra });
      if (plain.length > 0) yield plain;
      return;
    }
    yield plain;
  }
}

async function countingPipe(source: AsyncIterable<Buffer>, target: string, count: { out: number }): Promise<void> {
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const b of source) {
      count.out += b.length;
      yield b;
    }
  };
  await pipeline(Readable.from(counted()), fs.createWriteStream(target, { flags: 'wx' }));
}

async function readCounted(file: string, count: { in: number }, highWaterMark: number): Promise<AsyncIterable<Buffer>> {
  const stream = fs.createReadStream(file, { highWaterMark });
  return (async function* () {
    for await (const b of stream) {
      count.in += (b as Buffer).length;
      yield b as Buffer;
    }
  })();
}

/** Writes through a temporary file, fsynced and renamed into place only when complete. */
async function writeAtomically(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.partial`);
  try {
    await write(temp);
    const fh = await fs.promises.open(temp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(temp, target);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  const dir = await fs.promises.open(path.dirname(target), 'r').catch(() => undefined);
  if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
}

export async function encryptFile(source: string, target: string, key: DataKey, options: EncryptOptions = {}): Promise<EncryptResult> {
  const count = { in: 0, out: 0 };
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  await writeAtomically(target, async (temp) => {
    const input = await readCounted(source, count, chunkBytes);
    await countingPipe(encryptStream(input, key, { chunkBytes }), temp, count);
  });
  const records = Math.max(1, Math.ceil(count.in / chunkBytes));
  return { bytesIn: count.in, bytesOut: count.out, chunks: records };
}

/** Decrypts to target; on any error nothing is left at target (the partial output is removed). */
export async function decryptFile(source: string, target: string, key: DataKey): Promise<CipherResult> {
  const count = { in: 0, out: 0 };
  await writeAtomically(target, async (temp) => {
    const input = await readCounted(source, count, DEFAULT_CHUNK_BYTES + 4 + TAG_BYTES);
    await countingPipe(decryptStream(input, key), temp, count);
  });
  return { bytesIn: count.in, bytesOut: count.out };
}
