/**
 * Absolute calendar dates in OCR'd Chinese text: 2016年4月26日, 二〇一六年四月二十六日 (with the
 * 〇/○/零/0/O zero variants OCR produces), 廿/卅 days, full-width digits, the spaces tesseract puts
 * between characters, and the numeric forms 2016.4.26, 2016-04-26, 2016/4/26, 26/4/2016.
 *
 * Why our own parser and not chrono-node's zh parser (chrono is only the baseline in
 * test/bench/dates.bench.ts and an oracle in the tests):
 * - chrono's zh date parser knows 零/〇 but not ○ (U+25CB), O or 0 inside Chinese-numeral years,
 *   nor 廿/卅, 號, full-width digits or dotted dates;
 * - it fills a missing year or day from the reference date, i.e. it invents dates that are not
 *   in the document; a catalog must only see what is printed;
 * - it does not reject impossible dates (2月30日 rolls over to March);
 * - it is about 40–50× slower (test/bench/dates.bench.ts), and this runs over every OCR'd page.
 * This module therefore never guesses: a result always has a printed year; 'month' and 'year'
 * precision results carry day 01 / month 01 in `date`.
 */

export type DatePrecision = 'day' | 'month' | 'year';

export interface ExtractedDate {
  /** YYYY-MM-DD; for precision 'month' the day is 01, for 'year' month and day are 01. */
  date: string;
  /** [start, end) UTF-16 offsets into the input. */
  start: number;
  end: number;
  /** The input text between start and end. */
  text: string;
  precision: DatePrecision;
}

// ── character classes ────────────────────────────────────────────────────────────────────────

/** Arabic digit value of an ASCII or full-width digit, else -1. */
function arabic(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, '◯': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** Latin letters OCR reads for 0 or 1 inside a year (二O一六, 20l6); accepted only next to real digits. */
const LOOKALIKE: Record<string, number> = { O: 0, o: 0, Ｏ: 0, 'О': 0, l: 1, I: 1, ｌ: 1 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\u3000' || ch === '\t' || ch === '\u00a0';
}

/** Characters after which a day written without 日/号 may end (end of text counts too). */
function isSoftEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === '\n' || ch === '\r' || isSpace(ch) || '，。、；：,.;:)）]】」』"”’！？!?'.includes(ch);
}

// ── calendar ────────────────────────────────────────────────────────────────────────────────

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ── the 年 form ──────────────────────────────────────────────────────────────────────────────

interface Num {
  value: number;
  end: number;
}

/** Skips at most `max` blanks (not newlines) starting at i. */
function skipSpaces(text: string, i: number, max = 2): number {
  let n = 0;
  while (n < max && isSpace(text[i])) {
    i++;
    n++;
  }
  return i;
}

interface YearToken {
  value: number;
  start: number;
  digits: number;
}

