import type { Pdf } from './pdf.js';

/**
 * A ruled table that runs over as many pages as it needs, its header repeated on each; cells
 * wrap (a long 题名 takes more lines) and a row never splits across pages.
 */
export interface TableColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  fontSize?: number;
  /** Drawn at the top of every page before the header (the title of the list). */
  pageHead?: (doc: Pdf) => void;
}

const PAD = 3;

export function drawTable(doc: Pdf, columns: readonly TableColumn[], rows: readonly (readonly (string | number)[])[], o: TableOptions = {}): void {
  const size = o.fontSize ?? 9;
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usable);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: readonly (string | number)[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: readonly (string | number)[], y: number, h: number, font: string) => {
    let x = left;
    doc.font(font).fontSize(size).lineWidth(0.5).strokeColor('#000').fillColor('#000');
    cells.forEach((c, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, h).stroke();
      doc.text(String(c), x + PAD, y + PAD, { width: w - 2 * PAD, align: columns[i]!.align ?? 'left' });
      x += w;
    });
  };
  const header = columns.map((c) => c.header);
  let y = 0;
  const startPage = () => {
    o.pageHead?.(doc);
    y = doc.y;
    const h = heightOf(header, 'cjk-bold');
    drawRow(header, y, h, 'cjk-bold');
    y += h;
  };
  startPage();
  for (const row of rows) {
    const h = heightOf(row, 'cjk');
    if (y + h > bottom()) {
      doc.addPage();
      startPage();
    }
    drawRow(row, y, h, 'cjk');
    y += h;
  }
  doc.x = left;
  doc.y = y + 6;
}
