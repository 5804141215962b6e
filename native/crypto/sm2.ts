import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import {
  DerError, TAG, bits, children, expectTag, fromBytes, integer, octets, oid, readExact, readOid, readUnsigned, seq, tlv, toFixed,
} from './der.js';
import { cryptoMessages } from './messages.js';
import { G, SM2, type Point, invert, isOnCurve, mod, multiply, multiplyAdd } from './sm2-curve.js';

/**
 * SM2 signatures (GB/T 32918.2) with the standard distinguishing ID (GM/T 0009: 1234567812345678).
 * e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA); signatures are DER
 * SEQUENCE { r INTEGER, s INTEGER } as OpenSSL writes them, so
 * `openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in msg -sigfile sig -digest sm3 -pkeyopt distid:1234567812345678`
 * accepts ours and we accept its. Keys are ordinary PKCS#8 / SPKI (id-ecPublicKey, curve SM2).
 */

export const SM2_DEFAULT_ID = '1234567812345678';

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_SM2_CURVE = '1.2.156.10197.1.301';
const N = SM2.n;

export interface Sm2KeyPair {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
}

export interface Sm2Options {
  /** The distinguishing ID (string as UTF-8, or bytes); the standard one when omitted. */
  id?: string | Uint8Array;
}

function invalidKey(reason: string, cause?: unknown): VaultError {
  return VaultError.of('SM2_KEY_INVALID', cryptoMessages.sm2KeyInvalid, { reason }, {}, cause);
}

function pointBytes(pt: NonNullable<Point>): Buffer {
  return Buffer.concat([Buffer.from([4]), toFixed(pt.x, 32), toFixed(pt.y, 32)]);
}

function parsePoint(raw: Buffer): NonNullable<Point> {
  if (raw.length !== 65 || raw[0] !== 4) throw invalidKey('public key must be an uncompressed point');
  const pt = { x: fromBytes(raw.subarray(1, 33)), y: fromBytes(raw.subarray(33)) };
  // Cofactor 1: a point on the curve (and not infinity) is in the prime-order group.
  if (!isOnCurve(pt)) throw invalidKey('public key is not a point on the SM2 curve');
  return pt;
}

function algorithmIdentifier(): Buffer {
  return seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE));
}

