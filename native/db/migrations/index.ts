import type { Migration } from './types.js';
import { migration0010 } from './0010-catalog.js';
import { migration0020 } from './0020-jobs.js';
import { migration0030 } from './0030-ocr.js';

/**
 * Every schema step in order. Add one line per new migration file; never edit a landed step.
 * Reserved: 0030 ocr, 0040 search, 0050 extraction, 0060 accounts, 0070 audit, 0080 registers.
 */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
];

export function latestSchemaVersion(): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
