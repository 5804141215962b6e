/**
 * Catalog reads for a logged-in session: the same rows as catalog/records.ts, but restricted
 * in SQL to what the session may see (recordFilterSql), so totals and pages stay right.
 */
import { recordFilterSql } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { listRecords } from '../catalog/records.js';
import type { RecordRow } from '../catalog/types.js';
import { all } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { ListRecordsRequest } from './types.js';

const MAX_PAGE = 1000;

export function visibleRecords(ctx: OperationContext, filter: ListRecordsRequest): { total: number; records: RecordRow[] } {
  const limit = Math.min(Math.max(1, filter.limit ?? 200), MAX_PAGE);
  return listRecords(ctx.db, { ...filter, limit, offset: Math.max(0, filter.offset ?? 0) }, recordFilterSql(ctx, 'view_catalog', 'records'));
}

/** OCR text per page of a record (pages without text are left out). */
export function recordPageTexts(ctx: OperationContext, recordId: number): { pageNo: number; text: string; meanConfidence: number | null }[] {
  return all<{ pageNo: number; text: string; meanConfidence: number | null }>(
    ctx.db,
    sql`SELECT p.page_no AS pageNo, t.text AS text, t.mean_confidence AS meanConfidence
        FROM pages p JOIN page_text t ON t.page_id = p.id WHERE p.record_id = ${recordId} ORDER BY p.page_no`,
  );
}