function isLatin(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

function isRealDigit(ch: string): boolean {
  return arabic(ch.charCodeAt(0)) >= 0 || ch in CN_DIGIT;
}

/** Dashes OCR reads for the stroke of 一. */
const DASHES = '-－—–‐';

/**
 * Reads the year that ends just before 年 at `nian`, walking backwards over digits, Chinese
 * numerals, Latin letters (OCR look-alikes or debris) and single blanks between them.
 * Four real digits make the year, letters among them being debris (二G〇一六: tesseract reads
 * one big 〇 as two glyphs); with three real digits one look-alike letter stands for its digit
 * (二O一六, 20l6). Letters before the digits belong to a preceding word (ISO2016年).
 * `dashAsOne`: a dash between two Chinese numerals is read as 一, the stroke OCR took it for
 * (二O〇-七 → 二〇一七); only tried when the year does not read without it, so a range
 * (二〇一六-二〇一七年) keeps its own reading, and a dash that was debris leaves five digits: no year.
 */
function yearBefore(text: string, nian: number, dashAsOne = false): YearToken | null {
  let i = nian - 1;
  if (isSpace(text[i])) i--;
  if (isSpace(text[i])) i--;
  if (i < 0 || !(isYearChar(text[i]!) || isLatin(text[i]!))) return null; // 近年, 每年, 年度: the common case
  const chars: string[] = [];
  const idx: number[] = [];
  const strokeOne = (k: number): boolean => dashAsOne && DASHES.includes(text[k]!) && (text[k - 1] ?? '') in CN_DIGIT && (text[k + 1] ?? '') in CN_DIGIT;
  while (i >= 0 && chars.length < 12 && (isYearChar(text[i]!) || isLatin(text[i]!) || strokeOne(i))) {
    chars.push(strokeOne(i) ? '一' : text[i]!);
    idx.push(i);
    i--;
    if (isSpace(text[i]) && i >= 1 && (isYearChar(text[i - 1]!) || isLatin(text[i - 1]!))) i--;
  }
  chars.reverse();
  idx.reverse();
  // Letters in front belong to a word before the year, unless they are look-alikes of digits
  // directly followed by fewer than four real digits (O16 is not a year either way).
  let from = 0;
  while (from < chars.length && isLatin(chars[from]!) && !(chars[from]! in LOOKALIKE && countReal(chars, from + 1) < 4 && countReal(chars, from + 1) >= 3)) from++;
  const run = chars.slice(from);
  const at = idx.slice(from);
  if (run.length === 0 || isLatin(run[run.length - 1]!) && !(run[run.length - 1]! in LOOKALIKE)) return null;
  if (run.some((c) => c in CN_UNIT)) return run.every((c) => !isLatin(c)) ? positionalYear(run, at[0]!) : null;
  const real = countReal(run, 0);
  const chineseOnly = run.every((c) => isLatin(c) || c in CN_DIGIT);
  let digits: number[];
  if (run.length === 4 && real >= 2 && run.every((c) => isRealDigit(c) || c in LOOKALIKE)) {
    digits = run.map(digitOf); // 2016, 二〇一六, 二O一六, 二OO五, 20l6
  } else if (real === 4 && chineseOnly) {
    digits = run.filter(isRealDigit).map(digitOf); // 二G〇一六: the letter is debris
  } else if (real === 3 && run.length === 3 && chineseOnly) {
    digits = run.map(digitOf); // 三六七年
  } else {
    return null;
  }
  if (digits.length === 3 && !run.every((c) => c in CN_DIGIT)) return null; // 3-digit years only as 三六七年
  const value = digits.reduce((v, d) => v * 10 + d, 0);
  if ((digits.length === 4 && value < 1000) || (digits.length === 3 && value < 100)) return null;
  return { value, start: at[0]!, digits: digits.length };
}

function countReal(chars: readonly string[], from: number): number {
  let n = 0;
  for (let k = from; k < chars.length; k++) if (isRealDigit(chars[k]!)) n++;
  return n;
}

function digitOf(c: string): number {
  const a = arabic(c.charCodeAt(0));
  return a >= 0 ? a : c in CN_DIGIT ? CN_DIGIT[c]! : LOOKALIKE[c]!;
}

function isYearChar(ch: string): boolean {
  return arabic(ch.charCodeAt(0)) >= 0 || ch in CN_DIGIT || ch in LOOKALIKE || ch in CN_UNIT;
}

/** 两千零四 → 2004, 二千 → 2000. Anything without 千 (二十年, 五百年) is a duration, not a year. */
function positionalYear(chars: string[], start: number): YearToken | null {
  if (!chars.includes('千')) return null;
  let total = 0;
  let current = 0;
  for (const c of chars) {
    if (c in CN_UNIT) {
      total += (current === 0 ? 1 : current) * CN_UNIT[c]!;
      current = 0;
    } else if (c in CN_DIGIT) {
      current = CN_DIGIT[c]!;
    } else {
      return null;
    }
  }
  total += current;
  return total >= 1000 && total <= 2999 ? { value: total, start, digits: 4 } : null;
}

/** Arabic number of 1–2 digits at i (one blank allowed between the digits). */
function arabicSmall(text: string, i: number): Num | null {
  const d1 = arabic(text.charCodeAt(i));
  if (d1 < 0) return null;
  let j = i + 1;
  let d2 = arabic(text.charCodeAt(j));
  if (d2 < 0 && isSpace(text[j]) && arabic(text.charCodeAt(j + 1)) >= 0 && arabic(text.charCodeAt(j + 2)) < 0) {
    j++;
    d2 = arabic(text.charCodeAt(j));
  }
  if (d2 < 0) return { value: d1, end: i + 1 };
  return { value: d1 * 10 + d2, end: j + 1 };
}

const CN_SMALL = '一二三四五六七八九十廿卅初元正两';

/** Chinese numeral 1–31 (十二, 二十六, 廿六, 卅一, 初五, 元/正 for the first month). */
function chineseSmall(text: string, i: number, month: boolean): Num | null {
  let s = '';
  let j = i;
  let last = i;
  while (s.length < 4) {
    const ch = text[j];
    if (ch !== undefined && CN_SMALL.includes(ch)) {
      s += ch;
      last = j + 1;
      j++;
      if (isSpace(text[j]) && text[j + 1] !== undefined && CN_SMALL.includes(text[j + 1]!)) j++;
      continue;
    }
    break;
  }
  if (s === '') return null;
  const value = cnValue(s, month);
  return value === null ? null : { value, end: last };
}

function cnValue(s: string, month: boolean): number | null {
  if (month && (s === '元' || s === '正')) return 1;
  if (!month && s.startsWith('初')) {
    const rest = s.slice(1);
    if (rest === '十') return 10;
    return rest.length === 1 && rest in CN_DIGIT && CN_DIGIT[rest]! > 0 ? CN_DIGIT[rest]! : null;
  }
  const digit = (c: string | undefined): number | null => (c !== undefined && c in CN_DIGIT && c !== '两' && CN_DIGIT[c]! > 0 ? CN_DIGIT[c]! : null);
  const m = /^(?:([一二三])?十|(廿)|(卅))?(.)?$/.exec(s);
  if (!m) return null;
  let tens = 0;
  if (m[2]) tens = 20;
  else if (m[3]) tens = 30;
  else if (s.includes('十')) tens = m[1] ? CN_DIGIT[m[1]]! * 10 : 10;
  const unit = m[4];
  if (unit === undefined) return tens > 0 ? tens : null;
  const u = digit(unit);
  if (u === null) return null;
  return tens + u;
}

function smallNumber(text: string, i: number, month: boolean): Num | null {
  return arabicSmall(text, i) ?? chineseSmall(text, i, month);
}

const CALENDAR_WORDS = ['农历', '阴历', '公历', '阳历'];
/** 年 followed by these is not a calendar year (五六七年级, 1990年代, 2016年龄). */
const NOT_A_YEAR_AFTER = '级龄纪代限';
const DAY_SUFFIX = '日号號曰';
const TIME_AFTER_DAY = /^[0-9０-９]{1,2}[:：][0-9０-９]{2}/;

function yearOnly(text: string, year: YearToken, nian: number): ExtractedDate | null {
  const ok = year.digits === 4 && year.value >= 1900 && year.value <= 2100 && !(text[nian + 1] !== undefined && NOT_A_YEAR_AFTER.includes(text[nian + 1]!));
  return ok ? result(text, year.start, nian + 1, iso(year.value, 1, 1), 'year') : null;
}

function parseNianForm(text: string, nian: number): ExtractedDate | null {
  const year = yearBefore(text, nian) ?? yearBefore(text, nian, true);
  if (!year) return null;
  let i = skipSpaces(text, nian + 1);
  if (text[i] === '，' || text[i] === ',') i = skipSpaces(text, i + 1);
  if (text[i] === '农' || text[i] === '阴' || text[i] === '公' || text[i] === '阳') {
    for (const w of CALENDAR_WORDS) {
      if (text.startsWith(w, i)) {
        i = skipSpaces(text, i + w.length);
        break;
      }
    }
  }
  const month = smallNumber(text, i, true);
  if (!month) return yearOnly(text, year, nian);
  const yue = skipSpaces(text, month.end);
  if (text[yue] !== '月' || month.value < 1 || month.value > 12) return yearOnly(text, year, nian);
  const afterMonth = yue + 1;
  const d0 = skipSpaces(text, afterMonth);
  const day = smallNumber(text, d0, false);
  const s = day ? skipSpaces(text, day.end) : -1;
  let end = -1;
  if (day && day.value >= 1) {
    if (text[s] !== undefined && DAY_SUFFIX.includes(text[s]!)) end = s + 1;
    else if (isSoftEnd(text[day.end]) || TIME_AFTER_DAY.test(text.slice(day.end, day.end + 6))) end = day.end;
  }
  if (!day || end < 0) return result(text, year.start, afterMonth, iso(year.value, month.value, 1), 'month');
  if (day.value > daysInMonth(year.value, month.value)) return null; // 2月30日: impossible, not a date
  return result(text, year.start, end, iso(year.value, month.value, day.value), 'day');
}

function result(text: string, start: number, end: number, date: string, precision: DatePrecision): ExtractedDate {
  return { date, start, end, text: text.slice(start, end), precision };
}

// ── numeric forms: 2016.4.26, 2016-04-26, 2016/4/26, 26/4/2016, 2010 01 29 ─────────────────────

const D = '[0-9０-９]';
const SEP = '[-./－．／]';
const NUMERIC = new RegExp(
  `(?<![0-9０-９A-Za-z.\\-/:－．／])(?:(${D}{1,4})\\s?(${SEP})\\s?(${D}{1,2})\\s?\\2\\s?(${D}{1,4})|(${D}{4}) (${D}{2}) (${D}{2}))(?!${D}|${SEP}${D})`,
  'g',
);

function toInt(s: string): number {
  let v = 0;
  for (let i = 0; i < s.length; i++) v = v * 10 + arabic(s.charCodeAt(i));
  return v;
}

function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y;
}

