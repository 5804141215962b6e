import { recordExclusionCandidatesSql, recordFilterSql } from '../auth/visibility.js';
import { withAuditSync } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { PageDerived, type ContentRule } from './page-derived.js';
import { search } from './search.js';
import type { SearchAccess, SearchOptions, SearchResult } from './types.js';

/**
 * Search as a logged-in person: the permission rules of native/auth/permissions.ts applied
 * inside the engine (not by filtering a page of hits afterwards, which would break totals,
 * paging and NOT).
 *
 * - A record appears at all only if the session may `search` it (a catalog-line read).
 * - Its page text counts only if the session may `view_record` it: an archivist without an
 *   approval finds a 涉密 / classified_hold or 控制使用 record by its catalog fields (title,
 *   文号, 档号 …) but never by, or with a snippet of, what its pages say.
 */
export function searchAccess(op: OperationContext): SearchAccess {
  const content = contentRuleOf(op);
  return {
    records: recordFilterSql(op, 'search'),
    content: content.rule,
    recordsOut: recordExclusionCandidatesSql(op, 'search'),
    contentOut: content.among,
  };
}

/** The session's content rule: it may see what a record's pages say when it may `view_record` it. */
function contentRuleOf(op: OperationContext): Required<ContentRule> {
  return { rule: recordFilterSql(op, 'view_record'), among: recordExclusionCandidatesSql(op, 'view_record') };
}

/**
 * The reader of page-derived data (page text, dates found in it …) with the session's content
 * rule, for reads outside search: a record's OCR text shown to a person comes from here
 * (PageDerived.recordTexts), empty when the session may not see what the record's pages say.
 */
export function pageDerivedFor(op: OperationContext): PageDerived {
  return new PageDerived(op.db, contentRuleOf(op));
}

/**
 * The entry point for people (CLI, IPC): authorizes `search`, runs it with the session's
 * access rule, and writes the audit row with the query, its options and how many records
 * matched. Records under a 涉密 hold are included (subject to the access rule): the person
 * searching is who must find them to screen them.
 */
export function searchAs(op: OperationContext, query: string, options: SearchOptions = {}): SearchResult {
  const opts: SearchOptions = { includeClassified: true, ...options };
  return withAuditSync(
    op,
    'search',
    { type: 'search', id: null },
    () => search(op.db, query, opts, searchAccess(op)),
    (r) => ({ query, options: auditedOptions(opts), total: r.total, returned: r.hits.length }),
  );
}

/** The options worth keeping in the audit log (what was asked, not display settings). */
function auditedOptions(o: SearchOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['from', 'to', 'dateField', 'sort', 'fuzzy', 'filters', 'offset', 'limit'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
