import crypto from 'node:crypto';
import path from 'node:path';
import { authorize, failureDetail, recordAudit, wasAudited, audited } from '../auth/authorize.js';
import { isoOf, nowOf, type OperationContext } from '../auth/types.js';
import { formatArchivalCode, parseArchivalCode } from '../catalog/archival-code.js';
import { columnForHeader, HELD_MARK, type CatalogColumn } from '../catalog/columns.js';
import { checkFields, FIELD_LABELS, type FieldName, type FieldPatch } from '../catalog/fields.js';
import { getRecordByCode } from '../catalog/records.js';
import { codeOptions, readSetting } from '../catalog/settings.js';
import { isStateSecret, type Classification, type Retention } from '../catalog/types.js';
import { get, immediate } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import type { Message } from '../i18n/messages.js';
import { msg } from '../i18n/messages.js';
import { indexRecord } from '../search/index.js';
import { upkeepMessages } from './messages.js';
import { readCatalogTable } from './read-table.js';

/**
 * Importing a catalog file (.xlsx, .csv, .xml with the DA/T 22 columns) to catalog items whose
 * scans come later. Every row is checked with the one field validation; when any row is bad,
 * nothing is imported and every problem is reported by row and field. Rows with a 档号 keep it
 * (fixed: it came from a catalog that issued it); rows without one are numbered at the end of
 * their class (provisional).
 */

export interface ImportProblem {
  row: number;
  field: FieldName | 'archivalCode' | 'file';
  value: string;
  reason: Message;
}

export interface CatalogImportResult {
  file: string;
  imported: number;
  records: { id: number; archivalCode: string; row: number }[];
}

interface ReadyRow {
  row: number;
  code: string | null;
  fondsCode: string;
  categoryCode: string;
  year: number;
  retention: Retention;
  orgUnit: string;
  itemNumber: number | null;
  title: string;
  creator: string;
  docNumber: string;
  docDate: string | null;
  classification: Classification;
  classificationPeriod: string;
  remarks: string;
  pageCount: number;
}

const REQUIRED: readonly FieldName[] = ['title', 'year', 'retention', 'pageCount'];
const CODE_LABEL: Message = { zh: '档号', en: 'archival code' };

function rowPatch(columns: (CatalogColumn | undefined)[], cells: string[]): { patch: FieldPatch; code: string } {
  const patch: FieldPatch = {};
  let code = '';
  columns.forEach((c, i) => {
    const v = (cells[i] ?? '').trim();
    if (!c?.field || v === '') return;
    if (c.field === 'archivalCode') code = v;
    else (patch as Record<string, string>)[c.field] = v;
  });
  return { patch, code };
}

function checkRow(ctx: OperationContext, rowNo: number, patch: FieldPatch, code: string, problems: ImportProblem[]): ReadyRow | null {
  const before = problems.length;
  const push = (field: ImportProblem['field'], value: string, reason: Message) => problems.push({ row: rowNo, field, value, reason });
  if (patch.classification !== undefined && ([HELD_MARK.zh, HELD_MARK.en] as string[]).includes(String(patch.classification).trim())) push('classification', String(patch.classification), upkeepMessages.rowHeld);
  const { fields, problems: fp } = checkFields(patch);
  for (const p of fp) if (!(p.field === 'classification' && problems.some((x) => x.row === rowNo && x.field === 'classification'))) push(p.field, p.value, p.reason);
  let parts: ReturnType<typeof parseArchivalCode> | null = null;
  if (code !== '') {
    try {
      parts = parseArchivalCode(code);
    } catch (e) {
      push('archivalCode', code, msg(upkeepMessages.rowCodeBad, { reason: e instanceof VaultError ? e.text.en : String(e) }));
    }
  }
  // A row may give its class by 档号 alone; the columns fill what the 档号 does not say.
  const fondsCode = fields.fondsCode ?? parts?.fondsCode ?? readSetting(ctx.db, 'catalog.defaultFonds');
  const categoryCode = fields.categoryCode ?? parts?.categoryCode ?? readSetting(ctx.db, 'catalog.defaultCategory');
  const year = fields.year ?? parts?.year;
  const retention = fields.retention ?? parts?.retention;
  const orgUnit = fields.orgUnit ?? parts?.orgUnit ?? '';
  const itemNumber = fields.itemNumber ?? parts?.itemNumber ?? null;
  const present: Partial<Record<FieldName, unknown>> = { ...fields, year, retention };
  for (const f of REQUIRED) {
    if (present[f] === undefined && !fp.some((p) => p.field === f)) push(f, '', upkeepMessages.rowRequired);
  }
  if (parts && year !== undefined && retention !== undefined && itemNumber !== null) {
    const expected = { fondsCode, categoryCode, year, retention, orgUnit, itemNumber };
    if (Object.entries(expected).some(([k, v]) => parts![k as keyof typeof parts] !== v)) {
      push('archivalCode', code, msg(upkeepMessages.rowCodeMismatch, { expected: formatArchivalCode(expected, codeOptions(ctx.db)) }));
    }
  }
  if (problems.length > before) return null;
  return {
    row: rowNo, code: code === '' ? null : code, fondsCode, categoryCode, year: year!, retention: retention!, orgUnit, itemNumber,
    title: fields.title!, creator: fields.creator ?? '', docNumber: fields.docNumber ?? '', docDate: fields.docDate ?? null,
    classification: fields.classification ?? 'public', classificationPeriod: fields.classificationPeriod ?? '', remarks: fields.remarks ?? '', pageCount: fields.pageCount!,
  };
}

