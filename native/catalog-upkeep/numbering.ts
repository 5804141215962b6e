import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { formatArchivalCode } from '../catalog/archival-code.js';
import { codeOptions } from '../catalog/settings.js';
import type { RecordClass, Retention } from '../catalog/types.js';
import { VaultError } from '../errors.js';
import { upkeepMessages } from './messages.js';

/**
 * Numbering (件号) inside a class. Fixed records keep their numbers; provisional ones are laid
 * out after the highest fixed number without gaps. A plan is computed first (what `preview`
 * shows) and applied in one transaction (what `confirm`, `renumber` and a class-changing edit
 * do), so the catalog is never half renumbered.
 */

interface Member {
  id: number;
  code: string;
  item: number;
  fixed: boolean;
  docDate: string | null;
  cls: RecordClass;
}

export interface PlanEntry {
  id: number;
  oldCode: string;
  newCode: string;
  itemNumber: number;
  cls: RecordClass;
  /** The record's 档号 was fixed before this change. */
  wasFixed: boolean;
}

export interface NumberingRequest {
  /** Records moving to another class (or staying, with their class given again). */
  moves?: Map<number, RecordClass>;
  /** Provisional records laid out first in their class, in this order (a confirmed batch). */
  first?: readonly number[];
  /** Order provisional records by 成文日期 (then current number) instead of current number. */
  byDate?: boolean;
  /** Renumber fixed records too, from 1, (an explicit, reasoned renumbering of a class). */
  includeFixed?: boolean;
  /** Classes to lay out even when no record moves (renumber). */
  classes?: readonly RecordClass[];
}

const classKey = (c: RecordClass): string => JSON.stringify([c.fondsCode, c.categoryCode, c.year, c.retention, c.orgUnit]);

function members(db: Db, c: RecordClass): Member[] {
  return all<{ id: number; code: string; item: number; status: string; docDate: string | null; fonds: string; cat: string; year: number; ret: Retention; org: string; transferred: number }>(db, sql`
    SELECT id, archival_code AS code, item_number AS item, code_status AS status, doc_date AS docDate,
      fonds_code AS fonds, category_code AS cat, year, retention AS ret, org_unit AS org,
      EXISTS (SELECT 1 FROM transfer_records t WHERE t.record_id = records.id) AS transferred
    FROM records WHERE fonds_code = ${c.fondsCode} AND category_code = ${c.categoryCode} AND year = ${c.year}
      AND retention = ${c.retention} AND org_unit = ${c.orgUnit} ORDER BY item_number`).map((r) => ({
    id: r.id, code: r.code, item: r.item, fixed: r.status === 'fixed' || r.transferred === 1, docDate: r.docDate,
    cls: { fondsCode: r.fonds, categoryCode: r.cat, year: r.year, retention: r.ret, orgUnit: r.org },
  }));
}

function classOfRecord(db: Db, id: number): RecordClass {
  const r = all<{ fonds: string; cat: string; year: number; ret: Retention; org: string }>(db,
    sql`SELECT fonds_code AS fonds, category_code AS cat, year, retention AS ret, org_unit AS org FROM records WHERE id = ${id}`)[0];
  if (!r) throw new Error(`record ${id} vanished during numbering`);
  return { fondsCode: r.fonds, categoryCode: r.cat, year: r.year, retention: r.ret, orgUnit: r.org };
}

