import fs from 'node:fs';
import { summarizeCertificate, type CertificatePin, type CertificateSummary } from '../crypto/certificate.js';
import { signDetached, verifyDetached } from '../crypto/cms.js';
import { isVaultError, VaultError } from '../errors.js';
import { importMessages } from './import-messages.js';
import type { PackageSigner } from './sign.js';

/**
 * The receipt (回执) an archive issues for a transfer package it imported: what was received
 * (each 档号 with the digests of its masters), the digests of the package's tag manifests,
 * when and by whom. The receipt's JSON text is signed as it is (a detached CMS signature by the
 * receiving unit's key), and both travel in one file: `openssl cms -verify -binary -content`
 * checks the signature once the two parts are written out.
 */
export const RECEIPT_FORMAT = 'lantai-transfer-receipt/1';

export interface ReceiptContent {
  format: typeof RECEIPT_FORMAT;
  transferId: string;
  sourceOrganization: string;
  receivingUnit: string;
  receivedAt: string;
  receivedBy: string;
  approvedBy: string;
  tagManifestSha256: string;
  tagManifestSm3: string;
  recordCount: number;
  byteCount: number;
  records: { archivalCode: string; masters: { sha256: string; sm3: string }[] }[];
}

/** The file: the receipt's exact JSON text, and the CMS signature over its UTF-8 bytes (base64 DER). */
interface ReceiptFile {
  format: 'lantai-signed-receipt/1';
  receipt: string;
  signature: string;
}

export function signReceipt(content: ReceiptContent, signer: PackageSigner): string {
  const text = JSON.stringify(content, null, 2);
  const signature = signDetached(Buffer.from(text, 'utf8'), signer.key, { signingTime: new Date(content.receivedAt) });
  const file: ReceiptFile = { format: 'lantai-signed-receipt/1', receipt: text, signature: signature.toString('base64') };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ReadReceipt {
  content: ReceiptContent;
  signer: CertificateSummary;
  text: string;
}

function unreadable(file: string, reason: string, cause?: unknown): VaultError {
  return VaultError.of('RECEIPT_UNREADABLE', importMessages.receiptUnreadable, { path: file, reason }, {}, cause);
}

/** Reads a receipt file and checks its signature (and the signer, when a pin is given). */
export function readReceipt(file: string, pin?: CertificatePin): ReadReceipt {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw unreadable(file, e instanceof Error ? e.message : String(e), e);
  }
  let outer: Partial<ReceiptFile>;
  try {
    outer = JSON.parse(text) as Partial<ReceiptFile>;
  } catch (e) {
    throw unreadable(file, 'not JSON', e);
  }
  if (outer.format !== 'lantai-signed-receipt/1' || typeof outer.receipt !== 'string' || typeof outer.signature !== 'string') {
    throw unreadable(file, 'not a Lantai signed receipt (format, receipt, signature)');
  }
  let verified;
  try {
    verified = verifyDetached(Buffer.from(outer.signature, 'base64'), Buffer.from(outer.receipt, 'utf8'), pin ? { pin } : {});
  } catch (e) {
    throw unreadable(file, isVaultError(e) ? `signature: ${e.message}` : String(e), e);
  }
  let content: ReceiptContent;
  try {
    content = JSON.parse(outer.receipt) as ReceiptContent;
  } catch (e) {
    throw unreadable(file, 'the signed receipt is not JSON', e);
  }
  if (content.format !== RECEIPT_FORMAT || typeof content.transferId !== 'string' || !Array.isArray(content.records)) {
    throw unreadable(file, `not a ${RECEIPT_FORMAT} receipt`);
  }
  return { content, signer: summarizeCertificate(verified.certificate), text };
}
