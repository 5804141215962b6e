import { audited, authorize, can, failureDetail, recordAudit, wasAudited, type Actor } from '../auth/authorize.js';
import { ACTION_LABELS } from '../auth/permissions.js';
import { isoOf, nowOf, type OperationContext } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { optionalText, personName, requiredText } from './common.js';
import { registerMessages } from './messages.js';

export interface StackEvent {
  id: number;
  stack: string;
  kind: 'seal' | 'unseal';
  at: string;
  firstAccount: number;
  firstName: string;
  secondAccount: number;
  secondName: string;
  purpose: string;
  remarks: string;
}

export interface StackStatus {
  stack: string;
  state: 'sealed' | 'unsealed';
  since: string | null;
  lastEvent: StackEvent | null;
}

interface EventRow {
  id: number;
  stack: string;
  kind: 'seal' | 'unseal';
  at: string;
  first_account: number;
  first_name: string;
  second_account: number;
  second_name: string;
  purpose: string;
  remarks: string;
}

function toEvent(r: EventRow): StackEvent {
  return {
    id: r.id,
    stack: r.stack,
    kind: r.kind,
    at: r.at,
    firstAccount: r.first_account,
    firstName: r.first_name,
    secondAccount: r.second_account,
    secondName: r.second_name,
    purpose: r.purpose,
    remarks: r.remarks,
  };
}

function lastEvent(ctx: OperationContext, stack: string): StackEvent | null {
  const r = ctx.db.prepare('SELECT * FROM stack_events WHERE stack = ? ORDER BY id DESC LIMIT 1').get(stack) as EventRow | undefined;
  return r ? toEvent(r) : null;
}

/**
 * Two-person rule: both people are logged in (two live sessions, e.g. the second person logs in
 * on the same machine to confirm), both may seal/unseal, and they are two different accounts.
 * Every refusal is audited against the person who tried.
 */
function twoPeople(ctx: OperationContext, second: OperationContext | undefined, action: 'seal_stacks' | 'unseal_stacks', stack: string): [Actor, Actor] {
  const target = { type: 'stack', id: stack };
  const first = authorize(ctx, action, target);
  const refuse = (reason: string): never => {
    recordAudit(ctx, action, target, 'denied', { reason: 'TWO_PERSON', detail: reason });
    throw audited(VaultError.of('TWO_PERSON_REQUIRED', registerMessages.twoPersonRequired, { actionZh: ACTION_LABELS[action].zh, actionEn: ACTION_LABELS[action].en }, { reason }));
  };
  if (!second) refuse('no second person');
  const other = authorize(second!, action, target);
  if (other.userId === first.userId) refuse('the same account confirmed twice');
  return [first, other];
}

function record(ctx: OperationContext, second: OperationContext | undefined, kind: 'seal' | 'unseal', input: { stack: string; purpose?: string; remarks?: string }): StackEvent {
  const action = kind === 'seal' ? 'seal_stacks' : 'unseal_stacks';
  const stack = requiredText(input.stack, '库房', 'stack room', 100);
  const purpose = kind === 'unseal' ? requiredText(input.purpose, '启库事由', 'reason for unsealing') : optionalText(input.purpose, 500);
  const [first, other] = twoPeople(ctx, second, action, stack);
  const at = isoOf(nowOf(ctx));
  const target = { type: 'stack', id: stack };
  const write = ctx.db.transaction(() => {
    const last = lastEvent(ctx, stack);
    if (kind === 'seal' && last?.kind === 'seal') throw VaultError.of('STACK_STATE', registerMessages.stackAlreadySealed, { stack, at: last.at });
    if (kind === 'unseal' && last?.kind !== 'seal') throw VaultError.of('STACK_STATE', registerMessages.stackNotSealed, { stack });
    const newId = Number(
      ctx.db
        .prepare('INSERT INTO stack_events (stack, kind, at, first_account, first_name, second_account, second_name, purpose, remarks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(stack, kind, at, first.userId, personName(first), other.userId, personName(other), purpose, optionalText(input.remarks)).lastInsertRowid,
    );
    recordAudit(ctx, action, target, 'ok', { event: newId, role: 'first', with: other.username, purpose });
    recordAudit(second!, action, target, 'ok', { event: newId, role: 'second', with: first.username, purpose });
    return newId;
  });
  let id: number;
  try {
    id = write.immediate();
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, action, target, 'failed', failureDetail(e));
    throw e;
  }
  return toEvent(ctx.db.prepare('SELECT * FROM stack_events WHERE id = ?').get(id) as EventRow);
}

/** 封库: closes a stack room; two different logged-in people confirm. */
export function sealStacks(ctx: OperationContext, second: OperationContext | undefined, input: { stack: string; remarks?: string }): StackEvent {
  return record(ctx, second, 'seal', input);
}

/** 启库 (entering the stacks): reopens a sealed stack room; two people, and a stated reason. */
export function unsealStacks(ctx: OperationContext, second: OperationContext | undefined, input: { stack: string; purpose: string; remarks?: string }): StackEvent {
  return record(ctx, second, 'unseal', input);
}

/** Those who may seal may also see the state (the backup officer has no read_registers). */
function readAction(ctx: OperationContext): 'read_registers' | 'seal_stacks' {
  return can(ctx, 'read_registers').allowed ? 'read_registers' : 'seal_stacks';
}

export function stackStatus(ctx: OperationContext, stack: string): StackStatus {
  authorize(ctx, readAction(ctx), { type: 'stack', id: stack });
  const last = lastEvent(ctx, stack);
  return { stack, state: last?.kind === 'seal' ? 'sealed' : 'unsealed', since: last?.at ?? null, lastEvent: last };
}

export function listStackEvents(ctx: OperationContext, filter: { stack?: string; limit?: number } = {}): StackEvent[] {
  authorize(ctx, readAction(ctx), { type: 'stack', id: filter.stack ?? '*' });
  const limit = Math.min(Math.max(1, filter.limit ?? 500), 5000);
  const rows = (filter.stack
    ? ctx.db.prepare('SELECT * FROM stack_events WHERE stack = ? ORDER BY id DESC LIMIT ?').all(filter.stack, limit)
    : ctx.db.prepare('SELECT * FROM stack_events ORDER BY id DESC LIMIT ?').all(limit)) as EventRow[];
  recordAudit(ctx, 'read_registers', { type: 'stack', id: filter.stack ?? '*' }, 'ok', { returned: rows.length });
  return rows.map(toEvent);
}
