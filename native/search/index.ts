/** Full-text search over catalog fields and OCR text: the public face of native/search/. */
export { pageDerivedFor, searchAccess, searchAs } from './access.js';
export { PageDerived, type ContentRule } from './page-derived.js';
export { continueRebuild, indexPage, rebuildIfEmpty, indexRecord, indexStatus, reindexAll, removePage, removeRecord } from './indexer.js';
export { rebuildCursor, rebuildPending, rebuildProgress, type RebuildProgress } from './rebuild-state.js';
export type { IndexStatus, ReindexProgress } from './indexer.js';
export { normalizeText, normalizeWithMap, NORMALIZER_VERSION } from './normalize.js';
export { flushRecordText } from './record-text.js';
export { parseDateBound } from './options.js';
export { parseQuery } from './query-parser.js';
export { search, searchRecordIds } from './search.js';
export type { Filter, MatchField, QueryNode, SearchAccess, SearchHit, SearchOptions, SearchRequest, SearchResult, SortOrder } from './types.js';
