/**
 * Temp files of the write-temp-then-rename rule, and their cleanup after a crash. Every temp
 * name in the vault ends in `.<pid>.<hex>.tmp`: a file whose writer is dead can never become
 * a finished file (only a rename by that writer would make it one), so it is removed when the
 * vault opens; a live writer's (another process working in the vault right now) is kept.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../util/process.js';

const TEMP_NAME = /\.(\d+)\.[0-9a-f]+\.tmp$/;

/** The suffix a temp file of this process carries: `.<pid>.<random hex>.tmp`. */
export function tempSuffix(): string {
  return `.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
}

/** True for a temp name whose writer is gone (or that carries no writer at all). */
export function isDeadTemp(name: string): boolean {
  if (!name.endsWith('.tmp')) return false;
  const pid = Number(TEMP_NAME.exec(name)?.[1]);
  return !Number.isInteger(pid) || !isProcessAlive(pid);
}

/**
 * Removes dead temp files in dir and, with depth 1, in its subfolders (derived/ab/…). Returns
 * how many were removed. A folder that does not exist has none.
 */
export async function clearDeadTemp(dir: string, depth = 0): Promise<number> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) removed += await clearDeadTemp(p, depth - 1);
    else if (e.isFile() && isDeadTemp(e.name)) {
      await fs.promises.rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}
