import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import { cryptoMessages } from './messages.js';

/**
 * Reading certificates and the fingerprints people compare by eye or that a receiving archive
 * pins. Fingerprints are over the DER encoding, upper-case hex in colon-separated pairs, the way
 * `openssl x509 -noout -fingerprint -sha256` (and `-sm3`) prints them.
 */

export interface CertificateFingerprints {
  sha256: string;
  sm3: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprints: CertificateFingerprints;
}

export function readCertificate(input: string | Uint8Array): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(typeof input === 'string' ? input : Buffer.from(input));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw VaultError.of('CERT_UNREADABLE', cryptoMessages.certUnreadable, { reason }, {}, e);
  }
}

function colonHex(digest: Buffer): string {
  return digest.toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

export function certificateFingerprints(cert: crypto.X509Certificate): CertificateFingerprints {
  return {
    sha256: colonHex(crypto.createHash('sha256').update(cert.raw).digest()),
    sm3: colonHex(crypto.createHash('sm3').update(cert.raw).digest()),
  };
}

export function certificatePem(cert: crypto.X509Certificate): string {
  return cert.toString();
}

export function certificateDer(cert: crypto.X509Certificate): Buffer {
  return Buffer.from(cert.raw);
}

export function summarizeCertificate(cert: crypto.X509Certificate): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprints: certificateFingerprints(cert),
  };
}

/** Fingerprints compare case- and separator-insensitively ("AB:CD…", "abcd…", "AB CD …"). */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[\s:]/g, '').toLowerCase();
}

/** The certificate a receiving archive pinned: the certificate itself, or its SHA-256 / SM3 fingerprint. */
export type CertificatePin = crypto.X509Certificate | { sha256: string } | { sm3: string };

/** True when cert is the pinned one: same DER bytes, or the same fingerprint. */
export function matchesPin(cert: crypto.X509Certificate, pin: CertificatePin): boolean {
  if (pin instanceof crypto.X509Certificate) return Buffer.from(pin.raw).equals(Buffer.from(cert.raw));
  const fp = certificateFingerprints(cert);
  if ('sha256' in pin) return normalizeFingerprint(pin.sha256) === normalizeFingerprint(fp.sha256);
  return normalizeFingerprint(pin.sm3) === normalizeFingerprint(fp.sm3);
}

/** Throws SIGNATURE_CERT_NOT_PINNED unless cert is the pinned one. */
export function assertPinned(cert: crypto.X509Certificate, pin: CertificatePin): void {
  if (matchesPin(cert, pin)) return;
  const expected =
    pin instanceof crypto.X509Certificate ? certificateFingerprints(pin).sha256 : 'sha256' in pin ? pin.sha256 : `SM3 ${pin.sm3}`;
  throw VaultError.of('SIGNATURE_CERT_NOT_PINNED', cryptoMessages.certNotPinned, {
    found: 'sm3' in pin && !(pin instanceof crypto.X509Certificate) ? `SM3 ${certificateFingerprints(cert).sm3}` : certificateFingerprints(cert).sha256,
    expected,
  });
}
