/**
 * The full absolute dates of ../shared/testdata/dates-zh.tsv (rows whose input has a year, a
 * month and a day, expected_type point/date, expected_start starting with YYYY-MM-DD), and the
 * rule that judges a parser's answer on the date part only. Shared by dates.test.ts and
 * test/bench/dates.bench.ts so that both measure the same thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TESTDATA } from '../../harness/temp.js';

export interface DateRow {
  line: number;
  source: string;
  input: string;
  reference: string;
  expectedText: string;
  /** YYYY-MM-DD, or null for Recognizers-Text's 0001-01-01 "no valid date" sentinel (2019年2月29日). */
  expected: string | null;
}

/** A found date: [start, end) in the input and YYYY-MM-DD. */
export interface Found {
  start: number;
  end: number;
  date: string;
}

// Year: 2–4 digits or 2+ Chinese numerals, then 年 … 月 … a day. Or three numbers with one separator.
const YMD_CN = /(?:[0-9０-９]{2,4}|[〇○零Oo0一二三四五六七八九十两千百]{2,})\s*年[^年]{0,6}?月[^月]{0,4}?(?:日|号|號|初|[0-9]|[一二三四五六七八九十廿卅])/;
const YMD_NUM = /[0-9]{1,4}([-./ ])[0-9]{1,2}\1[0-9]{1,4}/;

export function loadFullDateRows(file = path.join(TESTDATA, 'dates-zh.tsv')): DateRow[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split('\t');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`dates-zh.tsv has no column ${name}`);
    return i;
  };
  const [cType, cStart, cInput, cRef, cText, cRepo] = ['expected_type', 'expected_start', 'input', 'reference', 'expected_text', 'source_repo'].map(col) as [number, number, number, number, number, number];
  const rows: DateRow[] = [];
  lines.slice(1).forEach((l, i) => {
    if (l.trim() === '') return;
    const f = l.split('\t');
    const type = (f[cType] ?? '').split(' ')[0];
    const start = f[cStart] ?? '';
    const input = f[cInput] ?? '';
    if (type !== 'point' && type !== 'date') return;
    if (!/^\d{4}-\d{2}-\d{2}/.test(start)) return;
    if (!YMD_CN.test(input) && !YMD_NUM.test(input)) return;
    const date = start.slice(0, 10);
    rows.push({
      line: i + 2,
      source: f[cRepo] ?? '',
      input,
      reference: f[cRef] ?? '',
      expectedText: f[cText] ?? '',
      expected: date === '0001-01-01' ? null : date,
    });
  });
  return rows;
}

/**
 * Right when the date found at the expected text (or, without one, the first date found) has
 * the expected YYYY-MM-DD; for the "no valid date" rows, right when nothing is found.
 */
export function judge(row: DateRow, found: readonly Found[]): boolean {
  if (row.expected === null) return found.length === 0;
  const at = row.expectedText === '' ? -1 : row.input.indexOf(row.expectedText);
  const pick = at >= 0 ? found.find((d) => d.start < at + row.expectedText.length && at < d.end) : found[0];
  return pick?.date === row.expected;
}
