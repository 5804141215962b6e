/**
 * The pages of one record as a flat list of non-empty lines, with their page, offsets in the
 * page text and (when OCR gave them) boxes; plus the few layout facts of a GB/T 9704 document
 * the extractors share: where the record's own document ends (a forwarding notice is often
 * followed by the forwarded document with its own header and sign-off), addressee lines and
 * title lines.
 */
import { extractDocNumbers } from './doc-number.js';
import { compact, isOrgName } from './org.js';
import type { BBox, PageText } from './types.js';

export interface Line {
  pageNo: number;
  /** Index among the non-empty lines of all pages. */
  index: number;
  /** Index among the non-empty lines of its page. */
  lineNo: number;
  text: string;
  /** Text without blanks. */
  compact: string;
  /** Offset of the line in its page's text, or -1 when it cannot be found. */
  start: number;
  /**
   * For a row rebuilt from several OCR lines: where each piece sits in `text` and in the page
   * text (pageStart -1 when unknown). Use pageOffset() instead of reading this.
   */
  segments?: Segment[];
  bbox?: BBox;
  pageWidth?: number;
  pageHeight?: number;
}

export interface Segment {
  rowStart: number;
  pageStart: number;
  length: number;
}

interface Piece {
  text: string;
  bbox: BBox;
  start: number;
}

export function pageLines(page: PageText, firstIndex = 0): Line[] {
  const out: Line[] = [];
  const width = page.width ?? maxRight(page);
  if (page.lines && page.lines.length > 0) {
    let cursor = 0;
    const pieces: Piece[] = [];
    for (const l of page.lines) {
      let start = l.start ?? page.text.indexOf(l.text, cursor);
      if (start < 0) start = page.text.indexOf(l.text);
      if (start >= 0) cursor = start + l.text.length;
      if (compact(l.text) !== '') pieces.push({ text: l.text, bbox: l.bbox, start });
    }
    for (const row of visualRows(pieces)) pushRow(out, page, row, firstIndex, width);
    return out;
  }
  let offset = 0;
  for (const raw of page.text.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    push(out, page, text, offset, firstIndex, undefined, width);
    offset += raw.length + 1;
  }
  return out;
}

/**
 * tesseract often splits one printed row into several "lines" in different blocks (a date
 * broken after 二〇, a document number after "[2"), and lists blocks out of visual order.
 * Pieces whose boxes overlap vertically by half their height are one row; rows go top to
 * bottom, pieces in a row left to right. A wide gap is kept as four blanks (the 1999 header
 * puts 份号 and mark on one row; the imprint puts body and print date on one row).
 */
function visualRows(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  const rows: { y0: number; y1: number; pieces: Piece[] }[] = [];
  for (const p of sorted) {
    const row = rows[rows.length - 1];
    const h = p.bbox[3] - p.bbox[1];
    if (row) {
      const overlap = Math.min(row.y1, p.bbox[3]) - Math.max(row.y0, p.bbox[1]);
      if (overlap >= 0.5 * Math.min(h, row.y1 - row.y0)) {
        row.pieces.push(p);
        row.y0 = Math.min(row.y0, p.bbox[1]);
        row.y1 = Math.max(row.y1, p.bbox[3]);
        continue;
      }
    }
    rows.push({ y0: p.bbox[1], y1: p.bbox[3], pieces: [p] });
  }
  return rows.map((r) => r.pieces.sort((a, b) => a.bbox[0] - b.bbox[0]));
}

function pushRow(out: Line[], page: PageText, row: Piece[], firstIndex: number, width: number | undefined): void {
  if (row.length === 1) {
    push(out, page, row[0]!.text, row[0]!.start, firstIndex, row[0]!.bbox, width);
    return;
  }
  const height = Math.max(...row.map((p) => p.bbox[3] - p.bbox[1]));
  let text = '';
  const segments: Segment[] = [];
  row.forEach((p, i) => {
    if (i > 0) text += p.bbox[0] - row[i - 1]!.bbox[2] > 1.5 * height ? '    ' : ' ';
    segments.push({ rowStart: text.length, pageStart: p.start, length: p.text.length });
    text += p.text;
  });
  const box: BBox = [Math.min(...row.map((p) => p.bbox[0])), Math.min(...row.map((p) => p.bbox[1])), Math.max(...row.map((p) => p.bbox[2])), Math.max(...row.map((p) => p.bbox[3]))];
  push(out, page, text, row[0]!.start, firstIndex, box, width);
  out[out.length - 1]!.segments = segments;
}

