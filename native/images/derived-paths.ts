import fs from 'node:fs';
import path from 'node:path';
import { tempSuffix } from '../store/temp-files.js';
import type { Vault } from '../vault/vault.js';

export type DerivedKind = 'norm.png' | 'thumb.jpg';

/**
 * Derived files are named by the page image's digest: rebuildable from objects/ at any time.
 * Ingest writes the thumbnail; the normalized image is written on first use (normalized.ts).
 */
export function derivedPath(vault: Pick<Vault, 'paths'>, sha256: string, kind: DerivedKind): string {
  return path.join(vault.paths.derived, sha256.slice(0, 2), `${sha256}.${kind}`);
}

/**
 * Temp + rename without fsync: a derived file is a cache, and a torn one after a power cut is
 * detected (it fails to decode) and rebuilt; fsyncing it would double the cost of ingest.
 */
export async function writeDerived(target: string, data: Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}${tempSuffix()}`;
  try {
    await fs.promises.writeFile(temp, data);
    await fs.promises.rename(temp, target);
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
