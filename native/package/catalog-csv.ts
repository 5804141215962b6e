import { CLASSIFICATION_LABELS } from '../catalog/types.js';
import type { PackageItem } from './types.js';

/** The printed 归档文件目录 columns (DA/T 22-2015) plus 全宗号, 门类, 年度, 保管期限, 机构(问题). */
export const CSV_COLUMNS = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注', '全宗号', '门类', '年度', '保管期限', '机构(问题)'] as const;

function cell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would be read as a formula by a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a BOM, CRLF: what spreadsheet programs on the archive's desks open correctly. */
export function formatCatalogCsv(items: readonly PackageItem[], seqOffset = 0): string {
  const rows = [CSV_COLUMNS.join(',')];
  items.forEach((item, i) => {
    const r = item.record;
    const cls = CLASSIFICATION_LABELS[r.classification].zh + (r.classificationPeriod ? `★${r.classificationPeriod}` : '');
    rows.push([seqOffset + i + 1, r.archivalCode, r.docNumber, r.creator, r.title, r.docDate ? r.docDate.replaceAll('-', '') : '', cls, r.pageCount, r.remarks, r.fondsCode, r.categoryCode, r.year, r.retention, r.orgUnit].map(cell).join(','));
  });
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
