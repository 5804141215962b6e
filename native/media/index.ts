/** native/media: registry, backup, verification, coverage, repair, migration, restore (issue 12). */
export * from './types.js';
export { mediaMessages } from './messages.js';
export { readMediaSettings, writeMediaSetting, MEDIA_DEFAULTS, type MediaSettings } from './settings.js';
export { listMedia, getMedium, requireMedium, planMedium, insertMedium, setMountPath, setMediumState, setSite, insertTransport, transportLog, insertDisposal, disposalOf, OPTICAL_CAPACITY, type TransportEntry } from './registry.js';
export { copiesOn, copiesOf, snapshotsOn, type MediumObject, type SnapshotRow } from './copies.js';
export { confirmErasure, erasable, eraseOnMedium, listErasures, type MediaErasure } from './erasures.js';
export { raiseAlert, listAlerts, getOpenAlert, handleAlert, startRun, finishRun, listRuns, failDeadRuns } from './alerts.js';
export { recognizeMedium, labelNewMedium } from './recognize.js';
export { createBackupKey, loadBackupKey, unlockBackupKey, recoverySheetOf, activeWrappedKey, type BackupKeyInfo } from './keys.js';
export { backupToMedium, type BackupResult } from './backup.js';
export { verifyMedium, type VerifyResult, type Finding } from './verify.js';
export { coverageReport, recordCopies, scanOverdue, type CoverageReport, type RecordCoverage, type RecordCopy } from './coverage.js';
export { repairMedium, repairVaultObjects, type RepairOutcome, type SourceMedium } from './repair.js';
export { openMediaSet, unlockMediaKey, restoreCatalog, restoreObjects, auditOf, finishRestore, openRestoredCatalog, compareWithLive, RESTORE_MARKER, type RestoreReport, type OpenedMedium } from './restore.js';
export { rotationPlan, type RotationPlan, type RotationMove } from './rotation.js';
export { labelText, qrPayload, qrPng, qrSvg } from './label.js';
export { setMediumFaults, type MediumFaults } from './medium-io.js';
export { parseSmart, setSmartReader, wholeDisk, type SmartReader, type SmartSummary } from './smart.js';
