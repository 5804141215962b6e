import { catalogCounts } from '../catalog/records.js';
import { JobManager, type JobListener } from '../jobs/manager.js';
import { initWorkingVault, openWorkingVault } from '../pipeline/wire.js';
import type { Vault } from '../vault/vault.js';
import type { AreaHost } from './area.js';
import { AccountsArea } from './areas/accounts.js';
import { AuditArea } from './areas/audit.js';
import { IngestArea } from './areas/ingest.js';
import { JobsArea } from './areas/jobs.js';
import { MaintenanceArea } from './areas/maintenance.js';
import { MediaArea, restoreInProgress, restoreInto, resumeRestoreInto } from './areas/media.js';
import { OcrArea } from './areas/ocr.js';
import { RecordsArea } from './areas/records.js';
import { RegistersArea } from './areas/registers.js';
import { ReviewArea } from './areas/review.js';
import { SearchArea } from './areas/search.js';
import { TransferArea } from './areas/transfer.js';
import { ReceivingArea } from './areas/receiving.js';
import { DigitizationArea } from './areas/digitization.js';
import { QcArea } from './areas/qc.js';
import { CatalogArea } from './areas/catalog.js';
import { AppraisalArea } from './areas/appraisal.js';
import { DashboardArea } from './areas/dashboard.js';
import type { VaultInfoDTO } from './types.js';

/**
 * The engine's one face. The CLI commands (native/cli) and the desktop handlers
 * (electron/main/handlers.ts) only parse, call an area's method and print: every operation
 * is authorized and audited inside its area, under one action name, so both faces give the
 * same result, totals and audit row. Long work runs as a job of the one job manager.
 *
 * Methods that act for a person take the Session that accounts.login() returned. The caller
 * keeps it (the Electron main process, never the renderer); every operation re-reads the
 * session's live state and roles from the database, so a forged or stale object gains nothing.
 * Every method returns plain DTOs.
 */
export class VaultApi implements AreaHost {
  readonly vault: Vault;
  readonly jobManager: JobManager;
  readonly accounts: AccountsArea;
  readonly records: RecordsArea;
  readonly ingest: IngestArea;
  readonly ocr: OcrArea;
  readonly search: SearchArea;
  readonly review: ReviewArea;
  readonly registers: RegistersArea;
  readonly audit: AuditArea;
  readonly maintenance: MaintenanceArea;
  readonly jobs: JobsArea;
  readonly transfer: TransferArea;
  readonly receiving: ReceivingArea;
  readonly media: MediaArea;
  readonly digitization: DigitizationArea;
  readonly qc: QcArea;
  readonly catalog: CatalogArea;
  readonly appraisal: AppraisalArea;
  readonly dashboard: DashboardArea;

  private constructor(vault: Vault) {
    this.vault = vault;
    this.jobManager = new JobManager(vault.db);
    this.accounts = new AccountsArea(this);
    this.records = new RecordsArea(this);
    this.ingest = new IngestArea(this);
    this.ocr = new OcrArea(this);
    this.search = new SearchArea(this);
    this.review = new ReviewArea(this);
    this.registers = new RegistersArea(this);
    this.audit = new AuditArea(this);
    this.maintenance = new MaintenanceArea(this);
    this.jobs = new JobsArea(this);
    this.transfer = new TransferArea(this);
    this.receiving = new ReceivingArea(this);
    this.media = new MediaArea(this);
    this.digitization = new DigitizationArea(this);
    this.qc = new QcArea(this);
    this.catalog = new CatalogArea(this);
    this.appraisal = new AppraisalArea(this);
    this.dashboard = new DashboardArea(this);
  }

  /** Opens a vault for work (crash recovery first: dead jobs become resumable, temp files go). */
  static async open(dir: string): Promise<VaultApi> {
    return new VaultApi(await openWorkingVault(dir));
  }

  /** Creates a new, empty vault (no accounts yet: accounts.setup() comes next). */
  static async create(dir: string): Promise<VaultApi> {
    return new VaultApi(await initWorkingVault(dir));
  }

  /**
   * Rebuilds a vault on a fresh machine from media and the backup passphrase (no vault open,
   * no one logged in yet). Open the result and call media.recordRestore as the restorer.
   * onJobEvent follows the restore's job (of the restored vault's own job manager).
   */
  static restoreFromMedia(request: { from: string[]; to: string; passphrase: string }, options: { signal?: AbortSignal; onProgress?: (p: { done: number; total: number; failed?: number }) => void; onJobEvent?: JobListener } = {}): ReturnType<typeof restoreInto> {
    return restoreInto({ ...request, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { report: options.onProgress } : {}), ...(options.onJobEvent ? { onJobEvent: options.onJobEvent } : {}) });
  }

  /** Whether dir holds an interrupted restore (no vault yet: `lantai resume` runs it on with the passphrase). */
  static restoreInProgress(dir: string): boolean {
    return restoreInProgress(dir);
  }

  /** Resumes the restore job jobId of the unfinished restore in dir, from the media its job names. */
  static resumeRestore(request: { to: string; jobId: number; passphrase: string }, options: { signal?: AbortSignal; onProgress?: (p: { done: number; total: number; failed?: number }) => void } = {}): ReturnType<typeof restoreInto> {
    return resumeRestoreInto({ ...request, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { report: options.onProgress } : {}) });
  }

  /**
   * Cancels what still runs and closes the catalog once those jobs have ended (they hand their
   * unfinished items back first). Await it where the files go next (a test's temp folder).
   */
  close(): Promise<void> {
    this.jobManager.cancelAll();
    if (this.closing) return this.closing;
    // Nothing running: closed now, so a caller that goes on to copy the catalog finds it whole.
    if (this.jobManager.idle) {
      this.vault.close();
      this.closing = Promise.resolve();
    } else {
      this.closing = this.jobManager.whenIdle().then(() => this.vault.close());
    }
    return this.closing;
  }
  private closing: Promise<void> | undefined;

  info(): VaultInfoDTO {
    const c = catalogCounts(this.vault.db);
    return { root: this.vault.paths.root, vaultId: this.vault.info.vaultId, formatVersion: this.vault.info.formatVersion, format: this.vault.info.format, ...c };
  }
}
