import { authorize, authorizeRecords, failureDetail, guarded, guardedAsync, recordAudit, wasAudited, withAuditSync } from '../../auth/authorize.js';
import { isoOf, nowOf, type Session } from '../../auth/types.js';
import { recordFilterSql } from '../../auth/visibility.js';
import { getRecord } from '../../catalog/records.js';
import { codeOptions } from '../../catalog/settings.js';
import type { CatalogLine } from '../../catalog/columns.js';
import {
  changeCatalogSettings, confirmBatch, editRecords, fixCodes, importCatalog, previewConfirm, readCatalogSettings, renumberClass, selectRecordIds, writeCatalogExport, upkeepMessages,
  type CatalogExportResult, type CatalogFormat, type CatalogImportResult, type CatalogSelection, type CatalogSettings, type ConfirmPreview, type EditPatch, type EditResult, type PlanEntry, type RenumberRequest,
} from '../../catalog-upkeep/index.js';
import { immediate } from '../../db/database.js';
import { VaultError } from '../../errors.js';
import { printCatalog, printStamps } from '../../print/index.js';
import { Area, type JobCallOptions } from '../area.js';

export interface EditRecordsRequest {
  /** Records by id or 档号 (a batch edit names several). */
  refs: string[];
  patch: EditPatch;
  reason?: string;
}

export interface CatalogExportRequest {
  format: CatalogFormat;
  out: string;
  selection?: CatalogSelection;
}

export interface PrintRequest {
  kind: 'catalog' | 'stamps';
  out: string;
  selection: CatalogSelection;
  unitName?: string;
}

export interface PrintResult {
  path: string;
  records: number;
  pages: number;
  bytes: number;
  /** Provisional 档号 that printing fixed (a printed 档号 is never renumbered silently). */
  fixed: number;
}

/**
 * Catalog upkeep: edit (one record or a batch, one validation), numbering (preview, confirm,
 * renumber), export and import of catalog files, printouts, and the catalog settings.
 */
export class CatalogArea extends Area {
  private ids(session: Session, refs: readonly string[]): number[] {
    const op = this.op(session);
    // The role first: a person who may not edit cannot learn which 档号 exist from the answer.
    authorize(op, 'edit_record', { type: 'record_ref', id: refs.slice(0, 20).join(',') });
    return refs.map((ref) => {
      const r = /^\d+$/.test(ref) ? getRecord(op.db, Number(ref)) : undefined;
      if (r) return r.id;
      return selectRecordIds(op.db, { codes: [ref], includeDestroyed: true })[0]!;
    });
  }

  /** The records a selection names, among the catalog lines the session may see. */
  select(session: Session, selection: CatalogSelection): number[] {
    const op = this.op(session);
    authorize(op, 'view_catalog', { type: 'catalog' });
    return selectRecordIds(op.db, selection, recordFilterSql(op, 'view_catalog', 'records'));
  }

  edit(session: Session, req: EditRecordsRequest): EditResult {
    return editRecords(this.op(session), { ids: this.ids(session, req.refs), patch: req.patch, ...(req.reason !== undefined ? { reason: req.reason } : {}) });
  }

  preview(session: Session, selection: CatalogSelection): ConfirmPreview {
    return previewConfirm(this.op(session), this.select(session, { ...selection, provisional: true }));
  }

  confirm(session: Session, selection: CatalogSelection): ConfirmPreview & { fixed: number } {
    const ids = this.select(session, { ...selection, provisional: true });
    if (ids.length === 0) throw VaultError.of('NOTHING_SELECTED', upkeepMessages.nothingSelected);
    return confirmBatch(this.op(session), ids);
  }

  renumber(session: Session, req: RenumberRequest): { changes: PlanEntry[]; applied: boolean } {
    return renumberClass(this.op(session), req);
  }

  /** The catalog file for the municipal archive's query system (a job: 100k records in seconds). */
  async export(session: Session, req: CatalogExportRequest, options: JobCallOptions = {}): Promise<CatalogExportResult> {
    const op = this.op(session);
    const target = { type: 'catalog_export', id: req.out };
    return guardedAsync(op, 'export_catalog', target, () => this.host.jobManager.run('catalog-export', async (job) => {
      const result = await writeCatalogExport(op.db, req.format, req.out, req.selection ?? {}, recordFilterSql(op, 'view_catalog', 'records'),
        (done, total) => job.report({ done, total, message: req.format }), job.signal);
      recordAudit(op, 'export_catalog', target, 'ok', { format: result.format, path: result.path, records: result.records, leftOut: result.leftOut, bytes: result.bytes, selection: req.selection ?? {} });
      return result;
    }, { ...this.jobOptions(options), params: { format: req.format, out: req.out } }));
  }

  import(session: Session, file: string): Promise<CatalogImportResult> {
    return importCatalog(this.op(session), file);
  }

  /** 归档文件目录 (A4 landscape with its cover) or 归档章 stamps for a selection, as PDF. */
  async print(session: Session, req: PrintRequest): Promise<PrintResult> {
    const op = this.op(session);
    const target = { type: `print_${req.kind}`, id: req.out };
    const actor = authorize(op, 'print_catalog', target);
    try {
      const ids = selectRecordIds(op.db, { ...req.selection, includeDestroyed: req.kind === 'catalog' }, recordFilterSql(op, 'view_catalog', 'records'));
      if (ids.length === 0) throw VaultError.of('NOTHING_SELECTED', upkeepMessages.nothingSelected);
      authorizeRecords(op, 'view_catalog', ids);
      const lines: CatalogLine[] = ids.map((id) => getRecord(op.db, id)!);
      const printed = req.kind === 'catalog'
        ? await printCatalog(lines, req.out, req.unitName !== undefined ? { unitName: req.unitName } : {})
        : await printStamps(lines, req.out, { itemDigits: codeOptions(op.db).itemDigits });
      const fixed = immediate(op.db, () => {
        const n = fixCodes(op.db, ids, 'printed', isoOf(nowOf(op)));
        recordAudit(op, 'print_catalog', target, 'ok', { kind: req.kind, records: ids.length, pages: printed.pages, fixedNow: n, by: actor.username, codes: lines.slice(0, 200).map((l) => l.archivalCode) });
        return n;
      });
      return { path: req.out, records: ids.length, pages: printed.pages, bytes: printed.bytes, fixed };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'print_catalog', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  settings(session: Session): CatalogSettings {
    const op = this.op(session);
    return guarded(op, 'view_catalog', { type: 'settings', id: 'catalog' }, () => readCatalogSettings(op));
  }

  /** The sysadmin's: defaults of a new record's 档号 (全宗号, 门类, 机构 …) and the appraisal settings. */
  changeSettings(session: Session, patch: Partial<Record<keyof CatalogSettings, string | number>>): CatalogSettings {
    return changeCatalogSettings(this.op(session), patch);
  }

  /** Settings for a person who may change them but not see the catalog (the sysadmin). */
  settingsForAdmin(session: Session): CatalogSettings {
    const op = this.op(session);
    return withAuditSync(op, 'change_settings', { type: 'settings', id: 'catalog' }, () => readCatalogSettings(op), { op: 'read' });
  }
}
