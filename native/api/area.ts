import type { OperationContext, Session } from '../auth/types.js';
import type { JobManager, JobOptions, JobProgress } from '../jobs/manager.js';
import type { Vault } from '../vault/vault.js';

/** How a caller follows a long operation: cancel it, see its progress, or resume a job row. */
export interface JobCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  /** Run as this interrupted or cancelled job (its row is reused) instead of a new one. */
  resumeJobId?: number;
}

/** What every area of VaultApi shares: the open vault and the one job manager. */
export interface AreaHost {
  readonly vault: Vault;
  readonly jobManager: JobManager;
}

/**
 * An area of the engine's face (records, ingest, search …). Its methods are the operations a
 * person can do: each is authorized and audited in the area (once, under one action name),
 * so the CLI and the desktop, which only call areas, cannot differ.
 */
export abstract class Area {
  constructor(protected readonly host: AreaHost) {}

  protected get vault(): Vault {
    return this.host.vault;
  }

  /** The job manager's options for a caller's JobCallOptions. */
  protected jobOptions(o: JobCallOptions): Pick<JobOptions, 'signal' | 'onProgress' | 'existingJobId'> {
    return {
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.resumeJobId !== undefined ? { existingJobId: o.resumeJobId } : {}),
    };
  }

  /** The operation context of a session: the device is the one it logged in from. */
  protected op(session: Session): OperationContext {
    return { db: this.host.vault.db, session, device: session.device };
  }
}
