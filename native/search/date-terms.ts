import { extractDates } from '../text/dates.js';

/** A query term that is a date: the days it covers and how to say it (2016-04, 2016-04-26). */
export interface DateTerm {
  from: string;
  to: string;
  label: string;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthOrDay(year: number, month: number, day: number | null): DateTerm | null {
  if (month < 1 || month > 12 || year < 1000 || year > 9999) return null;
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  if (day === null) return { from: `${ym}-01`, to: `${ym}-${String(lastDay(year, month)).padStart(2, '0')}`, label: ym };
  if (day < 1 || day > lastDay(year, month)) return null;
  const d = `${ym}-${String(day).padStart(2, '0')}`;
  return { from: d, to: d, label: d };
}

/**
 * The date a whole query term names, in any form the pages print (二〇一六年四月, 2016年4月26日,
 * 2016.4.26, 2016-04, 2016-04-26), to the day or the month; null when the term is not wholly a
 * date (a bare year is too broad to stand for a date: year:2016 filters by year).
 */
export function dateOfTerm(term: string): DateTerm | null {
  const t = term.trim();
  const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (iso) return monthOrDay(Number(iso[1]), Number(iso[2]), iso[3] === undefined ? null : Number(iso[3]));
  const found = extractDates(t);
  if (found.length !== 1) return null;
  const d = found[0]!;
  if (d.start !== 0 || d.end !== t.length || d.precision === 'year') return null;
  const [y, m, day] = d.date.split('-').map(Number) as [number, number, number];
  return monthOrDay(y, m, d.precision === 'day' ? day : null);
}
