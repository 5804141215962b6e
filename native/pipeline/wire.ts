import type { Db } from '../db/database.js';
import { setIngestHooks } from '../ingest/hooks.js';
import { setOcrHooks } from '../ocr/hooks.js';
import { enqueueRecord } from '../ocr/queue-store.js';
import { flushRecordText, indexRecord, rebuildIfRequested } from '../search/index.js';
import { Vault } from '../vault/vault.js';
import { afterPageText } from './page-text-saved.js';
import { readMarkZone } from './mark-zone.js';

/**
 * The pipeline: the stages (ingest, OCR, extraction, search) never import each other; each
 * offers hooks at its steps, and this module, above them all, connects them when a vault is
 * opened for work:
 *   ingest: a record added  → its pages queued for OCR, its catalog fields indexed
 *   OCR:    page 1 read      → the mark zone read again (an isolated 秘密★10年 is never dropped)
 *           a page's text    → indexed; the record's last page → extraction and the 涉密 hold
 *           a run's end      → waiting pages joined to their record's search document
 * All of it runs inside the transaction of the step that calls it.
 */
export function wirePipeline(db: Db): void {
  setIngestHooks(db, {
    recordAdded(d, recordId) {
      enqueueRecord(d, recordId);
      indexRecord(d, recordId);
    },
  });
  setOcrHooks(db, {
    refinePage: async ({ pageNo, pool, input, result, signal }) => (pageNo === 1 ? readMarkZone(pool, input, result, signal) : result),
    pageTextSaved: (d, pageId) => afterPageText(d, pageId),
    runEnded: (d) => flushRecordText(d),
  });
}

/**
 * Derived search data a migration asked to rebuild: rebuilt on the first open for work after
 * the upgrade. An index that went stale otherwise stays a `lantai check` warning naming
 * `lantai reindex`.
 */
export function rebuildStaleIndex(db: Db): boolean {
  return rebuildIfRequested(db);
}

/** Makes an open vault ready for work: an index a migration asked for rebuilt, the pipeline wired. */
function readyForWork(vault: Vault): Vault {
  try {
    rebuildStaleIndex(vault.db);
    wirePipeline(vault.db);
    return vault;
  } catch (e) {
    vault.close();
    throw e;
  }
}

/** Opens a vault for work: crash recovery, then readyForWork. */
export async function openWorkingVault(dir: string): Promise<Vault> {
  return readyForWork(await Vault.openForWork(dir));
}

/** Creates a vault for work: its (empty) index built with the current normalizer, the pipeline wired. */
export async function initWorkingVault(dir: string): Promise<Vault> {
  return readyForWork(await Vault.init(dir));
}