/** Reads and checks the whole file; imports all rows in one transaction, or none. */
export async function importCatalog(ctx: OperationContext, file: string): Promise<CatalogImportResult> {
  const target = { type: 'catalog_import', id: path.basename(file) };
  const actor = authorize(ctx, 'import_catalog', target);
  try {
    const table = await readCatalogTable(file);
    const columns = table.headers.map((h) => columnForHeader(h));
    const have = new Set(columns.map((c) => c?.key));
    const missing = (['title', 'pageCount'] as const).filter((k) => !have.has(k));
    if (!have.has('archivalCode') && (!have.has('year') || !have.has('retention'))) missing.push(...(['year', 'retention'] as never[]));
    if (missing.length > 0) throw VaultError.of('CATALOG_IMPORT_UNREADABLE', upkeepMessages.importNoHeader, { file, columns: missing.map((k) => FIELD_LABELS[k as FieldName].zh).join('、') });
    if (table.rows.length === 0) throw VaultError.of('CATALOG_IMPORT_UNREADABLE', upkeepMessages.importNoRows, { file });
    const problems: ImportProblem[] = [];
    const ready: ReadyRow[] = [];
    const seen = new Map<string, number>();
    const options = codeOptions(ctx.db);
    for (const r of table.rows) {
      const { patch, code } = rowPatch(columns, r.cells);
      const row = checkRow(ctx, r.rowNo, patch, code, problems);
      if (!row) continue;
      if (row.itemNumber !== null) {
        const full = formatArchivalCode({ ...row, itemNumber: row.itemNumber }, options);
        const other = seen.get(full);
        if (other !== undefined) problems.push({ row: r.rowNo, field: 'archivalCode', value: full, reason: msg(upkeepMessages.rowCodeTwice, { other }) });
        else if (getRecordByCode(ctx.db, full) || (row.code && getRecordByCode(ctx.db, row.code))) problems.push({ row: r.rowNo, field: 'archivalCode', value: full, reason: upkeepMessages.rowCodeTaken });
        seen.set(full, r.rowNo);
      }
      ready.push(row);
    }
    if (problems.length > 0) {
      const first = problems[0]!;
      const label = first.field === 'archivalCode' ? CODE_LABEL : first.field === 'file' ? { zh: '文件', en: 'file' } : FIELD_LABELS[first.field];
      const e = VaultError.of('CATALOG_IMPORT_REFUSED', upkeepMessages.importRefused,
        { file, count: problems.length, row: first.row, fieldZh: label.zh, fieldEn: label.en, reasonZh: first.reason.zh, reasonEn: first.reason.en },
        { problems: problems.slice(0, 1000) });
      recordAudit(ctx, 'import_catalog', target, 'failed', { error: 'CATALOG_IMPORT_REFUSED', rows: table.rows.length, problems: problems.length, first: { row: first.row, field: first.field } });
      throw audited(e);
    }
    const digest = crypto.createHash('sha256').update(JSON.stringify(table)).digest('hex').slice(0, 16);
    return immediate(ctx.db, () => {
      const at = isoOf(nowOf(ctx));
      const out: CatalogImportResult = { file, imported: 0, records: [] };
      const insert = ctx.db.prepare(`INSERT INTO records (fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator,
          doc_number, doc_date, page_count, classification, classification_period, classified_hold, remarks, source_key, source_name,
          created_at, updated_at, code_status, code_fixed_reason, code_fixed_at, scan_status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting')`);
      for (const r of ready) {
        const item = r.itemNumber ?? (get<{ n: number | null }>(ctx.db, sql`SELECT max(item_number) AS n FROM records WHERE fonds_code = ${r.fondsCode}
          AND category_code = ${r.categoryCode} AND year = ${r.year} AND retention = ${r.retention} AND org_unit = ${r.orgUnit}`)?.n ?? 0) + 1;
        const code = r.code !== null && r.itemNumber !== null ? formatArchivalCode({ ...r, itemNumber: item }, options) : formatArchivalCode({ ...r, itemNumber: item }, options);
        const fixed = r.itemNumber !== null;
        const id = Number(insert.run(r.fondsCode, r.categoryCode, r.year, r.retention, r.orgUnit, item, code, r.title, r.creator, r.docNumber, r.docDate, r.pageCount,
          r.classification, r.classificationPeriod, isStateSecret(r.classification) ? 1 : 0, r.remarks, `catalog-import:${digest}:${r.row}`, path.basename(file), at, at,
          fixed ? 'fixed' : 'provisional', fixed ? 'imported' : null, fixed ? at : null).lastInsertRowid);
        indexRecord(ctx.db, id);
        out.records.push({ id, archivalCode: code, row: r.row });
      }
      out.imported = out.records.length;
      recordAudit(ctx, 'import_catalog', target, 'ok', { file, imported: out.imported, by: actor.username, codes: out.records.slice(0, 200).map((r) => r.archivalCode) });
      return out;
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'import_catalog', target, 'failed', failureDetail(e));
    throw e;
  }
}
