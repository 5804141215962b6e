import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();
let hooked = false;

/**
 * A fresh temp folder removed when the test file's process exits. Not in an after() hook: hooks
 * run in the order they were registered, so a folder made at the top of a file would go before
 * the after() that closes the vault inside it, under a job that is still handing its pages back.
 * Names contain Chinese and spaces on purpose.
 */
export function tempDir(prefix = 'lantai 测试-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const d of made) fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    });
  }
  return dir;
}

export const SHARED = path.resolve(import.meta.dirname, '..', '..', '..', 'shared');
export const TESTDATA = path.join(SHARED, 'testdata');
export const SEEDS = path.join(SHARED, 'seeds');
