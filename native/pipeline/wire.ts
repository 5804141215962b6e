import type { Db } from '../db/database.js';
import { setIngestHooks } from '../ingest/hooks.js';
import { setOcrHooks } from '../ocr/hooks.js';
import { enqueueRecord } from '../ocr/queue-store.js';
import { flushRecordText, indexRecord, rebuildIfEmpty } from '../search/index.js';
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
 * Makes an open vault ready for work: the pipeline wired. An index rebuild a migration asked
 * for is not run here (~36 min at 1M pages): it is the `reindex` job, run after the open
 * (MaintenanceArea.reindex); meanwhile searches read what is not indexed yet from the text.
 */
function readyForWork(vault: Vault): Vault {
  try {
    // A new vault's migrations ask for a rebuild of its empty index: ended here, at once.
    rebuildIfEmpty(vault.db);
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
