/**
 * 题名 and 责任者 from the first page. The title (标题) is the centred line or lines below the
 * document number, ending in the kind of document (…的通知, …的意见, …办法); it may wrap over
 * two or three lines, and web copies put it above the number. The creator is the issuing body:
 * the sign-off above the 成文日期, the red header (XX文件), or the body named at the start of
 * the title (国家档案局印发…的通知).
 */
import { isMarkLine } from './classification.js';
import { locateDocDate, type DocDateMatch } from './doc-date.js';
import { extractDocNumbers } from './doc-number.js';
import { misreadLetterEnd, readLetter, type LetterReading } from './letter.js';
import { compact, isOrgName } from './org.js';
import { endsWithDocType, firstTextPageLines, isAddressee, isDocNumberLine, isRedHeader, ownDocNumberIndex, pageSpan, placement, type Line } from './lines.js';
import type { BBox, PageText, Suggestion } from './types.js';

const SEARCH_LINES = 20;
const MAX_TITLE_LINE = 40;
const MAX_SINGLE_LINE = 90;

/** Lines of the header area that are never part of the title. */
function isHeaderLine(line: Line): boolean {
  const c = line.compact;
  return (
    isRedHeader(line) ||
    isDocNumberLine(line) ||
    /^[0-9０-９]{3,8}$/.test(c) || // 份号
    /^(特急|加急|特提|平急|急件)/.test(c) ||
    /^签发人/.test(c) ||
    isMarkLine(line)
  );
}

function isSentence(c: string): boolean {
  return /[。！？；!?;]$/.test(c) || /^(现将|根据|按照|为了|为|近日|经)/.test(c);
}

/** Joins wrapped lines: blanks between Chinese characters are OCR artefacts, between Latin words they are real. */
export function joinTitle(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/ ?([^ -~]) ?/g, '$1')
    .trim();
}

interface TitleBlock {
  lines: Line[];
  value: string;
  score: number;
  /** Ends in one character that is no 文种 (letter.ts: a misread 函). */
  misreadEnd: boolean;
}

function titleBlocks(lines: readonly Line[]): TitleBlock[] {
  const top = lines.slice(0, SEARCH_LINES);
  const headerEnd = top.reduce((last, l, i) => (isRedHeader(l) || isDocNumberLine(l) ? i : last), -1);
  const blocks: TitleBlock[] = [];
  for (let s = 0; s < top.length; s++) {
    const first = top[s]!;
    if (isAddressee(first)) break; // the title always comes before the addressee
    if (isHeaderLine(first) || isSentence(first.compact)) continue;
    const parts: Line[] = [];
    for (let e = s; e < Math.min(top.length, s + 3); e++) {
      const l = top[e]!;
      if (isHeaderLine(l) || isAddressee(l) || (e > s && isSentence(l.compact))) break;
      parts.push(l);
      const single = parts.length === 1;
      if (parts.some((p) => p.compact.length > (single ? MAX_SINGLE_LINE : MAX_TITLE_LINE))) break;
      const value = joinTitle(parts.map((p) => p.text));
      const c = compact(value);
      const named = endsWithDocType(c);
      const misreadEnd = !named && misreadLetterEnd(c);
      if ((!named && !misreadEnd) || /。/.test(value)) continue;
      let score = 1;
      if (headerEnd >= 0 && s === headerEnd + 1) score += 2;
      if (/关于/.test(value)) score += 1;
      if (parts.every((p) => placement(p) === 'center')) score += 1;
      const next = top[e + 1];
      if (next && isAddressee(next)) score += 1;
      blocks.push({ lines: [...parts], value, score, misreadEnd });
      break;
    }
  }
  return blocks;
}

