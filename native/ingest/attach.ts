import { attachScans, getRecordByTypedCode } from '../catalog/records.js';
import type { RecordRow } from '../catalog/types.js';
import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { msg } from '../i18n/messages.js';
import { releaseClaims } from '../jobs/object-claims.js';
import { setItemStatus } from '../jobs/job-store.js';
import { saveMeasures } from '../images/measures-store.js';
import type { ItemOutcome } from '../jobs/runner.js';
import type { JobItemRow } from '../jobs/types.js';
import type { Vault } from '../vault/vault.js';
import { ingestHooks } from './hooks.js';
import { duplicatePageWarnings, rollBackItem, stageUnit, type UnitOptions, type UnitResult } from './ingest-unit.js';
import type { IngestMetadata } from './metadata.js';
import { ingestMessages } from './messages.js';
import type { IngestUnit } from './plan.js';

/**
 * Scans for a catalog entry imported from a catalog file (scan_status 'awaiting'): the files
 * named become its masters and pages, queued for OCR, while its 档号 and catalog fields stay as
 * the catalog file gave them (nothing is guessed from the file name). Refused: an unknown 档号,
 * a destroyed entry, an entry that already has scans (a page is re-scanned with `qc rescan`).
 */

/** The refusal for an entry found in a state that takes no scans (checked before the job and again at commit). */
export function refuseAttach(code: string, state: { scanStatus: string; disposal: string; pageCount?: number } | undefined): never {
  if (!state) throw VaultError.of('RECORD_NOT_FOUND', ingestMessages.attachUnknown, { code });
  if (state.disposal === 'destroyed') throw VaultError.of('RECORD_DESTROYED', ingestMessages.attachDestroyed, { code });
  throw VaultError.of('INGEST_ALREADY_SCANNED', ingestMessages.attachScanned, { code, pages: state.pageCount ?? '?' });
}

/** The entry scans may be attached to, by its 档号 as typed (full-width dots and dashes accepted). */
export function attachTarget(db: Db, typed: string): RecordRow {
  const code = typed.trim();
  const rec = getRecordByTypedCode(db, code);
  if (!rec || rec.disposal !== '' || rec.scanStatus !== 'awaiting') refuseAttach(rec?.archivalCode ?? code, rec);
  return rec;
}

/** Attaching takes the catalog's fields: catalog options and one-item-per-file are refused before anything is read. */
export function checkAttachRequest(metadata: IngestMetadata | undefined, eachFile: boolean | undefined): void {
  const given = Object.entries(metadata ?? {}).filter(([, v]) => v !== undefined && String(v).trim() !== '').map(([k]) => k);
  if (given.length > 0) throw VaultError.of('INGEST_ATTACH_INVALID', ingestMessages.attachMetadata, { field: given.join(', ') });
  if (eachFile) throw VaultError.of('INGEST_ATTACH_INVALID', ingestMessages.attachEachFile);
}

/** All the files named, in the order planned, as the pages of the one entry. */
export function attachUnit(units: readonly IngestUnit[], code: string): IngestUnit {
  const first = units[0]!;
  return units.length === 1 ? first : { key: `${first.key} (+${units.length - 1}) → ${code}`, name: first.name, files: units.flatMap((u) => u.files) };
}

/** Stages the item's files (as ingest does), then attaches them to the entry in one transaction with the job item's end. */
export async function attachUnitToRecord(vault: Vault, item: JobItemRow, unit: IngestUnit, recordId: number, options: UnitOptions): Promise<ItemOutcome> {
  const db = vault.db;
  const staged = await stageUnit(vault, item, unit, options);
  const codeNow = () => db.prepare('SELECT archival_code AS c FROM records WHERE id = ?').get(recordId) as { c: string } | undefined;
  if (staged.existing) {
    // The same files are already a record: attaching them again would put one scan under two 档号.
    throw VaultError.of('INGEST_ATTACH_INVALID', ingestMessages.attachSameScans, { other: staged.existing.archivalCode, code: codeNow()?.c ?? String(recordId) });
  }
  try {
    await options.turn();
    options.signal.throwIfAborted();
    const warnings = [...staged.warnings, ...duplicatePageWarnings(db, staged)];
    const expected = (db.prepare('SELECT page_count AS n FROM records WHERE id = ?').get(recordId) as { n: number } | undefined)?.n;
    if (expected !== undefined && expected > 0 && expected !== staged.pages.length) {
      warnings.push({ pageNo: null, code: 'PAGE_COUNT_DIFFERS', message: msg(ingestMessages.pageCountDiffers, { expected, found: staged.pages.length }) });
    }
    const attached = attachScans(db, recordId, { sourceKey: staged.sourceKey, masters: staged.masters, pages: staged.pages, warnings },
      (state) => refuseAttach(codeNow()?.c ?? String(recordId), state), (id) => {
        releaseClaims(db, item.id);
        setItemStatus(db, item.id, 'done');
        saveMeasures(db, staged.measures);
        // Same transaction as for a new record: its pages queued for OCR, its entry indexed again.
        ingestHooks(db).recordAdded(db, id);
      });
    const result: UnitResult = { recordId: attached.id, archivalCode: attached.archivalCode, pageCount: staged.pages.length, alreadyIngested: false, warnings };
    return { status: 'done', result };
  } catch (e) {
    rollBackItem(vault, item.id, staged.claimed);
    throw e;
  }
}
