import { authorize, recordAudit } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { recordFilterSql } from '../auth/visibility.js';
import { readSetting } from '../catalog/settings.js';
import type { Retention } from '../catalog/types.js';
import { all } from '../db/database.js';
import { sql } from '../db/sql.js';
import { classificationEnds, openReviewDue, retentionEnds } from './periods.js';

/** A record due for appraisal: its retention has ended, or it is due for 开放审核. */
export interface DueRecord {
  id: number;
  archivalCode: string;
  title: string;
  year: number;
  docDate: string | null;
  retention: Retention;
  /** The retention in force (an appraisal may have set another than the 档号's). */
  effectiveRetention: Retention;
  reason: 'retention_ended' | 'open_review';
  /** The day it became due. */
  dueSince: string;
  /** Appraisal round it is already in (open or approved), if any. */
  roundId: number | null;
}

export interface DueClassified {
  id: number;
  archivalCode: string;
  title: string;
  classification: string;
  classificationPeriod: string;
  endsOn: string;
}

interface Row {
  id: number; code: string; title: string; year: number; docDate: string | null; retention: Retention; appraised: Retention | null;
  access: string; classification: string; period: string; hold: number; roundId: number | null;
}

function rows(ctx: OperationContext, action: 'view_catalog'): Row[] {
  return all<Row>(ctx.db, sql`SELECT r.id, r.archival_code AS code, r.title, r.year, r.doc_date AS docDate, r.retention, r.appraised_retention AS appraised,
      r.access_status AS access, r.classification, r.classification_period AS period, r.classified_hold AS hold,
      (SELECT p.round_id FROM appraisal_proposals p JOIN appraisal_rounds a ON a.id = p.round_id
        WHERE p.record_id = r.id AND p.applied_at IS NULL AND a.state <> 'executed' LIMIT 1) AS roundId
    FROM records r WHERE r.disposal = '' AND ${recordFilterSql(ctx, action, 'r')}
    ORDER BY r.fonds_code, r.category_code, r.year, r.retention, r.org_unit, r.item_number`);
}

/**
 * `lantai appraisal due`: records whose retention has ended (D10/D30 from their year) and those
 * due for 开放审核 (a setting, 25 years after creation by the current Archives Law).
 */
export function listDue(ctx: OperationContext, asOf: string): DueRecord[] {
  authorize(ctx, 'appraise', { type: 'appraisal', id: null });
  const years = Number(readSetting(ctx.db, 'appraisal.openReviewYears')) || 25;
  const out: DueRecord[] = [];
  for (const r of rows(ctx, 'view_catalog')) {
    const effective = r.appraised ?? r.retention;
    const base = { id: r.id, archivalCode: r.code, title: r.title, year: r.year, docDate: r.docDate, retention: r.retention, effectiveRetention: effective, roundId: r.roundId };
    const ends = retentionEnds(r.year, effective);
    if (ends !== null && ends <= asOf) out.push({ ...base, reason: 'retention_ended', dueSince: ends });
    const open = openReviewDue(r.year, r.docDate, years);
    if (r.access === 'unreviewed' && open <= asOf) out.push({ ...base, reason: 'open_review', dueSince: open });
  }
  recordAudit(ctx, 'appraise', { type: 'appraisal', id: null }, 'ok', { op: 'list_due', asOf, count: out.length });
  return out;
}

/** Records whose classification period has ended, for the security officer to declassify or extend. */
export function listDeclassificationDue(ctx: OperationContext, asOf: string): DueClassified[] {
  authorize(ctx, 'review_classification', { type: 'declassification', id: null });
  const out: DueClassified[] = [];
  for (const r of rows(ctx, 'view_catalog')) {
    if (!['secret', 'confidential', 'top_secret'].includes(r.classification)) continue;
    const ends = classificationEnds(r.period, r.docDate, r.year, r.classification);
    if (ends !== null && ends <= asOf) out.push({ id: r.id, archivalCode: r.code, title: r.title, classification: r.classification, classificationPeriod: r.period, endsOn: ends });
  }
  recordAudit(ctx, 'review_classification', { type: 'declassification', id: null }, 'ok', { op: 'list_due', asOf, count: out.length });
  return out;
}
