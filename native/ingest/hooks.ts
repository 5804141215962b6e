import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { hookRegistry } from '../util/hook-registry.js';
import { ingestMessages } from './messages.js';

/**
 * What ingest lets the rest of the pipeline do when a record arrives, without ingest importing
 * those stages: the pipeline (native/pipeline/wire.ts) sets them when a vault is opened for work.
 */
export interface IngestHooks {
  /** Inside the transaction that adds the record: queue its pages for OCR, index its catalog fields. */
  recordAdded(db: Db, recordId: number): void;
}

const registry = hookRegistry<Db, IngestHooks>(() => VaultError.of('PIPELINE_NOT_WIRED', ingestMessages.notWired));

export function setIngestHooks(db: Db, hooks: IngestHooks): void {
  registry.set(db, hooks);
}

/** The hooks of this catalog; a vault not opened for work (no pipeline) refuses the step. */
export function ingestHooks(db: Db): IngestHooks {
  return registry.get(db);
}
