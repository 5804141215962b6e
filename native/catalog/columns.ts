import { CLASSIFICATION_LABELS, type RecordRow } from './types.js';
import type { FieldPatch } from './fields.js';

/**
 * The DA/T 22-2015 catalog columns, defined once: the printed 归档文件目录, the catalog export
 * (xlsx, CSV, XML), the catalog import and the transfer package's CSV and XML all take their
 * headers, order and cell values from here.
 */

/** What a catalog line needs of a record. */
export type CatalogLine = Pick<RecordRow,
  'archivalCode' | 'docNumber' | 'creator' | 'title' | 'docDate' | 'classification' | 'classificationPeriod' | 'classifiedHold' |
  'pageCount' | 'remarks' | 'fondsCode' | 'categoryCode' | 'year' | 'retention' | 'orgUnit' | 'itemNumber'> & Partial<Pick<RecordRow, 'disposal' | 'appraisedRetention'>>;

export type ColumnKey = 'seq' | 'archivalCode' | 'docNumber' | 'creator' | 'title' | 'date' | 'classification' | 'pageCount' | 'remarks'
  | 'fondsCode' | 'categoryCode' | 'year' | 'retention' | 'orgUnit' | 'itemNumber';

export interface CatalogColumn {
  key: ColumnKey;
  /** The header in the printed catalog, the CSV and the xlsx. */
  zh: string;
  en: string;
  /** The element name in XML (文件目录.XML uses 顺序号 and 机构问题). */
  xml: string;
  /** Relative width in the printed catalog and the xlsx (characters). */
  width: number;
  value(line: CatalogLine, seq: number): string | number;
  /** The field an imported cell fills (undefined: not imported, e.g. 序号). */
  field?: keyof FieldPatch | 'archivalCode';
}

/** 涉密待审: what a record under 涉密 hold shows for 密级 until the security officer has screened it. */
export const HELD_MARK = { zh: '涉密待审', en: 'classified hold' } as const;

/**
 * The 密级 cell: level★period; a record under 涉密 hold never shows 公开 or 内部 (its level is
 * not known to be that until the security officer has screened it).
 */
export function classificationText(line: Pick<CatalogLine, 'classification' | 'classificationPeriod' | 'classifiedHold'>, lang: 'zh' | 'en' = 'zh'): string {
  const secret = line.classification === 'secret' || line.classification === 'confidential' || line.classification === 'top_secret';
  if (line.classifiedHold && !secret) return HELD_MARK[lang];
  return CLASSIFICATION_LABELS[line.classification][lang] + (line.classificationPeriod ? `★${line.classificationPeriod}` : '');
}

/** YYYYMMDD, as catalogs print dates. */
export function printedDate(iso: string | null): string {
  return iso ? iso.replaceAll('-', '') : '';
}

/** 备注 with what the catalog must say beside it: destroyed, a retention changed by appraisal. */
export function remarksText(line: CatalogLine): string {
  const notes: string[] = [];
  if (line.disposal === 'destroyed') notes.push('已销毁');
  if (line.appraisedRetention && line.appraisedRetention !== line.retention) notes.push(`鉴定后保管期限 ${line.appraisedRetention}`);
  return [line.remarks, ...notes].filter((s) => s !== '').join('；');
}

/** The printed 归档文件目录 columns (DA/T 22-2015) plus 全宗号, 门类, 年度, 保管期限, 机构(问题). */
export const CATALOG_COLUMNS: readonly CatalogColumn[] = [
  { key: 'seq', zh: '序号', en: 'No.', xml: '顺序号', width: 5, value: (_l, seq) => seq },
  { key: 'archivalCode', zh: '档号', en: 'Archival code', xml: '档号', width: 24, value: (l) => l.archivalCode, field: 'archivalCode' },
  { key: 'docNumber', zh: '文号', en: 'Doc number', xml: '文号', width: 14, value: (l) => l.docNumber, field: 'docNumber' },
  { key: 'creator', zh: '责任者', en: 'Creator', xml: '责任者', width: 14, value: (l) => l.creator, field: 'creator' },
  { key: 'title', zh: '题名', en: 'Title', xml: '题名', width: 40, value: (l) => l.title, field: 'title' },
  { key: 'date', zh: '日期', en: 'Date', xml: '日期', width: 9, value: (l) => printedDate(l.docDate), field: 'docDate' },
  { key: 'classification', zh: '密级', en: 'Classification', xml: '密级', width: 8, value: (l) => classificationText(l), field: 'classification' },
  { key: 'pageCount', zh: '页数', en: 'Pages', xml: '页数', width: 5, value: (l) => l.pageCount, field: 'pageCount' },
  { key: 'remarks', zh: '备注', en: 'Remarks', xml: '备注', width: 12, value: (l) => remarksText(l), field: 'remarks' },
  { key: 'fondsCode', zh: '全宗号', en: 'Fonds', xml: '全宗号', width: 7, value: (l) => l.fondsCode, field: 'fondsCode' },
  { key: 'categoryCode', zh: '门类', en: 'Category', xml: '门类', width: 5, value: (l) => l.categoryCode, field: 'categoryCode' },
  { key: 'year', zh: '年度', en: 'Year', xml: '年度', width: 5, value: (l) => l.year, field: 'year' },
  { key: 'retention', zh: '保管期限', en: 'Retention', xml: '保管期限', width: 6, value: (l) => l.retention, field: 'retention' },
  { key: 'orgUnit', zh: '机构(问题)', en: 'Org unit', xml: '机构问题', width: 8, value: (l) => l.orgUnit, field: 'orgUnit' },
];

/** 件号: not a printed column (it is the end of the 档号) but carried in XML for the receiving system. */
export const ITEM_NUMBER_COLUMN: CatalogColumn = { key: 'itemNumber', zh: '件号', en: 'Item number', xml: '件号', width: 5, value: (l) => l.itemNumber, field: 'itemNumber' };

/** Every column an export writes and an import reads, in order. */
export const EXPORT_COLUMNS: readonly CatalogColumn[] = [...CATALOG_COLUMNS, ITEM_NUMBER_COLUMN];

export function column(key: ColumnKey): CatalogColumn {
  const c = EXPORT_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`no catalog column ${key}`);
  return c;
}

/**
 * The column a header names, in either language or as its XML element name (机构问题 and
 * 机构(问题), 顺序号 and 序号 are the same column); half- and full-width brackets alike.
 */
export function columnForHeader(header: string): CatalogColumn | undefined {
  const h = header.normalize('NFKC').replace(/^\uFEFF/, '').trim().replace(/[()（）]/g, '');
  return EXPORT_COLUMNS.find((c) => [c.zh, c.en, c.xml].some((n) => n.normalize('NFKC').replace(/[()（）]/g, '') === h)) ?? (h === '成文日期' ? column('date') : undefined);
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such a cell is quoted as text. */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** One CSV cell (RFC 4180 quoting), formula-safe. */
export function csvCell(v: string | number): string {
  const s = String(v);
  const safe = spreadsheetSafe(s);
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line of the printed columns. */
export function csvLine(line: CatalogLine, seq: number, columns: readonly CatalogColumn[] = CATALOG_COLUMNS): string {
  return columns.map((c) => csvCell(c.value(line, seq))).join(',');
}

export function csvHeader(columns: readonly CatalogColumn[] = CATALOG_COLUMNS): string {
  return columns.map((c) => c.zh).join(',');
}
