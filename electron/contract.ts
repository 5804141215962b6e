/**
 * The typed IPC contract between the renderer and the engine. Only plain DTOs cross it.
 * The renderer takes its types from here and nowhere else (eslint layering rule); the DTOs
 * themselves are the engine's (native/api/types.ts), re-exported as types only.
 */
// The contract names the engine's DTOs as Api.X, so the list below is the only list of them.
import type * as Api from '../native/api/index.js';

/** The engine's DTOs the renderer may use (it imports nothing from native/ itself). */
export type {
  ExportTransferRequest, ExportTransferResult, FourPropertyReport, ImportPackageResult, PackageImportRow, PackageVerification,
  TransferPreview, TransferRow, TransferSelection, AccountInfo, AccountSpec, CatalogExportRequest,
  CatalogExportResult, CatalogImportResult, CatalogSelection, ConfirmPreview, DeclassifyInput, DestructionRegister,
  DueClassified, DueRecord, EditRecordsRequest, EditResult, PlanEntry, PrintResult,
  ProposeInput, RenumberRequest, Round, AuditFilter, AuditPage, AuditVerifyResult,
  DashboardDTO, FirstRunInput, IngestMetadata, IngestSummary, JobEnd, JobProgress,
  JobRow, ListRecordsRequest, PermissionsDTO, Progress, RecordDetailDTO, RecordRow,
  SearchRequest, SearchResult, StoredSuggestion, VaultInfoDTO, BackupKeyInfo, BackupResult,
  CoverageReport, DrillReport, LabelFiles, MediaAlert, MediaErasure, MediaRun,
  MediaSettings, MediaType, MediumDetail, MediumRef, MediumRow, MigrationResult,
  NewMedium, RecordCoverage, RepairOutcome, RestoreReport, RotationPlan, TransportEntry,
  VerifyResult, AccessMethod, AccessRegisterEntry, Checkout, AccessGrant, Classification,
  StackEvent, AuthSettings, CatalogSettings, ImportProblem, AuditRow, Role,
  SearchHit,
  // Digitization QC as the review screen shows it.
  AcceptanceReport, BatchRow, DecideRequest, FailReason, MachineSummary, ProjectRow,
  QcCheck, SamplePage, SampleResult,
  // Digitization projects as the projects screen shows them.
  ColourRule, CreateProjectRequest, Defect, DeviceKind, ItemsSpec, DeviceRow,
  ItemRow, ItemState, NewDevice, NewItem, NewSheetStep, OperatorRow,
  PageProcessMetadata, PrecheckInput, PrecheckOutcome, PrecheckRow, ProcessStep, ProjectDetail,
  ReturnRow, ScanResult, SheetStepRow, SheetView,
  // The one error shape that crosses IPC.
  ErrorDTO,
} from '../native/api/index.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: Api.ErrorDTO };

/** Who is logged in, as the main process knows it (the renderer never hands identity back). */
export interface SessionDTO {
  username: string;
  displayName: string;
  roles: string[];
  startedAt: string;
}

/** The shell's state: which vault is open, whether it needs setup, who is logged in. */
export interface StatusDTO {
  vault: Api.VaultInfoDTO | null;
  needsSetup: boolean;
  session: SessionDTO | null;
  permissions: Api.PermissionsDTO | null;
  /** The session locked itself after idling (auth settings): the screen stays, an unlock dialog covers it. */
  locked?: boolean;
}

/**
 * The security officer's approval typed into the renderer's modal: their own login and the unit
 * key's passphrase. The main process logs them in for this one call and out again after it.
 */
export interface ApprovalInput {
  username: string;
  password: string;
  keyPassphrase: string;
}

/**
 * A 利用登记 line from the desktop: the engine's input, with records named by 档号 (the engine
 * resolves them) and other items as written; the time is the engine's (now).
 */
export type AccessRegisterRequest = Omit<Api.AccessRegisterInput, 'at' | 'grantId' | 'recordId' | 'items'> & { records: string[]; items: string[] };

