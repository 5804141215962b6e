import { CATALOG_COLUMNS, type CatalogLine } from '../catalog/columns.js';
import { drawTable } from './table.js';
import { finishPdf, newPdf, pageNumbers } from './pdf.js';

/**
 * The 归档文件目录 (DA/T 22-2015) on A4 landscape: a cover (全宗, 年度, 保管期限, 机构, the item
 * range and count), then the catalog with the printed columns 序号 档号 文号 责任者 题名 日期 密级
 * 页数 备注, the header on every page, pages numbered.
 */
export interface CatalogPrintOptions {
  /** 全宗名称 / the unit, printed on the cover. */
  unitName?: string;
  /** The date printed on the cover (YYYY-MM-DD); today when absent. */
  date?: string;
}

const PRINTED = CATALOG_COLUMNS.filter((c) => ['seq', 'archivalCode', 'docNumber', 'creator', 'title', 'date', 'classification', 'pageCount', 'remarks'].includes(c.key));

function same<T>(lines: readonly CatalogLine[], f: (l: CatalogLine) => T): string {
  const values = [...new Set(lines.map(f))];
  return values.length === 1 ? String(values[0] ?? '') : values.length === 0 ? '' : `${values.slice(0, 4).join('、')}${values.length > 4 ? ' 等' : ''}`;
}

export async function printCatalog(lines: readonly CatalogLine[], target: string, o: CatalogPrintOptions = {}): Promise<{ pages: number; bytes: number }> {
  const doc = newPdf({ layout: 'landscape', title: '归档文件目录' });
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  // Cover.
  doc.y = doc.page.margins.top + 50;
  doc.font('cjk-bold').fontSize(30).text('归 档 文 件 目 录', { align: 'center', width: w });
  doc.moveDown(1.2);
  const first = lines[0]?.archivalCode ?? '';
  const last = lines[lines.length - 1]?.archivalCode ?? '';
  const cover: [string, string][] = [
    ['全宗名称', o.unitName ?? ''],
    ['全宗号', same(lines, (l) => l.fondsCode)],
    ['门类', same(lines, (l) => l.categoryCode)],
    ['年度', same(lines, (l) => l.year)],
    ['保管期限', same(lines, (l) => l.retention)],
    ['机构(问题)', same(lines, (l) => l.orgUnit)],
    ['起止档号', first === last ? first : `${first} — ${last}`],
    ['件数', `${lines.length} 件`],
    ['编制日期', o.date ?? new Date().toISOString().slice(0, 10)],
  ];
  doc.font('cjk').fontSize(13);
  const labelW = 110;
  const valueW = 380;
  const x0 = doc.page.margins.left + (w - labelW - 8 - valueW) / 2;
  for (const [label, value] of cover) {
    const y = doc.y;
    doc.text(`${label}：`, x0, y, { width: labelW, align: 'right' });
    doc.text(value || '—', x0 + labelW + 8, y, { width: valueW });
    doc.moveTo(x0 + labelW + 8, doc.y + 1).lineTo(x0 + labelW + 8 + valueW, doc.y + 1).lineWidth(0.5).stroke();
    doc.moveDown(0.55);
  }
  doc.addPage();
  drawTable(doc, PRINTED.map((c) => ({ header: c.zh, width: c.width, align: c.key === 'title' || c.key === 'creator' || c.key === 'remarks' ? 'left' : 'center' })),
    lines.map((l, i) => PRINTED.map((c) => c.value(l, i + 1))), {
      fontSize: 9,
      pageHead: (d) => {
        d.x = d.page.margins.left;
        d.y = d.page.margins.top;
        d.font('cjk-bold').fontSize(16).text('归档文件目录', { align: 'center', width: w });
        d.moveDown(0.4);
      },
    });
  pageNumbers(doc);
  const pages = doc.bufferedPageRange().count;
  return { pages, bytes: await finishPdf(doc, target) };
}
