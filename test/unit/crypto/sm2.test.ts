import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { encryptPrivateKey, loadPrivateKey, publicKeyPem } from '../../../native/crypto/private-key.js';
import { G, SM2, isOnCurve, multiply } from '../../../native/crypto/sm2-curve.js';
import {
  SM2_DEFAULT_ID, assertSm2Signature, generateSm2KeyPair, parseSm2Signature, sm2PublicKey, sm2Sign, sm2Verify, sm2Z,
} from '../../../native/crypto/sm2.js';
import { isVaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';
import { openssl, opensslOk } from './openssl.js';

const hasCode = (code: string) => (e: unknown) => isVaultError(e) && e.code === code;
const message = Buffer.from('tagmanifest-sm3.txt：文书档案 2026 年度移交\n');
const STD = `distid:${SM2_DEFAULT_ID}`;

function pkeyVerify(pub: string, msg: string, sig: string, ...opts: string[]) {
  return openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', msg, '-sigfile', sig, '-digest', 'sm3', ...opts]);
}

test('curve arithmetic: the generator is on the curve and has order n', () => {
  assert.ok(isOnCurve(G));
  assert.equal(multiply(SM2.n, G), null);
  assert.deepEqual(multiply(SM2.n + 1n, G), G);
  // The parameters are the ones openssl knows as SM2.
  const text = opensslOk(['ecparam', '-name', 'SM2', '-param_enc', 'explicit', '-noout', '-text']).replace(/[\s:]/g, '');
  for (const v of [SM2.p, SM2.a, SM2.b, SM2.n]) assert.ok(text.includes(v.toString(16)), v.toString(16));
  assert.ok(text.includes(`04${SM2.gx.toString(16)}${SM2.gy.toString(16)}`));
});

test('our SM2 signature with the standard ID verifies with openssl (distid 1234567812345678)', () => {
  const dir = tempDir();
  const { privateKey, publicKey } = generateSm2KeyPair();
  const files = { pub: path.join(dir, 'pub.pem'), msg: path.join(dir, 'msg.txt'), sig: path.join(dir, 'msg.sig') };
  fs.writeFileSync(files.pub, publicKeyPem(publicKey));
  fs.writeFileSync(files.msg, message);
  for (let i = 0; i < 5; i++) {
    const sig = sm2Sign(message, privateKey);
    fs.writeFileSync(files.sig, sig);
    const r = pkeyVerify(files.pub, files.msg, files.sig, '-pkeyopt', STD);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Signature Verified Successfully/);
    // Not an empty-ID signature, and not over other content.
    assert.notEqual(pkeyVerify(files.pub, files.msg, files.sig).status, 0);
    fs.writeFileSync(files.msg, Buffer.concat([message, Buffer.from('x')]));
    assert.notEqual(pkeyVerify(files.pub, files.msg, files.sig, '-pkeyopt', STD).status, 0);
    fs.writeFileSync(files.msg, message);
    assert.ok(sm2Verify(message, sig, publicKey));
    assert.ok(sm2Verify(message, sig, privateKey), 'a private key verifies with its public half');
  }
  // The DER is what openssl writes: SEQUENCE of two INTEGERs.
  assert.match(opensslOk(['asn1parse', '-inform', 'DER', '-in', files.sig]), /SEQUENCE[\s\S]*INTEGER[\s\S]*INTEGER/);
});

test('openssl SM2 signatures with the standard ID verify with ours; empty-ID ones (Node, openssl default) do not', () => {
  const dir = tempDir();
  const { privateKey, publicKey } = generateSm2KeyPair();
  const passphrase = '国密 签名 口令 SM2';
  const files = { key: path.join(dir, 'sm2.key'), msg: path.join(dir, 'msg.txt'), sig: path.join(dir, 'std.sig'), empty: path.join(dir, 'empty.sig') };
  // Our encrypted (PBES2/scrypt) SM2 key file is readable by openssl.
  fs.writeFileSync(files.key, encryptPrivateKey(privateKey, passphrase));
  fs.writeFileSync(files.msg, message);
  const sign = (out: string, ...opts: string[]) =>
    opensslOk(['pkeyutl', '-sign', '-inkey', files.key, '-passin', `pass:${passphrase}`, '-rawin', '-in', files.msg, '-digest', 'sm3', '-out', out, ...opts]);
  sign(files.sig, '-pkeyopt', STD);
  sign(files.empty);
  const std = fs.readFileSync(files.sig);
  const empty = fs.readFileSync(files.empty);
  assert.ok(sm2Verify(message, std, publicKey));
  assert.doesNotThrow(() => assertSm2Signature(message, std, publicKey));
  assert.ok(!sm2Verify(Buffer.from('另一份清单'), std, publicKey), 'other content');
  assert.ok(!sm2Verify(message, std, publicKey, { id: 'ALICE123@YAHOO.COM' }), 'other ID');

  assert.ok(!sm2Verify(message, empty, publicKey), 'an empty-ID signature is not a standard-ID signature');
  assert.throws(() => assertSm2Signature(message, empty, publicKey), hasCode('SM2_SIGNATURE_INVALID'));
  assert.ok(sm2Verify(message, empty, publicKey, { id: '' }), 'it is valid only under the empty ID');
  const nodeSig = crypto.sign(null, message, privateKey);
  assert.ok(!sm2Verify(message, nodeSig, publicKey), "Node's crypto.sign uses the empty ID");
  assert.ok(sm2Verify(message, nodeSig, publicKey, { id: '' }));

  // Loaded back from the encrypted file, the key signs the same way.
  const loaded = loadPrivateKey(fs.readFileSync(files.key, 'utf8'), passphrase);
  assert.ok(sm2Verify(message, sm2Sign(message, loaded), publicKey));
  assert.ok(sm2PublicKey(loaded).export({ type: 'spki', format: 'der' }).equals(publicKey.export({ type: 'spki', format: 'der' })));
  assert.throws(() => loadPrivateKey(fs.readFileSync(files.key, 'utf8'), '国密 签名 口令 SM3'), hasCode('KEY_PASSPHRASE_WRONG'));
});

test('the Z value depends on the distinguishing ID, the standard one by default', () => {
  // That Z is computed right is shown by openssl accepting our signatures (above).
  const { publicKey } = generateSm2KeyPair();
  const z = sm2Z(publicKey);
  assert.equal(z.length, 32);
  assert.ok(!z.equals(sm2Z(publicKey, { id: '' })));
  assert.ok(z.equals(sm2Z(publicKey, { id: Buffer.from(SM2_DEFAULT_ID) })));
});

test('malformed signatures and keys are refused clearly', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const sig = sm2Sign(message, privateKey);
  const { r, s } = parseSm2Signature(sig);
  assert.ok(r > 0n && s > 0n);
  assert.throws(() => assertSm2Signature(message, sig.subarray(0, sig.length - 1), publicKey), hasCode('SM2_SIGNATURE_UNREADABLE'));
  assert.throws(() => parseSm2Signature(Buffer.concat([sig, Buffer.from([0])])), hasCode('SM2_SIGNATURE_UNREADABLE'));
  assert.ok(!sm2Verify(message, Buffer.from('3006020100020101', 'hex'), publicKey), 'r = 0');
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  assert.throws(() => sm2Sign(message, rsa.privateKey), hasCode('SM2_KEY_INVALID'));
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  assert.throws(() => sm2Verify(message, sig, p256.publicKey), hasCode('SM2_KEY_INVALID'));
});
