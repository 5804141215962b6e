import { finishPdf, newPdf } from './pdf.js';

/**
 * A printed form (登记表): a title, a grid of labelled cells, and signature lines, on A4
 * portrait. The data comes from the caller (the transfer's 电子档案移交与接收登记表); this module
 * only lays it out.
 */
export interface FormSheet {
  title: string;
  subtitle?: string;
  rows: readonly (readonly [label: string, value: string])[];
  /** A block per party: its heading and the lines to sign (label, name filled in or blank). */
  parties: readonly { heading: string; lines: readonly (readonly [label: string, value: string])[] }[];
}

export async function printFormSheet(sheet: FormSheet, target: string): Promise<{ pages: number; bytes: number }> {
  const doc = newPdf({ layout: 'portrait', title: sheet.title });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 150;
  doc.font('cjk-bold').fontSize(18).text(sheet.title, left, doc.y, { width, align: 'center' });
  if (sheet.subtitle) doc.font('cjk').fontSize(10).text(sheet.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);
  const cell = (label: string, value: string): void => {
    doc.font('cjk').fontSize(11);
    const h = Math.max(24, doc.heightOfString(value || ' ', { width: width - labelWidth - 12 }) + 12);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.rect(left, y, labelWidth, h).stroke();
    doc.rect(left + labelWidth, y, width - labelWidth, h).stroke();
    doc.font('cjk-bold').text(label, left + 6, y + 6, { width: labelWidth - 12 });
    doc.font('cjk').text(value, left + labelWidth + 6, y + 6, { width: width - labelWidth - 12 });
    doc.x = left;
    doc.y = y + h;
  };
  for (const [label, value] of sheet.rows) cell(label, value);
  for (const party of sheet.parties) {
    doc.moveDown(0.8);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
    doc.font('cjk-bold').fontSize(12).text(party.heading, left, doc.y, { width });
    doc.moveDown(0.3);
    for (const [label, value] of party.lines) cell(label, value);
  }
  const bytes = await finishPdf(doc, target);
  return { pages: doc.bufferedPageRange().count, bytes };
}
