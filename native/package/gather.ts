import fs from 'node:fs';
import { getRecordByCode, listRecords, recordMasters, recordPages } from '../catalog/records.js';
import type { RecordRow } from '../catalog/types.js';
import { extensionOf, sniff, SNIFF_BYTES } from '../check/four-property-sniff.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { packageKeyMessages } from './key-messages.js';
import type { PackageItem } from './types.js';

/** What to export: a year, a category, and/or a list of 档号 (all given must hold). */
export interface TransferSelection {
  year?: number;
  categoryCode?: string;
  codes?: string[];
  /** A search query (lantai search syntax); resolved to codes by the caller, who searches as the person. */
  query?: string;
}

/** The records a selection names, in archival order (unfiltered: the self-check says which may not go). */
export function selectRecords(db: Db, selection: TransferSelection): RecordRow[] {
  if (selection.year === undefined && selection.categoryCode === undefined && (selection.codes === undefined || selection.codes.length === 0)) {
    throw VaultError.of('TRANSFER_BAD_SELECTION', packageKeyMessages.badSelection);
  }
  if (selection.codes && selection.codes.length > 0) {
    const out: RecordRow[] = [];
    for (const code of [...new Set(selection.codes)]) {
      const r = getRecordByCode(db, code);
      if (!r) throw VaultError.of('RECORD_NOT_FOUND', packageKeyMessages.codeNotFound, { code });
      if (selection.year !== undefined && r.year !== selection.year) continue;
      if (selection.categoryCode !== undefined && r.categoryCode !== selection.categoryCode) continue;
      out.push(r);
    }
    return out;
  }
  const out: RecordRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = listRecords(db, { ...(selection.year !== undefined ? { year: selection.year } : {}), ...(selection.categoryCode ? { categoryCode: selection.categoryCode } : {}), limit: 1000, offset });
    out.push(...page.records);
    if (page.records.length < 1000) break;
  }
  return out;
}

function extOf(file: string, fallback: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return extensionOf(sniff(buf.subarray(0, n)), fallback);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A record's masters with their files and OCR text. `texts` is the caller's reader of page
 * text (native/search/page-derived.ts, with the exporting session's content rule).
 */
export function gatherItem(db: Db, store: ObjectStore, record: RecordRow, texts: (recordId: number) => { pageNo: number; text: string }[]): PackageItem {
  const pages = recordPages(db, record.id);
  const byPage = new Map(texts(record.id).map((t) => [t.pageNo, t.text]));
  const masters = recordMasters(db, record.id).map((m) => {
    const source = store.pathOf(m.sha256);
    const own = pages.filter((p) => p.masterId === m.id).sort((a, b) => a.masterPage - b.masterPage);
    const pageTexts = own.map((p) => byPage.get(p.pageNo) ?? '');
    return {
      seq: m.seq, source, ext: extOf(source, m.format.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin'),
      sha256: m.sha256, sm3: m.sm3, size: m.size, pageCount: m.pageCount,
      pageTexts: pageTexts.some((t) => t !== '') ? pageTexts : [],
    };
  });
  return { record, masters };
}
