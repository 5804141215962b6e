import { drawTable, type TableColumn } from './table.js';
import { finishPdf, newPdf, pageNumbers, type Pdf } from './pdf.js';

/**
 * A printed report on A4: a title, a grid of labelled facts, sections (a heading with lines of
 * text and/or a ruled table that runs over pages), then signature lines. The digitization
 * acceptance report (验收报告) and the process sheet (流程单) are laid out with it; the data and
 * its wording come from the caller, this module only lays it out.
 */
export interface ReportDoc {
  title: string;
  subtitle?: string;
  layout?: 'portrait' | 'landscape';
  facts: readonly (readonly [label: string, value: string])[];
  sections: readonly ReportSection[];
  /** Each line: who signs (label) and the name printed beside the blank for the signature. */
  signatures: readonly (readonly [label: string, name: string])[];
}

export interface ReportSection {
  heading: string;
  lines?: readonly string[];
  table?: { columns: readonly TableColumn[]; rows: readonly (readonly (string | number)[])[] };
}

export async function printReport(r: ReportDoc, target: string): Promise<{ pages: number; bytes: number }> {
  const doc = newPdf({ layout: r.layout ?? 'portrait', title: r.title });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const room = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  doc.font('cjk-bold').fontSize(18).text(r.title, left, doc.y, { width, align: 'center' });
  if (r.subtitle) doc.font('cjk').fontSize(10).text(r.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);
  facts(doc, r.facts, left, width);
  for (const s of r.sections) {
    doc.moveDown(0.6);
    room(60);
    doc.font('cjk-bold').fontSize(12).text(s.heading, left, doc.y, { width });
    doc.moveDown(0.2);
    for (const line of s.lines ?? []) {
      doc.font('cjk').fontSize(10);
      room(doc.heightOfString(line, { width }));
      doc.text(line, left, doc.y, { width });
    }
    if (s.table) {
      if (s.lines?.length) doc.moveDown(0.3);
      drawTable(doc, s.table.columns, s.table.rows);
    }
  }
  doc.moveDown(0.8);
  room(24 * r.signatures.length + 10);
  doc.font('cjk').fontSize(11);
  for (const [label, name] of r.signatures) {
    doc.text(`${label}：${name || '　　　　'}　　签字：________________　　日期：____________`, left, doc.y, { width });
    doc.moveDown(0.8);
  }
  pageNumbers(doc);
  const pages = doc.bufferedPageRange().count;
  return { pages, bytes: await finishPdf(doc, target) };
}

/** Labelled facts as a two-column ruled grid (label cell, value cell). */
function facts(doc: Pdf, rows: ReportDoc['facts'], left: number, width: number): void {
  const labelWidth = Math.min(150, width * 0.3);
  for (const [label, value] of rows) {
    doc.font('cjk').fontSize(10);
    const h = Math.max(18, doc.heightOfString(value || ' ', { width: width - labelWidth - 12 }) + 8);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.lineWidth(0.5).strokeColor('#000');
    doc.rect(left, y, labelWidth, h).stroke();
    doc.rect(left + labelWidth, y, width - labelWidth, h).stroke();
    doc.font('cjk-bold').text(label, left + 6, y + 4, { width: labelWidth - 12 });
    doc.font('cjk').text(value, left + labelWidth + 6, y + 4, { width: width - labelWidth - 12 });
    doc.x = left;
    doc.y = y + h;
  }
}
