import { authorize, guarded, recordAudit } from '../auth/authorize.js';
import { recordStateOf } from '../auth/decisions.js';
import { isoOf, nowOf, type OperationContext } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { optionalText, personName, requiredText, timeOf } from './common.js';
import { registerMessages } from './messages.js';

/** 查阅 view, 复制 copy, 摘录 excerpt, 出具证明 certificate, 借出 loan. */
export const ACCESS_METHODS = ['view', 'copy', 'excerpt', 'certificate', 'loan'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

export interface AccessItemInput {
  recordId?: number;
  /** 档号 or 卷件号 as written; defaults to the record's archival code. */
  itemRef?: string;
}

export interface AccessRegisterInput {
  /** When the records were used; defaults to now. */
  at?: string;
  personName: string;
  personUnit?: string;
  personIdNo?: string;
  purpose: string;
  method: AccessMethod;
  /** Who approved (a name: approvers often have no account). Required for restricted or classified records unless grantId is given. */
  approvedBy?: string;
  approvalRef?: string;
  /** An approval in the system (access_grants) covering the records. */
  grantId?: number;
  items: readonly AccessItemInput[];
  remarks?: string;
}

export interface AccessRegisterEntry {
  id: number;
  at: string;
  personName: string;
  personUnit: string;
  personIdNo: string;
  purpose: string;
  method: AccessMethod;
  approvedBy: string;
  approvalRef: string;
  grantId: number | null;
  items: { recordId: number | null; itemRef: string }[];
  registeredBy: number;
  registeredByName: string;
  remarks: string;
  createdAt: string;
}

interface EntryRow {
  id: number;
  at: string;
  person_name: string;
  person_unit: string;
  person_id_no: string;
  purpose: string;
  method: AccessMethod;
  approved_by: string;
  approval_ref: string;
  grant_id: number | null;
  registered_by: number;
  registered_by_name: string;
  remarks: string;
  created_at: string;
}

function load(ctx: OperationContext, row: EntryRow): AccessRegisterEntry {
  const items = ctx.db.prepare('SELECT record_id, item_ref FROM access_register_items WHERE entry_id = ? ORDER BY seq').all(row.id) as { record_id: number | null; item_ref: string }[];
  return {
    id: row.id,
    at: row.at,
    personName: row.person_name,
    personUnit: row.person_unit,
    personIdNo: row.person_id_no,
    purpose: row.purpose,
    method: row.method,
    approvedBy: row.approved_by,
    approvalRef: row.approval_ref,
    grantId: row.grant_id,
    items: items.map((i) => ({ recordId: i.record_id, itemRef: i.item_ref })),
    registeredBy: row.registered_by,
    registeredByName: row.registered_by_name,
    remarks: row.remarks,
    createdAt: row.created_at,
  };
}

/**
 * archivist: one line of the access register (利用登记): who used which records, for what,
 * how, approved by whom, when. Restricted and classified records need a named approver or a
 * live approval in the system that covers them.
 */
export function registerAccess(ctx: OperationContext, input: AccessRegisterInput): AccessRegisterEntry {
  return guarded(ctx, 'register_access', { type: 'access_register' }, (actor) => {
    const who = requiredText(input.personName, '利用人', 'name of the person', 100);
    const purpose = requiredText(input.purpose, '利用目的', 'purpose');
    if (!(ACCESS_METHODS as readonly string[]).includes(input.method)) throw VaultError.of('REGISTER_INVALID', registerMessages.badMethod, { value: String(input.method) });
    const at = timeOf(ctx, input.at, '利用时间', 'time of use');
    const namedApprover = optionalText(input.approvedBy, 100);
    const approvalRef = optionalText(input.approvalRef, 200);
    const items = input.items ?? [];
    if (items.length === 0) throw VaultError.of('REGISTER_INVALID', registerMessages.required, { fieldZh: '利用的档案', fieldEn: 'list of records used' });
    const now = isoOf(nowOf(ctx));
    let grant: { record_id: number; approver: string } | undefined;
    if (input.grantId !== undefined) {
      grant = ctx.db
        .prepare('SELECT g.record_id, b.username AS approver FROM access_grants g JOIN accounts b ON b.id = g.approved_by WHERE g.id = ? AND g.revoked_at IS NULL AND g.expires_at > ?')
        .get(input.grantId, now) as { record_id: number; approver: string } | undefined;
      if (!grant || !items.some((i) => i.recordId === grant!.record_id)) {
        throw VaultError.of('REGISTER_INVALID', registerMessages.grantMismatch, { grantId: input.grantId, ref: grant ? String(grant.record_id) : '-' });
      }
    }
    const approvedBy = namedApprover || grant?.approver || '';
    const resolved: { recordId: number | null; itemRef: string }[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      let ref = optionalText(item.itemRef, 200);
      let recordId: number | null = null;
      if (item.recordId !== undefined) {
        const rec = ctx.db.prepare('SELECT id, archival_code, classification, classified_hold, access_status FROM records WHERE id = ?').get(item.recordId) as
          | { id: number; archival_code: string; classification: string; classified_hold: number; access_status: string }
          | undefined;
        if (!rec) throw VaultError.of('REGISTER_INVALID', registerMessages.recordNotFound, { id: item.recordId });
        recordId = rec.id;
        if (ref === '') ref = rec.archival_code;
        // Restricted or classified: the grant must be for this record, or a person/document is named.
        const approved = grant?.record_id === rec.id || namedApprover !== '' || approvalRef !== '';
        if (recordStateOf(rec) !== 'normal' && !approved) throw VaultError.of('REGISTER_INVALID', registerMessages.approvalRequired, { ref });
      }
      if (ref === '') throw VaultError.of('REGISTER_INVALID', registerMessages.required, { fieldZh: '档号或卷件号', fieldEn: 'archival code or item reference' });
      if (seen.has(ref)) throw VaultError.of('REGISTER_INVALID', registerMessages.duplicateItem, { ref });
      seen.add(ref);
      resolved.push({ recordId, itemRef: ref });
    }
    const id = ctx.db.transaction(() => {
      const entryId = Number(
        ctx.db
          .prepare(`INSERT INTO access_register (at, person_name, person_unit, person_id_no, purpose, method, approved_by, approval_ref, grant_id, registered_by, registered_by_name, remarks, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(at, who, optionalText(input.personUnit, 200), optionalText(input.personIdNo, 64), purpose, input.method, approvedBy, approvalRef, input.grantId ?? null, actor.userId, personName(actor), optionalText(input.remarks), now).lastInsertRowid,
      );
      const ins = ctx.db.prepare('INSERT INTO access_register_items (entry_id, seq, record_id, item_ref) VALUES (?, ?, ?, ?)');
      resolved.forEach((r, i) => ins.run(entryId, i + 1, r.recordId, r.itemRef));
      recordAudit(ctx, 'register_access', { type: 'access_register', id: entryId }, 'ok', {
        person: who,
        purpose,
        method: input.method,
        approvedBy,
        items: resolved.slice(0, 100),
        itemCount: resolved.length,
      });
      return entryId;
    }).immediate();
    return getAccessEntry(ctx, id, false);
  });
}

export function getAccessEntry(ctx: OperationContext, id: number, check = true): AccessRegisterEntry {
  if (check) authorize(ctx, 'read_registers', { type: 'access_register', id });
  const row = ctx.db.prepare('SELECT * FROM access_register WHERE id = ?').get(id) as EntryRow | undefined;
  if (!row) throw VaultError.of('REGISTER_NOT_FOUND', registerMessages.recordNotFound, { id });
  return load(ctx, row);
}

export interface AccessRegisterFilter {
  from?: string;
  to?: string;
  recordId?: number;
  personName?: string;
  limit?: number;
}

/** archivist, security officer: the register, newest first. */
export function listAccessRegister(ctx: OperationContext, filter: AccessRegisterFilter = {}): AccessRegisterEntry[] {
  authorize(ctx, 'read_registers', { type: 'access_register' });
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.from) {
    where.push('r.at >= ?');
    params.push(timeOf(ctx, filter.from, '起始时间', 'start time', { allowFuture: true }));
  }
  if (filter.to) {
    where.push('r.at < ?');
    params.push(timeOf(ctx, filter.to, '结束时间', 'end time', { allowFuture: true }));
  }
  if (filter.personName) {
    where.push('r.person_name = ?');
    params.push(filter.personName);
  }
  if (filter.recordId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM access_register_items i WHERE i.entry_id = r.id AND i.record_id = ?)');
    params.push(filter.recordId);
  }
  const limit = Math.min(Math.max(1, filter.limit ?? 500), 5000);
  const rows = ctx.db.prepare(`SELECT r.* FROM access_register r ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY r.at DESC, r.id DESC LIMIT ?`).all(...params, limit) as EntryRow[];
  recordAudit(ctx, 'read_registers', { type: 'access_register' }, 'ok', { filter: { ...filter }, returned: rows.length });
  return rows.map((r) => load(ctx, r));
}
