import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { certificateFingerprints } from '../../../native/crypto/certificate.js';
import { signDetached, verifyDetached } from '../../../native/crypto/cms.js';
import { createUnitSigningKey } from '../../../native/crypto/unit-key.js';
import { isVaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';
import { openssl } from './openssl.js';

const unit = createUnitSigningKey({ unitName: '某某市档案局档案室', bits: 2048 });
const stranger = createUnitSigningKey({ unitName: '另一单位档案室', bits: 2048 });
const manifest = Buffer.from('3f2a…  data/文书档案/2026-永久-0001.pdf\n9c1b…  data/照片/001.tif\n');
const hasCode = (code: string) => (e: unknown) => isVaultError(e) && e.code === code;

function files(sig: Uint8Array, content: Uint8Array): { dir: string; sig: string; content: string; cert: string; otherCert: string } {
  const dir = tempDir();
  const f = { dir, sig: path.join(dir, 'tagmanifest.p7s'), content: path.join(dir, 'tagmanifest-sha256.txt'), cert: path.join(dir, 'unit.pem'), otherCert: path.join(dir, 'other.pem') };
  fs.writeFileSync(f.sig, sig);
  fs.writeFileSync(f.content, content);
  fs.writeFileSync(f.cert, unit.certificate.toString());
  fs.writeFileSync(f.otherCert, stranger.certificate.toString());
  return f;
}

const cmsVerify = (f: { sig: string; content: string }, ...trust: string[]) =>
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', f.sig, '-content', f.content, '-out', '/dev/null', ...trust]);

test('a detached CMS signature verifies with openssl, unpinned and pinned to the unit certificate', () => {
  const signingTime = new Date('2026-11-30T08:00:00Z');
  const sig = signDetached(manifest, unit, { signingTime });
  const f = files(sig, manifest);
  const unpinned = cmsVerify(f, '-noverify');
  assert.equal(unpinned.status, 0, unpinned.stderr);
  const pinned = cmsVerify(f, '-CAfile', f.cert);
  assert.equal(pinned.status, 0, pinned.stderr);
  // Pinned to another unit's certificate: openssl refuses the chain.
  assert.notEqual(cmsVerify(f, '-CAfile', f.otherCert).status, 0);

  // The structure openssl sees: SHA-256, signing time, the certificate included, no content.
  const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', f.sig]).stdout;
  assert.match(printed, /digestAlgorithm:\s+algorithm: sha256/);
  assert.match(printed, /signingTime/);
  assert.match(printed, /eContent: <ABSENT>/);
  // openssl prints the issuer's UTF-8 bytes escaped: the unit name once, not double-encoded.
  const escaped = [...Buffer.from('某某市档案局档案室', 'utf8')].map((b) => `\\x${b.toString(16).toUpperCase()}`).join('');
  assert.ok(printed.includes(`CN=${escaped}`), 'signer issuer in UTF-8');

  const verified = verifyDetached(sig, manifest, { pin: unit.certificate });
  assert.ok(verified.certificate.raw.equals(unit.certificate.raw));
  assert.equal(verified.signingTime?.toISOString(), signingTime.toISOString());
  verifyDetached(sig, manifest, { pin: { sha256: certificateFingerprints(unit.certificate).sha256 } });
  verifyDetached(sig, manifest, { pin: { sm3: certificateFingerprints(unit.certificate).sm3 } });
  assert.throws(() => verifyDetached(sig, manifest, { pin: stranger.certificate }), hasCode('SIGNATURE_CERT_NOT_PINNED'));
});

test('edited content is rejected by openssl and by our verifier', () => {
  const sig = signDetached(manifest, unit);
  const edited = Buffer.from(manifest);
  edited[5] = edited[5]! ^ 0x01;
  const f = files(sig, edited);
  assert.notEqual(cmsVerify(f, '-noverify').status, 0);
  assert.throws(() => verifyDetached(sig, edited), hasCode('SIGNATURE_CONTENT_MISMATCH'));
  assert.throws(() => verifyDetached(sig, Buffer.concat([manifest, Buffer.from('\n')])), hasCode('SIGNATURE_CONTENT_MISMATCH'));
});

test('a signature over other content, or with altered signature bytes, is rejected by both', () => {
  const other = signDetached(Buffer.from('another manifest'), unit);
  const f1 = files(other, manifest);
  assert.notEqual(cmsVerify(f1, '-noverify').status, 0);
  assert.throws(() => verifyDetached(other, manifest), hasCode('SIGNATURE_CONTENT_MISMATCH'));

  // Flip one bit in the RSA signature value (the last bytes of the DER).
  const sig = signDetached(manifest, unit);
  const flipped = Buffer.from(sig);
  flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 0x80;
  const f2 = files(flipped, manifest);
  assert.notEqual(cmsVerify(f2, '-noverify').status, 0);
  assert.throws(() => verifyDetached(flipped, manifest), hasCode('SIGNATURE_INVALID'));

  // Swap in another unit's signature over the same content: valid, but not the pinned signer.
  const swapped = signDetached(manifest, stranger);
  const f3 = files(swapped, manifest);
  assert.equal(cmsVerify(f3, '-noverify').status, 0);
  assert.notEqual(cmsVerify(f3, '-CAfile', f3.cert).status, 0);
  assert.throws(() => verifyDetached(swapped, manifest, { pin: unit.certificate }), hasCode('SIGNATURE_CERT_NOT_PINNED'));

  // The signing-time attribute altered (signed attributes are covered by the signature).
  const timeAt = sig.indexOf(Buffer.from([0x17, 0x0d])); // UTCTime in the signed attributes follows the certificate's
  const lastTime = sig.lastIndexOf(Buffer.from([0x17, 0x0d]));
  assert.ok(lastTime > timeAt);
  const retimed = Buffer.from(sig);
  retimed[lastTime + 3] = retimed[lastTime + 3] === 0x30 ? 0x31 : 0x30;
  assert.notEqual(cmsVerify(files(retimed, manifest), '-noverify').status, 0);
  assert.throws(() => verifyDetached(retimed, manifest), hasCode('SIGNATURE_INVALID'));

  assert.throws(() => verifyDetached(Buffer.from('garbage'), manifest), hasCode('SIGNATURE_UNREADABLE'));
  assert.throws(() => verifyDetached(sig.subarray(0, sig.length - 1), manifest), hasCode('SIGNATURE_UNREADABLE'));
});
