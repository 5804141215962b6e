import { printReport, type ReportDoc } from '../print/report-pdf.js';
import { COLOUR_RULE_LABELS } from '../digitization/types.js';
import { QC_CHECK_LABELS, QC_CHECKS, type AcceptanceReport } from './types.js';

/**
 * The 验收报告 (or, for a returned batch, the 退回单 with its defect list) as a printed PDF:
 * the same content as renderReport, laid out as the form the two sides sign. Printed forms are
 * in Chinese, like the other registers Lantai prints.
 */

export function acceptanceDoc(r: AcceptanceReport): ReportDoc {
  const accepted = r.decision === 'accepted';
  const s = r.sample;
  const outstanding = r.mediaRegister.outstanding;
  return {
    title: r.title,
    subtitle: `${r.project}　第 ${r.batch} 批`,
    facts: [
      ['项目名称', r.project],
      ['承包单位', r.vendor || '自行加工'],
      ['批次', String(r.batch)],
      ['结论', accepted ? '验收通过' : '退回返工'],
      ['日期', r.decidedAt.slice(0, 10)],
      ['数量', `${r.counts.items} 件，${r.counts.pages} 页`],
      ['质检规则', `分辨率 ≥ ${r.rule.minDpi} dpi；色彩模式 ${COLOUR_RULE_LABELS[r.rule.colourMode].zh}；抽检比例 ${r.rule.samplePercent}%；合格线 ${r.rule.passMark}%；抽样种子 ${r.rule.seed}`],
    ],
    sections: [
      {
        heading: '一、机器检查',
        lines: [`共检查 ${r.machine.pages} 页，发现问题的 ${r.machine.pagesWithFindings} 页。`],
        table: { columns: [{ header: '检查项', width: 3 }, { header: '发现数', width: 1, align: 'center' }], rows: QC_CHECKS.map((c) => [QC_CHECK_LABELS[c].zh, r.machine.counts[c]]) },
      },
      {
        heading: '二、人工抽检',
        lines: [`抽检 ${s.size} 页，合格 ${s.passed} 页，不合格 ${s.failed} 页，合格率 ${s.passRate ?? '-'}%（合格线 ${s.passMark}%）：${s.verdict === 'pass' ? '合格' : s.verdict === 'fail' ? '不合格' : '未完成'}。`],
      },
      {
        heading: '三、设备与载体登记核查',
        lines: [`登记 ${r.mediaRegister.total} 件；未归还或未清除 ${outstanding.length} 件${outstanding.length ? `：${outstanding.map((d) => `${d.label}（${d.holder}）`).join('、')}` : ''}。`],
      },
      ...(r.rescans.length
        ? [{
          heading: '四、重扫记录',
          table: { columns: [{ header: '档号', width: 4 }, { header: '页', width: 1, align: 'center' as const }, { header: '时间', width: 2 }, { header: '原因', width: 4 }], rows: r.rescans.map((x) => [x.archivalCode, x.pageNo, x.at.slice(0, 16).replace('T', ' '), x.reason]) },
        }]
        : []),
      ...(r.defects.length
        ? [{
          heading: `${r.rescans.length ? '五' : '四'}、问题清单`,
          table: {
            columns: [{ header: '档号', width: 4 }, { header: '页', width: 1, align: 'center' as const }, { header: '来源', width: 1, align: 'center' as const }, { header: '问题', width: 2 }, { header: '说明', width: 3 }],
            rows: r.defects.map((d) => [d.archivalCode, d.pageNo ?? '-', d.source === 'sample' ? '抽检' : '机检', d.what, d.note]),
          },
        }]
        : []),
    ],
    // An in-house batch has no vendor to sign.
    signatures: [['档案室验收人', r.signatures.archiveRoom], ...(r.vendor ? [['承包单位代表', r.signatures.vendor] as const] : [])],
  };
}

export function printAcceptanceReport(r: AcceptanceReport, target: string): Promise<{ pages: number; bytes: number }> {
  return printReport(acceptanceDoc(r), target);
}
