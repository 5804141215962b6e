import { drawTable } from './table.js';
import { finishPdf, newPdf, pageNumbers } from './pdf.js';

/** 销毁清册: the records destroyed, why, and who decided, approved and carried it out, with signature lines. */
export interface DestructionSheet {
  registerId: number;
  roundTitle: string;
  at: string;
  unitName?: string;
  items: { archivalCode: string; title: string; year: number; retention: string; pageCount: number; reason: string }[];
  deciders: string[];
  approver: string;
  executedBy: string;
}

export async function printDestructionRegister(s: DestructionSheet, target: string): Promise<{ pages: number; bytes: number }> {
  const doc = newPdf({ layout: 'landscape', title: '档案销毁清册' });
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawTable(doc, [
    { header: '序号', width: 5, align: 'center' }, { header: '档号', width: 24, align: 'center' }, { header: '题名', width: 40 },
    { header: '年度', width: 6, align: 'center' }, { header: '保管期限', width: 7, align: 'center' }, { header: '页数', width: 5, align: 'center' },
    { header: '销毁理由', width: 30 },
  ], s.items.map((it, i) => [i + 1, it.archivalCode, it.title, it.year, it.retention, it.pageCount, it.reason]), {
    pageHead: (d) => {
      d.x = d.page.margins.left;
      d.y = d.page.margins.top;
      d.font('cjk-bold').fontSize(16).text('档案销毁清册', { align: 'center', width: w });
      d.font('cjk').fontSize(10).text(`${s.unitName ? `${s.unitName}　` : ''}清册编号：${s.registerId}　鉴定：${s.roundTitle}　销毁日期：${s.at.slice(0, 10)}　共 ${s.items.length} 件`, { align: 'center', width: w });
      d.moveDown(0.4);
    },
  });
  if (doc.y > doc.page.height - doc.page.margins.bottom - 110) doc.addPage();
  doc.font('cjk').fontSize(11);
  const line = (label: string, names: string) => {
    doc.text(`${label}：${names}　　签字：________________　　日期：____________`, doc.page.margins.left, doc.y, { width: w });
    doc.moveDown(0.6);
  };
  doc.moveDown(1);
  line('鉴定小组', s.deciders.join('、'));
  line('批准人（安全保密管理员）', s.approver);
  line('监销人（执行）', s.executedBy);
  pageNumbers(doc);
  const pages = doc.bufferedPageRange().count;
  return { pages, bytes: await finishPdf(doc, target) };
}
