/**
 * Plain DTOs returned by VaultApi: what crosses IPC to the renderer and what `--json` prints.
 * No class instances, no Buffers (images travel as data: URLs), no functions.
 */
import type { CheckReport } from '../check/types.js';
import type { RecordRow } from '../catalog/types.js';
import type { IngestSummary } from '../ingest/ingest-job.js';
import type { IngestMetadata } from '../ingest/metadata.js';
import type { JobRow, Progress } from '../jobs/types.js';

export type { CheckReport, IngestMetadata, IngestSummary, JobRow, Progress, RecordRow };

export interface VaultInfoDTO {
  root: string;
  vaultId: string;
  formatVersion: number;
  records: number;
  pages: number;
}

export interface PageDTO {
  id: number;
  pageNo: number;
  imageSha256: string;
  sm3: string;
  format: string;
  compression: string;
  width: number;
  height: number;
  dpiX: number | null;
  colourMode: string;
}

export interface RecordDetailDTO {
  record: RecordRow;
  pages: PageDTO[];
  masters: { seq: number; originalName: string; format: string; size: number; sha256: string; sm3: string; pageCount: number }[];
  warnings: { pageNo: number | null; code: string; message: { zh: string; en: string } }[];
}

export interface ListRecordsRequest {
  year?: number;
  categoryCode?: string;
  retention?: string;
  limit?: number;
  offset?: number;
}

export interface IngestRequestDTO {
  paths: string[];
  metadata?: IngestMetadata;
  eachFile?: boolean;
  ocrBatch?: boolean;
}
