/**
 * Catalog reads for a logged-in session: the same rows as catalog/records.ts, but restricted
 * in SQL to what the session may see (recordFilterSql), so totals and pages stay right.
 */
import { recordFilterSql } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { getRecord } from '../catalog/records.js';
import type { RecordRow } from '../catalog/types.js';
import { all, get } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { ListRecordsRequest } from './types.js';

const MAX_PAGE = 1000;

export function visibleRecords(ctx: OperationContext, filter: ListRecordsRequest): { total: number; records: RecordRow[] } {
  const allowed = recordFilterSql(ctx, 'view_catalog', 'records');
  const where = sql`WHERE ${allowed}
    AND (${filter.year ?? null} IS NULL OR year = ${filter.year ?? null})
    AND (${filter.categoryCode ?? null} IS NULL OR category_code = ${filter.categoryCode ?? null})
    AND (${filter.retention ?? null} IS NULL OR retention = ${filter.retention ?? null})`;
  const total = get<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM records ${where}`)!.n;
  const limit = Math.min(Math.max(1, filter.limit ?? 200), MAX_PAGE);
  const ids = all<{ id: number }>(
    ctx.db,
    sql`SELECT id FROM records ${where} ORDER BY fonds_code, category_code, year, retention, org_unit, item_number LIMIT ${limit} OFFSET ${Math.max(0, filter.offset ?? 0)}`,
  );
  return { total, records: ids.map((r) => getRecord(ctx.db, r.id)).filter((r): r is RecordRow => r !== undefined) };
}

/** OCR text per page of a record (pages without text are left out). */
export function recordPageTexts(ctx: OperationContext, recordId: number): { pageNo: number; text: string; meanConfidence: number | null }[] {
  return all<{ pageNo: number; text: string; meanConfidence: number | null }>(
    ctx.db,
    sql`SELECT p.page_no AS pageNo, t.text AS text, t.mean_confidence AS meanConfidence
        FROM pages p JOIN page_text t ON t.page_id = p.id WHERE p.record_id = ${recordId} ORDER BY p.page_no`,
  );
}
