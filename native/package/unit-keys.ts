import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import { certificateFingerprints, summarizeCertificate, type CertificateSummary } from '../crypto/certificate.js';
import { encryptPrivateKey, loadPrivateKey, publicKeyPem } from '../crypto/private-key.js';
import { generateSm2KeyPair, sm2PublicKey } from '../crypto/sm2.js';
import { createUnitSigningKey, loadUnitSigningKey, storeUnitSigningKey } from '../crypto/unit-key.js';
import { VaultError } from '../errors.js';
import { packageKeyMessages } from './key-messages.js';
import type { PackageSigner } from './sign.js';

/**
 * The unit's signing keys in the catalog (table unit_keys): private halves only ever stored
 * encrypted under the security officer's passphrase; one active key per kind. Creating a new
 * key retires the old one (kept, so what it signed can still be explained).
 */
interface KeyRow {
  id: number;
  kind: 'rsa' | 'sm2';
  unit_name: string;
  key_pem: string;
  certificate_pem: string | null;
  public_key_pem: string;
  fingerprint_sha256: string;
  created_at: string;
}

export interface UnitKeyInfo {
  unitName: string;
  createdAt: string;
  certificate: CertificateSummary;
  certificatePem: string;
  sm2PublicKeyPem: string | null;
}

function activeKey(db: Db, kind: 'rsa' | 'sm2'): KeyRow | undefined {
  return db.prepare('SELECT * FROM unit_keys WHERE kind = ? AND retired_at IS NULL').get(kind) as KeyRow | undefined;
}

/** Makes the unit key (RSA-3072 + self-signed certificate; SM2 as well when asked) and stores it. Inside the caller's transaction. */
export function createUnitKeys(db: Db, input: { unitName: string; sm2: boolean; passphrase: string; createdBy: number; now: string }): UnitKeyInfo {
  const key = createUnitSigningKey({ unitName: input.unitName });
  const stored = storeUnitSigningKey(key, input.passphrase);
  db.prepare('UPDATE unit_keys SET retired_at = ? WHERE retired_at IS NULL').run(input.now);
  const insert = db.prepare(`INSERT INTO unit_keys (kind, unit_name, key_pem, certificate_pem, public_key_pem, fingerprint_sha256, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  insert.run('rsa', input.unitName, stored.keyPem, stored.certificatePem, publicKeyPem(key.privateKey), certificateFingerprints(key.certificate).sha256, input.now, input.createdBy);
  if (input.sm2) {
    const pair = generateSm2KeyPair();
    const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fp = crypto.createHash('sha256').update(pair.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    insert.run('sm2', input.unitName, encryptPrivateKey(pair.privateKey, input.passphrase), null, pub, fp, input.now, input.createdBy);
  }
  const info = unitKeyInfo(db);
  if (!info) throw new Error('unit key not stored');
  return info;
}

/** The active key's public side: certificate and SM2 public key, for the archive to pin. */
export function unitKeyInfo(db: Db): UnitKeyInfo | null {
  const rsa = activeKey(db, 'rsa');
  if (!rsa || !rsa.certificate_pem) return null;
  const sm2 = activeKey(db, 'sm2');
  const cert = new crypto.X509Certificate(rsa.certificate_pem);
  return { unitName: rsa.unit_name, createdAt: rsa.created_at, certificate: summarizeCertificate(cert), certificatePem: rsa.certificate_pem, sm2PublicKeyPem: sm2?.public_key_pem ?? null };
}

/** Unlocks the active keys for one export; TRANSFER_NO_SIGNING_KEY without a key, KEY_PASSPHRASE_WRONG for a wrong passphrase. */
export function unlockUnitKeys(db: Db, passphrase: string): { signer: PackageSigner; unitName: string } {
  const rsa = activeKey(db, 'rsa');
  if (!rsa || !rsa.certificate_pem) throw VaultError.of('TRANSFER_NO_SIGNING_KEY', packageKeyMessages.noKey);
  const key = loadUnitSigningKey({ keyPem: rsa.key_pem, certificatePem: rsa.certificate_pem }, passphrase);
  const sm2 = activeKey(db, 'sm2');
  if (!sm2) return { signer: { key }, unitName: rsa.unit_name };
  const privateKey = loadPrivateKey(sm2.key_pem, passphrase);
  const pub = sm2PublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { signer: { key, sm2: { privateKey, publicKeyPem: pub } }, unitName: rsa.unit_name };
}