/** 出库登记: paper originals leaving the stacks, by 卷件号 / 档号 (the engine's input, items as written, now). */
export type CheckoutRequest = Omit<Api.CheckoutInput, 'at' | 'items'> & { items: string[] };

/** 归还登记 of checkout `id`: what was counted back and which items were seen. */
export interface ReturnRequest {
  id: number;
  countedBack: number;
  returnedItemRefs?: string[];
  returnedByName?: string;
  condition?: string;
}

/** The security officer lets an archivist use records (by 档号) until a time. */
export interface GrantRequest {
  username: string;
  records: string[];
  scope: 'view' | 'export';
  purpose: string;
  expiresAt: string;
}

/** The security officer's decision on one record (by 档号): its classification, or its access status. */
export type RecordReviewRequest =
  | { archivalCode: string; kind: 'classification'; classification: Api.Classification; period: string; basis: string }
  | { archivalCode: string; kind: 'access'; status: 'open' | 'restricted'; basis: string };

/** The second person at 封库/启库, who types their own login into the modal (used for the one call, not kept). */
export interface SecondPersonInput {
  username: string;
  password: string;
}

export interface IngestStartRequest {
  paths: string[];
  metadata?: Api.IngestMetadata;
  eachFile?: boolean;
  /** The 档号 of a catalog entry awaiting its scans: the files become its pages (no metadata, not eachFile). */
  attachTo?: string;
}