function checkAlgorithm(node: ReturnType<typeof readExact> | undefined): void {
  const [alg, curve] = children(expectTag(node, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  const algOid = readOid(alg);
  // Some older tools label SM2 keys with the curve OID as the algorithm itself.
  if (algOid === OID_SM2_CURVE) return;
  if (algOid !== OID_EC_PUBLIC_KEY || readOid(curve, 'curve') !== OID_SM2_CURVE) {
    throw invalidKey(`not an SM2 key (algorithm ${algOid})`);
  }
}

function publicDer(pt: NonNullable<Point>): Buffer {
  return seq(algorithmIdentifier(), bits(pointBytes(pt)));
}

function privateDer(d: bigint, pt: NonNullable<Point>): Buffer {
  const ecPrivateKey = seq(integer(1), octets(toFixed(d, 32)), tlv(0xa1, bits(pointBytes(pt))));
  return seq(integer(0), algorithmIdentifier(), octets(ecPrivateKey));
}

/** The private scalar d of an SM2 private key (from its PKCS#8 encoding), validated. */
function privateScalar(key: crypto.KeyObject): bigint {
  if (key.type !== 'private') throw invalidKey('a private key is needed to sign');
  try {
    const [, alg, inner] = children(readExact(key.export({ type: 'pkcs8', format: 'der' })));
    checkAlgorithm(alg);
    const [, dNode] = children(readExact(expectTag(inner, TAG.OCTET_STRING, 'privateKey').value));
    const d = fromBytes(expectTag(dNode, TAG.OCTET_STRING, 'd').value);
    if (d < 1n || d > N - 2n) throw invalidKey('private scalar out of range');
    return d;
  } catch (e) {
    if (e instanceof DerError) throw invalidKey(e.message, e);
    throw e;
  }
}

/** The public point of an SM2 key (public, or the public half of a private key), validated. */
export function sm2PublicPoint(key: crypto.KeyObject): NonNullable<Point> {
  if (key.type === 'private') {
    const pt = multiply(privateScalar(key), G);
    if (pt === null) throw invalidKey('degenerate key');
    return pt;
  }
  try {
    const [alg, pub] = children(readExact(key.export({ type: 'spki', format: 'der' })));
    checkAlgorithm(alg);
    const bitString = expectTag(pub, TAG.BIT_STRING, 'subjectPublicKey').value;
    if (bitString[0] !== 0) throw invalidKey('bad public key bit string');
    return parsePoint(bitString.subarray(1));
  } catch (e) {
    if (e instanceof DerError) throw invalidKey(e.message, e);
    throw e;
  }
}

/**
 * A new SM2 key pair. The scalar is drawn here (randomBytes, rejection sampling into [1, n-2])
 * and the PKCS#8 built by hand, so this works the same whatever SM2 support the Node/OpenSSL
 * underneath has (Node 20 reports SM2 keys with asymmetricKeyType undefined).
 */
export function generateSm2KeyPair(): Sm2KeyPair {
  let d = 0n;
  while (d < 1n || d > N - 2n) d = fromBytes(crypto.randomBytes(32));
  const pt = multiply(d, G);
  if (pt === null) throw new Error('SM2 key generation produced the point at infinity');
  const privateKey = crypto.createPrivateKey({ key: privateDer(d, pt), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey({ key: publicDer(pt), format: 'der', type: 'spki' });
  return { privateKey, publicKey };
}

/** The SM2 public key of a private key, as a KeyObject (exportable as SPKI PEM for openssl). */
export function sm2PublicKey(key: crypto.KeyObject): crypto.KeyObject {
  return crypto.createPublicKey({ key: publicDer(sm2PublicPoint(key)), format: 'der', type: 'spki' });
}

function idBytes(id: string | Uint8Array | undefined): Buffer {
  const bytes = id === undefined ? Buffer.from(SM2_DEFAULT_ID, 'utf8') : typeof id === 'string' ? Buffer.from(id, 'utf8') : Buffer.from(id);
  // ENTL is the ID's length in BITS in two bytes.
  if (bytes.length * 8 > 0xffff) throw VaultError.of('SM2_ID_INVALID', cryptoMessages.sm2IdInvalid, { bytes: bytes.length });
  return bytes;
}

function zValue(pt: NonNullable<Point>, id: Buffer): Buffer {
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return crypto
    .createHash('sm3')
    .update(entl)
    .update(id)
    .update(toFixed(SM2.a, 32))
    .update(toFixed(SM2.b, 32))
    .update(toFixed(SM2.gx, 32))
    .update(toFixed(SM2.gy, 32))
    .update(toFixed(pt.x, 32))
    .update(toFixed(pt.y, 32))
    .digest();
}

/** Z_A of GB/T 32918.2 for a key and distinguishing ID. */
export function sm2Z(key: crypto.KeyObject, options: Sm2Options = {}): Buffer {
  return zValue(sm2PublicPoint(key), idBytes(options.id));
}

function messageDigest(pt: NonNullable<Point>, data: Uint8Array, options: Sm2Options): bigint {
  return fromBytes(crypto.createHash('sm3').update(zValue(pt, idBytes(options.id))).update(data).digest());
}

/** Signs data; returns the DER SEQUENCE { r, s }. */
export function sm2Sign(data: Uint8Array, privateKey: crypto.KeyObject, options: Sm2Options = {}): Buffer {
  const d = privateScalar(privateKey);
  const pt = multiply(d, G);
  if (pt === null) throw invalidKey('degenerate key');
  const e = messageDigest(pt, data, options);
  const dInv = invert(1n + d, N);
  for (;;) {
    const k = fromBytes(crypto.randomBytes(32));
    if (k < 1n || k >= N) continue;
    const kg = multiply(k, G);
    if (kg === null) continue;
    const r = mod(e + kg.x, N);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * d), N);
    if (s === 0n) continue;
    return seq(integer(r), integer(s));
  }
}

/** r and s of a DER SM2 signature, strictly parsed and range-checked. */
export function parseSm2Signature(signature: Uint8Array): { r: bigint; s: bigint } {
  try {
    const parts = children(expectTag(readExact(Buffer.from(signature)), TAG.SEQUENCE, 'SEQUENCE'));
    if (parts.length !== 2) throw new DerError('expected two INTEGERs');
    const r = readUnsigned(parts[0], 'r');
    const s = readUnsigned(parts[1], 's');
    if (r < 1n || r >= N || s < 1n || s >= N) throw new DerError('r or s out of range');
    return { r, s };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw VaultError.of('SM2_SIGNATURE_UNREADABLE', cryptoMessages.sm2SignatureUnreadable, { reason }, {}, e);
  }
}

/** True when signature is a valid SM2 signature over data by publicKey with this ID. */
export function sm2Verify(data: Uint8Array, signature: Uint8Array, publicKey: crypto.KeyObject, options: Sm2Options = {}): boolean {
  let rs: { r: bigint; s: bigint };
  try {
    rs = parseSm2Signature(signature);
  } catch {
    return false;
  }
  const pt = sm2PublicPoint(publicKey);
  const e = messageDigest(pt, data, options);
  const t = mod(rs.r + rs.s, N);
  if (t === 0n) return false;
  const x1y1 = multiplyAdd(rs.s, G, t, pt);
  return x1y1 !== null && mod(e + x1y1.x, N) === rs.r;
}

/** Like sm2Verify, but a bad signature is a VaultError (SM2_SIGNATURE_UNREADABLE / SM2_SIGNATURE_INVALID). */
export function assertSm2Signature(data: Uint8Array, signature: Uint8Array, publicKey: crypto.KeyObject, options: Sm2Options = {}): void {
  parseSm2Signature(signature);
  if (!sm2Verify(data, signature, publicKey, options)) throw VaultError.of('SM2_SIGNATURE_INVALID', cryptoMessages.sm2SignatureInvalid);
}
