import crypto from 'node:crypto';
import forge from 'node-forge';
import { VaultError } from '../errors.js';
import { type CertificatePin, assertPinned, readCertificate } from './certificate.js';
import { DerError, TAG, type DerNode, children, expectTag, readExact, readOid } from './der.js';
import { forgeCertificate, fromForgeBytes, nodeRsaSigner, toForgeBytes } from './forge-signer.js';
import { cryptoMessages } from './messages.js';
import type { UnitSigningKey } from './unit-key.js';

/**
 * Detached CMS (PKCS#7) signatures over bytes, e.g. a transfer package's tag manifest: SHA-256,
 * signed attributes (content type, signing time, message digest), the signer's certificate
 * included. Made with node-forge; checked by OpenSSL with
 *   openssl cms -verify -binary -inform DER -in sig.p7s -content manifest -noverify      (any signer)
 *   openssl cms -verify -binary -inform DER -in sig.p7s -content manifest -CAfile cert.pem   (pinned)
 * forge cannot verify PKCS#7, so verifyDetached below walks the DER itself and checks the RSA
 * signature with node:crypto.
 */

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

export interface SignOptions {
  /** The signing-time attribute; now when omitted. */
  signingTime?: Date;
}

/** A detached CMS SignedData (DER) over content, by the unit key, its certificate included. */
export function signDetached(content: Uint8Array, key: UnitSigningKey, options: SignOptions = {}): Buffer {
  const cert = forgeCertificate(key.certificate.raw);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(toForgeBytes(content), 'raw');
  p7.addCertificate(cert);
  const signingTime = new Date(options.signingTime ?? Date.now());
  signingTime.setMilliseconds(0);
  p7.addSigner({
    key: nodeRsaSigner(key.privateKey),
    certificate: cert,
    digestAlgorithm: forge.pki.oids['sha256']!,
    // In DER SET OF order (by encoding), as a strict verifier re-encoding them would expect.
    authenticatedAttributes: [
      { type: OID.contentType, value: OID.data },
      { type: OID.signingTime, value: signingTime },
      { type: OID.messageDigest },
    ],
  });
  p7.sign({ detached: true });
  return fromForgeBytes(forge.asn1.toDer(p7.toAsn1()).getBytes());
}

export interface VerifiedSignature {
  certificate: crypto.X509Certificate;
  /** From the signing-time attribute (the signer's clock: a claim, not proof). */
  signingTime: Date | undefined;
  digestAlgorithm: 'sha256';
}

export interface VerifyOptions {
  /** When given, the signer certificate must be this one (SIGNATURE_CERT_NOT_PINNED otherwise). */
  pin?: CertificatePin;
}

function unreadable(reason: string, cause?: unknown): VaultError {
  return VaultError.of('SIGNATURE_UNREADABLE', cryptoMessages.signatureUnreadable, { reason }, {}, cause);
}

function unsupported(algorithm: string): VaultError {
  return VaultError.of('SIGNATURE_UNSUPPORTED', cryptoMessages.signatureUnsupported, { algorithm });
}

function parseTime(node: DerNode): Date {
  const text = node.value.toString('latin1');
  const m =
    node.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new DerError('bad signing time');
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** issuer Name and serialNumber of a certificate, as raw DER, to match a SignerInfo's sid. */
function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const [tbs] = children(readExact(certDer));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'TBSCertificate'));
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // skip [0] EXPLICIT version
  return { serial: expectTag(fields[i], TAG.INTEGER, 'serialNumber').raw, issuer: expectTag(fields[i + 2], TAG.SEQUENCE, 'issuer').raw };
}

interface ParsedSignerInfo {
  sid: { issuer: Buffer; serial: Buffer };
  digestOid: string;
  signedAttrs: DerNode;
  signatureOid: string;
  signature: Buffer;
}

function parseSignerInfo(node: DerNode): ParsedSignerInfo {
  const f = children(expectTag(node, TAG.SEQUENCE, 'SignerInfo'));
  const sid = expectTag(f[1], TAG.SEQUENCE, 'issuerAndSerialNumber (subjectKeyIdentifier signers are not supported)');
  const [issuer, serial] = children(sid);
  const digestOid = readOid(children(expectTag(f[2], TAG.SEQUENCE, 'digestAlgorithm'))[0]);
  if (f[3]?.tag !== 0xa0) throw unsupported('SignerInfo without signed attributes');
  const signatureOid = readOid(children(expectTag(f[4], TAG.SEQUENCE, 'signatureAlgorithm'))[0]);
  const signature = expectTag(f[5], TAG.OCTET_STRING, 'signature').value;
  return {
    sid: { issuer: expectTag(issuer, TAG.SEQUENCE, 'issuer').raw, serial: expectTag(serial, TAG.INTEGER, 'serialNumber').raw },
    digestOid,
    signedAttrs: f[3],
    signatureOid,
    signature,
  };
}

