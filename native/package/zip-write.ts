import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VaultError } from '../errors.js';
import { packageMessages } from './messages.js';

/**
 * A folder as one ZIP: entries stored (scans are compressed already, and the rules forbid
 * non-public compression: store is the plainest), zip64 switched on by archiver when sizes or
 * counts need it, UTF-8 names flagged. Entries go in the order given (data first, signatures
 * last), all under one top folder named like the package, as BagIt serializations do.
 */
export async function zipFolder(dir: string, files: readonly string[], top: string, target: string, date: Date, signal?: AbortSignal): Promise<number> {
  // Loaded here, not at the top: archiver takes ~0.5 s to load, and every CLI command would
  // pay it at start though only packaging zips (issue 14).
  const { ZipArchive } = await import('archiver');
  const zip = new ZipArchive({ store: true });
  const out = fs.createWriteStream(target, { flags: 'wx' });
  const onAbort = (): void => {
    zip.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const done = pipeline(zip, out);
    for (const rel of files) zip.file(path.join(dir, ...rel.split('/')), { name: `${top}/${rel}`, date, store: true });
    await zip.finalize();
    await done;
    signal?.throwIfAborted();
    const handle = await fs.promises.open(target, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return zip.pointer();
  } catch (e) {
    if (signal?.aborted) throw e;
    throw VaultError.of('PACKAGE_ZIP_FAILED', packageMessages.zipFailed, { path: target, reason: e instanceof Error ? e.message : String(e) }, {}, e);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
