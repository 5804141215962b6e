import { VaultError } from '../errors.js';
import { clearClassifiedHold as releaseHold } from '../extract/suggestion-store.js';
import { CLASSIFICATIONS, type Classification } from '../catalog/types.js';
import { guarded, recordAudit } from '../auth/authorize.js';
import { authMessages } from '../auth/messages.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';

/**
 * The security officer's decisions on a record: its access status after review (开放 / 控制使用),
 * its classification, and lifting a 涉密 hold after screening. The archivist's edit_record never
 * changes these fields. Each decision is audited with before, after and the stated basis.
 */
function basisOf(basis: string): string {
  const b = String(basis ?? '').trim();
  if (b === '') throw VaultError.of('REVIEW_INVALID', authMessages.textRequired, { fieldZh: '审核依据', fieldEn: 'basis of the decision' });
  return b;
}

interface ReviewRow {
  classification: Classification;
  classification_period: string;
  classified_hold: number;
  access_status: string;
}

function current(ctx: OperationContext, id: number): ReviewRow {
  const r = ctx.db.prepare('SELECT classification, classification_period, classified_hold, access_status FROM records WHERE id = ?').get(id) as ReviewRow | undefined;
  if (!r) throw VaultError.of('RECORD_NOT_FOUND', authMessages.recordNotFound, { id });
  return r;
}

export function setAccessStatus(ctx: OperationContext, recordId: number, status: 'open' | 'restricted', basis: string): void {
  return guarded(ctx, 'review_classification', recordTarget(recordId), () => {
    const why = basisOf(basis);
    if (status !== 'open' && status !== 'restricted') throw VaultError.of('REVIEW_INVALID', authMessages.textRequired, { fieldZh: '开放状态', fieldEn: 'access status' });
    const before = current(ctx, recordId);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE records SET access_status = ?, updated_at = ? WHERE id = ?').run(status, at, recordId);
      recordAudit(ctx, 'review_classification', recordTarget(recordId), 'ok', { field: 'access_status', before: before.access_status, after: status, basis: why });
    }).immediate();
  });
}

export function setClassification(ctx: OperationContext, recordId: number, classification: Classification, period: string, basis: string): void {
  return guarded(ctx, 'review_classification', recordTarget(recordId), () => {
    const why = basisOf(basis);
    if (!(CLASSIFICATIONS as readonly string[]).includes(classification)) throw VaultError.of('REVIEW_INVALID', authMessages.textRequired, { fieldZh: '密级', fieldEn: 'classification' });
    const before = current(ctx, recordId);
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE records SET classification = ?, classification_period = ?, updated_at = ? WHERE id = ?').run(classification, String(period ?? ''), at, recordId);
      recordAudit(ctx, 'review_classification', recordTarget(recordId), 'ok', {
        field: 'classification',
        before: { classification: before.classification, period: before.classification_period },
        after: { classification, period: String(period ?? '') },
        basis: why,
      });
    }).immediate();
  });
}

/** Lifts a 涉密 hold after screening (the record's classification level, if any, still applies). */
export function clearClassifiedHold(ctx: OperationContext, recordId: number, basis: string): void {
  return guarded(ctx, 'clear_classified_hold', recordTarget(recordId), () => {
    const why = basisOf(basis);
    const before = current(ctx, recordId);
    if (before.classified_hold !== 1) throw VaultError.of('NOT_HELD', authMessages.notHeld, { id: recordId });
    const at = isoOf(nowOf(ctx));
    ctx.db.transaction(() => {
      // The catalog side of the release (hold history, pending 密级 suggestions rejected, refused
      // while the record is still at a state-secret level) lives with the hold in extract/suggestion-store.
      releaseHold(ctx.db, recordId, ctx.session.username);
      recordAudit(ctx, 'clear_classified_hold', recordTarget(recordId), 'ok', { classification: before.classification, basis: why, at });
    }).immediate();
  });
}
