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
  // In 64 KiB slices: a fresh buffer of a mebibyte per record is mapped and faulted in by the
  // kernel each time, slices come from the allocator's reused memory (twice as fast here).
  const out = [length];
  for (let at = 0; at < plain.length; at += 65536) out.push(cipher.update(plain.subarray(at, at + 65536)));
  cipher.final();
  out.push(cipher.getAuthTag());
  return out;
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

/** What openRecordSteps asks of its driver, or tells it. */
export type OpenStep =
  | { read: number }
  | { drain: true }
  | { plain: Buffer }
  | { fail: 'CIPHER_TRUNCATED' | 'CIPHER_CHUNK_DAMAGED' | 'CIPHER_TRAILING_DATA'; chunk: number; offset: number; bytes: number };

/**
 * The records after a header, as steps: it asks for bytes ({ read: n }, answered with up to n
 * bytes, fewer only at the end; { drain }, answered with how many bytes are left) and hands out
 * authenticated plaintext ({ plain }) or the one failure that ends it ({ fail }). One record
 * rule for both drivers: decryptStream's async reads here and the media's worker threads' sync
 * reads, which run this very function from its source text (so it uses only its arguments and
 * globals). Only a full-size record can be non-final; a short one must be the last; bytes
 * after the final record are a failure.
 */
export function* openRecordSteps(nodeCrypto: typeof crypto, enc: Uint8Array, header: Uint8Array, chunkBytes: number): Generator<OpenStep, void, Buffer | number | undefined> {
  let offset = header.length;
  for (let index = 0; ; index++) {
    const lengthBytes = (yield { read: 4 }) as Buffer;
    if (lengthBytes.length < 4) {
      yield { fail: 'CIPHER_TRUNCATED', chunk: index, offset, bytes: 0 };
      return;
    }
    const length = lengthBytes.readUInt32BE(0);
    if (length > chunkBytes) {
      yield { fail: 'CIPHER_CHUNK_DAMAGED', chunk: index, offset, bytes: 0 };
      return;
    }
    const body = (yield { read: length + 16 }) as Buffer;
    if (body.length < length + 16) {
      yield { fail: 'CIPHER_TRUNCATED', chunk: index, offset, bytes: 0 };
      return;
    }
    // No inner functions here: a bundler's name helpers would not exist in the worker.
    let plain: Buffer[] | undefined;
    let final = true;
    for (const asFinal of length === chunkBytes ? [false, true] : [true]) {
      const nonce = Buffer.alloc(12);
      nonce.writeBigUInt64BE(BigInt(index), 4);
      const tail = Buffer.alloc(5);
      tail[0] = asFinal ? 1 : 0;
      tail.writeUInt32BE(length, 1);
      const decipher = nodeCrypto.createDecipheriv('aes-256-gcm', enc, nonce).setAAD(Buffer.concat([header, tail]));
      decipher.setAuthTag(body.subarray(length));
      // In 64 KiB slices, as sealRecord writes them (fresh mebibyte buffers are slow to fault in).
      const opened: Buffer[] = [];
      for (let at = 0; at < length; at += 65536) opened.push(decipher.update(body.subarray(at, Math.min(length, at + 65536))));
      try {
        decipher.final();
        plain = opened;
        final = asFinal;
        break;
      } catch {
        // Not this finality (or damaged): the other is tried, then the record is damaged.
      }
    }
    if (plain === undefined) {
      yield { fail: 'CIPHER_CHUNK_DAMAGED', chunk: index, offset, bytes: 0 };
      return;
    }
    offset += 4 + length + 16;
    if (final) {
      const extra = (yield { drain: true }) as number;
      if (extra > 0) {
        yield { fail: 'CIPHER_TRAILING_DATA', chunk: index, offset, bytes: extra };
        return;
      }
      for (const slice of plain) yield { plain: slice };
      return;
    }
    for (const slice of plain) yield { plain: slice };
  }
}

/** A failure step as the error callers see (codes and messages of decryptStream). */
export function openFailure(step: Extract<OpenStep, { fail: string }>): VaultError {
  if (step.fail === 'CIPHER_TRAILING_DATA') return fail(step.fail, cryptoMessages.trailingData, { bytes: step.bytes });
  if (step.fail === 'CIPHER_TRUNCATED') return fail(step.fail, cryptoMessages.truncated, { chunk: step.chunk });
  return fail(step.fail, cryptoMessages.chunkDamaged, { chunk: step.chunk, offset: step.offset });
}

/**
 * A file's header checked against the key: its record key and chunk size, for a reader that
 * opens the records itself (openRecordSteps). Errors: those of parseCipherHeader,
 * CIPHER_WRONG_KEY, CIPHER_HEADER_DAMAGED.
 */
export function openCipherFile(key: DataKey, raw: Buffer): { header: Buffer; enc: Buffer; chunkBytes: number } {
  const parsed = parseCipherHeader(raw);
  if (parsed.keyId !== key.id) throw fail('CIPHER_WRONG_KEY', cryptoMessages.wrongKey, { fileKeyId: parsed.keyId, keyId: key.id });
  const { enc, mac } = fileKeys(key, parsed.fileNonce);
  if (!crypto.timingSafeEqual(headerMac(mac, parsed.raw), parsed.raw.subarray(MAC_OFFSET))) throw fail('CIPHER_HEADER_DAMAGED', cryptoMessages.headerDamaged);
  return { header: parsed.raw, enc, chunkBytes: parsed.chunkBytes };
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
  const { header, enc, chunkBytes } = openCipherFile(key, await reader.read(HEADER_BYTES));
  const steps = openRecordSteps(crypto, enc, header, chunkBytes);
  let answer: Buffer | number | undefined;
  for (;;) {
    const next = steps.next(answer);
    if (next.done) return;
    const step = next.value;
    answer = undefined;
    if ('read' in step) answer = await reader.read(step.read);
    else if ('drain' in step) answer = await reader.drain();
    else if ('plain' in step) yield step.plain;
    else throw openFailure(step);
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
