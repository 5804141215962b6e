/**
 * Transfer packages (移交包): the layout of 档发〔2012〕7号 as a signed BagIt bag, the writer,
 * the staged verifier the receiving archive runs, and the unit's signing keys.
 */
export { planPackage, type PackagePlan } from './plan.js';
export { writePackage, isPartialPackageName, type WritePackageOptions, type WrittenPackage } from './write-package.js';
export { verifyPackage, type VerifyPackageOptions, type PackageVerification } from './verify.js';
export { verifyPackagePath, type VerifyPathOptions } from './verify-path.js';
export { PACKAGE_STAGES, type PackageProblem, type PackageStage } from './problems.js';
export { selectRecords, gatherItem, type TransferSelection } from './gather.js';
export { createUnitKeys, unitKeyInfo, unlockUnitKeys, type UnitKeyInfo } from './unit-keys.js';
export { insertTransfer, listTransfers, saveReceipt, transferCodes, transferReceipt, type TransferRow, type TransferState } from './transfers-store.js';
export { packageMessages } from './messages.js';
export { packageKeyMessages } from './key-messages.js';
export type { PackageItem, PackageMaster, TransferFormData } from './types.js';
export { extractZipSafely, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-read.js';
export { splitIntoCarriers, CARRIER_CAPACITY } from './carriers.js';
export { importPackage, IMPORT_JOB, type ImportedPackage, type ImportPackageOptions } from './import-package.js';
export { importMessages } from './import-messages.js';
export { getImport, importedRecords, listImports, saveIssuedReceipt, type PackageImportRow } from './imports-store.js';
export { readReceipt, signReceipt, RECEIPT_FORMAT, type ReceiptContent, type ReadReceipt } from './receipt.js';
export { pinOf, withVerifiedPackage } from './verify-path.js';
export { addPrintedForms, formSheet } from './printed-forms.js';
