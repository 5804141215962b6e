import { accountRoles } from '../auth/session-state.js';
import { findAccount } from '../auth/sessions.js';
import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { badInput } from './bad-input.js';
import { digitizationMessages as m } from './messages.js';
import {
  COLOUR_RULES, ITEM_STATES, type ColourRule, type ItemRow, type ItemState, type NewItem, type NewProject, type OperatorRow, type ProjectRow, type QcRule, type ReturnRow,
} from './types.js';

/** The tables of digitization projects (migration 0200): projects, their items and operators. */

export const DEFAULT_QC_RULE: QcRule = { minDpi: 300, colourMode: 'any', samplePercent: 5, passMark: 95 };

const PROJECT_COLUMNS = sql`p.id, p.name, p.vendor, p.in_house AS inHouse, p.contract_ref AS contractRef, p.site, p.state,
  p.min_dpi AS minDpi, p.colour_mode AS colourMode, p.sample_percent AS samplePercent, p.pass_mark AS passMark,
  p.created_at AS createdAt, (SELECT username FROM accounts WHERE id = p.created_by) AS createdBy,
  p.closed_at AS closedAt, (SELECT username FROM accounts WHERE id = p.closed_by) AS closedBy`;

function toProject(r: Omit<ProjectRow, 'inHouse'> & { inHouse: number | boolean }): ProjectRow {
  return { ...r, inHouse: r.inHouse === 1 || r.inHouse === true };
}

const bad = badInput;

/** Checks a (partial) QC rule; the defaults fill what is not given. */
export function checkQcRule(rule: Partial<QcRule>, base: QcRule = DEFAULT_QC_RULE): QcRule {
  const out = { ...base, ...Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) } as QcRule;
  if (!Number.isInteger(out.minDpi) || out.minDpi < 50 || out.minDpi > 2400) bad('minDpi', out.minDpi, '须为 50–2400 的整数', 'must be a whole number from 50 to 2400');
  if (!(COLOUR_RULES as readonly string[]).includes(out.colourMode)) bad('colourMode', out.colourMode, `可用：${COLOUR_RULES.join('、')}`, `use ${COLOUR_RULES.join(', ')}`);
  if (!(out.samplePercent > 0 && out.samplePercent <= 100)) bad('samplePercent', out.samplePercent, '须大于 0 且不超过 100', 'must be above 0 and at most 100');
  if (!(out.passMark > 0 && out.passMark <= 100)) bad('passMark', out.passMark, '须大于 0 且不超过 100', 'must be above 0 and at most 100');
  return out;
}

