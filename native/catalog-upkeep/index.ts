export { editRecords, type EditPatch, type EditRequest, type EditResult, type FieldChange } from './edit.js';
export { confirmBatch, previewConfirm, renumberClass, type ConfirmPreview, type RenumberRequest } from './confirm.js';
export { writeCatalogExport, writeCatalogXlsx, exportLines, CATALOG_FORMATS, type CatalogExportResult, type CatalogFormat } from './export.js';
export { importCatalog, type CatalogImportResult, type ImportProblem } from './import.js';
export { selectRecordIds, type CatalogSelection } from './selection.js';
export { changeCatalogSettings, readCatalogSettings, type CatalogSettings } from './settings.js';
export { fixCodes, type PlanEntry } from './numbering.js';
export { upkeepMessages } from './messages.js';
