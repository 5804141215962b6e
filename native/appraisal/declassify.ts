import { guarded, recordAudit } from '../auth/authorize.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';
import { parseClassificationMark, validPeriod } from '../catalog/fields.js';
import { getRecord } from '../catalog/records.js';
import { isStateSecret } from '../catalog/types.js';
import { VaultError } from '../errors.js';
import { appraisalMessages as m } from './messages.js';

/**
 * The security officer's declassification review (解密审核): a record whose classification
 * period has ended is declassified (to 公开 or 内部) or its period extended. Recorded in
 * declassification_reviews (never rewritten) and audited with before and after.
 */
export interface DeclassifyInput {
  recordId: number;
  decision: 'declassify' | 'extend';
  /** declassify: 公开 (default) or 内部. */
  level?: string;
  /** extend: the new period (N年, YYYY年M月D日, 长期). */
  period?: string;
  basis: string;
}

export function declassify(ctx: OperationContext, input: DeclassifyInput): { reviewId: number; classification: string; period: string } {
  const target = recordTarget(input.recordId);
  return guarded(ctx, 'review_classification', target, (actor) => {
    const rec = getRecord(ctx.db, input.recordId);
    if (!rec) throw VaultError.of('RECORD_NOT_FOUND', m.noRound, { id: input.recordId });
    const basis = String(input.basis ?? '').trim();
    if (basis === '') throw VaultError.of('DECLASSIFY_INVALID', m.basisText);
    if (!isStateSecret(rec.classification)) throw VaultError.of('DECLASSIFY_INVALID', m.notClassified, { code: rec.archivalCode });
    let level: string = rec.classification;
    let period = rec.classificationPeriod;
    if (input.decision === 'declassify') {
      const to = parseClassificationMark(input.level ?? '公开')?.classification;
      if (to !== 'public' && to !== 'internal') throw VaultError.of('DECLASSIFY_INVALID', m.declassifyLevel);
      level = to;
      period = '';
    } else if (input.decision === 'extend') {
      const p = String(input.period ?? '').trim();
      if (p === '' || !validPeriod(p)) throw VaultError.of('DECLASSIFY_INVALID', m.periodRequired);
      period = p;
    } else throw VaultError.of('DECLASSIFY_INVALID', m.declassifyDecision);
    const at = isoOf(nowOf(ctx));
    return ctx.db.transaction(() => {
      const reviewId = Number(ctx.db.prepare(`INSERT INTO declassification_reviews (record_id, decision, before_level, before_period, after_level, after_period, basis, decided_by, decided_name, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(rec.id, input.decision, rec.classification, rec.classificationPeriod, level, period, basis, actor.userId, actor.username, at).lastInsertRowid);
      ctx.db.prepare('UPDATE records SET classification = ?, classification_period = ?, updated_at = ? WHERE id = ?').run(level, period, at, rec.id);
      recordAudit(ctx, 'review_classification', target, 'ok', {
        op: input.decision, reviewId, archivalCode: rec.archivalCode,
        before: { classification: rec.classification, period: rec.classificationPeriod }, after: { classification: level, period }, basis,
      });
      return { reviewId, classification: level, period };
    }).immediate();
  });
}