/** Every request channel: request DTO → response DTO. */
export interface Channels {
  'app:status': { req: void; res: StatusDTO };
  'vault:open': { req: { path: string }; res: StatusDTO };
  'vault:create': { req: { path: string }; res: StatusDTO };
  'vault:close': { req: void; res: StatusDTO };
  'dialog:choosePaths': { req: { kind: 'files' | 'folder' | 'vault' }; res: string[] };
  'auth:setup': { req: Api.FirstRunInput; res: StatusDTO };
  'auth:login': { req: { username: string; password: string }; res: StatusDTO };
  'auth:logout': { req: void; res: StatusDTO };
  'auth:changePassword': { req: { oldPassword: string; newPassword: string }; res: StatusDTO };
  /** Reopens the idle-locked session with its owner's password. */
  'auth:unlock': { req: { password: string }; res: StatusDTO };
  'records:list': { req: Api.ListRecordsRequest; res: { total: number; records: Api.RecordRow[] } };
  'records:get': { req: { id: number }; res: Api.RecordDetailDTO };
  'records:pageImage': { req: { imageSha256: string; kind: 'thumb' | 'normalized' }; res: string };
  'suggestions:accept': { req: { recordId: number; suggestionId: number }; res: Api.StoredSuggestion };
  'suggestions:reject': { req: { recordId: number; suggestionId: number }; res: Api.StoredSuggestion };
  'review:clearHold': { req: { recordId: number; basis: string }; res: { cleared: boolean } };
  /** Starts an ingest job; its progress and end come as events with this jobId. */
  'ingest:start': { req: IngestStartRequest; res: { jobId: number } };
  'jobs:list': { req: void; res: Api.JobRow[] };
  /** The jobs running in this window's engine now (for a jobs panel that survives reloads). */
  'jobs:running': { req: void; res: Api.JobProgress[] };
  /** The dashboard's counts for this session's roles (the first screen after login). */
  'dashboard:summary': { req: void; res: Api.DashboardDTO };
  'jobs:cancel': { req: { jobId: number }; res: { cancelled: boolean } };
  /**
   * Goes on with an interrupted or cancelled job, by its kind (the engine's jobs.resume, as
   * `lantai resume ID`), in the main process: its progress and end come as job events.
   */
  'jobs:resume': { req: { jobId: number }; res: { jobId: number; kind: string } };
  'ocr:start': { req: void; res: { started: boolean; jobId: number | null } };
  'search:query': { req: Api.SearchRequest; res: Api.SearchResult };
  'audit:read': { req: Api.AuditFilter; res: Api.AuditPage };
  'audit:verify': { req: void; res: Api.AuditVerifyResult };
  'accounts:list': { req: void; res: Api.AccountInfo[] };
  'accounts:create': { req: Api.AccountSpec; res: Api.AccountInfo };
  /** Off-site media (the backup officer's screens); long ones answer when done, their progress comes as job events. */
  'media:list': { req: { includeRetired?: boolean }; res: Api.MediumRow[] };
  'media:show': { req: { mediumId: string }; res: Api.MediumDetail };
  'media:add': { req: Api.NewMedium; res: Api.MediumRow };
  'media:label': { req: { mediumId: string; outDir: string }; res: Api.LabelFiles };
  'media:recognize': { req: { path: string }; res: Api.MediumRow };
  'media:checkout': { req: { mediumId: string; toSite: string; courier?: string; count?: number; note?: string }; res: Api.TransportEntry };
  'media:checkin': { req: { mediumId: string; toSite?: string; courier?: string; count?: number; note?: string }; res: Api.TransportEntry };
  'media:retire': { req: { mediumId: string; reason: string }; res: Api.MediumRow };
  'media:transport': { req: { mediumId?: string }; res: Api.TransportEntry[] };
  'media:rotation': { req: { horizonDays?: number }; res: Api.RotationPlan };
  'media:keyCreate': { req: { passphrase: string }; res: Api.BackupKeyInfo };
  'media:keyUnlock': { req: { passphrase: string }; res: { keyId: string } };
  'media:recoverySheet': { req: void; res: { text: string } };
  'media:settings': { req: void; res: Api.MediaSettings };
  'media:setSetting': { req: { name: string; value: string }; res: Api.MediaSettings };
  'media:backup': { req: Api.MediumRef; res: Api.BackupResult };
  'media:verify': { req: Api.MediumRef & { mode?: 'full' | 'sample' }; res: Api.VerifyResult };
  'media:runs': { req: { mediumId?: string }; res: Api.MediaRun[] };
  'media:alerts': { req: { all?: boolean; mediumId?: string }; res: Api.MediaAlert[] };
  'media:handleAlert': { req: { id: number; note: string }; res: Api.MediaAlert };
  'media:erasures': { req: { all?: boolean; mediumId?: string }; res: Api.MediaErasure[] };
  'media:confirmErasure': { req: Api.MediumRef & { note: string }; res: Api.MediaErasure[] };
  'media:coverage': { req: void; res: Api.CoverageReport };
  'media:where': { req: { archivalCode: string }; res: Api.RecordCoverage };
  'media:repair': { req: Api.MediumRef & { sources?: Api.MediumRef[] }; res: Api.RepairOutcome[] };
  'media:repairVault': { req: { sources: Api.MediumRef[] }; res: Api.RepairOutcome[] };
  'media:migrate': { req: { from: string; to: Api.MediumRef; fromPath?: string; reason?: string }; res: Api.MigrationResult };
  'media:drill': { req: { from: string[]; passphrase: string }; res: Api.DrillReport };
  /** A fresh machine: no vault open, no one logged in; open the result with vault:open. */
  'media:restore': { req: { from: string[]; to: string; passphrase: string }; res: Api.RestoreReport };
  /** Stops the restore this window runs (it ends with RESTORE_CANCELLED; running it again goes on). */
  'media:restoreCancel': { req: void; res: { cancelled: boolean } };

