import { authorizeRecords, recordAudit, failureDetail, wasAudited } from '../auth/authorize.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';
import { checkFieldsOrThrow, isLowering, type CheckedFields, type FieldPatch } from '../catalog/fields.js';
import { getRecord } from '../catalog/records.js';
import { isStateSecret, type RecordClass, type RecordRow } from '../catalog/types.js';
import { immediate } from '../db/database.js';
import { VaultError } from '../errors.js';
import { indexRecord } from '../search/index.js';
import { upkeepMessages } from './messages.js';
import { applyPlan, guardFixed, planNumbering } from './numbering.js';

/** What `lantai edit` and the desktop's edit may change (件号 and 页数 are not edited: see renumber). */
export type EditPatch = Omit<FieldPatch, 'pageCount' | 'itemNumber'>;

export interface EditRequest {
  ids: number[];
  patch: EditPatch;
  /** Needed to lower a retention. */
  reason?: string;
}

export interface FieldChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

export interface EditResult {
  records: { id: number; archivalCode: string; changes: FieldChange[] }[];
}

const CLASS_FIELDS = ['fondsCode', 'categoryCode', 'year', 'retention', 'orgUnit'] as const;
const COLUMN_OF: Record<string, string> = {
  title: 'title', creator: 'creator', docNumber: 'doc_number', docDate: 'doc_date', classification: 'classification',
  classificationPeriod: 'classification_period', remarks: 'remarks',
};
const LEVEL: Record<string, number> = { public: 0, internal: 1, secret: 2, confidential: 3, top_secret: 4 };

function refuse(code: 'RETENTION_LOWERED_NO_REASON' | 'CLASSIFICATION_DOWNGRADE' | 'CODE_FIXED' | 'RECORD_DESTROYED', r: RecordRow, m: typeof upkeepMessages[keyof typeof upkeepMessages], params: Record<string, string> = {}): never {
  throw VaultError.of(code, m, { code: r.archivalCode, ...params }, { recordId: r.id });
}

/** The changes a patch makes to one record, after the rules every edit obeys. */
function changesFor(r: RecordRow, f: CheckedFields, reason: string): { changes: FieldChange[]; cls: RecordClass | null } {
  if (r.disposal === 'destroyed') refuse('RECORD_DESTROYED', r, upkeepMessages.destroyed);
  if (f.retention && isLowering(r.retention, f.retention) && reason.trim() === '') {
    refuse('RETENTION_LOWERED_NO_REASON', r, upkeepMessages.retentionLowered, { from: r.retention, to: f.retention });
  }
  if (f.classification && LEVEL[f.classification]! < LEVEL[r.classification]! && isStateSecret(r.classification)) {
    refuse('CLASSIFICATION_DOWNGRADE', r, upkeepMessages.downgrade, { from: r.classification, to: f.classification });
  }
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(f) as [keyof CheckedFields, unknown][]) {
    const before = r[field as keyof RecordRow] as string | number | null;
    if (value !== undefined && value !== before) changes.push({ field, before, after: value as string | number | null });
  }
  const classChanged = changes.some((c) => (CLASS_FIELDS as readonly string[]).includes(c.field));
  if (!classChanged) return { changes, cls: null };
  if (r.codeStatus === 'fixed') refuse('CODE_FIXED', r, upkeepMessages.classFixed);
  return { changes, cls: { fondsCode: f.fondsCode ?? r.fondsCode, categoryCode: f.categoryCode ?? r.categoryCode, year: f.year ?? r.year, retention: f.retention ?? r.retention, orgUnit: f.orgUnit ?? r.orgUnit } };
}

/**
 * Edits catalog fields of one record or a batch, all or nothing, with the one validation
 * (catalog/fields.ts). Every changed record gets an audit row with each field's old and new
 * value; a changed class moves a provisional record (its 档号 follows, and its old class closes
 * the gap); a fixed 档号 never changes here.
 */
export function editRecords(ctx: OperationContext, req: EditRequest): EditResult {
  if (req.ids.length === 0) throw VaultError.of('NOTHING_SELECTED', upkeepMessages.nothingSelected);
  const actor = authorizeRecords(ctx, 'edit_record', req.ids);
  const reason = String(req.reason ?? '').trim();
  try {
    // Validated after the gate, so a refused value is audited as a failed edit too.
    const fields = checkFieldsOrThrow(req.patch);
    if (Object.keys(fields).length === 0) throw VaultError.of('BAD_REQUEST', upkeepMessages.nothingToChange);
    return immediate(ctx.db, () => {
      const at = isoOf(nowOf(ctx));
      const out: EditResult = { records: [] };
      const moves = new Map<number, RecordClass>();
      const perRecord: { r: RecordRow; changes: FieldChange[] }[] = [];
      for (const id of req.ids) {
        const r = getRecord(ctx.db, id);
        if (!r) throw VaultError.of('RECORD_NOT_FOUND', upkeepMessages.nothingSelected, { id });
        const { changes, cls } = changesFor(r, fields, reason);
        if (cls) moves.set(id, cls);
        perRecord.push({ r, changes });
      }
      for (const { r, changes } of perRecord) {
        const plain = changes.filter((c) => COLUMN_OF[c.field]);
        for (const c of plain) ctx.db.prepare(`UPDATE records SET ${COLUMN_OF[c.field]} = ?, updated_at = ? WHERE id = ?`).run(c.after, at, r.id);
        // Marking a record 秘密 or above puts it out of reach like a 涉密 hold does (recordStateOf).
      }
      const plan = planNumbering(ctx.db, { moves });
      guardFixed(plan, false, '');
      applyPlan(ctx.db, plan, { accountId: actor.userId, name: actor.username }, 'edit', reason, at);
      const newCode = new Map(plan.map((p) => [p.id, p.newCode]));
      for (const { r, changes } of perRecord) {
        const code = newCode.get(r.id) ?? r.archivalCode;
        const all = code !== r.archivalCode ? [...changes, { field: 'archivalCode', before: r.archivalCode, after: code }] : changes;
        if (all.length > 0) {
          recordAudit(ctx, 'edit_record', recordTarget(r.id), 'ok', { op: 'edit', archivalCode: code, changes: all, ...(reason ? { reason } : {}) });
          indexRecord(ctx.db, r.id);
        }
        out.records.push({ id: r.id, archivalCode: code, changes: all });
      }
      // Other records of an old class may have moved up to close the gap.
      for (const p of plan) if (!req.ids.includes(p.id)) {
        recordAudit(ctx, 'edit_record', recordTarget(p.id), 'ok', { op: 'renumber_after_edit', changes: [{ field: 'archivalCode', before: p.oldCode, after: p.newCode }] });
        indexRecord(ctx.db, p.id);
      }
      return out;
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'edit_record', { type: 'record', id: req.ids.length === 1 ? req.ids[0]! : null }, 'failed', { ...failureDetail(e), patch: req.patch, count: req.ids.length });
    throw e;
  }
}