/** What the catalog would look like: every record whose 档号 would change. */
export function planNumbering(db: Db, req: NumberingRequest): PlanEntry[] {
  const moves = req.moves ?? new Map<number, RecordClass>();
  const classes = new Map<string, RecordClass>();
  for (const c of req.classes ?? []) classes.set(classKey(c), c);
  for (const [id, to] of moves) {
    const from = classOfRecord(db, id);
    classes.set(classKey(from), from);
    classes.set(classKey(to), to);
  }
  for (const id of req.first ?? []) {
    const c = moves.get(id) ?? classOfRecord(db, id);
    classes.set(classKey(c), c);
  }
  const firstRank = new Map((req.first ?? []).map((id, i) => [id, i]));
  const options = codeOptions(db);
  const plan: PlanEntry[] = [];
  const byId = new Map<number, Member>();
  for (const c of classes.values()) for (const m of members(db, c)) byId.set(m.id, m);
  for (const id of moves.keys()) if (!byId.has(id)) throw new Error(`record ${id} not found for numbering`);
  for (const [key, c] of classes) {
    const inClass = [...byId.values()].filter((m) => classKey(moves.get(m.id) ?? m.cls) === key);
    const staying = (m: Member) => classKey(m.cls) === key;
    const keep = req.includeFixed ? [] : inClass.filter((m) => m.fixed && staying(m));
    const lay = inClass.filter((m) => !keep.includes(m));
    lay.sort((a, b) => {
      const fa = firstRank.get(a.id) ?? Infinity;
      const fb = firstRank.get(b.id) ?? Infinity;
      if (fa !== fb) return fa - fb;
      if (req.byDate && a.docDate !== b.docDate) return (a.docDate ?? '9999') < (b.docDate ?? '9999') ? -1 : 1;
      // Records already in the class keep their relative order; those moving in go last.
      const sa = staying(a) ? a.item : Number.MAX_SAFE_INTEGER;
      const sb = staying(b) ? b.item : Number.MAX_SAFE_INTEGER;
      return sa - sb || a.id - b.id;
    });
    let next = keep.reduce((max, m) => Math.max(max, m.item), 0) + 1;
    for (const m of lay) {
      const itemNumber = next++;
      const newCode = formatArchivalCode({ ...c, itemNumber }, options);
      if (newCode !== m.code || !staying(m)) plan.push({ id: m.id, oldCode: m.code, newCode, itemNumber, cls: c, wasFixed: m.fixed });
    }
  }
  return plan;
}

/** Refuses a plan that would change a fixed 档号 unless the person said to, with a reason. */
export function guardFixed(plan: readonly PlanEntry[], allowFixed: boolean, reason: string): void {
  const fixed = plan.filter((p) => p.wasFixed);
  if (fixed.length === 0) return;
  if (!allowFixed) throw VaultError.of('CODE_FIXED', upkeepMessages.codeFixed, { codes: fixed.slice(0, 20).map((p) => p.oldCode).join(', ') }, { fixed: fixed.map((p) => p.oldCode) });
  if (reason.trim() === '') throw VaultError.of('CODE_FIXED', upkeepMessages.reasonRequired);
}

/**
 * Writes a plan (inside the caller's transaction): codes move aside first, so two records can
 * swap numbers without tripping the UNIQUE constraints, then take their new codes; each change
 * is kept in code_history.
 */
export function applyPlan(db: Db, plan: readonly PlanEntry[], who: { accountId: number; name: string }, kind: 'confirm' | 'renumber' | 'edit', reason: string, at: string): void {
  const aside = db.prepare('UPDATE records SET archival_code = ?, item_number = item_number + 10000000 WHERE id = ?');
  for (const p of plan) aside.run(`~renumbering~${p.id}`, p.id);
  const set = db.prepare(`UPDATE records SET fonds_code = ?, category_code = ?, year = ?, retention = ?, org_unit = ?, item_number = ?, archival_code = ?, updated_at = ? WHERE id = ?`);
  const history = db.prepare('INSERT INTO code_history (record_id, old_code, new_code, kind, was_fixed, reason, by_account, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of plan) {
    set.run(p.cls.fondsCode, p.cls.categoryCode, p.cls.year, p.cls.retention, p.cls.orgUnit, p.itemNumber, p.newCode, at, p.id);
    if (p.oldCode !== p.newCode) history.run(p.id, p.oldCode, p.newCode, kind, p.wasFixed ? 1 : 0, reason, who.accountId, who.name, at);
  }
}

/** Marks records' 档号 fixed (confirmed, printed, transferred, imported). */
export function fixCodes(db: Db, ids: readonly number[], reason: 'confirmed' | 'printed' | 'transferred' | 'imported' | 'backed_up', at: string): number {
  const st = db.prepare("UPDATE records SET code_status = 'fixed', code_fixed_reason = ?, code_fixed_at = ? WHERE id = ? AND code_status = 'provisional'");
  let n = 0;
  for (const id of ids) n += st.run(reason, at, id).changes;
  return n;
}
