import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { hookRegistry } from '../util/hook-registry.js';
import { ocrMessages } from './messages.js';
import type { OcrPool } from './pool.js';
import type { PageImageInput } from './preprocess.js';
import type { PageOcrResult } from './types.js';

/**
 * What OCR lets the rest of the pipeline do at its steps, without OCR importing those stages:
 * the pipeline (native/pipeline/wire.ts) sets them when a vault is opened for work.
 */
export interface OcrHooks {
  /** After a page is recognized, before its text is saved: may read parts of it again. */
  refinePage(page: { pageNo: number; pool: OcrPool; input: PageImageInput; result: PageOcrResult; signal?: AbortSignal }): Promise<PageOcrResult>;
  /** Inside the transaction that saved a page's text: index it, extract once the record is complete. */
  pageTextSaved(db: Db, pageId: number): { recordId: number; recordComplete: boolean };
  /** At the end of every run (finished, failed or cancelled), in its own transaction. */
  runEnded(db: Db): void;
}

const registry = hookRegistry<Db, OcrHooks>(() => VaultError.of('PIPELINE_NOT_WIRED', ocrMessages.notWired));

export function setOcrHooks(db: Db, hooks: OcrHooks): void {
  registry.set(db, hooks);
}

/** The hooks of this catalog; a vault not opened for work (no pipeline) refuses the step. */
export function ocrHooks(db: Db): OcrHooks {
  return registry.get(db);
}
