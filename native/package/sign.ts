import type crypto from 'node:crypto';
import { signDetached } from '../crypto/cms.js';
import { sm2Sign } from '../crypto/sm2.js';
import type { UnitSigningKey } from '../crypto/unit-key.js';

/** The unit's keys, unlocked for one export. */
export interface PackageSigner {
  key: UnitSigningKey;
  sm2?: { privateKey: crypto.KeyObject; publicKeyPem: string };
}

export interface PackageSignatures {
  cms: Buffer;
  sm2?: Buffer;
}

/**
 * Signs the sealed tag manifests: a detached CMS signature over tagmanifest-sha256.txt (it
 * lists the digests of every other tag file, and those of the manifests that list every payload
 * file), and with an SM2 key an SM2 signature (standard ID) over tagmanifest-sm3.txt.
 */
export function signTagManifests(signer: PackageSigner, tagSha256: Uint8Array, tagSm3: Uint8Array, signingTime?: Date): PackageSignatures {
  const cms = signDetached(tagSha256, signer.key, signingTime ? { signingTime } : {});
  return { cms, ...(signer.sm2 ? { sm2: sm2Sign(tagSm3, signer.sm2.privateKey) } : {}) };
}