/**
 * Orders a numeric triple. Four-digit year first: y-m-d. Four-digit year last: d-m-y, or m-d-y
 * when the middle part cannot be a month (10/31/1974). All parts short (only with - or /, never
 * with dots, which number clauses like 6.3.1): a two-digit first part is the year (12-11-10),
 * a one-digit first part is the day (3-7-07); a last part above 31 is always the year.
 */
function orderTriple(a: string, b: string, c: string, sep: string): [number, number, number] | null {
  const [x, y, z] = [toInt(a), toInt(b), toInt(c)];
  if (a.length === 4) return b.length <= 2 && c.length <= 2 ? [x, y, z] : null;
  if (a.length === 3 || c.length === 3) return null;
  if (c.length === 4) return y > 12 ? [z, x, y] : [z, y, x];
  if (sep === '.' || sep === '．') return null;
  if (z > 31) return y > 12 ? [twoDigitYear(z), x, y] : [twoDigitYear(z), y, x];
  if (a.length === 2 && x > 0) return [twoDigitYear(x), y, z];
  return [twoDigitYear(z), y, x];
}

function numericDates(text: string, out: ExtractedDate[]): void {
  NUMERIC.lastIndex = 0;
  for (let m = NUMERIC.exec(text); m !== null; m = NUMERIC.exec(text)) {
    const triple = m[1] !== undefined ? orderTriple(m[1], m[3]!, m[4]!, m[2]!) : [toInt(m[5]!), toInt(m[6]!), toInt(m[7]!)] as [number, number, number];
    if (!triple) continue;
    const [y, mo, d] = triple;
    if (y < 1000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) continue;
    out.push(result(text, m.index, m.index + m[0].length, iso(y, mo, d), 'day'));
  }
}

