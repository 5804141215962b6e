import type { Session } from '../../auth/types.js';
import { searchAs } from '../../search/access.js';
import type { SearchRequest, SearchResult } from '../../search/types.js';
import { Area } from '../area.js';

/**
 * Search as a person: the access rule is applied inside the engine (totals, paging and NOT
 * stay exact) and the query is audited, the same for the CLI and the desktop.
 */
export class SearchArea extends Area {
  query(session: Session, request: SearchRequest): SearchResult {
    const { query, ...options } = request;
    return searchAs(this.op(session), query, options);
  }
}
