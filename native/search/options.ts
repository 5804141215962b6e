import { VaultError } from '../errors.js';
import { extractDates } from '../text/dates.js';
import { searchMessages as m } from './messages.js';
import { FILTER_NAMES, parseFilterValue } from './query-parser.js';
import type { Filter, SearchOptions, SortOrder } from './types.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

export interface ResolvedOptions {
  from: string | null;
  to: string | null;
  dateField: 'docDate' | 'anyDate';
  sort: SortOrder;
  limit: number;
  offset: number;
  pages: 'best' | 'all';
  includeClassified: boolean;
  fuzzy: boolean;
  /** The options' field filters, ANDed with the query. */
  filters: Filter[];
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date written the Chinese way (2016年3月15日, 二〇一六年三月, 2016年) as [year, month?, day?],
 * when the whole value is one date; the same parser as for dates in page text.
 */
function chineseDate(v: string): [string, string | undefined, string | undefined] | null {
  const found = extractDates(v);
  if (found.length !== 1 || found[0]!.start !== 0 || found[0]!.end !== v.length) return null;
  const { date, precision } = found[0]!;
  const [y, mo, d] = date.split('-') as [string, string, string];
  return [y, precision === 'year' ? undefined : mo, precision === 'day' ? d : undefined];
}

/**
 * YYYY, YYYY-MM or YYYY-MM-DD (also with / or .), or a Chinese form (2016年3月15日,
 * 二〇一六年三月, 2016年) → the first or last day it covers.
 */
export function parseDateBound(value: string, edge: 'from' | 'to'): string {
  const v = value.normalize('NFKC').trim();
  const bad = () => VaultError.of('SEARCH_OPTION_INVALID', m.badDate, { value });
  const numeric = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(v);
  const parts = numeric ? [numeric[1]!, numeric[2], numeric[3]] : chineseDate(v);
  if (!parts) throw bad();
  const y = Number(parts[0]);
  const mo = parts[1] === undefined ? (edge === 'from' ? 1 : 12) : Number(parts[1]);
  if (y < 1000 || mo < 1 || mo > 12) throw bad();
  const d = parts[2] === undefined ? (edge === 'from' ? 1 : lastDay(y, mo)) : Number(parts[2]);
  if (d < 1 || d > lastDay(y, mo)) throw bad();
  return `${String(y)}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw VaultError.of('SEARCH_OPTION_INVALID', m.badOption, { option, value: String(value), expected: allowed.join(' | ') });
}

function integer(option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw VaultError.of('SEARCH_OPTION_INVALID', m.badOption, { option, value: String(value), expected: `${min}–${max}` });
}

function resolveFilters(filters: unknown): Filter[] {
  if (filters === undefined || filters === null) return [];
  if (typeof filters !== 'object' || Array.isArray(filters)) {
    throw VaultError.of('SEARCH_OPTION_INVALID', m.badOption, { option: 'filters', value: String(filters), expected: FILTER_NAMES.join(', ') });
  }
  const out: Filter[] = [];
  for (const [name, value] of Object.entries(filters as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    if (!(FILTER_NAMES as readonly string[]).includes(name) || (typeof value !== 'string' && typeof value !== 'number')) {
      throw VaultError.of('SEARCH_OPTION_INVALID', m.badOption, { option: `filters.${name}`, value: String(value), expected: FILTER_NAMES.join(', ') });
    }
    out.push(parseFilterValue(name as (typeof FILTER_NAMES)[number], String(value)));
  }
  return out;
}

/** Checks and completes the options (they may come over IPC, so nothing is trusted). */
export function resolveOptions(o: SearchOptions): ResolvedOptions {
  const from = o.from ? parseDateBound(o.from, 'from') : null;
  const to = o.to ? parseDateBound(o.to, 'to') : null;
  if (from && to && from > to) throw VaultError.of('SEARCH_OPTION_INVALID', m.badDateRange, { from, to });
  return {
    from,
    to,
    dateField: oneOf('dateField', o.dateField, ['docDate', 'anyDate'] as const, 'docDate'),
    sort: oneOf('sort', o.sort, ['relevance', 'dateAsc', 'dateDesc'] as const, 'relevance'),
    limit: integer('limit', o.limit, 0, MAX_LIMIT, DEFAULT_LIMIT),
    offset: integer('offset', o.offset, 0, Number.MAX_SAFE_INTEGER, 0),
    pages: oneOf('pages', o.pages, ['best', 'all'] as const, 'best'),
    includeClassified: o.includeClassified === true,
    fuzzy: o.fuzzy === true,
    filters: resolveFilters(o.filters),
  };
}
