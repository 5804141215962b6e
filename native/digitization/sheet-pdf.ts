import { printReport, type ReportDoc } from '../print/report-pdf.js';
import { PROCESS_STEP_LABELS, type PageProcessMetadata, type ProcessSheet } from './types.js';

/**
 * The 流程单 of one item as a printed PDF (A4 landscape): the steps with device, count,
 * operator and time, then the per-image process metadata, and the lines the QC person and
 * the archive room sign. Times are printed in the machine's local time, as people wrote them.
 */

const CAPTURE_ZH: Record<string, string> = { scan: '扫描', rescan: '重扫' };
const COLOUR_ZH: Record<string, string> = { colour: '彩色', grey: '灰度', bilevel: '黑白二值', palette: '彩色（调色板）' };

function local(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function processSheetDoc(sheet: ProcessSheet, pages: readonly PageProcessMetadata[]): ReportDoc {
  return {
    title: '档案数字化流程单',
    layout: 'landscape',
    facts: [
      ['项目名称', sheet.project],
      ['承包单位', sheet.vendor || '自行加工'],
      ['档号', sheet.recordCode && sheet.recordCode !== sheet.archivalCode ? `${sheet.archivalCode}（入库档号 ${sheet.recordCode}）` : sheet.archivalCode],
      ['题名', sheet.title],
    ],
    sections: [
      {
        heading: '工序记录',
        table: {
          columns: [
            { header: '序号', width: 2, align: 'center' }, { header: '工序', width: 3, align: 'center' }, { header: '设备编号', width: 4 }, { header: '数量', width: 2, align: 'center' },
            { header: '操作人', width: 3 }, { header: '时间', width: 5 }, { header: '来源', width: 2, align: 'center' }, { header: '说明', width: 12 },
          ],
          rows: sheet.steps.map((s, i) => [i + 1, PROCESS_STEP_LABELS[s.step].zh, s.deviceId || '-', s.count, s.operator, local(s.at), s.source === 'manual' ? '手工' : '系统', s.note]),
        },
      },
      ...(pages.length
        ? [{
          heading: '逐页过程元数据',
          table: {
            columns: [
              { header: '页', width: 1, align: 'center' as const }, { header: '采集方式', width: 2 }, { header: '设备编号', width: 3 }, { header: '软件', width: 3 },
              { header: '分辨率', width: 2, align: 'center' as const }, { header: '色彩', width: 2 }, { header: '压缩', width: 2 }, { header: '时间', width: 4 }, { header: '操作人', width: 3 },
            ],
            rows: pages.map((p) => [p.pageNo, CAPTURE_ZH[p.captureForm] ?? p.captureForm, p.deviceId || '-', p.software || '-', p.dpi === null ? '-' : `${p.dpi} dpi`, COLOUR_ZH[p.colourMode] ?? p.colourMode, p.compression, local(p.capturedAt), p.operator]),
          },
        }]
        : []),
    ],
    signatures: [['质检员', ''], ['档案室', '']],
  };
}

export function printProcessSheet(sheet: ProcessSheet, pages: readonly PageProcessMetadata[], target: string): Promise<{ pages: number; bytes: number }> {
  return printReport(processSheetDoc(sheet, pages), target);
}
