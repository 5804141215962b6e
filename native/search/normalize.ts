import { isCjk } from '../text/cjk.js';

/**
 * The one normalization shared by indexing, querying, verification and snippets, so that "what
 * matches" is simply: the normalized query term is a substring of the normalized text.
 *
 * - NFKC: full-width Latin, digits and punctuation become half-width (ＡＢＣ１２３，→ ABC123,),
 *   compatibility forms are unfolded (㈱ → (株)); applied per base character with its combining
 *   marks, which is what lets every output character point back at its source.
 * - Case folding: lower case after NFKC.
 * - Whitespace: a run of whitespace (spaces, U+3000, line breaks) touching a CJK character on
 *   either side is dropped (tesseract puts spaces between Chinese characters, and a word may be
 *   broken across lines); between two non-CJK characters it becomes one space, so Latin words
 *   stay apart. Leading and trailing whitespace is dropped. The CJK test runs on normalized
 *   characters, so a query typed with half-width punctuation agrees with full-width text.
 *
 * - Brackets: every opening bracket (〔【〖〘（［｛ ( [ {) becomes "(", every closing one ")".
 *   OCR reads the 〔〕 of a 文号 as 【】, [], () or a mix (京档发【2016] 12号), and typists use
 *   them interchangeably too; whitespace touching a bracket is dropped like whitespace touching
 *   a Chinese character, so "〔2016〕 12号" and "〔2016〕12号" agree. A run of brackets of one
 *   side folds to one (OCR doubles them: 郑档【2015]】9号 is 郑档〔2015〕9号); in the map the one
 *   bracket covers the whole run, so a highlight spans what was printed.
 *
 * NORMALIZER_VERSION is stored with the index: change it whenever this function's output
 * changes, so that an index built by an older version is rebuilt (reindexAll).
 */
