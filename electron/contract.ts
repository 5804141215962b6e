/**
 * The typed IPC contract between the renderer and the engine. Only plain DTOs cross it.
 * The renderer takes its types from here and nowhere else (eslint layering rule); the DTOs
 * themselves are the engine's (native/api/types.ts), re-exported as types only.
 */
import type {
  ExportTransferRequest,
  ExportTransferResult,
  FourPropertyReport,
  ImportPackageResult,
  PackageImportRow,
  PackageVerification,
  TransferPreview,
  TransferRow,
  TransferSelection,
  AccountInfo,
  AccountSpec,
  CatalogExportRequest,
  CatalogExportResult,
  CatalogImportResult,
  CatalogSelection,
  ConfirmPreview,
  DeclassifyInput,
  DestructionRegister,
  DueClassified,
  DueRecord,
  EditRecordsRequest,
  EditResult,
  PlanEntry,
  PrintResult,
  ProposeInput,
  RenumberRequest,
  Round,
  AuditFilter,
  AuditPage,
  AuditVerifyResult,
  DashboardDTO,
  FirstRunInput,
  IngestMetadata,
  IngestSummary,
  JobEnd,
  JobProgress,
  JobRow,
  ListRecordsRequest,
  PermissionsDTO,
  Progress,
  RecordDetailDTO,
  RecordRow,
  SearchRequest,
  SearchResult,
  StoredSuggestion,
  VaultInfoDTO,
  BackupKeyInfo,
  BackupResult,
  CoverageReport,
  DrillReport,
  LabelFiles,
  MediaAlert,
  MediaErasure,
  MediaRun,
  MediaSettings,
  MediaType,
  MediumDetail,
  MediumRef,
  MediumRow,
  MigrationResult,
  NewMedium,
  RecordCoverage,
  RepairOutcome,
  RestoreReport,
  RotationPlan,
  TransportEntry,
  VerifyResult,
  AcceptanceReport,
  BatchRow,
  CreateProjectRequest,
  DecideRequest,
  DeviceRow,
  ItemsSpec,
  JudgeRequest,
  MachineSummary,
  NewDevice,
  NewSheetStep,
  OperatorRow,
  PrecheckInput,
  PrecheckOutcome,
  ItemRow,
  ProjectDetail,
  ProjectRow,
  QcRule,
  QcRunResult,
  QcSettings,
  RescanRequest,
  SamplePage,
  SampleResult,
  ScanRequest,
  ScanResult,
  SheetView,
  AccessMethod,
  AccessRegisterInput,
  CheckoutInput,
  AccessRegisterEntry,
  Checkout,
  AccessGrant,
  Classification,
  StackEvent,
  AuthSettings,
  CatalogSettings,
  ImportProblem,
} from '../native/api/index.js';

export type {
  ExportTransferRequest,
  ExportTransferResult,
  FourPropertyReport,
  ImportPackageResult,
  PackageImportRow,
  PackageVerification,
  TransferPreview,
  TransferRow,
  TransferSelection,
  AccountInfo,
  AccountSpec,
  CatalogExportRequest,
  CatalogExportResult,
  CatalogImportResult,
  CatalogSelection,
  ConfirmPreview,
  DeclassifyInput,
  DestructionRegister,
  DueClassified,
  DueRecord,
  EditRecordsRequest,
  EditResult,
  PlanEntry,
  PrintResult,
  ProposeInput,
  RenumberRequest,
  Round,
  AuditFilter,
  AuditPage,
  AuditVerifyResult,
  DashboardDTO,
  FirstRunInput,
  IngestMetadata,
  IngestSummary,
  JobEnd,
  JobProgress,
  JobRow,
  ListRecordsRequest,
  PermissionsDTO,
  Progress,
  RecordDetailDTO,
  RecordRow,
  SearchRequest,
  SearchResult,
  StoredSuggestion,
  VaultInfoDTO,
  BackupKeyInfo,
  BackupResult,
  CoverageReport,
  DrillReport,
  LabelFiles,
  MediaAlert,
  MediaErasure,
  MediaRun,
  MediaSettings,
  MediaType,
  MediumDetail,
  MediumRef,
  MediumRow,
  MigrationResult,
  NewMedium,
  RecordCoverage,
  RepairOutcome,
  RestoreReport,
  RotationPlan,
  TransportEntry,
  VerifyResult,
  AccessMethod,
  AccessRegisterEntry,
  Checkout,
  AccessGrant,
  Classification,
  StackEvent,
  AuthSettings,
  CatalogSettings,
  ImportProblem,
};
export type { AuditRow, Role, SearchHit } from '../native/api/index.js';
/** Digitization QC as the review screen shows it. */
export type { AcceptanceReport, BatchRow, DecideRequest, FailReason, MachineSummary, ProjectRow, QcCheck, SamplePage, SampleResult } from '../native/api/index.js';

