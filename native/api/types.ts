/**
 * Plain DTOs returned by VaultApi: what crosses IPC to the renderer and what `--json` prints.
 * No class instances, no Buffers (images travel as data: URLs), no functions.
 */
import type { ListFilter } from '../catalog/records.js';
import type { CheckReport } from '../check/types.js';
import type { RecordRow } from '../catalog/types.js';
import type { IngestSummary } from '../ingest/ingest-job.js';
import type { IngestMetadata } from '../ingest/metadata.js';
import type { JobRow, Progress } from '../jobs/types.js';
import type { JobEnd, JobEvent, JobKind, JobProgress } from '../jobs/manager.js';
import type { OcrQueueStatus } from '../ocr/queue-store.js';
import type { Classification, Retention } from '../catalog/types.js';
import type { AccessGrant, ApproveAccessInput } from '../auth/grants.js';
import type { AuditExport } from '../auditor/read.js';
import type { AuditAnchor } from '../audit/verify.js';
import type { AccessMethod, AccessRegisterEntry, AccessRegisterInput } from '../registers/access.js';
import type { Checkout, CheckoutInput, ReturnInput } from '../registers/checkout.js';
import type { HandoverInput, HandoverItemInput, HandoverList } from '../registers/handover.js';
import type { StackEvent } from '../registers/stacks.js';
import type { CheckProblem } from '../check/types.js';
import type { WatchEvent } from '../ingest/watch.js';
import type { AuthSettings } from '../auth/settings.js';
import type { AccountInfo, AccountSpec, FirstRunInput, NewAccount } from '../auth/accounts.js';
import type { Action, Role } from '../auth/permissions.js';
import type { Session } from '../auth/types.js';
import type { AuditFilter, AuditPage } from '../auditor/read.js';
import type { AuditRow } from '../audit/canonical.js';
import type { AuditProblem, AuditVerifyResult } from '../audit/verify.js';
import type { StoredSuggestion, SuggestionStatus } from '../extract/suggestion-store.js';
import type { SearchHit, SearchOptions, SearchRequest, SearchResult, SortOrder } from '../search/index.js';

export type { CheckReport, IngestMetadata, IngestSummary, JobRow, Progress, RecordRow };
export type { JobEnd, JobEvent, JobKind, JobProgress, OcrQueueStatus, Classification, Retention, AccessGrant, ApproveAccessInput, AuditExport, AuditAnchor };
export type { AccessMethod, AccessRegisterEntry, AccessRegisterInput, Checkout, CheckoutInput, ReturnInput, HandoverInput, HandoverItemInput, HandoverList, StackEvent, CheckProblem, WatchEvent, AuthSettings };
export type { AccountInfo, AccountSpec, Action, AuditFilter, AuditPage, AuditProblem, AuditRow, AuditVerifyResult, FirstRunInput, NewAccount, Role, SearchHit, SearchOptions, SearchRequest, SearchResult, SortOrder, Session, StoredSuggestion, SuggestionStatus };

/** What the session's roles allow (for menus; every call is still authorized by the engine). */
export interface PermissionsDTO {
  roles: Role[];
  actions: Action[];
  mustChangePassword: boolean;
}

export interface VaultInfoDTO {
  root: string;
  vaultId: string;
  format: string;
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
  /** Where the page stands in the OCR queue (null: never queued). */
  ocr: OcrQueueStatus | null;
}

export interface RecordDetailDTO {
  record: RecordRow;
  pages: PageDTO[];
  masters: { seq: number; originalName: string; format: string; size: number; sha256: string; sm3: string; pageCount: number }[];
  warnings: { pageNo: number | null; code: string; message: { zh: string; en: string } }[];
  /** OCR text of the pages that have been recognized. */
  texts: { pageNo: number; text: string; meanConfidence: number | null }[];
  suggestions: StoredSuggestion[];
  /** Whether this session may accept or reject suggestions on the record. */
  canEdit: boolean;
}

/** A catalog page request: the engine's own list filter (year, category, retention, held, paging). */
export type ListRecordsRequest = ListFilter;

export interface IngestRequestDTO {
  paths: string[];
  metadata?: IngestMetadata;
  eachFile?: boolean;
  ocrBatch?: boolean;
  /** The 档号 of a catalog entry awaiting its scans (imported from a catalog file): the files become its pages. */
  attachTo?: string;
}

/**
 * The dashboard's counts (DashboardArea.summary): a part is present only when the session's
 * roles allow the action that reads it in full elsewhere.
 */
export interface DashboardDTO {
  catalog?: { records: number; pages: number };
  /** The OCR queue by page, and the run in this engine now (null: none). */
  ocr?: { pending: number; running: number; done: number; failed: number; live: JobProgress | null };
  /** The search index being rebuilt (records done of all); null when it is whole. */
  index?: { done: number; total: number; jobId: number | null } | null;
  /** Live media, those due for a check, open alerts, and the records with fewer copies than the policy asks (at risk). */
  media?: { media: number; due: number; openAlerts: number; records: number; covered: number; atRisk: number };
  transfers?: { inProgress: number };
  /** Jobs running in this engine, and unfinished ones that can be resumed or looked at. */
  jobs?: { running: number; unfinished: number };
  /** Digitization projects still open, and QC batches waiting for their sample or decision. */
  digitization?: { openProjects: number; awaitingReview: number };
}
