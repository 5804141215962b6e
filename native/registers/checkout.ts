import { authorize, guarded, recordAudit } from '../auth/authorize.js';
import { isoOf, nowOf, type OperationContext } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { count, optionalText, personName, requiredText, timeOf } from './common.js';
import { registerMessages } from './messages.js';

export interface CheckoutItemInput {
  /** 卷件号 / 档号 of the paper original. */
  itemRef: string;
  recordId?: number;
}

export interface CheckoutInput {
  items: readonly CheckoutItemInput[];
  /** Physical count to verify on return (件 or 页); defaults to the number of items. */
  count?: number;
  reason: string;
  /** The person taking the originals out (借出人 / 使用人). */
  userName: string;
  userUnit?: string;
  /** The person answerable for them while out (责任人). */
  responsibleName: string;
  dueAt: string;
  /** When they left the stacks; defaults to now. */
  at?: string;
  remarks?: string;
}

export interface ReturnInput {
  /** What was counted back. */
  countedBack: number;
  /** The items seen on return; those of the checkout not listed are reported missing. */
  returnedItemRefs?: readonly string[];
  returnedByName?: string;
  condition?: string;
  at?: string;
}

export type CheckoutStatus = 'out' | 'returned' | 'returned_mismatch';

export interface Checkout {
  id: number;
  checkedOutAt: string;
  reason: string;
  userName: string;
  userUnit: string;
  responsibleName: string;
  itemCount: number;
  items: { itemRef: string; recordId: number | null }[];
  dueAt: string;
  registeredByName: string;
  returnedAt: string | null;
  returnedCount: number | null;
  returnedByName: string | null;
  returnCondition: string | null;
  missingRefs: string[];
  remarks: string;
  status: CheckoutStatus;
  /** Counted-back count differs from the count out, or items are missing. */
  mismatch: boolean;
  /** Not back by the due time (still out, or returned late). */
  overdue: boolean;
}

interface CheckoutRow {
  id: number;
  checked_out_at: string;
  reason: string;
  user_name: string;
  user_unit: string;
  responsible_name: string;
  item_count: number;
  due_at: string;
  registered_by_name: string;
  returned_at: string | null;
  returned_count: number | null;
  returned_by_name: string | null;
  return_condition: string | null;
  missing_refs: string | null;
  remarks: string;
  mismatch: number;
}

function load(ctx: OperationContext, r: CheckoutRow): Checkout {
  const items = ctx.db.prepare('SELECT item_ref, record_id FROM checkout_items WHERE checkout_id = ? ORDER BY seq').all(r.id) as { item_ref: string; record_id: number | null }[];
  const now = isoOf(nowOf(ctx));
  const mismatch = r.mismatch === 1;
  return {
    id: r.id,
    checkedOutAt: r.checked_out_at,
    reason: r.reason,
    userName: r.user_name,
    userUnit: r.user_unit,
    responsibleName: r.responsible_name,
    itemCount: r.item_count,
    items: items.map((i) => ({ itemRef: i.item_ref, recordId: i.record_id })),
    dueAt: r.due_at,
    registeredByName: r.registered_by_name,
    returnedAt: r.returned_at,
    returnedCount: r.returned_count,
    returnedByName: r.returned_by_name,
    returnCondition: r.return_condition,
    missingRefs: r.missing_refs ? (JSON.parse(r.missing_refs) as string[]) : [],
    remarks: r.remarks,
    status: r.returned_at === null ? 'out' : mismatch ? 'returned_mismatch' : 'returned',
    mismatch,
    overdue: r.returned_at === null ? now > r.due_at : r.returned_at > r.due_at,
  };
}

function row(ctx: OperationContext, id: number): CheckoutRow {
  const r = ctx.db.prepare('SELECT * FROM checkouts WHERE id = ?').get(id) as CheckoutRow | undefined;
  if (!r) throw VaultError.of('CHECKOUT_NOT_FOUND', registerMessages.checkoutNotFound, { id });
  return r;
}

