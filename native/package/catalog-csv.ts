import { csvHeader, csvLine, CATALOG_COLUMNS } from '../catalog/columns.js';
import type { PackageItem } from './types.js';

/** The printed 归档文件目录 columns (DA/T 22-2015), from the one definition in catalog/columns.ts. */
export const CSV_COLUMNS = CATALOG_COLUMNS.map((c) => c.zh);

/** UTF-8 with a BOM, CRLF: what spreadsheet programs on the archive's desks open correctly. */
export function formatCatalogCsv(items: readonly PackageItem[], seqOffset = 0): string {
  const rows = [csvHeader()];
  items.forEach((item, i) => rows.push(csvLine(item.record, seqOffset + i + 1)));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
