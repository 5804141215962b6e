import fs from 'node:fs';
import type { CatalogSelection } from '../../api/index.js';
import { intOption, stringOption, type OptionSpec, type OptionValues } from '../command.js';
import { listOption } from './auth-common.js';

/** How a command names a set of records: codes (arguments, --codes FILE) and class filters. */
export const SELECTION_OPTIONS: OptionSpec = {
  codes: { type: 'string' },
  year: { type: 'string' },
  category: { type: 'string' },
  fonds: { type: 'string' },
  retention: { type: 'string' },
  org: { type: 'string' },
};

function codesFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

export function selectionFrom(values: OptionValues, refs: readonly string[] = []): CatalogSelection {
  const file = stringOption(values, 'codes');
  const codes = [...refs, ...(file ? codesFile(file) : []), ...listOption(values, 'code')];
  const year = intOption(values, 'year');
  const s: CatalogSelection = {};
  const ids = codes.filter((c) => /^\d+$/.test(c)).map(Number);
  const named = codes.filter((c) => !/^\d+$/.test(c));
  if (ids.length > 0) s.ids = ids;
  if (named.length > 0) s.codes = named;
  if (year !== undefined) s.year = year;
  const category = stringOption(values, 'category');
  if (category) s.categoryCode = category.toUpperCase();
  const fonds = stringOption(values, 'fonds');
  if (fonds !== undefined) s.fondsCode = fonds;
  const retention = stringOption(values, 'retention');
  if (retention) s.retention = retention.toUpperCase();
  const org = stringOption(values, 'org');
  if (org !== undefined) s.orgUnit = org;
  return s;
}
