import fs from 'node:fs';
import { listRecords, getRecord, recordMasters, recordPages, recordWarnings } from '../catalog/records.js';
import { checkVault } from '../check/check-vault.js';
import { VaultError } from '../errors.js';
import { defineMessages } from '../i18n/messages.js';
import { derivedPath } from '../ingest/derived.js';
import { ingest } from '../ingest/ingest-job.js';
import { listJobs } from '../jobs/job-store.js';
import type { ProgressListener } from '../jobs/types.js';
import { Vault } from '../vault/vault.js';
import type { CheckReport, IngestRequestDTO, IngestSummary, JobRow, ListRecordsRequest, RecordDetailDTO, RecordRow, VaultInfoDTO } from './types.js';

const messages = defineMessages({
  noRecord: { zh: '找不到档案 {id}。', en: 'No record {id}.' },
  noPage: { zh: '找不到页面图像 {sha}。', en: 'No page image {sha}.' },
});

/**
 * The engine's one public face: the Electron handlers and the UI test harness call exactly
 * these methods (electron/main/handlers.ts adapts them to IPC), so what the UI does is what
 * the engine tests exercise. Every method returns plain DTOs.
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

  info(): VaultInfoDTO {
    const c = this.vault.db.prepare('SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM pages) AS pages').get() as { records: number; pages: number };
    return { root: this.vault.paths.root, vaultId: this.vault.info.vaultId, formatVersion: this.vault.info.formatVersion, ...c };
  }

  listRecords(request: ListRecordsRequest = {}): { total: number; records: RecordRow[] } {
    return listRecords(this.vault.db, request);
  }

  getRecord(id: number): RecordDetailDTO {
    const record = getRecord(this.vault.db, id);
    if (!record) throw VaultError.of('RECORD_NOT_FOUND', messages.noRecord, { id });
    return {
      record,
      pages: recordPages(this.vault.db, id).map((p) => ({
        id: p.id, pageNo: p.pageNo, imageSha256: p.imageSha256, sm3: p.sm3, format: p.format, compression: p.compression,
        width: p.width, height: p.height, dpiX: p.dpiX, colourMode: p.colourMode,
      })),
      masters: recordMasters(this.vault.db, id).map((m) => ({ seq: m.seq, originalName: m.originalName, format: m.format, size: m.size, sha256: m.sha256, sm3: m.sm3, pageCount: m.pageCount })),
      warnings: recordWarnings(this.vault.db, id),
    };
  }

  /** A page's derived image as a data: URL (the renderer loads nothing from disk or network). */
  async pageImage(imageSha256: string, kind: 'thumb' | 'normalized'): Promise<string> {
    const used = this.vault.db.prepare('SELECT 1 FROM pages WHERE image_sha256 = ?').get(imageSha256);
    if (!used) throw VaultError.of('PAGE_NOT_FOUND', messages.noPage, { sha: imageSha256 });
    const file = derivedPath(this.vault, imageSha256, kind === 'thumb' ? 'thumb.jpg' : 'norm.png');
    const bytes = await fs.promises.readFile(file);
    return `data:${kind === 'thumb' ? 'image/jpeg' : 'image/png'};base64,${bytes.toString('base64')}`;
  }

  async ingest(request: IngestRequestDTO, onProgress?: ProgressListener, signal?: AbortSignal): Promise<IngestSummary> {
    return ingest(this.vault, request, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  }

  async check(options: { quick?: boolean } = {}, signal?: AbortSignal): Promise<CheckReport> {
    return checkVault(this.vault, { quick: options.quick ?? false, ...(signal ? { signal } : {}) });
  }

  jobs(): JobRow[] {
    return listJobs(this.vault.db);
  }
}
