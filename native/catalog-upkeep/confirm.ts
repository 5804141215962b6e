import { authorize, authorizeRecords, failureDetail, recordAudit, wasAudited } from '../auth/authorize.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';
import { getRecord } from '../catalog/records.js';
import { readSetting } from '../catalog/settings.js';
import type { RecordClass } from '../catalog/types.js';
import { immediate, type Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { indexRecord } from '../search/index.js';
import { upkeepMessages } from './messages.js';
import { applyPlan, fixCodes, guardFixed, planNumbering, type PlanEntry } from './numbering.js';

/**
 * Cataloguing a batch: a new record's 档号 is provisional (ingest numbers it with what it had);
 * confirming takes the year from the 成文日期 when one was confirmed, 全宗号 and 机构 from the
 * vault's settings when empty, lays the batch out in its classes and fixes the codes.
 * preview shows the same plan without writing anything.
 */

export interface ConfirmPreview {
  /** Every record whose 档号 would change (the batch, and provisional neighbours that move). */
  changes: PlanEntry[];
  /** The batch's records and the 档号 each will have. */
  batch: { id: number; archivalCode: string }[];
}

function targetClass(db: Db, id: number): RecordClass {
  const r = getRecord(db, id);
  if (!r) throw VaultError.of('RECORD_NOT_FOUND', upkeepMessages.nothingSelected, { id });
  const year = r.docDate ? Number(r.docDate.slice(0, 4)) : r.year;
  return {
    fondsCode: r.fondsCode || readSetting(db, 'catalog.defaultFonds'),
    categoryCode: r.categoryCode,
    year,
    retention: r.retention,
    orgUnit: r.orgUnit || readSetting(db, 'catalog.defaultOrg'),
  };
}

function provisionalOnly(db: Db, ids: readonly number[]): number[] {
  return ids.filter((id) => getRecord(db, id)?.codeStatus === 'provisional' && getRecord(db, id)?.disposal === '');
}

function plan(db: Db, ids: readonly number[]): ConfirmPreview {
  const batch = provisionalOnly(db, ids);
  const moves = new Map(batch.map((id) => [id, targetClass(db, id)]));
  const changes = planNumbering(db, { moves, first: batch });
  const codes = new Map(changes.map((c) => [c.id, c.newCode]));
  return { changes, batch: batch.map((id) => ({ id, archivalCode: codes.get(id) ?? getRecord(db, id)!.archivalCode })) };
}

/** The 档号 a batch would get on confirm (nothing written; audited as a catalog view). */
export function previewConfirm(ctx: OperationContext, ids: readonly number[]): ConfirmPreview {
  authorizeRecords(ctx, 'view_catalog', ids);
  const p = plan(ctx.db, ids);
  recordAudit(ctx, 'view_catalog', { type: 'catalog' }, 'ok', { op: 'preview_numbering', batch: p.batch.length, changes: p.changes.length });
  return p;
}

/** Confirms a batch: its 档号 are laid out and fixed, each change audited and kept in code_history. */
export function confirmBatch(ctx: OperationContext, ids: readonly number[]): ConfirmPreview & { fixed: number } {
  if (ids.length === 0) throw VaultError.of('NOTHING_SELECTED', upkeepMessages.nothingSelected);
  const actor = authorizeRecords(ctx, 'edit_record', ids);
  try {
    return immediate(ctx.db, () => {
      const at = isoOf(nowOf(ctx));
      const p = plan(ctx.db, ids);
      guardFixed(p.changes, false, '');
      applyPlan(ctx.db, p.changes, { accountId: actor.userId, name: actor.username }, 'confirm', '', at);
      const fixed = fixCodes(ctx.db, p.batch.map((b) => b.id), 'confirmed', at);
      const changed = new Map(p.changes.map((c) => [c.id, c]));
      for (const b of p.batch) {
        const c = changed.get(b.id);
        recordAudit(ctx, 'edit_record', recordTarget(b.id), 'ok', { op: 'confirm_code', archivalCode: b.archivalCode, ...(c ? { changes: [{ field: 'archivalCode', before: c.oldCode, after: c.newCode }] } : {}) });
      }
      for (const c of p.changes) {
        if (!p.batch.some((b) => b.id === c.id)) recordAudit(ctx, 'edit_record', recordTarget(c.id), 'ok', { op: 'renumber_after_confirm', changes: [{ field: 'archivalCode', before: c.oldCode, after: c.newCode }] });
        indexRecord(ctx.db, c.id);
      }
      return { ...p, fixed };
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'edit_record', { type: 'catalog' }, 'failed', { ...failureDetail(e), op: 'confirm_code', count: ids.length });
    throw e;
  }
}

export interface RenumberRequest {
  cls: RecordClass;
  /** Order by 成文日期 (default: keep the current order, closing gaps). */
  byDate?: boolean;
  /** Renumber fixed records too: only with a written reason, every change recorded. */
  includeFixed?: boolean;
  reason?: string;
  /** Only show what would change. */
  dryRun?: boolean;
}

/**
 * Renumbers a class before it is fixed. A fixed 档号 (confirmed, printed, transferred) is never
 * changed silently: the plan is refused, naming them, unless includeFixed with a reason.
 */
export function renumberClass(ctx: OperationContext, req: RenumberRequest): { changes: PlanEntry[]; applied: boolean } {
  const target = { type: 'catalog_class', id: `${req.cls.fondsCode}-${req.cls.categoryCode}·${req.cls.year}-${req.cls.retention}-${req.cls.orgUnit}` };
  const actor = authorize(ctx, req.dryRun ? 'view_catalog' : 'edit_record', target);
  const reason = String(req.reason ?? '').trim();
  try {
    return immediate(ctx.db, () => {
      const changes = planNumbering(ctx.db, { classes: [req.cls], byDate: req.byDate === true, includeFixed: req.includeFixed === true });
      if (req.dryRun) {
        recordAudit(ctx, 'view_catalog', target, 'ok', { op: 'preview_renumber', changes: changes.length });
        return { changes, applied: false };
      }
      if (changes.length > 0) authorizeRecords(ctx, 'edit_record', changes.map((c) => c.id));
      guardFixed(changes, req.includeFixed === true, reason);
      const at = isoOf(nowOf(ctx));
      applyPlan(ctx.db, changes, { accountId: actor.userId, name: actor.username }, 'renumber', reason, at);
      for (const c of changes) {
        recordAudit(ctx, 'edit_record', recordTarget(c.id), 'ok', { op: 'renumber', changes: [{ field: 'archivalCode', before: c.oldCode, after: c.newCode }], wasFixed: c.wasFixed, ...(reason ? { reason } : {}) });
        indexRecord(ctx.db, c.id);
      }
      return { changes, applied: true };
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'edit_record', target, 'failed', { ...failureDetail(e), op: 'renumber' });
    throw e;
  }
}
