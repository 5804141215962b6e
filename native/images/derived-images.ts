import fs from 'node:fs';
import { VaultError } from '../errors.js';
import { writeError } from '../store/atomic-write.js';
import type { Vault } from '../vault/vault.js';
import { derivedPath, writeDerived, type DerivedKind } from './derived-paths.js';
import { imageMessages } from './messages.js';
import { DEFAULT_LIMITS, normalizePageImage, thumbnailPageImage, type StoredPageImage } from './read/index.js';
import { reasonOf } from './read/read-errors.js';

/** A page image as the pages table records it: what its derived images are made from. */
export interface DerivedSource extends Omit<StoredPageImage, 'file'> {
  imageSha256: string;
}

const MAKERS: Record<DerivedKind, typeof normalizePageImage> = { 'norm.png': normalizePageImage, 'thumb.jpg': thumbnailPageImage };

/** Derivations running in this process, by target file: a page asked for twice is made once. */
const running = new Map<string, Promise<string>>();

async function derive(vault: Vault, page: DerivedSource, kind: DerivedKind, target: string): Promise<string> {
  const file = vault.store.pathOf(page.imageSha256);
  if (!fs.existsSync(file)) throw VaultError.of('PAGE_IMAGE_MISSING', imageMessages.pageImageMissing, { file });
  // The thumbnail first: its decode is the page's validation when ingest did not decode it (a
  // PNG, see read/png-structure.ts), and a greyscale PNG is its own normalized image, which
  // would otherwise reach OCR undecoded. A page that has its thumbnail has decoded before.
  if (kind === 'norm.png') await ensureDerived(vault, page, 'thumb.jpg');
  let data: Buffer;
  try {
    data = await MAKERS[kind]({ file, compression: page.compression, orientation: page.orientation }, DEFAULT_LIMITS);
  } catch (e) {
    throw VaultError.of('PAGE_IMAGE_UNREADABLE', imageMessages.pageImageUnreadable, { file, reason: reasonOf(e, file) }, {}, e);
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
 * The path of one of the page's derived images (derived/ is a rebuildable cache), made from the
 * stored page image when it is not there: the normalized image the first time OCR or the page
 * view needs it (ingest does not make it, see read/derive.ts), a thumbnail the first time it is
 * shown (a PNG: ingest checks its checksums instead of decoding it) or if it was lost. A file
 * that exists is used as it is; a page image that does not decode is reported here.
 */
export function ensureDerived(vault: Vault, page: DerivedSource, kind: DerivedKind): Promise<string> {
  const target = derivedPath(vault, page.imageSha256, kind);
  if (fs.existsSync(target)) return Promise.resolve(target);
  let p = running.get(target);
  if (!p) {
    p = derive(vault, page, kind, target).finally(() => running.delete(target));
    running.set(target, p);
  }
  return p;
}

/** The page's normalized image (OCR input, full-page view), made on first use. */
export function ensureNormalized(vault: Vault, page: DerivedSource): Promise<string> {
  return ensureDerived(vault, page, 'norm.png');
}
