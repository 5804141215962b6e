import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataKey } from '../crypto/data-key.js';
import { decryptStream } from '../crypto/file-cipher.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { copyOn, type MediumObject } from './copies.js';
import { hashFileInPool } from './io-pool.js';
import { dataDir } from './layout.js';
import { readMediumStream } from './medium-io.js';
import { mediaMessages } from './messages.js';
import type { MediumRow } from './types.js';

/**
 * Where a good plaintext of an object comes from when a backup, a repair or a migration writes
 * it to a medium: the vault's object, or a copy on another (mounted) medium. Either is checked
 * against the object's SHA-256 while it streams, and a source that fails the check throws
 * before its last byte is taken: the medium writer then removes its temp file, so a damaged
 * object never becomes a copy that counts. The caller tries the next source.
 */
export interface SourceMedium {
  medium: MediumRow;
  root: string;
}

export interface PlainSource {
  /** 'vault' or the id of the medium the bytes come from. */
  from: string;
  bytes: () => AsyncIterable<Uint8Array>;
  /** The vault's file of the object, which a worker thread can read and seal itself (the fast path). */
  file?: string;
}

export function wrongDigest(sha256: string, found: string, from: string): VaultError {
  return VaultError.of('DIGEST_MISMATCH', mediaMessages.sourceDigest, { sha256, found, from });
}

/**
 * The vault's object as it is read, its SHA-256 computed at the same time on the hash pool
 * (the other core), so the check costs this thread nothing: the encryption and the writing
 * go on while the pool reads the same (cached) pages.
 */
async function* checkedVaultBytes(file: string, sha256: string): AsyncGenerator<Buffer> {
  const digest = hashFileInPool(file);
  // Awaited below; a read error surfaces through the stream first, so never unhandled.
  digest.catch(() => undefined);
  for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield c as Buffer;
  const d = await digest;
  if (d.sha256 !== sha256) throw wrongDigest(sha256, d.sha256, 'vault');
}

/** A medium's copy decrypted (each chunk authenticated), passed on only if its SHA-256 is the object's. */
export async function* plainFromMedium(source: SourceMedium, copy: MediumObject, key: DataKey): AsyncGenerator<Buffer> {
  const h = crypto.createHash('sha256');
  for await (const chunk of decryptStream(readMediumStream(path.join(dataDir(source.root), copy.file)), key)) {
    h.update(chunk);
    yield chunk;
  }
  const found = h.digest('hex');
  if (found !== copy.sha256) throw wrongDigest(copy.sha256, found, source.medium.id);
}

/**
 * The sources of one object, in the order to try them: the vault first (when it has the file),
 * then every given medium (other than the one written to) holding a good copy.
 */
export function plainSources(input: { db: Db; store: ObjectStore; key: DataKey; sources?: readonly SourceMedium[]; exceptMedium?: string }, sha256: string): PlainSource[] {
  const out: PlainSource[] = [];
  const file = input.store.pathOf(sha256);
  if (fs.existsSync(file)) out.push({ from: 'vault', file, bytes: () => checkedVaultBytes(file, sha256) });
  for (const s of input.sources ?? []) {
    if (s.medium.id === input.exceptMedium) continue;
    const copy = copyOn(input.db, s.medium.id, sha256);
    if (copy && copy.status === 'ok') out.push({ from: s.medium.id, bytes: () => plainFromMedium(s, copy, input.key) });
  }
  return out;
}