  // Digitization projects and QC (issue 13). A project is named by its id or its name.
  'digitization:list': { req: void; res: Api.ProjectRow[] };
  'digitization:show': { req: { project: string | number }; res: Api.ProjectDetail };
  'digitization:create': { req: Api.CreateProjectRequest; res: Api.ProjectDetail };
  'digitization:addItems': { req: { project: string | number } & Api.ItemsSpec; res: Api.ProjectDetail };
  'digitization:addOperator': { req: { project: string | number; username: string }; res: Api.OperatorRow };
  'digitization:setQcRule': { req: { project: string | number; rule: Partial<Api.QcRule> }; res: Api.ProjectRow };
  'digitization:close': { req: { project: string | number }; res: { project: Api.ProjectRow; disabled: string[] } };
  'digitization:precheck': { req: { project: string | number; code: string; input: Api.PrecheckInput }; res: Api.PrecheckOutcome & { item: Api.ItemRow } };
  /** Long: progress comes as job events (kind ingest). */
  'digitization:scan': { req: { project: string | number } & Api.ScanRequest; res: Api.ScanResult };
  'digitization:sheet': { req: { project: string | number; code: string }; res: Api.SheetView };
  'digitization:printSheet': { req: { project: string | number; code: string; out: string }; res: { path: string; pages: number; bytes: number } };
  'digitization:addSheetStep': { req: { project: string | number; code: string; step: Api.NewSheetStep }; res: Api.SheetView };
  'digitization:devices': { req: { project: string | number }; res: Api.DeviceRow[] };
  'digitization:addDevice': { req: { project: string | number; device: Api.NewDevice }; res: Api.DeviceRow };
  'digitization:useDevice': { req: { deviceId: number; purpose: string; holder?: string }; res: Api.DeviceRow };
  'digitization:endDevice': { req: { deviceId: number; state: 'returned' | 'wiped'; note: string }; res: Api.DeviceRow };
  /** Long: progress comes as job events (kind qc). */
  'qc:run': { req: { project: string | number; seed?: string }; res: Api.QcRunResult };
  'qc:batches': { req: { project: string | number }; res: Api.BatchRow[] };
  'qc:findings': { req: { batchId: number }; res: Api.MachineSummary };
  /** The side-by-side review screen: each sampled page's scan, OCR text and catalog fields. */
  'qc:sample': { req: { batchId: number; seed?: string }; res: Api.SamplePage[] };
  'qc:samplePages': { req: { batchId: number }; res: Api.SamplePage[] };
  'qc:judge': { req: { batchId: number } & Api.JudgeRequest; res: Api.SampleResult };
  'qc:result': { req: { batchId: number }; res: Api.SampleResult };
  'qc:accept': { req: { batchId: number } & Api.DecideRequest; res: Api.AcceptanceReport };
  'qc:return': { req: { batchId: number } & Api.DecideRequest; res: Api.AcceptanceReport };
  'qc:report': { req: { batchId: number }; res: Api.AcceptanceReport };
  'qc:printReport': { req: { batchId: number; out: string }; res: { path: string; pages: number; bytes: number } };
  'qc:rescan': { req: Api.RescanRequest; res: { archivalCode: string; pageNo: number; oldSha256: string; newSha256: string } };
  'qc:settings': { req: void; res: Api.QcSettings };
  'qc:setSetting': { req: { name: string; value: string }; res: Api.QcSettings };
  /** Transfer (移交) and receiving (接收); long ones answer when done, their progress comes as job events. */
  'transfer:preview': { req: Api.TransferSelection; res: Api.TransferPreview };
  'transfer:selfCheck': { req: Api.TransferSelection; res: Api.FourPropertyReport & { records: number } };
  'transfer:export': { req: { request: Api.ExportTransferRequest; approval: ApprovalInput }; res: Api.ExportTransferResult };
  'transfer:list': { req: void; res: Api.TransferRow[] };
  'transfer:recordReceipt': { req: { file: string; pin?: string }; res: { transferId: string; records: number; alreadyRecorded: boolean } };
  'receiving:verify': { req: { path: string; pin?: string }; res: Api.PackageVerification };
  'receiving:import': { req: { path: string; pin?: string }; res: Api.ImportPackageResult };
  'receiving:issueReceipt': { req: { importId: number; out: string; approval: ApprovalInput }; res: { path: string } };
  'receiving:list': { req: void; res: Api.PackageImportRow[] };
  /** Catalog upkeep: the same validation and audit as `lantai edit` and `lantai catalog`. */
  'catalog:edit': { req: Api.EditRecordsRequest; res: Api.EditResult };
  'catalog:preview': { req: Api.CatalogSelection; res: Api.ConfirmPreview };
  'catalog:confirm': { req: Api.CatalogSelection; res: Api.ConfirmPreview & { fixed: number } };
  'catalog:renumber': { req: Api.RenumberRequest; res: { changes: Api.PlanEntry[]; applied: boolean } };
  'catalog:export': { req: Api.CatalogExportRequest; res: Api.CatalogExportResult };
  'catalog:import': { req: { file: string }; res: Api.CatalogImportResult };
  'print:catalog': { req: { out: string; selection: Api.CatalogSelection; unitName?: string }; res: Api.PrintResult };
  'print:stamps': { req: { out: string; selection: Api.CatalogSelection }; res: Api.PrintResult };
  /** Appraisal and disposal, declassification. */
  'appraisal:due': { req: { asOf?: string }; res: Api.DueRecord[] };
  'appraisal:propose': { req: Api.ProposeInput; res: { roundId: number; proposalId: number } };
  'appraisal:vote': { req: { roundId: number; vote: 'agree' | 'disagree'; comment?: string; proposalIds?: number[] }; res: Api.Round };
  'appraisal:approve': { req: { roundId: number; basis: string }; res: Api.Round };
  'appraisal:round': { req: { roundId: number }; res: Api.Round };
  'appraisal:rounds': { req: void; res: { id: number; title: string; state: string; proposals: number; createdAt: string }[] };
  'appraisal:destroy': { req: { roundId: number }; res: Api.DestructionRegister };
  'appraisal:printRegister': { req: { registerId: number; out: string }; res: { path: string; pages: number; bytes: number } };
  'declassify:due': { req: { asOf?: string }; res: Api.DueClassified[] };
  'declassify:decide': { req: Api.DeclassifyInput; res: { reviewId: number; classification: string; period: string } };
  /** The registers (利用登记, 出库/归还). */
  'registers:access': { req: { limit?: number }; res: Api.AccessRegisterEntry[] };
  'registers:registerAccess': { req: AccessRegisterRequest; res: Api.AccessRegisterEntry };
  'registers:checkouts': { req: { open?: boolean }; res: Api.Checkout[] };
  'registers:checkOut': { req: CheckoutRequest; res: Api.Checkout };
  'registers:return': { req: ReturnRequest; res: Api.Checkout };
  'registers:stackEvents': { req: { stack?: string }; res: Api.StackEvent[] };
  'registers:seal': { req: { stack: string; remarks?: string; second: SecondPersonInput }; res: Api.StackEvent };
  'registers:unseal': { req: { stack: string; purpose: string; remarks?: string; second: SecondPersonInput }; res: Api.StackEvent };
  /** The sysadmin's settings: sign-in and session rules, and the catalog defaults. */
  'settings:get': { req: void; res: { auth: Api.AuthSettings; catalog: Api.CatalogSettings } };
  'settings:setAuth': { req: Partial<Api.AuthSettings>; res: Api.AuthSettings };
  'settings:setCatalog': { req: Partial<Api.CatalogSettings>; res: Api.CatalogSettings };
  /** The security officer's access approvals and record reviews. */
  'review:grants': { req: { all?: boolean }; res: Api.AccessGrant[] };
  'review:grant': { req: GrantRequest; res: Api.AccessGrant[] };
  'review:revoke': { req: { grantId: number }; res: { revoked: boolean } };
  'review:record': { req: RecordReviewRequest; res: { recordId: number } };
}