function unionBox(lines: readonly Line[]): BBox | undefined {
  const boxes = lines.map((l) => l.bbox).filter((b): b is BBox => b !== undefined);
  if (boxes.length === 0 || boxes.length !== lines.length) return undefined;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

function spanOf(lines: readonly Line[], s: Suggestion): void {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const a = pageSpan(first, 0, first.text.length);
  const b = pageSpan(last, 0, last.text.length);
  if (a && b && first.pageNo === last.pageNo && b[1] > a[0]) {
    s.start = a[0];
    s.end = b[1];
  }
  const box = unionBox(lines);
  if (box) s.bbox = box;
}

function bestBlock(blocks: readonly TitleBlock[]): TitleBlock | null {
  return blocks.length === 0 ? null : blocks.reduce((a, b) => (b.score > a.score ? b : a));
}

/**
 * Whether the first page is a letter whose 函 OCR misread in the title or the 文号
 * (letter.ts), from the title and the own 文号 as read and the body's name as printed.
 */
export function letterReading(pages: readonly PageText[]): LetterReading {
  const lines = firstTextPageLines(pages);
  return letterOf(lines, titleBlocks(lines));
}

/** letterReading for the first page's lines and the title blocks found in them. */
function letterOf(lines: readonly Line[], blocks: readonly TitleBlock[]): LetterReading {
  const at = ownDocNumberIndex(lines);
  const own = lines[at];
  const best = bestBlock(blocks);
  if (!own || !best) return {};
  // The body's name: the 版头 above the number (杭州市档案馆, XX文件) and any line that is a name.
  const names = lines.filter((l, i) => (i < at && l.compact.length <= 32) || isOrgName(l.text) || isRedHeader(l)).map((l) => l.compact);
  return readLetter(best.value, extractDocNumbers(own.text)[0]!.agencyCode, names);
}

/** The title printed on the first page, or null. */
export function suggestTitle(pages: readonly PageText[]): Suggestion | null {
  const lines = firstTextPageLines(pages);
  const all = titleBlocks(lines);
  const letterTitle = all.some((b) => b.misreadEnd) ? letterOf(lines, all).title : undefined;
  // A title whose last character is no 文种 is one only when it is a letter's (its 函 misread).
  const best = bestBlock(all.filter((b) => !b.misreadEnd || letterTitle !== undefined));
  if (!best) return null;
  const s: Suggestion = {
    field: 'title',
    value: best.misreadEnd && letterTitle !== undefined ? letterTitle : best.value,
    pageNo: best.lines[0]!.pageNo,
    evidence: best.lines.map((l) => l.text.trim()).join(' / '),
    confidence: Math.min(0.9, Math.round((0.4 + 0.1 * best.score) * 100) / 100),
  };
  spanOf(best.lines, s);
  return s;
}

/** The issuing body named before 关于/印发/转发 at the start of a title. */
export function creatorFromTitle(title: string): string | null {
  const m = /^(.{2,40}?)(关于|印发|转发|批转)/.exec(compact(title));
  return m && isOrgName(m[1]!) ? m[1]! : null;
}

/** The issuing body: sign-off, red header or title, with agreement between them raising confidence. */
export function suggestCreator(pages: readonly PageText[], signOff: DocDateMatch | null = locateDocDate(pages)): Suggestion | null {
  const lines = firstTextPageLines(pages);
  const header = lines.slice(0, 6).find((l) => isRedHeader(l));
  const headerName = header ? header.compact.slice(0, -2) : null;
  const title = suggestTitle(pages);
  const fromTitle = title ? creatorFromTitle(title.value) : null;
  const signed = signOff && signOff.issuer.length > 0 ? signOff.issuer : null;
  const signedName = signed ? signed.map((l) => compact(l.text)).join('、') : null;
  const agree = (a: string | null, b: string | null): boolean => a !== null && b !== null && (a === b || a.includes(b) || b.includes(a));

  let value: string;
  let evidenceLines: Line[];
  let confidence: number;
  if (signedName && signed) {
    value = signedName;
    evidenceLines = signed;
    confidence = agree(signedName, headerName) || agree(signedName, fromTitle) ? 0.9 : 0.7;
  } else if (headerName && header) {
    value = headerName;
    evidenceLines = [header];
    confidence = agree(headerName, fromTitle) ? 0.85 : 0.7;
  } else if (fromTitle && title) {
    const s: Suggestion = { field: 'creator', value: fromTitle, pageNo: title.pageNo, evidence: title.evidence, confidence: 0.55 };
    if (title.bbox) s.bbox = title.bbox;
    return s;
  } else {
    return null;
  }
  const s: Suggestion = {
    field: 'creator',
    value,
    pageNo: evidenceLines[0]!.pageNo,
    evidence: evidenceLines.map((l) => l.text.trim()).join(' / '),
    confidence,
  };
  spanOf(evidenceLines, s);
  return s;
}
