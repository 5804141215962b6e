import { authorize, can, guarded, recordAudit } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { count, optionalText, personName, requiredText, timeOf } from './common.js';
import { registerMessages } from './messages.js';

export interface Handler {
  name: string;
  unit?: string;
}

export interface HandoverItemInput {
  description: string;
  itemRef?: string;
  count: number;
  /** 件, 卷, 盒, 盘 …; defaults to 件. */
  unit?: string;
  condition?: string;
  remarks?: string;
}

export interface HandoverInput {
  title: string;
  purpose?: string;
  fromHandler: Handler;
  toHandler: Handler;
  items: readonly HandoverItemInput[];
  conditionSummary?: string;
  /** When the handover took place; defaults to now. */
  at?: string;
  remarks?: string;
}

export interface HandoverItem {
  seq: number;
  description: string;
  itemRef: string;
  count: number;
  unit: string;
  condition: string;
  remarks: string;
}

export interface HandoverList {
  id: number;
  at: string;
  title: string;
  purpose: string;
  fromHandler: Required<Handler>;
  toHandler: Required<Handler>;
  items: HandoverItem[];
  totalCount: number;
  conditionSummary: string;
  remarks: string;
  registeredByName: string;
}

interface HandoverRow {
  id: number;
  at: string;
  title: string;
  purpose: string;
  from_name: string;
  from_unit: string;
  to_name: string;
  to_unit: string;
  condition_summary: string;
  total_count: number;
  remarks: string;
  registered_by_name: string;
}

function load(ctx: OperationContext, id: number): HandoverList {
  const r = ctx.db.prepare('SELECT * FROM handovers WHERE id = ?').get(id) as HandoverRow | undefined;
  if (!r) throw VaultError.of('HANDOVER_NOT_FOUND', registerMessages.handoverNotFound, { id });
  const items = ctx.db.prepare('SELECT seq, description, item_ref, count, unit, condition, remarks FROM handover_items WHERE handover_id = ? ORDER BY seq').all(id) as {
    seq: number;
    description: string;
    item_ref: string;
    count: number;
    unit: string;
    condition: string;
    remarks: string;
  }[];
  return {
    id: r.id,
    at: r.at,
    title: r.title,
    purpose: r.purpose,
    fromHandler: { name: r.from_name, unit: r.from_unit },
    toHandler: { name: r.to_name, unit: r.to_unit },
    items: items.map((i) => ({ seq: i.seq, description: i.description, itemRef: i.item_ref, count: i.count, unit: i.unit, condition: i.condition, remarks: i.remarks })),
    totalCount: r.total_count,
    conditionSummary: r.condition_summary,
    remarks: r.remarks,
    registeredByName: r.registered_by_name,
  };
}

/** archivist, backup officer: a handover list (交接清单) of records or media changing hands. */
export function createHandover(ctx: OperationContext, input: HandoverInput): HandoverList {
  return guarded(ctx, 'register_handover', { type: 'handover' }, (actor) => {
    const title = requiredText(input.title, '交接事项', 'title', 200);
    const from = { name: requiredText(input.fromHandler?.name, '移交人', 'handing-over person', 100), unit: optionalText(input.fromHandler?.unit, 200) };
    const to = { name: requiredText(input.toHandler?.name, '接收人', 'receiving person', 100), unit: optionalText(input.toHandler?.unit, 200) };
    if (from.name === to.name && from.unit === to.unit) throw VaultError.of('REGISTER_INVALID', registerMessages.sameHandlers, { name: from.name });
    const items = (input.items ?? []).map((i) => ({
      description: requiredText(i.description, '交接内容', 'description', 500),
      itemRef: optionalText(i.itemRef, 200),
      count: count(i.count, '数量', 'count'),
      unit: optionalText(i.unit, 10) || '件',
      condition: optionalText(i.condition, 200),
      remarks: optionalText(i.remarks, 500),
    }));
    if (items.length === 0) throw VaultError.of('REGISTER_INVALID', registerMessages.required, { fieldZh: '交接内容', fieldEn: 'list of contents' });
    const total = items.reduce((s, i) => s + i.count, 0);
    const at = timeOf(ctx, input.at, '交接时间', 'handover time');
    const id = ctx.db.transaction(() => {
      const newId = Number(
        ctx.db
          .prepare(`INSERT INTO handovers (at, title, purpose, from_name, from_unit, to_name, to_unit, condition_summary, total_count, remarks, registered_by, registered_by_name)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(at, title, optionalText(input.purpose, 500), from.name, from.unit, to.name, to.unit, optionalText(input.conditionSummary, 500), total, optionalText(input.remarks), actor.userId, personName(actor)).lastInsertRowid,
      );
      const ins = ctx.db.prepare('INSERT INTO handover_items (handover_id, seq, description, item_ref, count, unit, condition, remarks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      items.forEach((i, k) => ins.run(newId, k + 1, i.description, i.itemRef, i.count, i.unit, i.condition, i.remarks));
      recordAudit(ctx, 'register_handover', { type: 'handover', id: newId }, 'ok', { title, from, to, lines: items.length, totalCount: total });
      return newId;
    }).immediate();
    return load(ctx, id);
  });
}

/** Those who keep or make handover lists may read them (the backup officer has no read_registers). */
function readAction(ctx: OperationContext): 'read_registers' | 'register_handover' {
  return can(ctx, 'read_registers').allowed ? 'read_registers' : 'register_handover';
}

export function getHandover(ctx: OperationContext, id: number): HandoverList {
  authorize(ctx, readAction(ctx), { type: 'handover', id });
  const list = load(ctx, id);
  recordAudit(ctx, 'read_registers', { type: 'handover', id }, 'ok');
  return list;
}

export function listHandovers(ctx: OperationContext, limit = 500): HandoverList[] {
  authorize(ctx, readAction(ctx), { type: 'handover' });
  const ids = ctx.db.prepare('SELECT id FROM handovers ORDER BY at DESC, id DESC LIMIT ?').all(Math.min(Math.max(1, limit), 5000)) as { id: number }[];
  recordAudit(ctx, 'read_registers', { type: 'handover' }, 'ok', { returned: ids.length });
  return ids.map((r) => load(ctx, r.id));
}