function parseSignedData(signature: Uint8Array): { certificates: Buffer[]; signer: ParsedSignerInfo } {
  try {
    const [typeNode, explicit] = children(expectTag(readExact(Buffer.from(signature)), TAG.SEQUENCE, 'ContentInfo'));
    if (readOid(typeNode) !== OID.signedData) throw new DerError('not SignedData');
    const [signedData] = children(expectTag(explicit, 0xa0, '[0] content'));
    const f = children(expectTag(signedData, TAG.SEQUENCE, 'SignedData'));
    const encap = children(expectTag(f[2], TAG.SEQUENCE, 'encapContentInfo'));
    if (readOid(encap[0]) !== OID.data) throw unsupported(`content type ${readOid(encap[0])}`);
    let i = 3;
    const certificates: Buffer[] = [];
    if (f[i]?.tag === 0xa0) {
      for (const c of children(f[i]!)) if (c.tag === TAG.SEQUENCE) certificates.push(Buffer.from(c.raw));
      i++;
    }
    if (f[i]?.tag === 0xa1) i++; // CRLs
    const signerInfos = children(expectTag(f[i], TAG.SET, 'signerInfos'));
    if (signerInfos.length !== 1) throw unsupported(`${signerInfos.length} signers (exactly one expected)`);
    return { certificates, signer: parseSignerInfo(signerInfos[0]!) };
  } catch (e) {
    if (e instanceof DerError) throw unreadable(e.message, e);
    throw e;
  }
}

/**
 * Checks a detached CMS signature over content and returns the signer certificate. Throws
 * SIGNATURE_UNREADABLE, SIGNATURE_UNSUPPORTED, SIGNATURE_SIGNER_MISSING,
 * SIGNATURE_CONTENT_MISMATCH (content edited), SIGNATURE_INVALID (signature or signed
 * attributes altered, or a different key) or SIGNATURE_CERT_NOT_PINNED.
 */
export function verifyDetached(signature: Uint8Array, content: Uint8Array, options: VerifyOptions = {}): VerifiedSignature {
  const { certificates, signer } = parseSignedData(signature);
  if (signer.digestOid !== OID.sha256) throw unsupported(`digest ${signer.digestOid}`);
  if (signer.signatureOid !== OID.rsaEncryption && signer.signatureOid !== OID.sha256WithRSA) throw unsupported(`signature ${signer.signatureOid}`);

  let certDer: Buffer | undefined;
  try {
    certDer = certificates.find((der) => {
      const id = issuerAndSerial(der);
      return id.serial.equals(signer.sid.serial) && id.issuer.equals(signer.sid.issuer);
    });
  } catch (e) {
    if (e instanceof DerError) throw unreadable(e.message, e);
    throw e;
  }
  if (!certDer) throw VaultError.of('SIGNATURE_SIGNER_MISSING', cryptoMessages.signatureSignerMissing);
  const certificate = readCertificate(certDer);

  let contentType: string | undefined;
  let digest: Buffer | undefined;
  let signingTime: Date | undefined;
  try {
    for (const attr of children(signer.signedAttrs)) {
      const [typeNode, values] = children(expectTag(attr, TAG.SEQUENCE, 'Attribute'));
      const type = readOid(typeNode);
      const [value, extra] = children(expectTag(values, TAG.SET, 'attribute values'));
      if (!value || extra) throw new DerError('attribute must have exactly one value');
      if (type === OID.contentType) contentType = readOid(value);
      else if (type === OID.messageDigest) digest = expectTag(value, TAG.OCTET_STRING, 'messageDigest').value;
      else if (type === OID.signingTime) signingTime = parseTime(value);
    }
  } catch (e) {
    if (e instanceof DerError) throw unreadable(e.message, e);
    throw e;
  }
  if (contentType !== OID.data || !digest) throw unreadable('signed attributes lack content type or message digest');

  // RFC 5652 §5.4: the signature covers the signed attributes DER-encoded with the SET OF tag,
  // exactly the bytes that were sent (not a re-encoding).
  const signedBytes = Buffer.concat([Buffer.from([TAG.SET]), signer.signedAttrs.raw.subarray(1)]);
  if (!crypto.verify('sha256', signedBytes, certificate.publicKey, signer.signature)) {
    throw VaultError.of('SIGNATURE_INVALID', cryptoMessages.signatureInvalid);
  }
  if (!crypto.createHash('sha256').update(content).digest().equals(digest)) {
    throw VaultError.of('SIGNATURE_CONTENT_MISMATCH', cryptoMessages.signatureContentMismatch);
  }
  if (options.pin) assertPinned(certificate, options.pin);
  return { certificate, signingTime, digestAlgorithm: 'sha256' };
}
