/**
 * 密级和保密期限 (GB/T 9704): `秘密★10年`, `机密★2030年12月31日`, `绝密★长期`, or the level
 * alone (then the statutory maximum applies: 绝密 30, 机密 20, 秘密 10 years). Printed at the
 * top-left of page 1 since 2012, at the top-right in 1999-style documents, so only the first
 * lines of page 1 are read, on both sides. OCR renders ★ as ☆ * ※ ✱ × and the like.
 *
 * 内部 / 国内 are not state-secret levels: they are reported as { level: 'internal' } so the
 * archivist sees them, but they never trigger the 涉密 hold.
 *
 * False positives matter here as much as misses (a false 涉密 hold blocks a record until the
 * security officer clears it), so a level word only counts at the start of a short line
 * segment in the top lines, never inside a sentence such as "保守国家秘密" or "工作秘密".
 */
import { extractDates } from '../text/dates.js';
import { compact } from './org.js';
import { pageLines, placement, type Line } from './lines.js';
import type { BBox, PageText } from './types.js';

export type SecretLevel = 'secret' | 'confidential' | 'top_secret';

export interface SecretMark {
  level: SecretLevel;
  /** As printed, normalized: '10年', '6个月', '2030年12月31日', '长期', or '' when only the level is printed. */
  period: string;
  /** The printed mark as read. */
  text: string;
  bbox?: BBox;
  pageNo?: number;
}

export interface InternalMark {
  level: 'internal';
  text?: string;
  bbox?: BBox;
  pageNo?: number;
}

export type ClassificationMark = SecretMark | InternalMark;

const LEVELS: Record<string, SecretLevel> = { 绝密: 'top_secret', 机密: 'confidential', 秘密: 'secret' };
export const LEVEL_NAMES: Record<SecretLevel, string> = { top_secret: '绝密', confidential: '机密', secret: '秘密' };
/** 保守国家秘密法: the longest period of each level, which applies when none is printed. */
export const DEFAULT_PERIOD_YEARS: Record<SecretLevel, number> = { top_secret: 30, confidential: 20, secret: 10 };

