/**
 * 函 (a letter) told by the document's structure where OCR misread the glyph. The shipped
 * chi_sim model reads 函 in a Song face as 本, 画, 丁, 酌, 丽… at every text size, with or
 * without a character whitelist, both in the 文号 (杭档函〔2020〕45号 → 杭档本〔2020〕45号) and
 * at the end of the title (…的函 → …的画). Two closed vocabularies make the correction safe:
 * - the 文种 a title ends with (DOC_TYPES): after 关于…的 the only one-character 文种 is 函
 *   (令 is not written 关于…的令), so a 关于…的 title ending in one other character is a
 *   letter whose last glyph was misread;
 * - the 机关代字 of a 文号 is an abbreviation of the issuing body's name, often followed by one
 *   character for the kind of document (发, 函, 字, 办…). A last character that is neither in
 *   the body's name (as printed on the page) nor such a kind character is a misread.
 * A 文号 is corrected only when both say so: the title names a letter (read right, or misread
 * as above) and the code's last character is unexplained.
 */
import { DOC_TYPES, TRAILING_CLOSERS } from './lines.js';
import { compact } from './org.js';

const LETTER = '函';

/** Characters that close a 机关代字 for the kind of document (国办发, 杭档函, 郑档字, 京政办). */
const KIND_CHARS = new Set(Array.from('发函字办电复报通呈令文'));

/** 关于…的X, X one Han character found in no 文种 (so neither one read whole nor one cut short: …的通). */
export function misreadLetterEnd(compactTitle: string): boolean {
  const m = /^(?:.{0,40}?)关于.{2,}的([\u4e00-\u9fff])$/u.exec(compactTitle);
  if (!m) return false;
  const last = m[1]!;
  return !DOC_TYPES.some((t) => t.includes(last));
}

/**
 * The 机关代字 with a misread last character made 函, or null when its last character is
 * explained. `names`: the issuing body's name(s) as printed on the page (版头, 落款).
 */
function letterAgencyCode(agencyCode: string, names: readonly string[]): string | null {
  const chars = Array.from(agencyCode);
  if (chars.length < 2) return null;
  const last = chars[chars.length - 1]!;
  if (KIND_CHARS.has(last) || names.some((n) => n.includes(last))) return null;
  return chars.slice(0, -1).join('') + LETTER;
}

export interface LetterReading {
  /** The 机关代字 to suggest, when the one read ends in a misread 函. */
  agencyCode?: string;
  /** The title to suggest, when the one read ends in a misread 函. */
  title?: string;
}

/**
 * Whether title and 文号 as read make the document a letter, and what each should say then.
 * `title`: the title as read (null: none); `agencyCode`: the 文号's 机关代字 as read.
 */
export function readLetter(title: string | null, agencyCode: string | null, names: readonly string[]): LetterReading {
  if (title === null || agencyCode === null) return {};
  const c = compact(title).replace(TRAILING_CLOSERS, '');
  const fixedCode = letterAgencyCode(agencyCode, names);
  const misreadTitle = !c.endsWith(LETTER) && misreadLetterEnd(c);
  // A title read as …的函 and a code ending in an unexplained character; or a title ending in a
  // misread character and a code that ends in 函 or in an unexplained character too.
  const letter = (c.endsWith(LETTER) && fixedCode !== null) || (misreadTitle && (agencyCode.endsWith(LETTER) || fixedCode !== null));
  if (!letter) return {};
  return {
    ...(fixedCode !== null ? { agencyCode: fixedCode } : {}),
    ...(misreadTitle ? { title: withLastCharacter(title, LETTER) } : {}),
  };
}

/** The title with the character before its closing quotes and brackets replaced by `ch`. */
function withLastCharacter(title: string, ch: string): string {
  const end = title.replace(TRAILING_CLOSERS, '').length;
  return title.slice(0, end - 1) + ch + title.slice(end);
}