/** base: the vault's defaults for a new project (the qc.* settings), DEFAULT_QC_RULE without them. */
export function insertProject(db: Db, p: NewProject, byAccount: number, at: string, base: QcRule = DEFAULT_QC_RULE): number {
  const name = p.name.trim();
  if (name === '' || name.length > 200) bad('name', p.name, '须为 1–200 个字符', 'must be 1 to 200 characters');
  if (!p.inHouse && !(p.vendor ?? '').trim()) bad('vendor', '', '外包项目须写明承包单位（自行加工请用 --in-house）', 'an outsourced project names its vendor (use --in-house otherwise)');
  if (p.items.length === 0) throw VaultError.of('DIGITIZATION_BAD_INPUT', m.noItems);
  if (get(db, sql`SELECT 1 AS x FROM digitization_projects WHERE name = ${name}`)) throw VaultError.of('DIGITIZATION_BAD_INPUT', m.projectExists, { name });
  const rule = checkQcRule(p, base);
  const id = Number(
    db
      .prepare(
        `INSERT INTO digitization_projects (name, vendor, in_house, contract_ref, site, min_dpi, colour_mode, sample_percent, pass_mark, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(name, (p.vendor ?? '').trim(), p.inHouse ? 1 : 0, (p.contractRef ?? '').trim(), (p.site ?? '').trim(), rule.minDpi, rule.colourMode, rule.samplePercent, rule.passMark, at, byAccount).lastInsertRowid,
  );
  addItems(db, id, p.items);
  return id;
}

export function addItems(db: Db, projectId: number, items: readonly NewItem[]): number {
  const seqRow = get<{ n: number | null }>(db, sql`SELECT max(seq) AS n FROM digitization_items WHERE project_id = ${projectId}`);
  let seq = seqRow?.n ?? 0;
  const exists = db.prepare('SELECT 1 FROM digitization_items WHERE project_id = ? AND archival_code = ?');
  const insert = db.prepare('INSERT INTO digitization_items (project_id, seq, archival_code, title, expected_pages) VALUES (?, ?, ?, ?, ?)');
  for (const it of items) {
    if (exists.get(projectId, it.archivalCode)) throw VaultError.of('DIGITIZATION_BAD_INPUT', m.duplicateItem, { where: '', code: it.archivalCode });
    insert.run(projectId, ++seq, it.archivalCode, it.title ?? '', it.expectedPages ?? null);
  }
  return items.length;
}

/** A project by id (digits) or by name. */
export function findProject(db: Db, ref: string | number): ProjectRow | undefined {
  const byId = typeof ref === 'number' || /^\d+$/.test(ref);
  const r = byId
    ? get<ProjectRow & { inHouse: number }>(db, sql`SELECT ${PROJECT_COLUMNS} FROM digitization_projects p WHERE p.id = ${Number(ref)}`)
    : get<ProjectRow & { inHouse: number }>(db, sql`SELECT ${PROJECT_COLUMNS} FROM digitization_projects p WHERE p.name = ${String(ref).trim()}`);
  return r && toProject(r);
}

export function requireProject(db: Db, ref: string | number): ProjectRow {
  const p = findProject(db, ref);
  if (!p) throw VaultError.of('DIGITIZATION_PROJECT_NOT_FOUND', m.projectNotFound, { ref: String(ref) });
  return p;
}

export function requireOpen(p: ProjectRow): void {
  if (p.state !== 'open') throw VaultError.of('DIGITIZATION_PROJECT_CLOSED', m.projectClosed, { name: p.name });
}

export function listProjects(db: Db, accountScope?: number): ProjectRow[] {
  const where = accountScope === undefined ? sql`1` : sql`EXISTS (SELECT 1 FROM digitization_operators o WHERE o.project_id = p.id AND o.account_id = ${accountScope}) AND p.state = 'open'`;
  return all<ProjectRow & { inHouse: number }>(db, sql`SELECT ${PROJECT_COLUMNS} FROM digitization_projects p WHERE ${where} ORDER BY p.id`).map(toProject);
}

const ITEM_COLUMNS = sql`i.id, i.project_id AS projectId, i.seq, i.archival_code AS archivalCode, i.title, i.expected_pages AS expectedPages,
  i.state, i.record_id AS recordId, r.archival_code AS recordCode, r.page_count AS pageCount`;

export function listItems(db: Db, projectId: number): ItemRow[] {
  return all<ItemRow>(db, sql`SELECT ${ITEM_COLUMNS} FROM digitization_items i LEFT JOIN records r ON r.id = i.record_id WHERE i.project_id = ${projectId} ORDER BY i.seq`);
}

export function requireItem(db: Db, project: ProjectRow, code: string): ItemRow {
  const it = get<ItemRow>(db, sql`SELECT ${ITEM_COLUMNS} FROM digitization_items i LEFT JOIN records r ON r.id = i.record_id
    WHERE i.project_id = ${project.id} AND (i.archival_code = ${code.trim()} OR r.archival_code = ${code.trim()})`);
  if (!it) throw VaultError.of('DIGITIZATION_ITEM_NOT_FOUND', m.itemNotFound, { project: project.name, code });
  return it;
}

export function itemById(db: Db, id: number): ItemRow | undefined {
  return get<ItemRow>(db, sql`SELECT ${ITEM_COLUMNS} FROM digitization_items i LEFT JOIN records r ON r.id = i.record_id WHERE i.id = ${id}`);
}

/** The project item a record is the scan of, if any. */
export function itemOfRecord(db: Db, recordId: number): ItemRow | undefined {
  return get<ItemRow>(db, sql`SELECT ${ITEM_COLUMNS} FROM digitization_items i LEFT JOIN records r ON r.id = i.record_id WHERE i.record_id = ${recordId}`);
}

export function requireItemState(item: ItemRow, allowed: readonly ItemState[], action: { zh: string; en: string }): void {
  if (!allowed.includes(item.state)) throw VaultError.of('DIGITIZATION_ITEM_STATE', m.itemState, { code: item.archivalCode, state: item.state, actionZh: action.zh, actionEn: action.en });
}

export function setItemState(db: Db, itemId: number, state: ItemState): void {
  db.prepare('UPDATE digitization_items SET state = ? WHERE id = ?').run(state, itemId);
}

export function linkRecord(db: Db, itemId: number, recordId: number): void {
  db.prepare("UPDATE digitization_items SET record_id = ?, state = 'scanned' WHERE id = ?").run(recordId, itemId);
}

export function itemCounts(items: readonly ItemRow[]): Record<ItemState, number> {
  const out = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
  for (const i of items) out[i.state]++;
  return out;
}

/** Adds an operator: a vendor operator (limited to the project) or an in-house archivist. */
export function addOperator(db: Db, projectId: number, username: string, byAccount: number, at: string): OperatorRow {
  const a = findAccount(db, username);
  if (!a) throw VaultError.of('ACCOUNT_NOT_FOUND', m.accountNotFound, { username });
  const roles = accountRoles(db, a.id);
  if (!roles.includes('vendor_operator') && !roles.includes('archivist')) throw VaultError.of('DIGITIZATION_BAD_INPUT', m.notOperatorRole, { username });
  db.prepare('INSERT OR IGNORE INTO digitization_operators (project_id, account_id, added_at, added_by) VALUES (?, ?, ?, ?)').run(projectId, a.id, at, byAccount);
  return listOperators(db, projectId).find((o) => o.username === a.username)!;
}

export function listOperators(db: Db, projectId: number): OperatorRow[] {
  return all<{ id: number; username: string; displayName: string; status: string; addedAt: string }>(
    db,
    sql`SELECT a.id, a.username, a.display_name AS displayName, a.status, o.added_at AS addedAt
          FROM digitization_operators o JOIN accounts a ON a.id = o.account_id WHERE o.project_id = ${projectId} ORDER BY o.added_at, a.username`,
  ).map((r) => ({ username: r.username, displayName: r.displayName, status: r.status, addedAt: r.addedAt, roles: accountRoles(db, r.id) }));
}

export function markClosed(db: Db, projectId: number, byAccount: number, at: string): void {
  db.prepare("UPDATE digitization_projects SET state = 'closed', closed_at = ?, closed_by = ? WHERE id = ? AND state = 'open'").run(at, byAccount, projectId);
}

export function updateQcRule(db: Db, projectId: number, rule: QcRule): void {
  db.prepare('UPDATE digitization_projects SET min_dpi = ?, colour_mode = ?, sample_percent = ?, pass_mark = ? WHERE id = ?').run(rule.minDpi, rule.colourMode, rule.samplePercent, rule.passMark, projectId);
}

export function insertReturn(db: Db, r: { projectId: number; itemId: number; at: string; byAccount: number; reasonCode: string; reason: string; returnedTo: string }): void {
  db.prepare('INSERT INTO digitization_returns (project_id, item_id, at, by_account, reason_code, reason, returned_to) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(r.projectId, r.itemId, r.at, r.byAccount, r.reasonCode, r.reason, r.returnedTo);
}

export function listReturns(db: Db, projectId: number): ReturnRow[] {
  return all<ReturnRow>(
    db,
    sql`SELECT x.id, i.archival_code AS archivalCode, x.at, a.username AS by, x.reason_code AS reasonCode, x.reason, x.returned_to AS returnedTo
          FROM digitization_returns x JOIN digitization_items i ON i.id = x.item_id JOIN accounts a ON a.id = x.by_account
         WHERE x.project_id = ${projectId} ORDER BY x.id`,
  );
}

export type { ColourRule };

/** Projects not yet closed (the dashboard). */
export function openProjectCount(db: Db): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM digitization_projects WHERE state = 'open'`)?.n ?? 0;
}
