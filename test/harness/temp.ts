import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** A fresh temp folder removed after the test file finishes. Names contain Chinese and spaces on purpose. */
export function tempDir(prefix = 'lantai 测试-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const SHARED = path.resolve(import.meta.dirname, '..', '..', '..', 'shared');
export const TESTDATA = path.join(SHARED, 'testdata');
export const SEEDS = path.join(SHARED, 'seeds');
