import type { CatalogLine } from '../catalog/columns.js';
import { finishPdf, newPdf } from './pdf.js';

/**
 * The 归档章 (DA/T 22-2015 §6): six cells, 全宗号 · 年度 · 件号 above, 机构(问题) · 保管期限 · 页数
 * below, 45 mm × 16 mm (cells 15 mm × 8 mm), laid out on A4 for printing on labels or paper; the
 * 档号 in small type under each stamp so a stamp goes on the right document.
 */
const MM = 72 / 25.4;
const CELL_W = 15 * MM;
const CELL_H = 8 * MM;
const GAP_X = 8 * MM;
const GAP_Y = 9 * MM;

export interface StampOptions {
  /** 件号 digits (the vault's setting). */
  itemDigits?: number;
}

export function stampCells(l: CatalogLine, itemDigits = 4): [string, string, string, string, string, string] {
  return [l.fondsCode, String(l.year), String(l.itemNumber).padStart(itemDigits, '0'), l.orgUnit, l.retention, String(l.pageCount)];
}

export async function printStamps(lines: readonly CatalogLine[], target: string, o: StampOptions = {}): Promise<{ pages: number; bytes: number; stamps: number }> {
  const doc = newPdf({ layout: 'portrait', title: '归档章', margin: 15 * MM });
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const perRow = Math.floor((doc.page.width - 2 * left + GAP_X) / (3 * CELL_W + GAP_X));
  const perCol = Math.floor((doc.page.height - 2 * top + GAP_Y) / (2 * CELL_H + GAP_Y));
  lines.forEach((l, i) => {
    const slot = i % (perRow * perCol);
    if (i > 0 && slot === 0) doc.addPage();
    const x = left + (slot % perRow) * (3 * CELL_W + GAP_X);
    const y = top + Math.floor(slot / perRow) * (2 * CELL_H + GAP_Y);
    const cells = stampCells(l, o.itemDigits);
    doc.lineWidth(0.8).strokeColor('#b00000');
    cells.forEach((value, c) => {
      const cx = x + (c % 3) * CELL_W;
      const cy = y + Math.floor(c / 3) * CELL_H;
      doc.rect(cx, cy, CELL_W, CELL_H).stroke();
      doc.font('cjk').fontSize(value.length > 5 ? 7 : 9).fillColor('#000')
        .text(value, cx + 1, cy + CELL_H / 2 - 5, { width: CELL_W - 2, align: 'center', lineBreak: false });
    });
    doc.font('cjk').fontSize(5.5).fillColor('#444').text(l.archivalCode, x, y + 2 * CELL_H + 1.5, { width: 3 * CELL_W, align: 'center', lineBreak: false });
  });
  const pages = doc.bufferedPageRange().count;
  return { pages, bytes: await finishPdf(doc, target), stamps: lines.length };
}
