import type { Retention } from '../catalog/types.js';

/**
 * When a retention or a classification period ends. A retention of N years counts from the
 * year after the filing year (a 2016 D10 record is kept through 2026 and due in 2027); Y never
 * ends. A classification period counts from the document's date (or the start of its year):
 * N年 adds years, YYYY年M月D日 is the day itself, 长期 never ends. Both read `asOf` as YYYY-MM-DD.
 */
const YEARS: Record<Retention, number | null> = { Y: null, D30: 30, D10: 10 };

export function retentionEnds(year: number, retention: Retention): string | null {
  const n = YEARS[retention];
  return n === null ? null : `${year + n + 1}-01-01`;
}

export function openReviewDue(year: number, docDate: string | null, years: number): string {
  const from = docDate ?? `${year}-01-01`;
  return `${Number(from.slice(0, 4)) + years}${from.slice(4)}`;
}

/** The day a classification ends, or null (长期, or a period the rules cannot read: never silently). */
export function classificationEnds(period: string, docDate: string | null, year: number, level: string): string | null {
  const p = period.trim();
  const from = docDate ?? `${year}-01-01`;
  const add = (years: number) => `${Number(from.slice(0, 4)) + years}${from.slice(4)}`;
  if (p === '长期') return null;
  const years = /^(\d{1,3})年$/.exec(p);
  if (years) return add(Number(years[1]));
  const day = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(p);
  if (day) return `${day[1]}-${day[2]!.padStart(2, '0')}-${(day[3] ?? '1').padStart(2, '0')}`;
  // No period marked: GB/T 9704's defaults (绝密 30, 机密 20, 秘密 10 years).
  if (p === '') return add(level === 'top_secret' ? 30 : level === 'confidential' ? 20 : 10);
  return null;
}
