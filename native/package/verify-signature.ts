import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { certificateFingerprints, type CertificatePin } from '../crypto/certificate.js';
import { verifyDetached } from '../crypto/cms.js';
import { sm2Verify } from '../crypto/sm2.js';
import { isVaultError } from '../errors.js';
import { CMS_SIGNATURE, SM2_PUBLIC_PEM, SM2_SIGNATURE } from './layout.js';
import type { PackageFindings } from './problems.js';

export interface SignatureResult {
  /** The CMS signature verified (pinned or not). */
  valid: boolean;
  signer: { subject: string; sha256: string; sm3: string } | null;
  signingTime: string | null;
  sm2: 'valid' | 'invalid' | 'absent';
}

async function readIfThere(file: string): Promise<Buffer | null> {
  try {
    const st = await fs.promises.lstat(file);
    if (!st.isFile()) return null;
    return await fs.promises.readFile(file);
  } catch {
    return null;
  }
}

/**
 * The signature stages: the CMS signature over tagmanifest-sha256.txt (stage signature), the
 * signer against the pinned certificate (stage pin), and the SM2 signature over
 * tagmanifest-sm3.txt when the package carries an SM2 public key or signature.
 */
export async function checkSignatures(bagDir: string, findings: PackageFindings, pin: CertificatePin | undefined): Promise<SignatureResult> {
  const result: SignatureResult = { valid: false, signer: null, signingTime: null, sm2: 'absent' };
  const tagSha = await readIfThere(path.join(bagDir, 'tagmanifest-sha256.txt'));
  const tagSm3 = await readIfThere(path.join(bagDir, 'tagmanifest-sm3.txt'));
  if (!tagSha) {
    findings.add('error', 'signature', 'TAG_MANIFEST_MISSING', { path: 'tagmanifest-sha256.txt' });
    return result;
  }
  const cms = await readIfThere(path.join(bagDir, ...CMS_SIGNATURE.split('/')));
  if (!cms) findings.add('error', 'signature', 'SIGNATURE_MISSING', { path: CMS_SIGNATURE });
  else {
    try {
      const v = verifyDetached(cms, tagSha);
      const fp = certificateFingerprints(v.certificate);
      result.valid = true;
      result.signer = { subject: v.certificate.subject, sha256: fp.sha256, sm3: fp.sm3 };
      result.signingTime = v.signingTime?.toISOString() ?? null;
      if (pin) {
        try {
          verifyDetached(cms, tagSha, { pin });
        } catch (e) {
          findings.add('error', 'pin', 'CERT_NOT_PINNED', { found: fp.sha256, expected: isVaultError(e) ? String(e.details['expected'] ?? '') : '' });
        }
      } else findings.add('warning', 'pin', 'CERT_NOT_PINNED_WARNING', { found: fp.sha256 });
    } catch (e) {
      findings.add('error', 'signature', 'SIGNATURE_INVALID', { path: CMS_SIGNATURE, reason: isVaultError(e) ? `${e.code}: ${e.text.en}` : String(e) });
    }
  }

  const sm2Sig = await readIfThere(path.join(bagDir, ...SM2_SIGNATURE.split('/')));
  const sm2Pub = await readIfThere(path.join(bagDir, ...SM2_PUBLIC_PEM.split('/')));
  if (sm2Sig || sm2Pub) {
    // The public key is a tag file the CMS signature covers; either without the other is tampering.
    if (!sm2Sig) findings.add('error', 'signature', 'SIGNATURE_MISSING', { path: SM2_SIGNATURE });
    else if (!sm2Pub) findings.add('error', 'signature', 'SM2_SIGNATURE_INVALID', { path: SM2_SIGNATURE, reason: `${SM2_PUBLIC_PEM} missing` });
    else if (!tagSm3) findings.add('error', 'signature', 'TAG_MANIFEST_MISSING', { path: 'tagmanifest-sm3.txt' });
    else {
      let ok = false;
      let reason = 'signature does not verify';
      try {
        ok = sm2Verify(tagSm3, sm2Sig, crypto.createPublicKey(sm2Pub.toString('utf8')));
      } catch (e) {
        reason = isVaultError(e) ? `${e.code}: ${e.text.en}` : String(e);
      }
      result.sm2 = ok ? 'valid' : 'invalid';
      if (!ok) findings.add('error', 'signature', 'SM2_SIGNATURE_INVALID', { path: SM2_SIGNATURE, reason });
    }
  }
  return result;
}
