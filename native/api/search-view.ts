/**
 * Search for a logged-in session. The engine's search() knows nothing of people, so hits are
 * filtered here: a record must be visible in the catalog ('search'), and a hit that shows page
 * text reveals content, so it also needs 'view_record' (permissions.ts, RECORD_RULES).
 */
import { filterRecords } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { search } from '../search/index.js';
import type { SearchRequest, SearchResult } from '../search/index.js';

export function searchForSession(ctx: OperationContext, request: SearchRequest): SearchResult {
  const result = search(ctx.db, request);
  const ids = [...new Set(result.hits.map((h) => h.recordId))];
  const listed = new Set(filterRecords(ctx, 'search', ids));
  const readable = new Set(filterRecords(ctx, 'view_record', ids));
  const hits = result.hits.filter((h) => listed.has(h.recordId) && (!h.matchedFields.includes('text') || readable.has(h.recordId)));
  // The total is the engine's less what this page dropped: exact when nothing was dropped,
  // an upper bound otherwise (the engine cannot filter by person before paging).
  return { ...result, hits, total: Math.max(hits.length, result.total - (result.hits.length - hits.length)) };
}
