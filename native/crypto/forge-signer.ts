import crypto from 'node:crypto';
import forge from 'node-forge';

/**
 * Lets node-forge build structures (certificates, PKCS#7) while the RSA private operation runs
 * in node:crypto: forge hands us the finished digest, we return the RSASSA-PKCS1-v1_5
 * signature. The key never becomes a forge (pure JavaScript) key, and signing is native speed.
 */
const DIGEST_INFO_PREFIX: Record<string, Buffer> = {
  // DER of DigestInfo { AlgorithmIdentifier sha256, NULL } up to the 32-byte digest (RFC 8017 §9.2).
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
};

export function nodeRsaSigner(privateKey: crypto.KeyObject): forge.Signer {
  return {
    sign(md) {
      const prefix = DIGEST_INFO_PREFIX[md.algorithm];
      if (!prefix) throw new Error(`unsupported digest for RSA signing: ${md.algorithm}`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.concat([prefix, digest]));
      return signature.toString('binary');
    },
  };
}

/** forge works on "binary" strings (one char per byte). */
export const toForgeBytes = (data: Uint8Array): string => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('binary');
export const fromForgeBytes = (bytes: string): Buffer => Buffer.from(bytes, 'binary');

/**
 * A node:crypto certificate as a forge certificate, for PKCS#7 signing. forge's parser leaves
 * UTF8String name values as raw UTF-8 bytes but its encoder UTF-8-encodes them again, so the
 * SignerInfo's issuer would no longer match the certificate (double-encoded Chinese). Decoding
 * them here makes the round trip exact.
 */
export function forgeCertificate(der: Uint8Array): forge.Certificate {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(toForgeBytes(der)));
  for (const attrs of [cert.issuer.attributes, cert.subject.attributes]) {
    for (const attr of attrs) {
      if (attr.valueTagClass === forge.asn1.Type.UTF8) attr.value = fromForgeBytes(attr.value).toString('utf8');
    }
  }
  return cert;
}
