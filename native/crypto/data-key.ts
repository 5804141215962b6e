import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import { BACKUP_SCRYPT, type ScryptParams, checkScryptParams, deriveKek } from './kdf.js';
import { LOCKED_THINGS, cryptoMessages } from './messages.js';
import { checkNewPassphrase } from './private-key.js';

/**
 * The per-vault data-encryption key (DEK) that encrypts backups, and its wrapping under a
 * passphrase: KEK = scrypt(passphrase), wrapped = AES-256-GCM(KEK, DEK). Changing the
 * passphrase re-wraps 32 bytes; no backup is re-encrypted. The wrapped form has one compact
 * binary encoding (what the recovery sheet prints) whose leading fields are the GCM AAD, so
 * the KDF parameters, salt, key id and date cannot be altered without detection.
 */

export interface DataKey {
  /** 32 hex digits, derived from the key bytes: the same key always has the same id. */
  readonly id: string;
  readonly bytes: Buffer;
}

export interface WrappedDataKey {
  version: 1;
  keyId: string;
  /** ISO 8601, whole seconds. */
  created: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  /** base64 */
  nonce: string;
  /** base64: the encrypted key followed by the 16-byte GCM tag. */
  wrapped: string;
}

const DEK_BYTES = 32;
const KEY_ID_BYTES = 16;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;
const KDF_SCRYPT = 1;
const CIPHER_AES_256_GCM = 1;
/** version, kdf, log2 N, r, p, cipher, created (u32 s), key id, salt, nonce. */
const AAD_BYTES = 6 + 4 + KEY_ID_BYTES + SALT_BYTES + NONCE_BYTES;
export const WRAPPED_KEY_BYTES = AAD_BYTES + DEK_BYTES + TAG_BYTES;

export function dataKeyId(bytes: Uint8Array): string {
  return crypto.createHmac('sha256', bytes).update('lantai/data-key-id/v1').digest().subarray(0, KEY_ID_BYTES).toString('hex');
}

export function dataKeyFromBytes(bytes: Uint8Array): DataKey {
  if (bytes.length !== DEK_BYTES) throw new RangeError(`a data key has ${DEK_BYTES} bytes`);
  const copy = Buffer.from(bytes);
  return { id: dataKeyId(copy), bytes: copy };
}

export function generateDataKey(): DataKey {
  return dataKeyFromBytes(crypto.randomBytes(DEK_BYTES));
}

function malformed(reason: string): VaultError {
  return VaultError.of('KEY_WRAP_UNREADABLE', cryptoMessages.wrappedKeyUnreadable, { reason });
}

/** The compact binary form (WRAPPED_KEY_BYTES long); its first AAD_BYTES are authenticated. */
export function encodeWrappedKey(w: WrappedDataKey): Buffer {
  const log2N = Math.log2(w.kdf.N);
  const created = Date.parse(w.created) / 1000;
  if (!Number.isInteger(log2N) || log2N > 255 || w.kdf.r > 255 || w.kdf.p > 255) throw malformed('KDF parameters do not fit');
  if (!Number.isInteger(created) || created < 0 || created > 0xffffffff) throw malformed('creation date');
  const keyId = Buffer.from(w.keyId, 'hex');
  const salt = Buffer.from(w.kdf.salt, 'base64');
  const nonce = Buffer.from(w.nonce, 'base64');
  const wrapped = Buffer.from(w.wrapped, 'base64');
  if (keyId.length !== KEY_ID_BYTES || salt.length !== SALT_BYTES || nonce.length !== NONCE_BYTES || wrapped.length !== DEK_BYTES + TAG_BYTES) {
    throw malformed('field lengths');
  }
  const head = Buffer.alloc(10);
  head.set([w.version, KDF_SCRYPT, log2N, w.kdf.r, w.kdf.p, CIPHER_AES_256_GCM]);
  head.writeUInt32BE(created, 6);
  return Buffer.concat([head, keyId, salt, nonce, wrapped]);
}