/** How OCR reads ★ (and what typists use instead). */
const STAR = '★☆*＊※✱✲✳✴✵✶✷✸✹✺✩✪✫✬✭✮✯⭐×xX✕✖•●·';
/** How many non-empty lines at the top of page 1 may hold the mark (份号, mark, 紧急程度, header…). */
const TOP_LINES = 6;

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnSmall(s: string): number | null {
  if (/^[0-9０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? CN_NUM[m[1]]! : null;
  return (m[1] ? CN_NUM[m[1]]! : 1) * 10 + (m[3] ? CN_NUM[m[3]]! : 0);
}

/** Normalizes the period after the star; null when the text is not a period. */
function parsePeriod(s: string): string | null {
  const c = compact(s);
  if (c === '') return '';
  if (/^(长期|永久)$/.test(c)) return c;
  if (/^[\u4e00-\u9fff]{1,8}前$/.test(c)) return c; // 绝密★启用前 (examination papers), 秘密★公布前
  const years = /^([0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})年$/.exec(c);
  if (years) {
    const n = cnSmall(years[1]!);
    return n && n <= 30 ? `${n}年` : null;
  }
  const months = /^([0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})个?月$/.exec(c);
  if (months) {
    const n = cnSmall(months[1]!);
    return n && n <= 36 ? `${n}个月` : null;
  }
  const dates = extractDates(c);
  if (dates.length === 1 && dates[0]!.precision === 'day' && dates[0]!.text === c) {
    const [y, m, d] = dates[0]!.date.split('-').map(Number) as [number, number, number];
    return `${y}年${m}月${d}日`;
  }
  return null;
}

/**
 * Finds a level word at the start of the line or of a blank-separated segment (1999 style puts
 * 份号 on the left and the mark on the right of the same line). Returns the mark or null.
 */
function markInLine(line: Line): SecretMark | null {
  const parts = line.text.split(/[\s\u3000]{2,}/).map((s) => s.trim()).filter((s) => s.length > 0);
  const segments = parts.length > 1 ? [line.text.trim(), ...parts] : parts;
  for (const segment of segments) {
    const c = compact(segment).replace(/^[0-9０-９]{3,8}(?=[绝机秘])/, ''); // 份号 printed before the mark
    const m = /^(密级[：:])?(绝密|机密|秘密)(.*)$/.exec(c);
    if (!m) continue;
    let tail = m[3]!;
    let starred = false;
    if (tail.length > 0 && STAR.includes(tail[0]!)) {
      tail = tail.slice(1);
      starred = true;
    } else if (tail.length >= 2 && !/[0-9０-９年月]/.test(tail[0]!)) {
      // OCR reads a bold ★ as some other glyph (女, 文, 娘 …): accept it only when a period of
      // years, months, a date or 长期 follows, never the free-form "…前" kind.
      const period = parsePeriod(tail.slice(1));
      if (period && !period.endsWith('前')) {
        tail = tail.slice(1);
        starred = true;
      }
    }
    const period = parsePeriod(tail);
    if (period === null) continue;
    if (!starred && period !== '') continue; // "秘密10年" without the star: too weak
    const at = segment.search(/[绝机秘]\s?密/);
    return { level: LEVELS[m[2]!]!, period, text: (at > 0 && !m[1] ? segment.slice(at) : segment).trim() };
  }
  return null;
}

const INTERNAL = /^(内部|国内)(资料|文件|刊物|使用|发行|参考|[★☆*＊]|[（(]?注意保存[）)]?)*$/;

function internalInLine(line: Line): InternalMark | null {
  for (const segment of line.text.split(/[\s\u3000]{2,}/)) {
    const c = compact(segment).replace(/^[0-9０-９]{3,8}/, '');
    if (c.length > 0 && INTERNAL.test(c)) return { level: 'internal', text: segment.trim() };
  }
  return null;
}

function withPlace<T extends SecretMark | InternalMark>(mark: T, line: Line): T {
  if (line.bbox) mark.bbox = line.bbox;
  mark.pageNo = line.pageNo;
  return mark;
}

/** Lines that may hold the mark: the first lines of the page, and with boxes only the top part. */
function topLines(page: PageText): Line[] {
  const lines = pageLines(page).slice(0, TOP_LINES);
  if (!page.height) return lines;
  const h = page.height;
  return lines.filter((l) => !l.bbox || l.bbox[1] < 0.3 * h);
}

/**
 * The classification mark of a document from its first page, or null. A state-secret mark
 * wins over 内部; with boxes, marks on either side of the page are accepted, centred text is
 * not (a centred "秘密" is a heading, not a mark).
 */
export function detectClassificationMark(firstPage: PageText): ClassificationMark | null {
  let internal: InternalMark | null = null;
  for (const line of topLines(firstPage)) {
    if (line.compact.length > 40) continue;
    if (placement(line) === 'center' && line.compact.length <= 4) continue;
    const mark = markInLine(line);
    if (mark) return withPlace(mark, line);
    if (!internal) {
      const found = internalInLine(line);
      if (found) internal = withPlace(found, line);
    }
  }
  return internal;
}

/** Does this line hold a classification mark (state secret or 内部/国内)? */
export function isMarkLine(line: Line): boolean {
  return markInLine(line) !== null || internalInLine(line) !== null;
}

export function isSecretMark(mark: ClassificationMark | null): mark is SecretMark {
  return mark !== null && mark.level !== 'internal';
}

/** The period that applies: the printed one, else the statutory maximum of the level. */
export function effectivePeriod(mark: SecretMark): string {
  return mark.period !== '' ? mark.period : `${DEFAULT_PERIOD_YEARS[mark.level]}年`;
}

/** The normalized printed form used as a suggestion value: 秘密★10年, 机密, 内部. */
export function markValue(mark: ClassificationMark): string {
  if (mark.level === 'internal') return '内部';
  return mark.period === '' ? LEVEL_NAMES[mark.level] : `${LEVEL_NAMES[mark.level]}★${mark.period}`;
}

/** Reads a suggestion value (markValue's output, or a typed mark) back; null when it is none. */
export function parseMarkValue(value: string): ClassificationMark | null {
  const c = compact(value);
  if (INTERNAL.test(c)) return { level: 'internal', text: value };
  return markInLine({ pageNo: 1, index: 0, lineNo: 0, text: value, compact: c, start: 0 });
}