/** Offset in the page text of position i of the line's text; -1 when unknown. */
export function pageOffset(line: Line, i: number): number {
  if (!line.segments) return line.start < 0 ? -1 : line.start + i;
  for (const seg of line.segments) {
    if (i < seg.rowStart) return seg.pageStart; // inside a gap: the next piece's start
    if (i < seg.rowStart + seg.length) return seg.pageStart < 0 ? -1 : seg.pageStart + (i - seg.rowStart);
  }
  const last = line.segments[line.segments.length - 1]!;
  return last.pageStart < 0 ? -1 : last.pageStart + last.length;
}

/** [start, end) in the page text of [from, to) in the line's text, or null when unknown. */
export function pageSpan(line: Line, from: number, to: number): [number, number] | null {
  const a = pageOffset(line, from);
  const b = to > from ? pageOffset(line, to - 1) + 1 : a;
  return a >= 0 && b > a ? [a, b] : null;
}

function push(out: Line[], page: PageText, text: string, start: number, firstIndex: number, bbox: BBox | undefined, width: number | undefined): void {
  const c = compact(text);
  if (c.length === 0) return;
  const line: Line = { pageNo: page.pageNo, index: firstIndex + out.length, lineNo: out.length, text, compact: c, start };
  if (bbox) line.bbox = bbox;
  if (width !== undefined) line.pageWidth = width;
  if (page.height !== undefined) line.pageHeight = page.height;
  out.push(line);
}

function maxRight(page: PageText): number | undefined {
  if (!page.lines || page.lines.length === 0) return undefined;
  return Math.max(...page.lines.map((l) => l.bbox[2]));
}

export function documentLines(pages: readonly PageText[]): Line[] {
  const out: Line[] = [];
  for (const page of [...pages].sort((a, b) => a.pageNo - b.pageNo)) out.push(...pageLines(page, out.length));
  return out;
}

/** Horizontal placement from the box; undefined without boxes. */
export function placement(line: Line): 'left' | 'center' | 'right' | undefined {
  if (!line.bbox || !line.pageWidth) return undefined;
  const [x0, , x1] = line.bbox;
  const w = line.pageWidth;
  const mid = (x0 + x1) / 2 / w;
  if (x0 / w > 0.45 && mid > 0.6) return 'right';
  if (Math.abs(mid - 0.5) < 0.08 && (x1 - x0) / w < 0.85) return 'center';
  return 'left';
}

// ── line kinds ──────────────────────────────────────────────────────────────────────────────

/** 文种: the kind of document a title ends with (GB/T 9704, 党政机关公文处理工作条例, and common others). */
export const DOC_TYPES = [
  '通知', '意见', '决定', '办法', '规定', '报告', '批复', '函', '请示', '通报', '公告', '通告', '纪要', '方案', '规划', '细则',
  '条例', '章程', '命令', '令', '议案', '决议', '公报', '指示', '答复', '复函', '计划', '总结', '讲话', '要点', '制度', '规范',
  '准则', '规则', '安排', '实施意见', '指导意见', '工作要点', '说明', '协议', '合同', '目录', '守则', '标准',
];

/** Closing quotes, brackets and blanks a title may end with after its 文种. */
export const TRAILING_CLOSERS = /[》〉」』）)”"\s]+$/;

/** Does the (joined) text end like a title: …的通知, …管理细则》的通知, …意见? */
export function endsWithDocType(c: string): boolean {
  const s = c.replace(TRAILING_CLOSERS, '');
  return DOC_TYPES.some((t) => s.endsWith(t));
}

/** 主送机关 line: ends with a colon (各省、自治区…：). */
export function isAddressee(line: Line): boolean {
  return /[：:]$/.test(line.compact) && !/^(附件|抄送|抄报|联系人|签发人)/.test(line.compact);
}