export type Channel = keyof Channels;
export type Req<C extends Channel> = Channels[C]['req'];
export type Res<C extends Channel> = Channels[C]['res'];

/** The preload exposes exactly these names; anything else is refused before IPC. */
export const CHANNELS = [
  'app:status',
  'vault:open',
  'vault:create',
  'vault:close',
  'dialog:choosePaths',
  'auth:setup',
  'auth:login',
  'auth:logout',
  'auth:changePassword',
  'auth:unlock',
  'records:list',
  'records:get',
  'records:pageImage',
  'suggestions:accept',
  'suggestions:reject',
  'review:clearHold',
  'ingest:start',
  'jobs:list',
  'jobs:running',
  'dashboard:summary',
  'jobs:cancel',
  'jobs:resume',
  'ocr:start',
  'search:query',
  'audit:read',
  'audit:verify',
  'accounts:list',
  'accounts:create',
  'media:list',
  'media:show',
  'media:add',
  'media:label',
  'media:recognize',
  'media:checkout',
  'media:checkin',
  'media:retire',
  'media:transport',
  'media:rotation',
  'media:keyCreate',
  'media:keyUnlock',
  'media:recoverySheet',
  'media:settings',
  'media:setSetting',
  'media:backup',
  'media:verify',
  'media:runs',
  'media:alerts',
  'media:handleAlert',
  'media:erasures',
  'media:confirmErasure',
  'media:coverage',
  'media:where',
  'media:repair',
  'media:repairVault',
  'media:migrate',
  'media:drill',
  'media:restore',
  'media:restoreCancel',
  'digitization:list',
  'digitization:show',
  'digitization:create',
  'digitization:addItems',
  'digitization:addOperator',
  'digitization:setQcRule',
  'digitization:close',
  'digitization:precheck',
  'digitization:scan',
  'digitization:sheet',
  'digitization:printSheet',
  'digitization:addSheetStep',
  'digitization:devices',
  'digitization:addDevice',
  'digitization:useDevice',
  'digitization:endDevice',
  'qc:run',
  'qc:batches',
  'qc:findings',
  'qc:sample',
  'qc:samplePages',
  'qc:judge',
  'qc:result',
  'qc:accept',
  'qc:return',
  'qc:report',
  'qc:printReport',
  'qc:rescan',
  'qc:settings',
  'qc:setSetting',
  'transfer:preview',
  'transfer:selfCheck',
  'transfer:export',
  'transfer:list',
  'transfer:recordReceipt',
  'receiving:verify',
  'receiving:import',
  'receiving:issueReceipt',
  'receiving:list',
  'catalog:edit',
  'catalog:preview',
  'catalog:confirm',
  'catalog:renumber',
  'catalog:export',
  'catalog:import',
  'print:catalog',
  'print:stamps',
  'appraisal:due',
  'appraisal:propose',
  'appraisal:vote',
  'appraisal:approve',
  'appraisal:round',
  'appraisal:rounds',
  'appraisal:destroy',
  'appraisal:printRegister',
  'declassify:due',
  'declassify:decide',
  'registers:access',
  'registers:registerAccess',
  'registers:checkouts',
  'registers:checkOut',
  'registers:return',
  'registers:stackEvents',
  'registers:seal',
  'registers:unseal',
  'settings:get',
  'settings:setAuth',
  'settings:setCatalog',
  'review:grants',
  'review:grant',
  'review:revoke',
  'review:record',
] as const satisfies readonly Channel[];

