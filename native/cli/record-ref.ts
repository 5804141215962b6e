import { authorize } from '../auth/authorize.js';
import type { Action } from '../auth/permissions.js';
import { recordTarget, type OperationContext } from '../auth/types.js';
import { getRecord, getRecordByCode } from '../catalog/records.js';
import type { RecordRow } from '../catalog/types.js';
import { VaultError } from '../errors.js';
import { cliMessages } from './messages.js';

/**
 * Finds the record a command names (档号 or id) for an action. The role is checked before the
 * lookup, so a person without the right cannot even learn which archival codes exist.
 */
export function findRecordFor(op: OperationContext, action: Action, ref: string): RecordRow {
  authorize(op, action, { type: 'record_ref', id: ref });
  const record = /^\d+$/.test(ref) ? getRecord(op.db, Number(ref)) : getRecordByCode(op.db, ref);
  if (!record) throw VaultError.of('RECORD_NOT_FOUND', cliMessages.notFound, { ref });
  return record;
}

/** findRecordFor, then the record's own state (涉密, restricted) checked, a denial audited. */
export function resolveRecordFor(op: OperationContext, action: Action, ref: string): RecordRow {
  const record = findRecordFor(op, action, ref);
  authorize(op, action, recordTarget(record.id));
  return record;
}