/** The one error shape that crosses IPC (the engine's, re-exported). */
export type { ErrorDTO } from '../native/api/index.js';
import type { ErrorDTO } from '../native/api/index.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDTO };

/** Who is logged in, as the main process knows it (the renderer never hands identity back). */
export interface SessionDTO {
  username: string;
  displayName: string;
  roles: string[];
  startedAt: string;
}

/** The shell's state: which vault is open, whether it needs setup, who is logged in. */
export interface StatusDTO {
  vault: VaultInfoDTO | null;
  needsSetup: boolean;
  session: SessionDTO | null;
  permissions: PermissionsDTO | null;
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
export type AccessRegisterRequest = Omit<AccessRegisterInput, 'at' | 'grantId' | 'recordId' | 'items'> & { records: string[]; items: string[] };

/** 出库登记: paper originals leaving the stacks, by 卷件号 / 档号 (the engine's input, items as written, now). */
export type CheckoutRequest = Omit<CheckoutInput, 'at' | 'items'> & { items: string[] };

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
  | { archivalCode: string; kind: 'classification'; classification: Classification; period: string; basis: string }
  | { archivalCode: string; kind: 'access'; status: 'open' | 'restricted'; basis: string };

/** The second person at 封库/启库, who types their own login into the modal (used for the one call, not kept). */
export interface SecondPersonInput {
  username: string;
  password: string;
}

export interface IngestStartRequest {
  paths: string[];
  metadata?: IngestMetadata;
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
  'auth:setup': { req: FirstRunInput; res: StatusDTO };
  'auth:login': { req: { username: string; password: string }; res: StatusDTO };
  'auth:logout': { req: void; res: StatusDTO };
  'auth:changePassword': { req: { oldPassword: string; newPassword: string }; res: StatusDTO };
  /** Reopens the idle-locked session with its owner's password. */
  'auth:unlock': { req: { password: string }; res: StatusDTO };
  'records:list': { req: ListRecordsRequest; res: { total: number; records: RecordRow[] } };
  'records:get': { req: { id: number }; res: RecordDetailDTO };
  'records:pageImage': { req: { imageSha256: string; kind: 'thumb' | 'normalized' }; res: string };
  'suggestions:accept': { req: { recordId: number; suggestionId: number }; res: StoredSuggestion };
  'suggestions:reject': { req: { recordId: number; suggestionId: number }; res: StoredSuggestion };
  'review:clearHold': { req: { recordId: number; basis: string }; res: { cleared: boolean } };
  /** Starts an ingest job; its progress and end come as events with this jobId. */
  'ingest:start': { req: IngestStartRequest; res: { jobId: number } };
  'jobs:list': { req: void; res: JobRow[] };
  /** The jobs running in this window's engine now (for a jobs panel that survives reloads). */
  'jobs:running': { req: void; res: JobProgress[] };
  /** The dashboard's counts for this session's roles (the first screen after login). */
  'dashboard:summary': { req: void; res: DashboardDTO };
  'jobs:cancel': { req: { jobId: number }; res: { cancelled: boolean } };
  /**
   * Goes on with an interrupted or cancelled job, by its kind (the engine's jobs.resume, as
   * `lantai resume ID`), in the main process: its progress and end come as job events.
   */
  'jobs:resume': { req: { jobId: number }; res: { jobId: number; kind: string } };
  'ocr:start': { req: void; res: { started: boolean; jobId: number | null } };
  'search:query': { req: SearchRequest; res: SearchResult };
  'audit:read': { req: AuditFilter; res: AuditPage };
  'audit:verify': { req: void; res: AuditVerifyResult };
  'accounts:list': { req: void; res: AccountInfo[] };
  'accounts:create': { req: AccountSpec; res: AccountInfo };
  /** Off-site media (the backup officer's screens); long ones answer when done, their progress comes as job events. */
  'media:list': { req: { includeRetired?: boolean }; res: MediumRow[] };
  'media:show': { req: { mediumId: string }; res: MediumDetail };
  'media:add': { req: NewMedium; res: MediumRow };
  'media:label': { req: { mediumId: string; outDir: string }; res: LabelFiles };
  'media:recognize': { req: { path: string }; res: MediumRow };
  'media:checkout': { req: { mediumId: string; toSite: string; courier?: string; count?: number; note?: string }; res: TransportEntry };
  'media:checkin': { req: { mediumId: string; toSite?: string; courier?: string; count?: number; note?: string }; res: TransportEntry };
  'media:retire': { req: { mediumId: string; reason: string }; res: MediumRow };
  'media:transport': { req: { mediumId?: string }; res: TransportEntry[] };
  'media:rotation': { req: { horizonDays?: number }; res: RotationPlan };
  'media:keyCreate': { req: { passphrase: string }; res: BackupKeyInfo };
  'media:keyUnlock': { req: { passphrase: string }; res: { keyId: string } };
  'media:recoverySheet': { req: void; res: { text: string } };
  'media:settings': { req: void; res: MediaSettings };
  'media:setSetting': { req: { name: string; value: string }; res: MediaSettings };
  'media:backup': { req: MediumRef; res: BackupResult };
  'media:verify': { req: MediumRef & { mode?: 'full' | 'sample' }; res: VerifyResult };
  'media:runs': { req: { mediumId?: string }; res: MediaRun[] };
  'media:alerts': { req: { all?: boolean; mediumId?: string }; res: MediaAlert[] };
  'media:handleAlert': { req: { id: number; note: string }; res: MediaAlert };
  'media:erasures': { req: { all?: boolean; mediumId?: string }; res: MediaErasure[] };
  'media:confirmErasure': { req: MediumRef & { note: string }; res: MediaErasure[] };
  'media:coverage': { req: void; res: CoverageReport };
  'media:where': { req: { archivalCode: string }; res: RecordCoverage };
  'media:repair': { req: MediumRef & { sources?: MediumRef[] }; res: RepairOutcome[] };
  'media:repairVault': { req: { sources: MediumRef[] }; res: RepairOutcome[] };
  'media:migrate': { req: { from: string; to: MediumRef; fromPath?: string; reason?: string }; res: MigrationResult };
  'media:drill': { req: { from: string[]; passphrase: string }; res: DrillReport };
  /** A fresh machine: no vault open, no one logged in; open the result with vault:open. */
  'media:restore': { req: { from: string[]; to: string; passphrase: string }; res: RestoreReport };

