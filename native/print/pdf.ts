import PDFDocument, { type DocumentOptions } from 'pdfkit';
import { writeFileAtomic } from '../store/atomic-write.js';
import { printFonts } from './font.js';

/**
 * A PDF with the CJK font registered as 'cjk' and 'cjk-bold'. finish() writes it to its final
 * name atomically (temp, fsync, rename): a printout is never half written.
 */
export type Pdf = PDFDocument;

export interface PdfOptions {
  layout: 'portrait' | 'landscape';
  title: string;
  margin?: number;
}

export function newPdf(o: PdfOptions): Pdf {
  const fonts = printFonts();
  const doc = new PDFDocument({
    size: 'A4', layout: o.layout, margin: o.margin ?? 36, bufferPages: true, autoFirstPage: true,
    info: { Title: o.title, Creator: 'Lantai 兰台', Producer: 'Lantai 兰台' },
    lang: 'zh-CN', displayTitle: true,
  } satisfies DocumentOptions);
  doc.registerFont('cjk', fonts.regular);
  doc.registerFont('cjk-bold', fonts.bold);
  doc.font('cjk');
  return doc;
}

export async function finishPdf(doc: Pdf, target: string): Promise<number> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.end();
  await ended;
  const bytes = Buffer.concat(chunks);
  await writeFileAtomic(target, bytes);
  return bytes.length;
}

/** 第 n 页 共 N 页 at the foot of every page (after all pages exist). */
export function pageNumbers(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('cjk').fontSize(9).fillColor('#000').text(`第 ${i + 1} 页 共 ${range.count} 页`, doc.page.margins.left, doc.page.height - bottom + 10,
      { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
