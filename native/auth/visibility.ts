import { sql, raw, join, type SqlFragment } from '../db/sql.js';
import { bulkDecide, rulesFor } from './decisions.js';
import { projectScopeSql } from './project-scope.js';
import { GRANT_SCOPES_FOR, isProjectScoped, RECORD_STATES, type RecordAction, type RecordState, type Role } from './permissions.js';
import { sessionRoles } from './session-state.js';
import { isoOf, nowOf, type OperationContext } from './types.js';

/**
 * Visibility as SQL: what a session may see, as conditions applied where data is read (lists,
 * counts, search), never by filtering results afterwards. Equal to the decisions per record.
 */

/** The records among ids the session may act on (no audit): for filtering search hits and lists. */
export function filterRecords(ctx: OperationContext, action: RecordAction, recordIds: readonly number[]): number[] {
  return bulkDecide(ctx.db, sessionRoles(ctx), ctx.session.userId, action, recordIds, nowOf(ctx)).allowed;
}

/**
 * Whether the roles may act on records in every state, without a grant: the states cover every
 * record (their columns are NOT NULL), so the rule is then no condition at all and a search, a
 * list or a count evaluates none per record.
 */
function allowsEveryState(roles: readonly Role[], action: RecordAction): boolean {
  return RECORD_STATES.every((st) => rulesFor(roles, action, st).includes('allow'));
}

/**
 * The same rule as a SQL condition over a records table alias, for queries that must not
 * return what the session may not see (search, lists, counts). Equal to filterRecords.
 */
export function recordFilterSql(ctx: OperationContext, action: RecordAction, alias = 'records'): SqlFragment {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`bad table alias ${alias}`);
  const a = raw(alias);
  const stateSql: Record<RecordState, SqlFragment> = {
    classified: sql`(${a}.classified_hold = 1 OR ${a}.classification IN ('secret', 'confidential', 'top_secret'))`,
    restricted: sql`(${a}.classified_hold = 0 AND ${a}.classification NOT IN ('secret', 'confidential', 'top_secret') AND ${a}.access_status = 'restricted')`,
    normal: sql`(${a}.classified_hold = 0 AND ${a}.classification NOT IN ('secret', 'confidential', 'top_secret') AND ${a}.access_status <> 'restricted')`,
  };
  const scopes = [...(GRANT_SCOPES_FOR[action] ?? [])];
  const grantSql =
    scopes.length === 0
      ? sql`0`
      : sql`EXISTS (SELECT 1 FROM access_grants g WHERE g.record_id = ${a}.id AND g.account_id = ${ctx.session.userId} AND g.revoked_at IS NULL AND g.expires_at > ${isoOf(nowOf(ctx))} AND g.scope IN (${scopes}))`;
  const parts: SqlFragment[] = [];
  const roles = sessionRoles(ctx);
  for (const state of RECORD_STATES) {
    const rules = rulesFor(roles, action, state);
    if (rules.includes('allow')) parts.push(stateSql[state]);
    else if (rules.includes('grant')) parts.push(sql`(${stateSql[state]} AND ${grantSql})`);
  }
  if (parts.length === 0) return sql`0`;
  if (allowsEveryState(roles, action) && !isProjectScoped(roles)) return sql`1`;
  // A project-scoped role (vendor operator): only the records of its open projects, whatever else.
  if (isProjectScoped(roles)) return sql`((${join(parts, ' OR ')}) AND ${projectScopeSql(ctx.session.userId, alias)})`;
  return sql`(${join(parts, ' OR ')})`;
}

/**
 * A condition every record recordFilterSql(ctx, action) leaves out satisfies: the records not
 * in the normal state when the session may act on every normal record (an archivist's search:
 * about 1% of a vault, found through the records_not_normal index instead of a scan of every
 * record), else no narrowing (`1`).
 */
export function recordExclusionCandidatesSql(ctx: OperationContext, action: RecordAction): SqlFragment {
  const roles = sessionRoles(ctx);
  // A project-scoped role leaves out normal records too (those outside its projects): no narrowing.
  if (isProjectScoped(roles) || !rulesFor(roles, action, 'normal').includes('allow')) return sql`1`;
  // Nothing is left out where every state is allowed (recordFilterSql is then `1`).
  if (allowsEveryState(roles, action)) return sql`0`;
  return sql`${raw(NOT_NORMAL_SQL)}`;
}

/** The records outside the normal state, written exactly as the partial index records_not_normal (migration 0130). */
export const NOT_NORMAL_SQL = "(classified_hold = 1 OR classification IN ('secret', 'confidential', 'top_secret') OR access_status = 'restricted')";