// ── entry point ─────────────────────────────────────────────────────────────────────────────

/** Every absolute date in `text`, in order of appearance, without overlaps. */
export function extractDates(text: string): ExtractedDate[] {
  const out: ExtractedDate[] = [];
  let from = 0;
  for (let nian = text.indexOf('年', from); nian >= 0; nian = text.indexOf('年', from)) {
    const found = parseNianForm(text, nian);
    if (found && (out.length === 0 || found.start >= out[out.length - 1]!.end)) {
      out.push(found);
      from = Math.max(found.end, nian + 1);
    } else {
      from = nian + 1;
    }
  }
  const numeric: ExtractedDate[] = [];
  if (/[0-9０-９]/.test(text)) numericDates(text, numeric);
  if (numeric.length === 0) return out;
  // Both lists are in text order: merge them, dropping numeric matches that overlap a 年 form.
  const merged: ExtractedDate[] = [];
  let k = 0;
  for (const n of numeric) {
    while (k < out.length && out[k]!.end <= n.start) merged.push(out[k++]!);
    if (k < out.length && out[k]!.start < n.end) continue;
    merged.push(n);
  }
  while (k < out.length) merged.push(out[k++]!);
  return merged;
}

/** True for a real calendar date written YYYY-MM-DD (what records.doc_date holds). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * A document is not dated after next year nor before 1900: a year OCR misread (二〇一六 as
 * 二九一六, 2019 as 0219) would otherwise be offered as the 成文日期; without it the answer is
 * none, which a person fills in.
 */
export function plausibleDocDate(isoDay: string): boolean {
  const year = Number(isoDay.slice(0, 4));
  return year >= 1900 && year <= new Date().getFullYear() + 1;
}
