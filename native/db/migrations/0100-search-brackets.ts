import type { Migration } from './types.js';

/**
 * Search normalizer 2 folds bracket variants (〔〕【】[]() …) so a 文号 is found however OCR or
 * the typist wrote its brackets, which needs the index rebuilt with it. Migration 0110 rebuilds
 * the whole index (with the current normalizer, into tables this version does not have yet),
 * so this step no longer rebuilds anything; it keeps its number so versions stay comparable.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'search-brackets',
  up() {
    // The rebuild is 0110's.
  },
};
