import fs from 'node:fs';
import { can, filterRecords, guarded, guardedAsync, recordAudit, sessionRoles, withAuditSync } from '../auth/authorize.js';
import { createAccount, firstRunSetup, listAccounts, needsFirstRunSetup, changeOwnPassword, type AccountInfo, type AccountSpec, type FirstRunInput } from '../auth/accounts.js';
import { ACTIONS, ROLE_ACTIONS, type Action } from '../auth/permissions.js';
import { login, logout } from '../auth/sessions.js';
import { recordTarget, type OperationContext, type Session } from '../auth/types.js';
import { readAudit, verifyAudit, type AuditFilter, type AuditPage } from '../audit/read.js';
import type { AuditVerifyResult } from '../audit/verify.js';
import { getRecord, pageImageFacts, pagesWithImage, recordMasters, recordPages, recordWarnings } from '../catalog/records.js';
import { checkVault } from '../check/check-vault.js';
import { VaultError } from '../errors.js';
import { clearClassifiedHold } from '../auth/review.js';
import { decideSuggestion } from '../extract/decide.js';
import { listSuggestions, type StoredSuggestion } from '../extract/store.js';
import { ensureDerived } from '../ingest/ensure-derived.js';
import { ingest } from '../ingest/ingest-job.js';
import { listJobs } from '../jobs/job-store.js';
import type { ProgressListener } from '../jobs/types.js';
import type { SearchRequest, SearchResult } from '../search/index.js';
import { runOcrQueue, type OcrProgress, type OcrRunSummary } from '../ocr/queue.js';
import { Vault } from '../vault/vault.js';
import { apiMessages } from './messages.js';
import { recordPageTexts, visibleRecords } from './records-view.js';
import { searchForSession } from './search-view.js';
import type { CheckReport, IngestRequestDTO, IngestSummary, JobRow, ListRecordsRequest, PermissionsDTO, RecordDetailDTO, RecordRow, VaultInfoDTO } from './types.js';

/**
 * The engine's one public face: the Electron handlers and the UI test harness call exactly
 * these methods (electron/main/handlers.ts adapts them to IPC), so what the UI does is what
 * the engine tests exercise. Every method returns plain DTOs.
 *
 * Methods that act for a person take the Session that login() returned. The caller keeps it
 * (the Electron main process, never the renderer); authorize() re-reads the session's live
 * state and roles from the database on every call, so a forged or stale object gains nothing.
 */
export class VaultApi {
  readonly vault: Vault;

  private constructor(vault: Vault) {
    this.vault = vault;
  }

  static async open(dir: string): Promise<VaultApi> {
    return new VaultApi(await Vault.openForWork(dir));
  }

  static async create(dir: string): Promise<VaultApi> {
    return new VaultApi(await Vault.init(dir));
  }

  close(): void {
    this.vault.close();
  }

  private ctx(session: Session): OperationContext {
    return { db: this.vault.db, session, device: session.device };
  }

  info(): VaultInfoDTO {
    const c = this.vault.db.prepare('SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM pages) AS pages').get() as { records: number; pages: number };
    return { root: this.vault.paths.root, vaultId: this.vault.info.vaultId, formatVersion: this.vault.info.formatVersion, ...c };
  }

  // ── accounts and sessions ────────────────────────────────────────────────────────────────

  firstRunStatus(): { needsSetup: boolean } {
    return { needsSetup: needsFirstRunSetup(this.vault.db) };
  }

  async firstRunSetup(input: FirstRunInput, device: string): Promise<{ sysadmin: AccountInfo; securityOfficer: AccountInfo; auditor: AccountInfo }> {
    return firstRunSetup(this.vault.db, input, { device });
  }

  async login(username: string, password: string, device: string): Promise<Session> {
    return login(this.vault.db, username, password, device);
  }

  logout(session: Session): void {
    logout(this.ctx(session));
  }

  async changeOwnPassword(session: Session, oldPassword: string, newPassword: string): Promise<void> {
    await changeOwnPassword(this.ctx(session), oldPassword, newPassword);
  }

  /** What the session's roles allow, as the database has them: for showing menus, not for deciding. */
  permissions(session: Session): PermissionsDTO {
    const ctx = this.ctx(session);
    const roles = sessionRoles(ctx);
    const actions = ACTIONS.filter((a: Action) => roles.some((r) => ROLE_ACTIONS[r].includes(a)));
    return { roles, actions, mustChangePassword: session.mustChangePassword };
  }

  listAccounts(session: Session): AccountInfo[] {
    return listAccounts(this.ctx(session));
  }

  async createAccount(session: Session, spec: AccountSpec): Promise<AccountInfo> {
    return createAccount(this.ctx(session), spec);
  }

  // ── catalog ──────────────────────────────────────────────────────────────────────────────

  listRecords(session: Session, request: ListRecordsRequest = {}): { total: number; records: RecordRow[] } {
    const ctx = this.ctx(session);
    return guarded(ctx, 'view_catalog', { type: 'catalog' }, () => visibleRecords(ctx, request));
  }

