import { reindexAll } from '../../search/indexer.js';
import type { Migration } from './types.js';

/**
 * Search normalizer 2 folds bracket variants (〔〕【】[]() …) so a 文号 is found however OCR or
 * the typist wrote its brackets. The index is derived data: rebuild it with the current
 * normalizer, inside the migration's transaction (the catalog was copied aside before it).
 */
export const migration0100: Migration = {
  version: 100,
  name: 'search-brackets',
  up(db) {
    reindexAll(db);
  },
};