// A compile-time check that CHANNELS lists every channel of the map.
type Missing = Exclude<Channel, (typeof CHANNELS)[number]>;
const _complete: Missing extends never ? true : never = true;
void _complete;

export function isChannel(v: unknown): v is Channel {
  return typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
}

/**
 * Pushed from main to the renderer on the one subscription channel: every job's progress in
 * the one shape of the job manager, its end, and the results the screens show.
 */
export type VaultEvent =
  // elsewhere: a job of another catalog than the open vault's (a restore into a new folder): its
  // id may equal one of the open vault's, so the jobs panel leaves it to the screen that runs it.
  | { type: 'job:progress'; progress: Api.JobProgress; elsewhere?: true }
  | { type: 'job:end'; end: Api.JobEnd; elsewhere?: true }
  | { type: 'ingest:done'; jobId: number; result: Result<Api.IngestSummary> }
  | { type: 'ocr:done'; jobId: number; result: Result<{ done: number; failed: number; cancelled: boolean }> }
  | { type: 'session:ended'; reason: string }
  /** The session locked after idling: kept, waiting for its owner's password (auth:unlock). */
  | { type: 'session:locked' };

/** IPC channel names used by the glue (ipc.ts, preload). */
export const IPC_INVOKE = 'lantai:invoke';
export const IPC_EVENT = 'lantai:event';

/** window.vault, as the preload (or the UI test harness) provides it. */
export interface VaultBridge {
  invoke<C extends Channel>(channel: C, request: Req<C>): Promise<Result<Res<C>>>;
  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: (event: VaultEvent) => void): () => void;
}
