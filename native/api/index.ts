/**
 * What the adapters (native/cli, electron/main) may import from the engine: VaultApi and its
 * DTOs, plus the few bottom-floor utilities an adapter needs to parse and print (messages,
 * errors, labels, reading a password on a terminal). A lint rule lets cli/ and electron/
 * import native/ only through here, so no adapter can reach past the one face.
 */
export { VaultApi } from './vault-api.js';
export type * from './types.js';
export type { JobCallOptions } from './areas/ingest.js';
export type { OcrRequest, OcrResult } from './areas/ocr.js';
export { RESUMABLE_KINDS } from './areas/jobs.js';

export { VaultError, isVaultError, toErrorDTO, ERROR_CODES, isErrorCode, type ErrorCode, type ErrorDTO } from '../errors.js';
export { currentLang, defineMessages, msg, type Lang, type Message, type Params } from '../i18n/messages.js';
export { CLASSIFICATION_LABELS, CLASSIFICATIONS } from '../catalog/types.js';
export { isRole, ROLE_LABELS, ROLES, type AdminRole } from '../auth/permissions.js';
export { authMessages } from '../auth/messages.js';
export { checkPrivateFile, promptHidden, readCliCredentials, readPasswordFile, readPasswordStdin, rejectPasswordArgs, statSecretFile, type InputStream } from '../auth/cli-credentials.js';
export { ACCESS_METHODS } from '../registers/access.js';
export { searchOutputMessages, searchMessages } from '../search/messages.js';
export { ocrMessages } from '../ocr/messages.js';
export { vaultMessages } from '../vault/messages.js';
export { generateSampleScans, MANIFEST_FILE, samplesMessages } from '../samples/index.js';
export type { PersonToProvision, ProvisionPlan } from './areas/accounts.js';
export { renderHandoverList, type HandoverRenderOptions } from '../registers/handover-html.js';
export type { ExportTransferRequest, ExportTransferResult, TransferApproval, TransferPreview } from './areas/transfer.js';
export type { ImportPackageRequest, ImportPackageResult } from './areas/receiving.js';
export type { PackageImportRow } from '../package/index.js';
export { verifyPackagePath, packageMessages, packageKeyMessages, PACKAGE_STAGES, type PackageVerification, type PackageProblem, type PackageStage, type TransferRow, type UnitKeyInfo, type TransferSelection } from '../package/index.js';
export type { FourPropertyReport, FourPropertyCheck } from '../check/four-property.js';
export { transferCliMessages } from '../package/cli-messages.js';
export { CARRIER_CAPACITY } from '../package/carriers.js';
export type { MediumRef, MediumDetail, LabelFiles, MigrationResult, DrillReport } from './areas/media.js';
export { mediaMessages, MEDIA_TYPES, MEDIA_TYPE_LABELS, isMediaType, OPTICAL_CAPACITY, RESTORE_MARKER } from '../media/index.js';
export type {
  MediaType, MediumRow, NewMedium, MediaAlert, MediaRun, AlertKind, BackupResult, VerifyResult, Finding, CoverageReport, RecordCoverage, RecordCopy, RepairOutcome, RestoreReport,
  RotationPlan, RotationMove, TransportEntry, BackupKeyInfo, MediaSettings, MediaErasure,
} from '../media/index.js';
export type { CreateProjectRequest, ItemsSpec, ScanRequest, ScanResult, SheetView } from './areas/digitization.js';
export type { QcRunResult, JudgeRequest, DecideRequest } from './areas/qc.js';
export { renderProcessSheet } from '../digitization/sheets.js';
export { PROCESS_STEPS, PROCESS_STEP_LABELS, COLOUR_RULES, DEVICE_KINDS, stepOf } from '../digitization/types.js';
export type {
  ProjectRow, ProjectDetail, ItemRow, NewItem, OperatorRow, PrecheckInput, PrecheckRow, ReturnRow, SheetStepRow, NewSheetStep, ProcessSheet, PageProcessMetadata, DeviceRow, NewDevice, DeviceKind,
  ProcessStep, ColourRule, QcRule, ItemState,
} from '../digitization/types.js';
export type { PrecheckOutcome } from '../digitization/precheck.js';
export { renderReport } from '../qc/report.js';
export { QC_CHECKS, QC_CHECK_LABELS, FAIL_REASONS, FAIL_REASON_LABELS } from '../qc/types.js';
export type { AcceptanceReport, BatchRow, Defect, Finding as QcFinding, MachineSummary, SamplePage, SampleResult, RescanRequest, QcCheck, FailReason } from '../qc/types.js';
export type { QcSettings } from '../qc/settings.js';
export type { EditRecordsRequest, CatalogExportRequest, PrintRequest, PrintResult } from './areas/catalog.js';
export type { CatalogExportResult, CatalogFormat, CatalogImportResult, CatalogSelection, CatalogSettings, ConfirmPreview, EditPatch, EditResult, FieldChange, ImportProblem, PlanEntry, RenumberRequest } from '../catalog-upkeep/index.js';
export { CATALOG_FORMATS } from '../catalog-upkeep/index.js';
export type { DeclassifyInput, DestructionRegister, DueClassified, DueRecord, Proposal, ProposalAction, ProposeInput, Round, Vote } from '../appraisal/index.js';
export { PROPOSAL_ACTIONS } from '../appraisal/index.js';
export { classificationText, HELD_MARK } from '../catalog/columns.js';
export { FIELD_LABELS } from '../catalog/fields.js';
