import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { badInput } from './bad-input.js';
import type { Lang } from '../i18n/messages.js';
import { PROCESS_STEP_LABELS, PROCESS_STEPS, type NewSheetStep, type ProcessSheet, type SheetStepRow } from './types.js';

/**
 * The 流程单 of each item: 档号, step, device id, count, operator, time. Rows come from the
 * engine as scanning, pre-check, QC and re-scans run ('auto') and from people for the paper
 * steps such as 拆卷 and 装订 ('manual'). Rows are only added, never changed.
 */

const bad = badInput;

export function addSheetStep(db: Db, projectId: number, itemId: number, s: NewSheetStep & { operator: string }, accountId: number | null, source: 'auto' | 'manual'): number {
  if (!(PROCESS_STEPS as readonly string[]).includes(s.step)) bad('step', s.step, `可用：${PROCESS_STEPS.map((x) => PROCESS_STEP_LABELS[x].zh).join('、')}`, `use ${PROCESS_STEPS.join(', ')}`);
  const count = s.count ?? 0;
  if (!Number.isSafeInteger(count) || count < 0) bad('count', count, '须为非负整数', 'must be a whole number, 0 or more');
  const at = s.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(at))) bad('at', at, '须为 ISO 时间（如 2026-03-01T09:30）', 'must be an ISO time (e.g. 2026-03-01T09:30)');
  const operator = s.operator.trim();
  if (operator === '') bad('operator', '', '须写明操作人', 'names the person who did the step');
  return Number(
    db
      .prepare('INSERT INTO process_sheet_steps (project_id, item_id, step, device_id, count, operator, account_id, at, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(projectId, itemId, s.step, (s.deviceId ?? '').trim(), count, operator, accountId, new Date(at).toISOString(), source, (s.note ?? '').trim()).lastInsertRowid,
  );
}

export function sheetSteps(db: Db, itemId: number): SheetStepRow[] {
  return all<SheetStepRow>(
    db,
    sql`SELECT s.id, i.archival_code AS archivalCode, s.step, s.device_id AS deviceId, s.count, s.operator, s.at, s.source, s.note
          FROM process_sheet_steps s JOIN digitization_items i ON i.id = s.item_id WHERE s.item_id = ${itemId} ORDER BY s.at, s.id`,
  );
}

/** A process sheet as printable plain text (the PDF form comes with native/print). */
export function renderProcessSheet(sheet: ProcessSheet, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = [
    zh ? '档案数字化流程单' : 'Digitization process sheet (流程单)',
    `${zh ? '项目' : 'Project'}: ${sheet.project}    ${zh ? '承包单位' : 'Vendor'}: ${sheet.vendor || (zh ? '自行加工' : 'in-house')}`,
    `${zh ? '档号' : 'Archival code'}: ${sheet.archivalCode}${sheet.recordCode && sheet.recordCode !== sheet.archivalCode ? `  (${zh ? '入库档号' : 'vault code'} ${sheet.recordCode})` : ''}`,
    `${zh ? '题名' : 'Title'}: ${sheet.title}`,
    '',
    [zh ? '序' : '#', zh ? '工序' : 'Step', zh ? '设备编号' : 'Device', zh ? '数量' : 'Count', zh ? '操作人' : 'Operator', zh ? '时间' : 'Time', zh ? '说明' : 'Note'].join('\t'),
    ...sheet.steps.map((s, i) => [i + 1, PROCESS_STEP_LABELS[s.step][lang], s.deviceId || '-', s.count, s.operator, s.at.slice(0, 16).replace('T', ' '), s.note].join('\t')),
    '',
    `${zh ? '质检员签字' : 'QC signature'}: ____________    ${zh ? '档案室签字' : 'Archive room signature'}: ____________`,
  ];
  return `${lines.join('\n')}\n`;
}
