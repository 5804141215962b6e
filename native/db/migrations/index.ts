import type { Migration } from './types.js';
import { migration0010 } from './0010-catalog.js';
import { migration0020 } from './0020-jobs.js';
import { migration0030 } from './0030-ocr.js';
import { migration0040 } from './0040-search.js';
import { migration0050 } from './0050-extraction.js';
import { migration0060 } from './0060-accounts.js';
import { migration0070 } from './0070-audit.js';
import { migration0080 } from './0080-registers.js';
import { migration0100 } from './0100-search-brackets.js';
import { migration0110 } from './0110-search-record-text.js';
import { migration0120 } from './0120-search-trigram-shards.js';
import { migration0130 } from './0130-records-not-normal.js';
import { migration0140 } from './0140-transfers.js';
import { migration0150 } from './0150-media.js';
import { migration0160 } from './0160-catalog-upkeep.js';
import { migration0170 } from './0170-appraisal.js';
import { migration0180 } from './0180-package-imports.js';
import { migration0190 } from './0190-search-bracket-runs.js';
import { migration0200 } from './0200-digitization.js';
import { migration0210 } from './0210-qc.js';
import { migration0230 } from './0230-media-erasures.js';
import { migration0260 } from './0260-session-resume.js';
import { migration0270 } from './0270-page-measures.js';

/**
 * Every schema step in order. Add one line per new migration file; never edit a landed step.
 * Reserved: 0030 ocr, 0040 search, 0050 extraction, 0060 accounts, 0070 audit, 0080 registers.
 */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
  migration0190,
  migration0200,
  migration0210,
  migration0230,
  migration0260,
  migration0270,
];

export function latestSchemaVersion(): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