export const NORMALIZER_VERSION = 3;

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`, the [start, end) range of the original it came from. */
  starts: Int32Array;
  ends: Int32Array;
}

function isWhitespaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const OPEN = 0x28; // (
const CLOSE = 0x29; // )

/** Bracket folding on a code point already through NFKC (so （［｛ arrive as ( [ {). */
function foldBracket(cp: number): number {
  switch (cp) {
    case 0x5b: case 0x7b: case 0x3014: case 0x3010: case 0x3016: case 0x3018: case 0xfe5d: return OPEN; // [ { 〔 【 〖 〘 ﹝
    case 0x5d: case 0x7d: case 0x3015: case 0x3011: case 0x3017: case 0x3019: case 0xfe5e: return CLOSE; // ] } 〕 】 〗 〙 ﹞
    default: return cp;
  }
}

/** Whitespace next to these is noise: CJK characters and (folded) brackets. */
function dropsSpace(cp: number): boolean {
  return cp === OPEN || cp === CLOSE || isCjkCode(cp);
}

/** CJK test on a normalized code point; the common ranges are answered without a regex. */
function isCjkCode(cp: number): boolean {
  if (cp < 0x80) return false;
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  return isCjk(String.fromCodePoint(cp));
}

const MARK = /\p{M}/u;

function isMarkCode(cp: number): boolean {
  if (cp < 0x300 || (cp >= 0x4e00 && cp <= 0x9fff)) return false;
  return MARK.test(String.fromCodePoint(cp));
}

class Builder {
  private text = '';
  private starts: number[] = [];
  private ends: number[] = [];
  /** Last emitted code point (0 when nothing was emitted yet). */
  private last = 0;
  private wsStart = -1;
  private wsEnd = -1;

  constructor(private readonly withMap: boolean) {}

  space(start: number, end: number): void {
    if (this.wsStart < 0) this.wsStart = start;
    this.wsEnd = end;
  }

  /** The pending whitespace before a character `next`: one space, or nothing (see above). */
  private flushSpace(next: number): void {
    if (this.wsStart < 0) return;
    if (this.last !== 0 && !dropsSpace(this.last) && !dropsSpace(next)) this.unit(0x20, this.wsStart, this.wsEnd);
    this.wsStart = -1;
  }

  /** Emits one normalized code point that came from original [start, end). */
  char(cp: number, start: number, end: number): void {
    if ((cp === OPEN || cp === CLOSE) && this.last === cp) {
      // The same folded bracket again: one bracket, covering the run.
      this.wsStart = -1;
      if (this.withMap) this.ends[this.ends.length - 1] = end;
      return;
    }
    this.flushSpace(cp);
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      this.unit(0xd800 + (v >> 10), start, end);
      this.unit(0xdc00 + (v & 0x3ff), start, end);
    } else {
      this.unit(cp, start, end);
    }
    this.last = cp;
  }

  /** Emits src[start, end) unchanged: BMP characters that normalize to themselves, no whitespace. */
  plain(src: string, start: number, end: number): void {
    this.flushSpace(src.charCodeAt(start));
    this.text += src.slice(start, end);
    if (this.withMap) {
      for (let k = start; k < end; k++) {
        this.starts.push(k);
        this.ends.push(k + 1);
      }
    }
    this.last = src.charCodeAt(end - 1);
  }

  private unit(code: number, start: number, end: number): void {
    this.text += String.fromCharCode(code);
    if (this.withMap) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  result(): NormalizedText {
    return { text: this.text, starts: Int32Array.from(this.starts), ends: Int32Array.from(this.ends) };
  }
}

/**
 * NFKC + lower case of one code point with no marks after it, remembered: OCR text is ~10 %
 * punctuation and other non-ideographs (，。、：“”《》), and String#normalize per character was
 * the largest cost of building a hit's snippet. Bounded: at most one entry per code point seen.
 */
const folded = new Map<number, string>();
function foldedCodePoint(cp: number): string {
  let out = folded.get(cp);
  if (out === undefined) {
    out = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    folded.set(cp, out);
  }
  return out;
}

/**
 * A run of characters that come out as they are: CJK unified ideographs, the Chinese
 * punctuation NFKC leaves alone (、。〈〉《》「」『』“”‘’—·) and printable ASCII other than upper
 * case and brackets (which fold). Most of a Chinese page is such runs, copied as one slice
 * instead of character by character.
 */
const PLAIN_RUN = /[\u4e00-\u9fff\u3001\u3002\u3008-\u300f\u2014\u2018\u2019\u201c\u201d\u00b7!-'*-@\\^-z|~]+/y;

function run(src: string, withMap: boolean): NormalizedText {
  const b = new Builder(withMap);
  let i = 0;
  const n = src.length;
  while (i < n) {
    PLAIN_RUN.lastIndex = i;
    if (PLAIN_RUN.test(src)) {
      let j = PLAIN_RUN.lastIndex;
      // A combining mark after the run belongs to its last character: that one takes the long way.
      if (j < n && isMarkCode(src.codePointAt(j)!)) j--;
      if (j > i) {
        b.plain(src, i, j);
        i = j;
        continue;
      }
    }
    const cp = src.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    // The fast paths are characters NFKC and lower-casing leave alone (or only lower-case).
    if (cp < 0x80) {
      if (isWhitespaceCode(cp)) b.space(i, i + 1);
      else b.char(cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : foldBracket(cp), i, i + 1);
      i += 1;
      continue;
    }
    let j = i + len;
    while (j < n) {
      const next = src.codePointAt(j)!;
      if (!isMarkCode(next)) break;
      j += next > 0xffff ? 2 : 1;
    }
    if (j === i + len && cp >= 0x4e00 && cp <= 0x9fff) {
      b.char(cp, i, j);
      i = j;
      continue;
    }
    const out = j === i + len ? foldedCodePoint(cp) : src.slice(i, j).normalize('NFKC').toLowerCase();
    for (const ch of out) {
      const c = ch.codePointAt(0)!;
      if (isWhitespaceCode(c)) b.space(i, j);
      else b.char(foldBracket(c), i, j);
    }
    i = j;
  }
  return b.result();
}

/** Normalized text only (indexing, queries, brute-force checks). */
export function normalizeText(src: string): string {
  return run(src, false).text;
}

/** Normalized text with the map back to the original (snippets, highlight boxes). */
export function normalizeWithMap(src: string): NormalizedText {
  return run(src, true);
}

/** Code points of a string (normalized text is handled per code point, not per UTF-16 unit). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    out.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}