/** archivist: paper originals leave the stacks (出库登记). */
export function checkOut(ctx: OperationContext, input: CheckoutInput): Checkout {
  return guarded(ctx, 'register_checkout', { type: 'checkout' }, (actor) => {
    const items = (input.items ?? []).map((i) => ({ itemRef: requiredText(i.itemRef, '卷件号', 'item reference', 200), recordId: i.recordId ?? null }));
    if (items.length === 0) throw VaultError.of('REGISTER_INVALID', registerMessages.required, { fieldZh: '出库的卷件', fieldEn: 'list of items' });
    const refs = new Set<string>();
    for (const i of items) {
      if (refs.has(i.itemRef)) throw VaultError.of('REGISTER_INVALID', registerMessages.duplicateItem, { ref: i.itemRef });
      refs.add(i.itemRef);
      if (i.recordId !== null && !ctx.db.prepare('SELECT 1 FROM records WHERE id = ?').get(i.recordId)) {
        throw VaultError.of('REGISTER_INVALID', registerMessages.recordNotFound, { id: i.recordId });
      }
    }
    const itemCount = input.count === undefined ? items.length : count(input.count, '数量', 'count');
    const reason = requiredText(input.reason, '出库事由', 'reason');
    const userName = requiredText(input.userName, '使用人', 'user', 100);
    const responsible = requiredText(input.responsibleName, '责任人', 'responsible person', 100);
    const at = timeOf(ctx, input.at, '出库时间', 'checkout time');
    const due = timeOf(ctx, input.dueAt, '应还时间', 'due time', { allowFuture: true });
    if (input.dueAt === undefined || due <= at) {
      throw VaultError.of('REGISTER_INVALID', registerMessages.badTime, { fieldZh: '应还时间', fieldEn: 'due time', value: String(input.dueAt), extraZh: '（须晚于出库时间）', extraEn: ' (it must be after the checkout time)' });
    }
    const id = ctx.db.transaction(() => {
      const newId = Number(
        ctx.db
          .prepare(`INSERT INTO checkouts (checked_out_at, reason, user_name, user_unit, responsible_name, item_count, due_at, registered_by, registered_by_name, remarks)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(at, reason, userName, optionalText(input.userUnit, 200), responsible, itemCount, due, actor.userId, personName(actor), optionalText(input.remarks)).lastInsertRowid,
      );
      const ins = ctx.db.prepare('INSERT INTO checkout_items (checkout_id, seq, item_ref, record_id) VALUES (?, ?, ?, ?)');
      items.forEach((i, k) => ins.run(newId, k + 1, i.itemRef, i.recordId));
      recordAudit(ctx, 'register_checkout', { type: 'checkout', id: newId }, 'ok', { items: items.map((i) => i.itemRef).slice(0, 100), count: itemCount, reason, userName, responsibleName: responsible, dueAt: due });
      return newId;
    }).immediate();
    return load(ctx, row(ctx, id));
  });
}

/**
 * archivist: the originals come back and are counted (归还清点). A count that differs from the
 * count out, or listed items that did not come back, are recorded and flagged as a mismatch.
 */
export function returnCheckout(ctx: OperationContext, id: number, input: ReturnInput): Checkout {
  return guarded(ctx, 'register_return', { type: 'checkout', id }, (actor) => {
    const r = row(ctx, id);
    if (r.returned_at !== null) throw VaultError.of('CHECKOUT_RETURNED', registerMessages.alreadyReturned, { id, at: r.returned_at });
    const countedBack = count(input.countedBack, '清点归还数量', 'counted-back count', 0);
    const items = ctx.db.prepare('SELECT item_ref FROM checkout_items WHERE checkout_id = ? ORDER BY seq').all(id) as { item_ref: string }[];
    let missing: string[] = [];
    if (input.returnedItemRefs !== undefined) {
      const back = new Set(input.returnedItemRefs.map((s) => String(s).normalize('NFC').trim()));
      const known = new Set(items.map((i) => i.item_ref));
      for (const ref of back) if (!known.has(ref)) throw VaultError.of('REGISTER_INVALID', registerMessages.unknownReturnedItem, { ref, id });
      missing = items.map((i) => i.item_ref).filter((ref) => !back.has(ref));
    }
    const at = timeOf(ctx, input.at, '归还时间', 'return time');
    if (at < r.checked_out_at) {
      throw VaultError.of('REGISTER_INVALID', registerMessages.badTime, { fieldZh: '归还时间', fieldEn: 'return time', value: at, extraZh: '（早于出库时间）', extraEn: ' (before the checkout time)' });
    }
    const returnedBy = optionalText(input.returnedByName, 100) || r.user_name;
    ctx.db.transaction(() => {
      ctx.db
        .prepare('UPDATE checkouts SET returned_at = ?, returned_count = ?, returned_by_name = ?, return_registered_by = ?, return_condition = ?, missing_refs = ? WHERE id = ?')
        .run(at, countedBack, returnedBy, actor.userId, optionalText(input.condition, 500), JSON.stringify(missing), id);
      const mismatch = countedBack !== r.item_count || missing.length > 0;
      recordAudit(ctx, 'register_return', { type: 'checkout', id }, 'ok', {
        countOut: r.item_count,
        countedBack,
        missing: missing.slice(0, 100),
        mismatch,
        overdue: at > r.due_at,
        returnedBy,
        receivedBy: personName(actor),
      });
    }).immediate();
    return load(ctx, row(ctx, id));
  });
}

export interface CheckoutFilter {
  /** Only those still out. */
  open?: boolean;
  /** Only those overdue (still out past due, or returned late). */
  overdue?: boolean;
  /** Only returns with a mismatch. */
  mismatch?: boolean;
  limit?: number;
}

/** archivist, security officer: checkouts, newest first, with their flags computed now. */
export function listCheckouts(ctx: OperationContext, filter: CheckoutFilter = {}): Checkout[] {
  authorize(ctx, 'read_registers', { type: 'checkout' });
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.open) where.push('returned_at IS NULL');
  if (filter.mismatch) where.push('mismatch = 1');
  if (filter.overdue) {
    where.push('((returned_at IS NULL AND due_at < ?) OR returned_at > due_at)');
    params.push(isoOf(nowOf(ctx)));
  }
  const limit = Math.min(Math.max(1, filter.limit ?? 500), 5000);
  const rows = ctx.db.prepare(`SELECT * FROM checkouts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`).all(...params, limit) as CheckoutRow[];
  recordAudit(ctx, 'read_registers', { type: 'checkout' }, 'ok', { filter: { ...filter }, returned: rows.length });
  return rows.map((r) => load(ctx, r));
}

export function getCheckout(ctx: OperationContext, id: number): Checkout {
  authorize(ctx, 'read_registers', { type: 'checkout', id });
  return load(ctx, row(ctx, id));
}
