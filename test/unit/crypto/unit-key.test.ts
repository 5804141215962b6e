import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { certificateFingerprints, matchesPin, readCertificate, summarizeCertificate } from '../../../native/crypto/certificate.js';
import { encryptPrivateKey, loadPrivateKey } from '../../../native/crypto/private-key.js';
import { createUnitSigningKey, loadUnitSigningKey, storeUnitSigningKey } from '../../../native/crypto/unit-key.js';
import { isVaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';
import { openssl, opensslOk } from './openssl.js';

const UNIT = '某某市档案局档案室';
const key = createUnitSigningKey({ unitName: UNIT, organization: '某某市档案局', years: 30 });

const hasCode = (code: string) => (e: unknown) => isVaultError(e) && e.code === code;

test('the unit certificate names the unit in Chinese, as openssl reads it', () => {
  const dir = tempDir();
  const pem = path.join(dir, '证书.pem');
  fs.writeFileSync(pem, key.certificate.toString());
  const subject = opensslOk(['x509', '-in', pem, '-noout', '-subject', '-issuer', '-nameopt', 'utf8']);
  assert.match(subject, /^subject=C\s?=\s?CN, O\s?=\s?某某市档案局, CN\s?=\s?某某市档案局档案室$/m);
  assert.match(subject, /^issuer=C\s?=\s?CN, O\s?=\s?某某市档案局, CN\s?=\s?某某市档案局档案室$/m, 'self-signed');
  // UTF8String, not double-encoded bytes: the raw DER contains the UTF-8 of the unit name once.
  assert.ok(Buffer.from(key.certificate.raw).includes(Buffer.from(UNIT, 'utf8')));
  const ext = opensslOk(['x509', '-in', pem, '-noout', '-ext', 'keyUsage,basicConstraints']);
  assert.match(ext, /Key Usage: critical\s+Digital Signature, Non Repudiation\s*$/m);
  assert.match(ext, /CA:FALSE/);
  // The self-signature verifies, the key is RSA-3072, validity is 30 years.
  opensslOk(['verify', '-CAfile', pem, '-purpose', 'any', pem]);
  assert.match(opensslOk(['x509', '-in', pem, '-noout', '-text']), /Public-Key: \(3072 bit\)/);
  const s = summarizeCertificate(key.certificate);
  assert.equal(new Date(s.notAfter).getUTCFullYear() - new Date(s.notBefore).getUTCFullYear(), 30);
  assert.match(s.serialNumber, /^[0-9A-F]{32}$/);
});

test('PEM and DER exports and fingerprints (SHA-256, SM3) match openssl', () => {
  const dir = tempDir();
  const der = path.join(dir, 'cert.der');
  fs.writeFileSync(der, key.certificate.raw);
  const fp = certificateFingerprints(key.certificate);
  for (const [alg, expected] of [['-sha256', fp.sha256], ['-sm3', fp.sm3]] as const) {
    const out = opensslOk(['x509', '-inform', 'DER', '-in', der, '-noout', '-fingerprint', alg]);
    assert.equal(out.trim().split('=')[1], expected, alg);
  }
  assert.ok(readCertificate(fs.readFileSync(der)).raw.equals(readCertificate(key.certificate.toString()).raw));
  assert.ok(matchesPin(key.certificate, { sha256: fp.sha256.replace(/:/g, '').toLowerCase() }));
  assert.ok(matchesPin(key.certificate, { sm3: fp.sm3 }));
  assert.ok(!matchesPin(key.certificate, { sha256: fp.sm3 }));
  assert.throws(() => readCertificate('not a certificate'), hasCode('CERT_UNREADABLE'));
});

test('the private key is stored encrypted (PBES2/scrypt, openssl reads it) and needs the right passphrase', () => {
  const dir = tempDir();
  const passphrase = '档案室 正确 口令 2026';
  const stored = storeUnitSigningKey(key, passphrase);
  assert.match(stored.keyPem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  const file = path.join(dir, 'unit.key');
  fs.writeFileSync(file, stored.keyPem);
  assert.match(opensslOk(['asn1parse', '-in', file]), /:scrypt/);
  assert.match(opensslOk(['asn1parse', '-in', file]), /:aes-256-cbc/);
  const modulus = opensslOk(['rsa', '-in', file, '-passin', `pass:${passphrase}`, '-noout', '-modulus']);
  assert.equal(modulus, opensslOk(['x509', '-noout', '-modulus'], Buffer.from(stored.certificatePem)));
  assert.notEqual(openssl(['pkey', '-in', file, '-passin', 'pass:wrong passphrase', '-noout']).status, 0);

  const loaded = loadUnitSigningKey(stored, passphrase);
  assert.ok(loaded.privateKey.export({ type: 'pkcs8', format: 'der' }).equals(key.privateKey.export({ type: 'pkcs8', format: 'der' })));
  assert.throws(() => loadUnitSigningKey(stored, '档案室 错误 口令 2026'), hasCode('KEY_PASSPHRASE_WRONG'));
  assert.throws(() => loadPrivateKey(stored.keyPem), hasCode('KEY_PASSPHRASE_REQUIRED'));
  assert.throws(() => encryptPrivateKey(key.privateKey, 'short'), hasCode('KEY_PASSPHRASE_TOO_SHORT'));
  // A key that does not belong to the certificate.
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  assert.throws(() => loadUnitSigningKey({ ...stored, keyPem: encryptPrivateKey(other, passphrase) }, passphrase), hasCode('CERT_KEY_MISMATCH'));
});

test('bad certificate input is refused with a clear error', () => {
  assert.throws(() => createUnitSigningKey({ unitName: '  ' }), hasCode('CERT_BAD_INPUT'));
  assert.throws(() => createUnitSigningKey({ unitName: UNIT, years: 0 }), hasCode('CERT_BAD_INPUT'));
  assert.throws(() => createUnitSigningKey({ unitName: UNIT, country: '中国' }), hasCode('CERT_BAD_INPUT'));
});
