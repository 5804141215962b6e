import type { Db } from '../db/database.js';
import { raw, sql, type SqlFragment } from '../db/sql.js';

/**
 * The limit of a project-scoped role (vendor_operator, permissions.ts PROJECT_SCOPED_ROLES): a
 * record is in scope when it is the scan of an item of an OPEN digitization project the account
 * is an operator of; a project is in scope when it is open and the account is its operator.
 * Read live on every decision, so closing a project (or removing the operator) ends the scope
 * at once, even for a session that is still open. The tables are digitization's (migration 0200).
 */

const IN_SCOPE = `EXISTS (SELECT 1 FROM digitization_items di
    JOIN digitization_projects dp ON dp.id = di.project_id AND dp.state = 'open'
    JOIN digitization_operators dop ON dop.project_id = dp.id
   WHERE di.record_id = %ALIAS%.id AND dop.account_id = `;

/** The scope as a condition over a records table alias. */
export function projectScopeSql(accountId: number, alias = 'records'): SqlFragment {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`bad table alias ${alias}`);
  return sql`${raw(IN_SCOPE.replace('%ALIAS%', alias))}${accountId})`;
}

/** The records among ids that are in the account's scope. */
export function recordsInScope(db: Db, accountId: number, ids: readonly number[]): Set<number> {
  const out = new Set<number>();
  const CHUNK = 500;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = db
      .prepare(
        `SELECT DISTINCT di.record_id AS id FROM digitization_items di
           JOIN digitization_projects dp ON dp.id = di.project_id AND dp.state = 'open'
           JOIN digitization_operators dop ON dop.project_id = dp.id AND dop.account_id = ?
          WHERE di.record_id IN (${part.map(() => '?').join(',')})`,
      )
      .all(accountId, ...part) as { id: number }[];
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Whether the account is an operator of this open project. */
export function projectInScope(db: Db, accountId: number, projectId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM digitization_projects dp JOIN digitization_operators dop ON dop.project_id = dp.id
          WHERE dp.id = ? AND dp.state = 'open' AND dop.account_id = ?`,
      )
      .get(projectId, accountId) !== undefined
  );
}

/**
 * When a project closes: its vendor operators who have no other open project are disabled
 * and their sessions ended (in the caller's transaction). Returns their user names, for the
 * audit row. An in-house archivist added as an operator keeps their account.
 */
export function disableOperatorsWithoutOpenProject(db: Db, projectId: number, at: string): string[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.username FROM digitization_operators dop
         JOIN accounts a ON a.id = dop.account_id AND a.status = 'active'
         JOIN account_roles r ON r.account_id = a.id AND r.role = 'vendor_operator'
        WHERE dop.project_id = ?
          AND NOT EXISTS (SELECT 1 FROM digitization_operators o2 JOIN digitization_projects p2 ON p2.id = o2.project_id
                           WHERE o2.account_id = a.id AND p2.state = 'open' AND p2.id <> ?)`,
    )
    .all(projectId, projectId) as { id: number; username: string }[];
  const disable = db.prepare("UPDATE accounts SET status = 'disabled', updated_at = ? WHERE id = ?");
  const end = db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'project_closed' WHERE account_id = ? AND ended_at IS NULL");
  for (const r of rows) {
    disable.run(at, r.id);
    end.run(at, r.id);
  }
  return rows.map((r) => r.username);
}
