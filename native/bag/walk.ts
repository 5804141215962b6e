import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../errors.js';

export interface PayloadFile {
  /** Relative to the bag root, `/`-separated: `data/…`. */
  path: string;
  size: number;
}

export interface PayloadWalk {
  files: PayloadFile[];
  /** Symbolic links found (never followed: one could point anywhere on the machine). */
  symlinks: string[];
  /** Sockets, FIFOs, devices: nothing a bag can carry. */
  special: string[];
  /** Regular files with more than one name (a hard link can tie a payload file to one outside the bag). */
  hardLinks: string[];
}

/** Lists every regular file under data/ with its size, without following any link. */
export async function walkPayload(bagDir: string, signal?: AbortSignal): Promise<PayloadWalk> {
  const result: PayloadWalk = { files: [], symlinks: [], special: [], hardLinks: [] };
  const pending = ['data'];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const rel = pending.pop()!;
    const entries = await fs.promises.readdir(path.join(bagDir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isSymbolicLink()) result.symlinks.push(child);
      else if (entry.isDirectory()) pending.push(child);
      else if (entry.isFile()) {
        const st = await fs.promises.lstat(path.join(bagDir, child));
        result.files.push({ path: child, size: st.size });
        if (st.nlink > 1) result.hardLinks.push(child);
      }
      else result.special.push(child);
    }
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

export type Resolved = { kind: 'file'; size: number } | { kind: 'missing' } | { kind: 'symlink'; at: string } | { kind: 'other' };

/**
 * What a relative bag path names, checking each component with lstat so that a link anywhere on
 * the way (`sub` → /etc) is reported instead of read through. The path has already passed
 * unsafePathReason (no `..`, not absolute).
 */
export async function resolveInsideBag(bagDir: string, rel: string): Promise<Resolved> {
  const parts = rel.split('/');
  let current = bagDir;
  for (const [i, part] of parts.entries()) {
    current = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(current);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return { kind: 'missing' };
      throw e;
    }
    if (stat.isSymbolicLink()) return { kind: 'symlink', at: parts.slice(0, i + 1).join('/') };
    const last = i === parts.length - 1;
    if (last) return stat.isFile() ? { kind: 'file', size: stat.size } : { kind: 'other' };
    if (!stat.isDirectory()) return { kind: 'missing' };
  }
  return { kind: 'missing' };
}
