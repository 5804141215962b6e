import { VaultError } from '../errors.js';
import { searchMessages as m } from './messages.js';
import type { SearchOptions, SortOrder } from './types.js';

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
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY, YYYY-MM or YYYY-MM-DD (also with / or .) → the first or last day it covers. */
export function parseDateBound(value: string, edge: 'from' | 'to'): string {
  const v = value.normalize('NFKC').trim();
  const match = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(v);
  const bad = () => VaultError.of('SEARCH_OPTION_INVALID', m.badDate, { value });
  if (!match) throw bad();
  const y = Number(match[1]);
  const mo = match[2] === undefined ? (edge === 'from' ? 1 : 12) : Number(match[2]);
  if (y < 1000 || mo < 1 || mo > 12) throw bad();
  const d = match[3] === undefined ? (edge === 'from' ? 1 : lastDay(y, mo)) : Number(match[3]);
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
  };
}