  /** Opening a record shows its content: authorized per record and logged. */
  getRecord(session: Session, id: number): RecordDetailDTO {
    const ctx = this.ctx(session);
    return withAuditSync(ctx, 'view_record', recordTarget(id), () => {
      const record = getRecord(this.vault.db, id);
      if (!record) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecord, { id });
      return {
        record,
        pages: recordPages(this.vault.db, id).map((p) => ({
          id: p.id, pageNo: p.pageNo, imageSha256: p.imageSha256, sm3: p.sm3, format: p.format, compression: p.compression,
          width: p.width, height: p.height, dpiX: p.dpiX, colourMode: p.colourMode,
        })),
        masters: recordMasters(this.vault.db, id).map((m) => ({ seq: m.seq, originalName: m.originalName, format: m.format, size: m.size, sha256: m.sha256, sm3: m.sm3, pageCount: m.pageCount })),
        warnings: recordWarnings(this.vault.db, id),
        texts: recordPageTexts(ctx, id),
        suggestions: listSuggestions(this.vault.db, id),
        canEdit: can(ctx, 'edit_record', recordTarget(id)).allowed,
      };
    });
  }

  /**
   * A page's derived image as a data: URL (the renderer loads nothing from disk or network).
   * Allowed when the session may see the image of some record that uses it. The normalized
   * image is made here if this is its first use (ingest makes only the thumbnail), a lost
   * thumbnail made again.
   */
  async pageImage(session: Session, imageSha256: string, kind: 'thumb' | 'normalized'): Promise<string> {
    const ctx = this.ctx(session);
    const uses = pagesWithImage(this.vault.db, imageSha256);
    const facts = pageImageFacts(this.vault.db, imageSha256);
    if (uses.length === 0 || !facts) throw VaultError.of('PAGE_NOT_FOUND', apiMessages.noPage, { sha: imageSha256 });
    const allowed = filterRecords(ctx, 'view_page_image', uses.map((u) => u.recordId));
    const recordId = allowed[0] ?? uses[0]!.recordId;
    return guardedAsync(ctx, 'view_page_image', recordTarget(recordId), async () => {
      const file = await ensureDerived(this.vault, { imageSha256, ...facts }, kind === 'thumb' ? 'thumb.jpg' : 'norm.png');
      const bytes = await fs.promises.readFile(file);
      return `data:${kind === 'thumb' ? 'image/jpeg' : 'image/png'};base64,${bytes.toString('base64')}`;
    });
  }

  search(session: Session, request: SearchRequest): SearchResult {
    const ctx = this.ctx(session);
    return guarded(ctx, 'search', { type: 'catalog' }, () => searchForSession(ctx, request));
  }

  /** The security officer's release of a 涉密 hold after screening, with the stated basis. */
  clearHold(session: Session, recordId: number, basis: string): { cleared: boolean } {
    clearClassifiedHold(this.ctx(session), recordId, basis);
    return { cleared: true };
  }

  /** Accepting writes the value into the record: edit_record on that record, logged. */
  acceptSuggestion(session: Session, recordId: number, suggestionId: number): StoredSuggestion {
    return decideSuggestion(this.ctx(session), recordId, suggestionId, 'accept');
  }

  rejectSuggestion(session: Session, recordId: number, suggestionId: number): StoredSuggestion {
    return decideSuggestion(this.ctx(session), recordId, suggestionId, 'reject');
  }

  // ── work ─────────────────────────────────────────────────────────────────────────────────

  /** Ingests (each record is searchable by its catalog fields from the transaction that adds it). */
  async ingest(session: Session, request: IngestRequestDTO, onProgress?: ProgressListener, signal?: AbortSignal): Promise<IngestSummary> {
    const ctx = this.ctx(session);
    return guardedAsync(ctx, 'ingest', { type: 'ingest', id: request.paths.length === 1 ? request.paths[0]! : `${request.paths.length} paths` }, async () => {
      const summary = await ingest(this.vault, request, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
      const ids = summary.items.filter((i) => i.status === 'done' && i.recordId !== undefined).map((i) => i.recordId!);
      const counts = { done: summary.items.filter((i) => i.status === 'done').length, failed: summary.items.filter((i) => i.status === 'failed').length };
      recordAudit(ctx, 'ingest', { type: 'ingest', id: summary.jobId }, 'ok', { ...counts, records: ids.slice(0, 200) });
      return summary;
    });
  }

  /**
   * Reads every queued page with OCR (indexing and extraction follow each page). The desktop
   * app starts it after each ingest, so scans become searchable without anyone asking.
   */
  async runOcr(session: Session, onProgress?: (p: OcrProgress) => void, signal?: AbortSignal): Promise<OcrRunSummary> {
    const ctx = this.ctx(session);
    return guardedAsync(ctx, 'ocr', { type: 'ocr_queue' }, async () => {
      const summary = await runOcrQueue(this.vault, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
      recordAudit(ctx, 'ocr', { type: 'ocr_queue' }, 'ok', { done: summary.done, failed: summary.failed, cancelled: summary.cancelled, via: 'desktop' });
      return summary;
    });
  }

  async check(session: Session, options: { quick?: boolean } = {}, signal?: AbortSignal): Promise<CheckReport> {
    const ctx = this.ctx(session);
    return guardedAsync(ctx, 'verify_vault', { type: 'vault' }, () => checkVault(this.vault, { quick: options.quick ?? false, ...(signal ? { signal } : {}) }));
  }

  jobs(session: Session): JobRow[] {
    return guarded(this.ctx(session), 'view_jobs', { type: 'job' }, () => listJobs(this.vault.db));
  }

  // ── audit ────────────────────────────────────────────────────────────────────────────────

  readAudit(session: Session, filter: AuditFilter = {}): AuditPage {
    return readAudit(this.ctx(session), filter);
  }

  verifyAudit(session: Session): AuditVerifyResult {
    return verifyAudit(this.ctx(session));
  }
}