/** Red header 版头: 国家档案局文件, 中共辽宁省委办公厅文件. */
export function isRedHeader(line: Line): boolean {
  const c = line.compact;
  return c.length <= 32 && c.endsWith('文件') && isOrgName(c.slice(0, -2));
}

/** A line that is just the document number (optionally with 签发人 in 1999-style up-going documents). */
export function isDocNumberLine(line: Line): boolean {
  const nums = extractDocNumbers(line.text);
  if (nums.length !== 1) return false;
  const rest = compact(line.text.slice(0, nums[0]!.start) + line.text.slice(nums[0]!.end));
  return rest === '' || /^签发人[：:]/.test(rest) || /^[0-9]{3,6}$/.test(rest);
}

/** Lines of the first page where the record's own 文号 stands (under the red header, beside 签发人). */
const OWN_NUMBER_LINES = 12;

/**
 * The record's own document number line: one of its own near the top of the first page.
 * Numbers quoted in the body (…的通知》（辽委办发〔2015〕14号）) refer to other documents.
 */
export function ownDocNumberLine(pages: readonly PageText[]): Line | null {
  const lines = firstTextPageLines(pages);
  return lines[ownDocNumberIndex(lines)] ?? null;
}

/** The lines of the first page (in page order) that has any: where the header and title stand. */
export function firstTextPageLines(pages: readonly PageText[]): Line[] {
  for (const p of [...pages].sort((a, b) => a.pageNo - b.pageNo)) {
    const lines = pageLines(p);
    if (lines.length > 0) return lines;
  }
  return [];
}

/** Where in the first page's lines the own document number line is, or -1. */
export function ownDocNumberIndex(lines: readonly Line[]): number {
  return lines.slice(0, OWN_NUMBER_LINES).findIndex((l) => isDocNumberLine(l));
}

/** 版记 lines at the very end: 抄送, 印发 line, 共印N份. */
export function isImprintLine(line: Line): boolean {
  return /^(抄送|抄报|分送|发送)[：:]/.test(line.compact) || /印发$/.test(line.compact) || /^[（(]?共印\d+份[）)]?$/.test(line.compact);
}

function isSentenceEnd(c: string): boolean {
  return /[。！？；!?;]$/.test(c);
}

/** Characters of own text (header, title, body) before a title block can start an embedded document. */
const EMBEDDED_TITLE_AFTER = 100;

/**
 * Index (into `lines`) where the record's own document ends: the start of the first embedded
 * document (a red header, a standalone document number, or a title block followed by an
 * addressee) that comes after the own document's body. lines.length when there is none.
 */
export function ownDocumentEnd(lines: readonly Line[]): number {
  let sawAddressee = false;
  let bodyAfterAddressee = 0;
  let body = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const hasBody = (sawAddressee && bodyAfterAddressee >= 20) || body >= 300;
    if (hasBody && (isRedHeader(line) || isDocNumberLine(line))) return k;
    // A title block with its own addressee after some body is an embedded document even when
    // OCR lost the own addressee's colon (so the body is not known to have begun): a forwarding
    // notice's body is often one short paragraph.
    if ((hasBody || body >= EMBEDDED_TITLE_AFTER) && titleBlockBeforeAddressee(lines, k)) return k;
    if (isAddressee(line) && !sawAddressee) {
      sawAddressee = true;
      continue;
    }
    body += line.compact.length;
    if (sawAddressee) bodyAfterAddressee += line.compact.length;
  }
  return lines.length;
}

/** Lines k.. (1–3 of them) form a title ending in a 文种 and the next line is an addressee. */
function titleBlockBeforeAddressee(lines: readonly Line[], k: number): boolean {
  const first = lines[k]!;
  if (isSentenceEnd(first.compact) || first.compact.length > 60) return false;
  let joined = '';
  for (let j = k; j < Math.min(lines.length - 1, k + 3); j++) {
    const l = lines[j]!;
    if (isSentenceEnd(l.compact) || isAddressee(l)) return false;
    joined += l.compact;
    if (endsWithDocType(joined)) return isAddressee(lines[j + 1]!);
  }
  return false;
}
