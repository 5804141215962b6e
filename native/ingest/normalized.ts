import fs from 'node:fs';
import { VaultError } from '../errors.js';
import { writeError } from '../store/atomic-write.js';
import type { Vault } from '../vault/vault.js';
import { derivedPath, writeDerived } from './derived.js';
import { ingestMessages } from './messages.js';
import { DEFAULT_LIMITS, normalizePageImage, type StoredPageImage } from './read/index.js';
import { reasonOf } from './read/read-errors.js';

/** A page image as the pages table records it: what its normalized image is made from. */
export interface NormalizeSource extends Omit<StoredPageImage, 'file'> {
  imageSha256: string;
}

/** Derivations running in this process, by target file: a page asked for twice is made once. */
const running = new Map<string, Promise<string>>();

async function derive(vault: Vault, page: NormalizeSource, target: string): Promise<string> {
  const file = vault.store.pathOf(page.imageSha256);
  if (!fs.existsSync(file)) throw VaultError.of('PAGE_IMAGE_MISSING', ingestMessages.pageImageMissing, { file });
  let data: Buffer;
  try {
    data = await normalizePageImage({ file, compression: page.compression, orientation: page.orientation }, DEFAULT_LIMITS);
  } catch (e) {
    throw VaultError.of('PAGE_IMAGE_UNREADABLE', ingestMessages.pageImageUnreadable, { file, reason: reasonOf(e, file) }, {}, e);
  }
  try {
    // Temp + rename: another process deriving the same page at once writes the same bytes.
    await writeDerived(target, data);
  } catch (e) {
    throw writeError(vault.paths.derived, e);
  }
  return target;
}

/**
 * The path of the page's normalized image (derived/<sha>.norm.png), made from the stored page
 * image the first time it is needed: ingest does not make it (see read/derive.ts). A file that
 * exists is used as it is; one that does not decode is the reader's to report.
 */
export function ensureNormalized(vault: Vault, page: NormalizeSource): Promise<string> {
  const target = derivedPath(vault, page.imageSha256, 'norm.png');
  if (fs.existsSync(target)) return Promise.resolve(target);
  let p = running.get(target);
  if (!p) {
    p = derive(vault, page, target).finally(() => running.delete(target));
    running.set(target, p);
  }
  return p;
}