export function decodeWrappedKey(bytes: Uint8Array): WrappedDataKey {
  const b = Buffer.from(bytes);
  if (b.length !== WRAPPED_KEY_BYTES) throw malformed(`${b.length} bytes, expected ${WRAPPED_KEY_BYTES}`);
  if (b[0] !== VERSION || b[1] !== KDF_SCRYPT || b[5] !== CIPHER_AES_256_GCM) throw malformed(`version ${b[0]}, KDF ${b[1]}, cipher ${b[5]}`);
  let pos = 10;
  const take = (n: number): Buffer => b.subarray(pos, (pos += n));
  const keyId = take(KEY_ID_BYTES).toString('hex');
  const salt = take(SALT_BYTES).toString('base64');
  const nonce = take(NONCE_BYTES).toString('base64');
  const wrapped = take(DEK_BYTES + TAG_BYTES).toString('base64');
  return {
    version: VERSION,
    keyId,
    created: new Date(b.readUInt32BE(6) * 1000).toISOString(),
    kdf: { name: 'scrypt', N: 2 ** b[2]!, r: b[3]!, p: b[4]!, salt },
    cipher: 'aes-256-gcm',
    nonce,
    wrapped,
  };
}

export interface WrapOptions {
  scrypt?: ScryptParams;
  /** Creation date recorded with the key; now when omitted. */
  created?: Date;
}

/** Wraps key under passphrase (fresh salt and nonce each time). */
export async function wrapDataKey(key: DataKey, passphrase: string, options: WrapOptions = {}): Promise<WrappedDataKey> {
  checkNewPassphrase(passphrase);
  const params = options.scrypt ?? BACKUP_SCRYPT;
  checkScryptParams(params);
  const salt = crypto.randomBytes(SALT_BYTES);
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const created = new Date(options.created ?? Date.now());
  created.setMilliseconds(0);
  const draft: WrappedDataKey = {
    version: VERSION,
    keyId: key.id,
    created: created.toISOString(),
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
    wrapped: Buffer.alloc(DEK_BYTES + TAG_BYTES).toString('base64'),
  };
  const aad = encodeWrappedKey(draft).subarray(0, AAD_BYTES);
  const kek = await deriveKek(passphrase, salt, params);
  const cipher = crypto.createCipheriv('aes-256-gcm', kek, nonce).setAAD(aad);
  const wrapped = Buffer.concat([cipher.update(key.bytes), cipher.final(), cipher.getAuthTag()]);
  kek.fill(0);
  return { ...draft, wrapped: wrapped.toString('base64') };
}

/** The data key back; KEY_PASSPHRASE_WRONG when the passphrase (or the wrapped bytes) are wrong. */
export async function unwrapDataKey(wrapped: WrappedDataKey, passphrase: string): Promise<DataKey> {
  const encoded = encodeWrappedKey(wrapped);
  const params = { N: wrapped.kdf.N, r: wrapped.kdf.r, p: wrapped.kdf.p };
  checkScryptParams(params);
  const kek = await deriveKek(passphrase, Buffer.from(wrapped.kdf.salt, 'base64'), params);
  const body = encoded.subarray(AAD_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64')).setAAD(encoded.subarray(0, AAD_BYTES));
  decipher.setAuthTag(body.subarray(DEK_BYTES));
  let bytes: Buffer;
  try {
    bytes = Buffer.concat([decipher.update(body.subarray(0, DEK_BYTES)), decipher.final()]);
  } catch (e) {
    throw VaultError.of('KEY_PASSPHRASE_WRONG', cryptoMessages.passphraseWrong, LOCKED_THINGS.dataKey, {}, e);
  } finally {
    kek.fill(0);
  }
  const key = dataKeyFromBytes(bytes);
  if (key.id !== wrapped.keyId) throw malformed('key id does not match the key');
  return key;
}

/** A new passphrase (and optionally new KDF parameters) for the same data key. */
export async function rewrapDataKey(wrapped: WrappedDataKey, oldPassphrase: string, newPassphrase: string, options: WrapOptions = {}): Promise<WrappedDataKey> {
  const key = await unwrapDataKey(wrapped, oldPassphrase);
  return wrapDataKey(key, newPassphrase, { created: new Date(wrapped.created), ...options });
}
