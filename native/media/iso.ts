import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errnoCode, VaultError } from '../errors.js';
import { mediaMessages } from './messages.js';

/**
 * The ISO 9660 image (Rock Ridge and Joliet names) of a staged optical-disc folder, made by the
 * first of xorriso, genisoimage and mkisofs the system has. The image sits beside the folder
 * (<folder>.iso) and gets its final name only once the tool finished and it fits the disc, so
 * a killed or failed run never leaves something that looks burnable.
 */

/** ISO 9660 works in 2 KiB logical sectors: every file takes whole sectors. */
export const ISO_SECTOR = 2048;
/**
 * Room a file takes in the image besides its sectors: its directory records in the ISO tree
 * (with Rock Ridge name, attributes and times) and in the Joliet tree, about 450 bytes for
 * Lantai's 68-character names; rounded up.
 */
export const ISO_PER_FILE = 1024;
/**
 * Fixed room of an image: system area, volume descriptors, path tables, and the directories
 * themselves (up to 256 object buckets, a sector each in both trees). Measured with xorriso
 * 1.5.4 at well under this.
 */
export const ISO_FIXED = 2 * 1024 * 1024;

/** Bytes a file of `size` takes in an image. */
export function isoFileBytes(size: number): number {
  return Math.ceil(size / ISO_SECTOR) * ISO_SECTOR + ISO_PER_FILE;
}

export interface IsoImage {
  path: string;
  tool: string;
  bytes: number;
  volumeId: string;
}

/**
 * The volume id is the medium's id as printed on its label (upper case, digits, '-' and '_';
 * at most 32 characters). ISO 9660 strictly allows no '-', but every reader shows it and
 * xorriso only warns: a disc that names itself like its case is worth that.
 */
export function volumeIdOf(mediumId: string): string {
  return mediumId.toUpperCase().replace(/[^A-Z0-9_-]/g, '_').slice(0, 32);
}

function toolArgs(tool: string, volumeId: string, out: string, root: string): string[] {
  // Joliet names longer than 64 characters (ours are 68) and files over 4 GiB (level 3) as they are.
  const common = ['-iso-level', '3', '-R', '-J', '-joliet-long', '-V', volumeId, '-o', out, root];
  return tool === 'xorriso' ? ['-as', 'mkisofs', ...common] : common;
}

function run(tool: string, args: string[], signal?: AbortSignal): Promise<{ missing: boolean; error?: string }> {
  return new Promise((resolve) => {
    execFile(tool, args, { maxBuffer: 4 << 20, ...(signal ? { signal } : {}) }, (e, _stdout, stderr) => {
      if (!e) return resolve({ missing: false });
      if (errnoCode(e) === 'ENOENT') return resolve({ missing: true });
      const tail = String(stderr).trim().split('\n').slice(-3).join(' / ');
      resolve({ missing: false, error: `${e.message.split('\n')[0] ?? ''}${tail ? `: ${tail}` : ''}` });
    });
  });
}

/** The image size to expect for a folder: every file's sectors and directory records, plus the fixed room. */
export function expectedIsoBytes(folder: string): number {
  let bytes = ISO_FIXED;
  for (const e of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) bytes += isoFileBytes(fs.statSync(path.join(e.parentPath, e.name)).size);
  }
  return bytes;
}

/**
 * Follows a tool writing `file` by its size (every tool writes the image front to back; none
 * reports progress the same way): `onBytes` every quarter second until stopped.
 */
function watchGrowth(file: string, onBytes: (bytes: number) => void): () => void {
  const timer = setInterval(() => {
    try {
      onBytes(fs.statSync(file).size);
    } catch {
      // Not created yet.
    }
  }, 250);
  return () => clearInterval(timer);
}

/**
 * Makes the image; null when no tool is installed (the folder is burned as it is). A tool that
 * fails, or an image larger than the disc, is an error naming the tool and the folder.
 * onProgress gets the image's bytes so far against the size to expect (an estimate: the last
 * report may pass it slightly, or stop short).
 */
export async function makeIso(root: string, mediumId: string, capacityBytes: number, signal?: AbortSignal, onProgress?: (bytes: number, expected: number) => void): Promise<IsoImage | null> {
  const folder = root.replace(/[\\/]+$/, '');
  const out = `${folder}.iso`;
  const temp = path.join(path.dirname(folder), `.${path.basename(folder)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.iso.tmp`);
  const volumeId = volumeIdOf(mediumId);
  try {
    const expected = onProgress ? expectedIsoBytes(folder) : 0;
    for (const tool of ['xorriso', 'genisoimage', 'mkisofs']) {
      const stop = onProgress ? watchGrowth(temp, (b) => onProgress(b, expected)) : () => undefined;
      const r = await run(tool, toolArgs(tool, volumeId, temp, folder), signal).finally(stop);
      if (r.missing) continue;
      signal?.throwIfAborted();
      if (r.error !== undefined) throw VaultError.of('MEDIUM_ISO_FAILED', mediaMessages.isoFailed, { id: mediumId, tool, folder, reason: r.error });
      const bytes = fs.statSync(temp).size;
      if (bytes > capacityBytes) throw VaultError.of('MEDIUM_ISO_FAILED', mediaMessages.isoTooBig, { id: mediumId, folder, isoMb: (bytes / 1e6).toFixed(1), capacityMb: (capacityBytes / 1e6).toFixed(1) });
      fs.renameSync(temp, out);
      onProgress?.(bytes, bytes);
      return { path: out, tool, bytes, volumeId };
    }
    return null;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
