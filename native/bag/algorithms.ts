/**
 * Checksum algorithms a bag may name in manifest-<algorithm>.txt, with the length of their hex
 * digest. The vault writes SHA-256 and SM3; bags received from elsewhere carry md5, sha1,
 * sha224 (the conformance suite has one) or sha512, all of which node:crypto computes.
 */
const HEX_LENGTH: Readonly<Record<string, number>> = {
  md5: 32,
  sha1: 40,
  sha224: 56,
  sha256: 64,
  sha384: 96,
  sha512: 128,
  sm3: 64,
};

export function isSupportedAlgorithm(name: string): boolean {
  return Object.hasOwn(HEX_LENGTH, name);
}

export function hexLength(algorithm: string): number | undefined {
  return HEX_LENGTH[algorithm];
}

/**
 * The canonical name of an algorithm as written in a manifest file name: tools write
 * `SHA256`, `sha-256` or `SHA-512`, which all mean the registry name `sha256` / `sha512`.
 */
export function canonicalAlgorithm(raw: string): string {
  const lower = raw.toLowerCase();
  return /^sha-\d+$/.test(lower) ? lower.replace('-', '') : lower;
}

export type ManifestKind = 'payload' | 'tag';

/** `manifest-sha256.txt` → payload/sha256, `tagmanifest-md5.txt` → tag/md5; anything else → null. */
export function parseManifestName(fileName: string): { kind: ManifestKind; algorithm: string } | null {
  const m = /^(tag)?manifest-([A-Za-z0-9-]+)\.txt$/i.exec(fileName);
  if (!m) return null;
  return { kind: m[1] ? 'tag' : 'payload', algorithm: canonicalAlgorithm(m[2]!) };
}
