import { all, type Db } from '../db/database.js';
import { sql, type SqlFragment } from '../db/sql.js';
import { getRecordByTypedCode } from '../catalog/records.js';
import { VaultError } from '../errors.js';
import { apiRecordMessages } from './record-messages.js';

/**
 * Which records an upkeep operation acts on: named ones (ids or 档号), or a class-like filter.
 * Always intersected with what the session may see (`restrict`, the catalog rule as SQL).
 */
export interface CatalogSelection {
  ids?: number[];
  codes?: string[];
  year?: number;
  categoryCode?: string;
  fondsCode?: string;
  retention?: string;
  orgUnit?: string;
  /** Only records whose 档号 is still provisional. */
  provisional?: boolean;
  /** Include destroyed records (the printed catalog keeps their lines). */
  includeDestroyed?: boolean;
}

/** The ids of the selection in archival order (全宗, 门类, 年度, 保管期限, 机构, 件号). */
export function selectRecordIds(db: Db, sel: CatalogSelection, restrict: SqlFragment = sql`1`): number[] {
  const ids = new Set<number>(sel.ids ?? []);
  for (const code of sel.codes ?? []) {
    const r = getRecordByTypedCode(db, code);
    if (!r) throw VaultError.of('RECORD_NOT_FOUND', apiRecordMessages.noRecordRef, { ref: code });
    ids.add(r.id);
  }
  const named = sel.ids !== undefined || sel.codes !== undefined;
  const rows = all<{ id: number }>(db, sql`SELECT id FROM records WHERE ${restrict}
    AND (${named ? 1 : 0} = 0 OR id IN (SELECT value FROM json_each(${JSON.stringify([...ids])})))
    AND (${sel.year ?? null} IS NULL OR year = ${sel.year ?? null})
    AND (${sel.categoryCode ?? null} IS NULL OR category_code = ${sel.categoryCode ?? null})
    AND (${sel.fondsCode ?? null} IS NULL OR fonds_code = ${sel.fondsCode ?? null})
    AND (${sel.retention ?? null} IS NULL OR retention = ${sel.retention ?? null})
    AND (${sel.orgUnit ?? null} IS NULL OR org_unit = ${sel.orgUnit ?? null})
    AND (${sel.provisional ? 1 : 0} = 0 OR code_status = 'provisional')
    AND (${sel.includeDestroyed ? 1 : 0} = 1 OR disposal = '')
    ORDER BY fonds_code, category_code, year, retention, org_unit, item_number`);
  return rows.map((r) => r.id);
}
