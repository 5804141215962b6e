import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { listDevices } from '../digitization/devices.js';
import { COLOUR_RULE_LABELS, type ProjectRow } from '../digitization/types.js';
import type { Lang } from '../i18n/messages.js';
import type { PageDerived } from '../search/page-derived.js';
import { batchItems, listFindings } from './batches.js';
import { summarize } from './machine.js';
import { sampleResult, storedSample } from './sample.js';
import { FAIL_REASON_LABELS, QC_CHECK_LABELS, QC_CHECKS, type AcceptanceReport, type BatchRow, type Defect, type FailReason, type Finding } from './types.js';

/**
 * The acceptance report (验收报告) of a decided batch, and the defect list of a returned one,
 * as plain data with a text rendering (a PDF comes with native/print): counts, machine-check
 * results, sample results, the media register checked, signatures.
 */

/** The defect list: failed sample pages, then the machine findings (as the reader may see them). */
function defectsOf(db: Db, batch: BatchRow, findings: readonly Finding[]): Defect[] {
  const codes = new Map(batchItems(db, batch.id).map((i) => [i.recordId, i.archivalCode]));
  const fromSample: Defect[] = storedSample(db, batch.id)
    .filter((s) => s.verdict === 'fail')
    .map((s) => ({ archivalCode: codes.get(s.recordId) ?? String(s.recordId), pageNo: s.pageNo, source: 'sample', what: FAIL_REASON_LABELS[s.reason as FailReason]?.zh ?? s.reason, note: s.note }));
  const fromMachine: Defect[] = findings.map((f) => ({ archivalCode: f.archivalCode, pageNo: f.pageNo, source: 'machine', what: QC_CHECK_LABELS[f.check].zh, note: f.value === null ? '' : String(Math.round(f.value * 1000) / 1000) }));
  return [...fromSample, ...fromMachine];
}

/** Built with the reader of the person deciding: the machine findings it lists are those their session may see. */
export function buildReport(db: Db, reader: PageDerived, project: ProjectRow, batch: BatchRow, decision: 'accepted' | 'returned', signatures: { archiveRoom: string; vendor: string }, at: string): AcceptanceReport {
  const items = batchItems(db, batch.id);
  const findings = listFindings(reader, batch.id);
  const machine = summarize(batch.id, batch.pages, findings);
  const devices = listDevices(db, project.id);
  const outstanding = devices.filter((d) => d.state === 'in_use').map((d) => ({ label: d.label, kind: d.kind, holder: d.holder }));
  const rescans = all<{ archivalCode: string; pageNo: number; at: string; reason: string }>(
    db,
    sql`SELECT r.archival_code AS archivalCode, x.page_no AS pageNo, x.at, x.reason FROM page_replacements x JOIN records r ON r.id = x.record_id
         JOIN qc_batch_items b ON b.record_id = x.record_id AND b.batch_id = ${batch.id} ORDER BY x.id`,
  );
  return {
    title: decision === 'accepted' ? '档案数字化成果验收报告' : '档案数字化成果退回单',
    project: project.name,
    vendor: project.inHouse ? '' : project.vendor,
    batch: batch.seq,
    decision,
    decidedAt: at,
    counts: { items: items.length, pages: batch.pages, records: items.map((i) => i.archivalCode) },
    rule: { minDpi: batch.minDpi, colourMode: batch.colourMode, samplePercent: batch.samplePercent, passMark: batch.passMark, seed: batch.seed },
    machine: { pages: machine.pages, pagesWithFindings: machine.pagesWithFindings, counts: machine.counts },
    sample: sampleResult(batch, storedSample(db, batch.id)),
    defects: defectsOf(db, batch, findings),
    mediaRegister: { total: devices.length, outstanding, checked: true },
    rescans,
    signatures: { archiveRoom: signatures.archiveRoom, vendor: signatures.vendor, date: at.slice(0, 10) },
  };
}

const VERDICT_LABELS = { pass: { zh: '合格', en: 'pass' }, fail: { zh: '不合格', en: 'fail' }, pending: { zh: '未完成', en: 'pending' } } as const;

export function renderReport(r: AcceptanceReport, lang: Lang): string {
  const zh = lang === 'zh';
  const L = (a: string, b: string) => (zh ? a : b);
  const lines = [
    zh ? r.title : r.decision === 'accepted' ? 'Digitization acceptance report (验收报告)' : 'Digitization batch returned: defect list',
    `${L('项目', 'Project')}: ${r.project}    ${L('承包单位', 'Vendor')}: ${r.vendor || L('自行加工', 'in-house')}    ${L('批次', 'Batch')}: ${r.batch}`,
    `${L('结论', 'Decision')}: ${r.decision === 'accepted' ? L('验收通过', 'accepted') : L('退回返工', 'returned for rework')}    ${L('日期', 'Date')}: ${r.decidedAt.slice(0, 10)}`,
    '',
    `${L('数量', 'Counts')}: ${r.counts.items} ${L('件', 'items')}, ${r.counts.pages} ${L('页', 'pages')}`,
    `${L('质检规则', 'Rule')}: ≥ ${r.rule.minDpi} dpi, ${L('色彩', 'colour')} ${COLOUR_RULE_LABELS[r.rule.colourMode][lang]}, ${L('抽检比例', 'sample')} ${r.rule.samplePercent}%, ${L('合格线', 'pass mark')} ${r.rule.passMark}%, ${L('随机种子', 'seed')} ${r.rule.seed}`,
    `${L('机器检查', 'Machine checks')}: ${r.machine.pages} ${L('页，有问题', 'pages, with findings')} ${r.machine.pagesWithFindings}`,
    ...QC_CHECKS.filter((c) => r.machine.counts[c] > 0).map((c) => `  ${QC_CHECK_LABELS[c][lang]}: ${r.machine.counts[c]}`),
    `${L('人工抽检', 'Human sample')}: ${r.sample.size} ${L('页，合格', 'pages, passed')} ${r.sample.passed}, ${L('不合格', 'failed')} ${r.sample.failed}, ${L('合格率', 'pass rate')} ${r.sample.passRate ?? '-'}% (${L('合格线', 'pass mark')} ${r.sample.passMark}%) → ${VERDICT_LABELS[r.sample.verdict][lang]}`,
    `${L('设备与载体登记', 'Media and device register')}: ${r.mediaRegister.total} ${L('件，未归还或未清除', 'entries, not returned or wiped')} ${r.mediaRegister.outstanding.length}${r.mediaRegister.outstanding.length ? ` (${r.mediaRegister.outstanding.map((d) => d.label).join(', ')})` : ''}`,
    ...(r.rescans.length ? [`${L('重扫', 'Re-scans')}: ${r.rescans.map((x) => `${x.archivalCode}#${x.pageNo}`).join(', ')}`] : []),
    '',
    ...(r.defects.length ? [L('问题清单', 'Defects'), [L('档号', 'Code'), L('页', 'Page'), L('来源', 'Source'), L('问题', 'Problem'), L('说明', 'Note')].join('\t'),
      ...r.defects.map((d) => [d.archivalCode, d.pageNo ?? '-', d.source === 'sample' ? L('抽检', 'sample') : L('机检', 'machine'), d.what, d.note].join('\t')), ''] : []),
    `${L('档案室验收人', 'For the archive room')}: ${r.signatures.archiveRoom} ____________    ${L('承包单位代表', 'For the vendor')}: ${r.signatures.vendor || '-'} ____________    ${r.signatures.date}`,
  ];
  return `${lines.join('\n')}\n`;
}
