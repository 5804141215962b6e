import crypto from 'node:crypto';
import { VaultError, errnoCode } from '../errors.js';
import { fromPem, integer, octets, oid, seq, toPem } from './der.js';
import { LOCKED_THINGS, cryptoMessages } from './messages.js';

/**
 * Private keys at rest: PKCS#8 "ENCRYPTED PRIVATE KEY" PEM, PBES2 with scrypt + AES-256-CBC.
 * We build the envelope ourselves because Node's key.export({cipher, passphrase}) uses PBKDF2
 * with only 2,048 iterations. scrypt in PBES2 is standard (RFC 7914, RFC 8018) and OpenSSL and
 * Node read it: `openssl pkey -in key.pem -passin pass:…` works. Loading goes through Node's
 * createPrivateKey, so keys encrypted by other tools (PBKDF2 etc.) load as well.
 */

/**
 * OpenSSL refuses PBES2-scrypt above 32 MiB of memory by default (SCRYPT_MAX_MEM), so N = 2^14
 * with r = 8 is the most a key file can use and still be opened by `openssl pkey`/Node.
 * (Backups use a costlier scrypt: see kdf.ts.)
 */
export const KEY_FILE_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_CHARS = 8;

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_SCRYPT = '1.3.6.1.4.1.11591.4.11';
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

/** NFC, so a passphrase typed through different input methods gives the same bytes. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw VaultError.of('KEY_PASSPHRASE_TOO_SHORT', cryptoMessages.passphraseTooShort, { min: MIN_PASSPHRASE_CHARS });
  }
}

/** Encrypts an unencrypted PKCS#8 DER private key into an "ENCRYPTED PRIVATE KEY" PEM. */
export function encryptPrivateKey(key: crypto.KeyObject, passphrase: string): string {
  checkNewPassphrase(passphrase);
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(16);
  const { N, r, p } = KEY_FILE_SCRYPT;
  const kek = crypto.scryptSync(normalizePassphrase(passphrase), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
  const cipher = crypto.createCipheriv('aes-256-cbc', kek, iv);
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  kek.fill(0);
  const der = seq(
    seq(
      oid(OID_PBES2),
      seq(seq(oid(OID_SCRYPT), seq(octets(salt), integer(N), integer(r), integer(p), integer(32))), seq(oid(OID_AES256_CBC), octets(iv))),
    ),
    octets(encrypted),
  );
  return toPem(der, 'ENCRYPTED PRIVATE KEY');
}

/**
 * Loads a private key from PEM. An encrypted key needs its passphrase: a missing one gives
 * KEY_PASSPHRASE_REQUIRED, a wrong one KEY_PASSPHRASE_WRONG (a damaged file looks the same:
 * CBC has no integrity check, so we cannot tell the two apart).
 */
export function loadPrivateKey(pem: string, passphrase?: string): crypto.KeyObject {
  const encrypted = fromPem(pem, 'ENCRYPTED PRIVATE KEY') !== undefined || /Proc-Type: 4,ENCRYPTED/.test(pem);
  if (encrypted && passphrase === undefined) throw VaultError.of('KEY_PASSPHRASE_REQUIRED', cryptoMessages.passphraseRequired);
  try {
    return crypto.createPrivateKey(
      encrypted ? { key: pem, format: 'pem', passphrase: normalizePassphrase(passphrase ?? '') } : { key: pem, format: 'pem' },
    );
  } catch (e) {
    if (encrypted) throw VaultError.of('KEY_PASSPHRASE_WRONG', cryptoMessages.passphraseWrong, LOCKED_THINGS.privateKey, { reason: errnoCode(e) }, e);
    throw VaultError.of('KEY_UNREADABLE', cryptoMessages.keyUnreadable, { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  }
}

/** SubjectPublicKeyInfo PEM of a key pair's public half (what `openssl … -pubin` reads). */
export function publicKeyPem(key: crypto.KeyObject): string {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}