  // Digitization projects and QC (issue 13). A project is named by its id or its name.
  'digitization:list': { req: void; res: ProjectRow[] };
  'digitization:show': { req: { project: string | number }; res: ProjectDetail };
  'digitization:create': { req: CreateProjectRequest; res: ProjectDetail };
  'digitization:addItems': { req: { project: string | number } & ItemsSpec; res: ProjectDetail };
  'digitization:addOperator': { req: { project: string | number; username: string }; res: OperatorRow };
  'digitization:setQcRule': { req: { project: string | number; rule: Partial<QcRule> }; res: ProjectRow };
  'digitization:close': { req: { project: string | number }; res: { project: ProjectRow; disabled: string[] } };
  'digitization:precheck': { req: { project: string | number; code: string; input: PrecheckInput }; res: PrecheckOutcome & { item: ItemRow } };
  /** Long: progress comes as job events (kind ingest). */
  'digitization:scan': { req: { project: string | number } & ScanRequest; res: ScanResult };
  'digitization:sheet': { req: { project: string | number; code: string }; res: SheetView };
  'digitization:printSheet': { req: { project: string | number; code: string; out: string }; res: { path: string; pages: number; bytes: number } };
  'digitization:addSheetStep': { req: { project: string | number; code: string; step: NewSheetStep }; res: SheetView };
  'digitization:devices': { req: { project: string | number }; res: DeviceRow[] };
  'digitization:addDevice': { req: { project: string | number; device: NewDevice }; res: DeviceRow };
  'digitization:useDevice': { req: { deviceId: number; purpose: string; holder?: string }; res: DeviceRow };
  'digitization:endDevice': { req: { deviceId: number; state: 'returned' | 'wiped'; note: string }; res: DeviceRow };
  /** Long: progress comes as job events (kind qc). */
  'qc:run': { req: { project: string | number; seed?: string }; res: QcRunResult };
  'qc:batches': { req: { project: string | number }; res: BatchRow[] };
  'qc:findings': { req: { batchId: number }; res: MachineSummary };
  /** The side-by-side review screen: each sampled page's scan, OCR text and catalog fields. */
  'qc:sample': { req: { batchId: number; seed?: string }; res: SamplePage[] };
  'qc:samplePages': { req: { batchId: number }; res: SamplePage[] };
  'qc:judge': { req: { batchId: number } & JudgeRequest; res: SampleResult };
  'qc:result': { req: { batchId: number }; res: SampleResult };
  'qc:accept': { req: { batchId: number } & DecideRequest; res: AcceptanceReport };
  'qc:return': { req: { batchId: number } & DecideRequest; res: AcceptanceReport };
  'qc:report': { req: { batchId: number }; res: AcceptanceReport };
  'qc:printReport': { req: { batchId: number; out: string }; res: { path: string; pages: number; bytes: number } };
  'qc:rescan': { req: RescanRequest; res: { archivalCode: string; pageNo: number; oldSha256: string; newSha256: string } };
  'qc:settings': { req: void; res: QcSettings };
  'qc:setSetting': { req: { name: string; value: string }; res: QcSettings };
  /** Transfer (移交) and receiving (接收); long ones answer when done, their progress comes as job events. */
  'transfer:preview': { req: TransferSelection; res: TransferPreview };
  'transfer:selfCheck': { req: TransferSelection; res: FourPropertyReport & { records: number } };
  'transfer:export': { req: { request: ExportTransferRequest; approval: ApprovalInput }; res: ExportTransferResult };
  'transfer:list': { req: void; res: TransferRow[] };
  'transfer:recordReceipt': { req: { file: string; pin?: string }; res: { transferId: string; records: number; alreadyRecorded: boolean } };
  'receiving:verify': { req: { path: string; pin?: string }; res: PackageVerification };
  'receiving:import': { req: { path: string; pin?: string }; res: ImportPackageResult };
  'receiving:issueReceipt': { req: { importId: number; out: string; approval: ApprovalInput }; res: { path: string } };
  'receiving:list': { req: void; res: PackageImportRow[] };
  /** Catalog upkeep: the same validation and audit as `lantai edit` and `lantai catalog`. */
  'catalog:edit': { req: EditRecordsRequest; res: EditResult };
  'catalog:preview': { req: CatalogSelection; res: ConfirmPreview };
  'catalog:confirm': { req: CatalogSelection; res: ConfirmPreview & { fixed: number } };
  'catalog:renumber': { req: RenumberRequest; res: { changes: PlanEntry[]; applied: boolean } };
  'catalog:export': { req: CatalogExportRequest; res: CatalogExportResult };
  'catalog:import': { req: { file: string }; res: CatalogImportResult };
  'print:catalog': { req: { out: string; selection: CatalogSelection; unitName?: string }; res: PrintResult };
  'print:stamps': { req: { out: string; selection: CatalogSelection }; res: PrintResult };
  /** Appraisal and disposal, declassification. */
  'appraisal:due': { req: { asOf?: string }; res: DueRecord[] };
  'appraisal:propose': { req: ProposeInput; res: { roundId: number; proposalId: number } };
  'appraisal:vote': { req: { roundId: number; vote: 'agree' | 'disagree'; comment?: string; proposalIds?: number[] }; res: Round };
  'appraisal:approve': { req: { roundId: number; basis: string }; res: Round };
  'appraisal:round': { req: { roundId: number }; res: Round };
  'appraisal:rounds': { req: void; res: { id: number; title: string; state: string; proposals: number; createdAt: string }[] };
  'appraisal:destroy': { req: { roundId: number }; res: DestructionRegister };
  'appraisal:printRegister': { req: { registerId: number; out: string }; res: { path: string; pages: number; bytes: number } };
  'declassify:due': { req: { asOf?: string }; res: DueClassified[] };
  'declassify:decide': { req: DeclassifyInput; res: { reviewId: number; classification: string; period: string } };
  /** The registers (利用登记, 出库/归还). */
  'registers:access': { req: { limit?: number }; res: AccessRegisterEntry[] };
  'registers:registerAccess': { req: AccessRegisterRequest; res: AccessRegisterEntry };
  'registers:checkouts': { req: { open?: boolean }; res: Checkout[] };
  'registers:checkOut': { req: CheckoutRequest; res: Checkout };
  'registers:return': { req: ReturnRequest; res: Checkout };
  'registers:stackEvents': { req: { stack?: string }; res: StackEvent[] };
  'registers:seal': { req: { stack: string; remarks?: string; second: SecondPersonInput }; res: StackEvent };
  'registers:unseal': { req: { stack: string; purpose: string; remarks?: string; second: SecondPersonInput }; res: StackEvent };
  /** The sysadmin's settings: sign-in and session rules, and the catalog defaults. */
  'settings:get': { req: void; res: { auth: AuthSettings; catalog: CatalogSettings } };
  'settings:setAuth': { req: Partial<AuthSettings>; res: AuthSettings };
  'settings:setCatalog': { req: Partial<CatalogSettings>; res: CatalogSettings };
  /** The security officer's access approvals and record reviews. */
  'review:grants': { req: { all?: boolean }; res: AccessGrant[] };
  'review:grant': { req: GrantRequest; res: AccessGrant[] };
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
  | { type: 'job:progress'; progress: JobProgress }
  | { type: 'job:end'; end: JobEnd }
  | { type: 'ingest:done'; jobId: number; result: Result<IngestSummary> }
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
