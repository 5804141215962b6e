import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { msg } from '../i18n/messages.js';
import { digitizationMessages as m } from './messages.js';
import { insertReturn, setItemState } from './projects.js';
import { addSheetStep } from './sheets.js';
import type { ItemRow, PrecheckInput, PrecheckRow, ProjectRow } from './types.js';

/**
 * The pre-check of a paper item before scanning (档案数字化外包安全管理规范): 涉密 screening
 * first — a mark of a state-secret level (秘密/机密/绝密) without a declassification mark
 * stops processing, and the item is returned to the archive room and registered — then
 * completeness, page order and paper ↔ catalog. Only a passing item may be scanned; an item
 * that needs fixing is checked again once it is fixed.
 */

const STATE_SECRET = /(绝密|机密|秘密)/;

export interface PrecheckOutcome {
  result: 'pass' | 'fix' | 'stopped';
  problems: { zh: string; en: string }[];
  notes: { zh: string; en: string }[];
}

/** The decision alone, from what the person found on the paper. */
export function judgePrecheck(item: Pick<ItemRow, 'expectedPages'>, input: PrecheckInput): PrecheckOutcome {
  const mark = (input.classificationMark ?? '').trim();
  const notes = /内部|国内/.test(mark) && !STATE_SECRET.test(mark) ? [m.internalMark] : [];
  if (STATE_SECRET.test(mark) && !input.declassified) return { result: 'stopped', problems: [msg(m.stoppedClassified, { mark })], notes };
  const problems: { zh: string; en: string }[] = [];
  if (!input.complete) problems.push(m.problemIncomplete);
  if (!input.orderOk) problems.push(m.problemOrder);
  if (!input.matchesCatalog) problems.push(m.problemCatalog);
  if (input.pageCount !== undefined && item.expectedPages !== null && input.pageCount !== item.expectedPages) {
    problems.push(msg(m.problemPages, { found: input.pageCount, expected: item.expectedPages }));
  }
  return { result: problems.length === 0 ? 'pass' : 'fix', problems, notes };
}

/** Records the pre-check (inside the caller's transaction): the item's state, the return register, the process sheet. */
export function recordPrecheck(db: Db, project: ProjectRow, item: ItemRow, input: PrecheckInput, by: { accountId: number; name: string }, at: string): PrecheckOutcome {
  const outcome = judgePrecheck(item, input);
  db.prepare(
    `INSERT INTO digitization_prechecks (item_id, at, by_account, classification_mark, declassified, complete, order_ok, matches_catalog, page_count, result, problems, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(item.id, at, by.accountId, (input.classificationMark ?? '').trim(), input.declassified ? 1 : 0, input.complete ? 1 : 0, input.orderOk ? 1 : 0, input.matchesCatalog ? 1 : 0,
    input.pageCount ?? null, outcome.result, JSON.stringify([...outcome.problems, ...outcome.notes]), (input.note ?? '').trim());
  const summary = [...outcome.problems, ...outcome.notes].map((p) => p.zh).join('；');
  addSheetStep(db, project.id, item.id, { step: 'precheck', count: input.pageCount ?? 0, operator: by.name, at, note: `${outcome.result}${summary ? `：${summary}` : ''}` }, by.accountId, 'auto');
  if (outcome.result === 'stopped') {
    setItemState(db, item.id, 'returned');
    insertReturn(db, { projectId: project.id, itemId: item.id, at, byAccount: by.accountId, reasonCode: 'CLASSIFIED_MARK', reason: outcome.problems[0]!.zh, returnedTo: (input.returnedTo ?? '').trim() });
    addSheetStep(db, project.id, item.id, { step: 'return', operator: by.name, at, note: outcome.problems[0]!.zh }, by.accountId, 'auto');
  } else {
    setItemState(db, item.id, outcome.result === 'pass' ? 'ready' : 'pending');
  }
  return outcome;
}

export function listPrechecks(db: Db, projectId: number, itemId?: number): PrecheckRow[] {
  const filter = itemId === undefined ? sql`1` : sql`c.item_id = ${itemId}`;
  return all<Omit<PrecheckRow, 'declassified' | 'complete' | 'orderOk' | 'matchesCatalog' | 'problems'> & { declassified: number; complete: number; orderOk: number; matchesCatalog: number; problems: string }>(
    db,
    sql`SELECT c.id, i.archival_code AS archivalCode, c.at, a.username AS by, c.classification_mark AS classificationMark, c.declassified, c.complete,
               c.order_ok AS orderOk, c.matches_catalog AS matchesCatalog, c.page_count AS pageCount, c.result, c.problems, c.note
          FROM digitization_prechecks c JOIN digitization_items i ON i.id = c.item_id JOIN accounts a ON a.id = c.by_account
         WHERE i.project_id = ${projectId} AND ${filter} ORDER BY c.id`,
  ).map((r) => ({
    ...r, declassified: r.declassified === 1, complete: r.complete === 1, orderOk: r.orderOk === 1, matchesCatalog: r.matchesCatalog === 1,
    problems: (JSON.parse(r.problems) as { zh: string }[]).map((p) => p.zh),
  }));
}
