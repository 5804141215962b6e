/**
 * 发文字号 (GB/T 9704): 机关代字 + 〔year〕 + sequence + 号, e.g. 档发〔2016〕6号. OCR turns the
 * hexagonal brackets into [] 【】 () （） ［］ ﹝﹞ and scatters blanks; we accept those and emit
 * the normalized form with 〔〕, no blanks and no leading zeros in the sequence (GB/T 9704 says
 * the sequence has no 虚位: 1, not 01).
 */

export interface ExtractedDocNumber {
  /** Normalized, e.g. 档发〔2016〕6号. */
  value: string;
  /** 机关代字, e.g. 档发, 中办发. */
  agencyCode: string;
  year: number;
  serial: number;
  /** [start, end) UTF-16 offsets into the input. */
  start: number;
  end: number;
  /** The input text between start and end. */
  text: string;
}

const OPEN = '〔［[【（(﹝｛{〈<「〖';
const CLOSE = '〕］]】）)﹞｝}〉>」〗';
const D = '[0-9０-９]';
// Brackets (a run of up to three: OCR doubles them, 【2015]】), year and sequence: 〔2016〕6号, [ 2016 ] 第 6 号, （2O16）6号 is not accepted (a year must be digits).
const CORE = new RegExp(
  `[${escape(OPEN)}]{1,3}\\s{0,2}(${D}\\s?${D}\\s?${D}\\s?${D})\\s{0,2}[${escape(CLOSE)}]{1,3}\\s{0,2}第?\\s{0,2}(${D}(?:\\s?${D}){0,4})\\s{0,2}[号號]`,
  'g',
);

function escape(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}

/** CJK ideographs only: the agency code never contains punctuation or digits. */
function isHan(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 0x4e00 && c <= 0x9fff;
}

/**
 * Words that precede a quoted number in running text (按照国办发〔2014〕15号…) and are not part
 * of the agency code. Trimmed from the front of the code.
 */
const LEADING_WORDS = [
  '根据', '按照', '依据', '依照', '参照', '对照', '贯彻', '落实', '执行', '转发', '印发', '详见', '参见', '见', '即', '经', '据', '按', '和', '及', '与', '或', '将', '把', '以', '由', '在', '是', '为', '的', '了', '附件', '原', '同时', '并',
];

function digitsOf(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) out += ch;
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 0x30);
  }
  return out;
}

/** Agency code: the Han characters (single blanks allowed between them) just before the bracket. */
function agencyBefore(text: string, bracket: number): { code: string; start: number } | null {
  let i = bracket - 1;
  if (text[i] === ' ' || text[i] === '\u3000') i--;
  if (text[i] === ' ' || text[i] === '\u3000') i--;
  let code = '';
  let start = bracket;
  while (i >= 0 && code.length < 12 && isHan(text[i])) {
    code = text[i] + code;
    start = i;
    i--;
    if ((text[i] === ' ' || text[i] === '\u3000') && isHan(text[i - 1])) i--;
  }
  if (code.length === 0) return null;
  // Trim words of the surrounding sentence, longest first, as long as something remains.
  let trimmed = true;
  while (trimmed) {
    trimmed = false;
    for (const w of LEADING_WORDS) {
      if (code.length > w.length + 1 && code.startsWith(w)) {
        const cut = w.length;
        code = code.slice(cut);
        // move start past the cut characters (and any blank between them)
        let n = 0;
        while (n < cut) {
          if (isHan(text[start])) n++;
          start++;
          while (text[start] === ' ' || text[start] === '\u3000') start++;
        }
        trimmed = true;
        break;
      }
    }
  }
  if (code.length > 8) {
    // A long run means running text ran into the code: keep the tail that still looks like one.
    const cutTo = code.length - 8;
    let n = 0;
    while (n < cutTo) {
      if (isHan(text[start])) n++;
      start++;
      while (text[start] === ' ' || text[start] === '\u3000') start++;
    }
    code = code.slice(cutTo);
  }
  return { code, start };
}

/** Every document number in `text`, in order of appearance. */
export function extractDocNumbers(text: string): ExtractedDocNumber[] {
  const out: ExtractedDocNumber[] = [];
  CORE.lastIndex = 0;
  for (let m = CORE.exec(text); m !== null; m = CORE.exec(text)) {
    const agency = agencyBefore(text, m.index);
    if (!agency) continue;
    const year = Number(digitsOf(m[1]!));
    const serial = Number(digitsOf(m[2]!));
    if (year < 1900 || year > 2999 || serial < 1) continue;
    const end = m.index + m[0].length;
    out.push({
      value: `${agency.code}〔${year}〕${serial}号`,
      agencyCode: agency.code,
      year,
      serial,
      start: agency.start,
      end,
      text: text.slice(agency.start, end),
    });
  }
  return out;
}

/** Normalizes one document number typed or read by OCR; null when it is not one. */
export function normalizeDocNumber(s: string): string | null {
  const found = extractDocNumbers(s.trim());
  return found.length === 1 ? found[0]!.value : null;
}
