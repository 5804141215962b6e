/**
 * 成文日期: the document's own date. In GB/T 9704 layouts it is its own line under the issuing
 * body in the sign-off (落款), right-aligned (空四字), often under the seal (压年盖月); speeches,
 * minutes and resolutions carry it in parentheses under the title instead. Every other date is
 * not it:
 * - dates inside sentences (自2016年1月1日起施行, 会议于2017年7月12日召开);
 * - the print date of the imprint (版记) at the very bottom: "XX办公室 2016年4月27日印发";
 * - sign-offs of documents embedded after the record's own one (a forwarding notice followed
 *   by the forwarded document): only the own document (lines.ts ownDocumentEnd) is searched.
 * When the own document shows no 成文日期 (a web copy, an illegible scan) the answer is null:
 * a print date is never offered in its place.
 *
 * Candidates are dates that stand on a line of their own (or beside the issuing body). They are
 * scored on the layout: alignment against the page's text block, the issuing body's line above
 * or below, the seal, the position after the body; and lose points for the shapes of running
 * text (a preposition before the date, a continuation after it, a label, left alignment, the
 * header zone, the imprint's row shape). The punctuation at the end of the line above does not
 * count: on real scans the body is often cut there by the page break or by the seal, so it
 * says nothing about the date. Each cue is kept so the suggestion can say what placed it.
 */
import { msg, type Message } from '../i18n/messages.js';
import { extractDates, type ExtractedDate, plausibleDocDate } from '../text/dates.js';
import { extractMessages as M } from './messages.js';
import { compact, isOrgName } from './org.js';
import { documentLines, endsWithDocType, isAddressee, isImprintLine, ownDocumentEnd, pageSpan, type Line } from './lines.js';
import type { BBox, PageText, Suggestion } from './types.js';

export type DocDateCue =
  | 'standalone' | 'issuerSameLine' | 'headerDate' | 'issuerAbove' | 'issuerBelow' | 'issuerGarbled' | 'sealText' | 'sealBox'
  | 'right' | 'left' | 'lowerPage' | 'publishNote' | 'headerZone' | 'sentence' | 'label' | 'imprintRow' | 'noise';

export interface DocDateMatch {
  /** Offsets into the page text; undefined offsets when the line could not be placed in it. */
  date: ExtractedDate;
  offsetsKnown: boolean;
  line: Line;
  /** Sign-off lines next to the date naming the issuing body (empty for header dates). */
  issuer: Line[];
  kind: 'signoff' | 'header';
  score: number;
  /** What added (positive) or took off (negative) points, in the order they were found. */
  cues: { cue: DocDateCue; points: number }[];
}

const MIN_SCORE = 3;
const HEADER_REGION = 12;

/** Weights of the cues. Layout cues weigh as much as the issuing body's line. */
const POINTS: Record<DocDateCue, number> = {
  standalone: 3,
  issuerSameLine: 5,
  headerDate: 2,
  issuerAbove: 2,
  issuerBelow: 2,
  issuerGarbled: 1,
  sealText: 1,
  sealBox: 1,
  right: 2,
  left: -2,
  lowerPage: 1,
  publishNote: 1,
  headerZone: -3,
  sentence: -5,
  label: -2,
  imprintRow: -5,
  noise: -1,
};

const CUE_MESSAGES: Record<DocDateCue, Message> = {
  standalone: M.cueStandalone,
  issuerSameLine: M.cueIssuerSameLine,
  headerDate: M.cueHeaderDate,
  issuerAbove: M.cueIssuerAbove,
  issuerBelow: M.cueIssuerBelow,
  issuerGarbled: M.cueIssuerGarbled,
  sealText: M.cueSealText,
  sealBox: M.cueSealBox,
  right: M.cueRight,
  left: M.cueLeft,
  lowerPage: M.cueLowerPage,
  publishNote: M.cuePublishNote,
  headerZone: M.cueHeaderZone,
  sentence: M.cueSentence,
  label: M.cueLabel,
  imprintRow: M.cueImprintRow,
  noise: M.cueNoise,
};

/** Words that end a clause whose object is the date (会议于 / 自 / 截至 / 定于 …). */
const BEFORE_IN_SENTENCE = /(于|在|自|从|由|截至|截止|至|到|为|是|的|和|与|及|或|前|后|将|拟|已|即|止|以|按|对|经|同年|当年)$/;
/** Words that carry a sentence on after the date (…起施行, …前报送, …召开). */
const AFTER_IN_SENTENCE = /^(起|前|后|以前|以后|以来|之前|之后|止|为止|至|到|在|的|召开|举行|开始|期间|生效|施行|实施|执行|发布|通过|报送|完成|，|,|、|；|;)/;
/** Han characters that are words of a sentence around a date, never seal or scan noise. */
const SENTENCE_HAN = /[自于在起至前后止以截到从的为召开施行发布印通过日月年号]/;

/** Is the date the print date of the imprint? */
function isPrintDate(line: Line, date: ExtractedDate, next: Line | undefined): boolean {
  const after = compact(line.text.slice(date.end));
  return /^印(发|制)?/.test(after) || /印发$/.test(line.compact) || (next !== undefined && /^印发/.test(next.compact));
}

/** The line without the date (date offsets are relative to the line here). */
function rest(line: Line, date: ExtractedDate): string {
  return compact(line.text.slice(0, date.start) + line.text.slice(date.end));
}

/** The Han characters of a line, for reading an issuing body through seal noise. */
function hanOnly(s: string): string {
  return s.replace(/[^\u4e00-\u9fff]/g, '');
}

/** An issuing body's line misread under the seal: a short line whose Han characters still name one. */
function isGarbledIssuer(line: Line): boolean {
  return !isOrgName(line.text) && line.compact.length <= 24 && isOrgName(hanOnly(line.compact));
}

/** The text block of one page: left and right margins of its long lines, and a line height. */
interface Block {
  left: number;
  right: number;
  lineHeight: number;
  width: number;
  height: number | undefined;
  /** Bottom of the lowest line that reads like body text (long, or ending a sentence). */
  bodyBottom: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Rows that show where the text block's margins are: long rows of running text. */
function isFullRow(l: Line): boolean {
  return l.compact.length >= 16 && extractDates(l.text).every((d) => d.end - d.start < l.text.trim().length - 4);
}

function pageBlocks(lines: readonly Line[], end: number): Map<number, Block> {
  const byPage = new Map<number, Line[]>();
  for (const l of lines.slice(0, end)) {
    if (!l.bbox || !l.pageWidth) continue;
    const list = byPage.get(l.pageNo) ?? [];
    list.push(l);
    byPage.set(l.pageNo, list);
  }
  const margins = new Map<number, [number, number]>();
  for (const [pageNo, list] of byPage) {
    const boxes = list.filter(isFullRow).map((l) => l.bbox!);
    if (boxes.length >= 2) margins.set(pageNo, [Math.min(...boxes.map((b) => b[0])), Math.max(...boxes.map((b) => b[2]))]);
  }
  const out = new Map<number, Block>();
  for (const [pageNo, list] of byPage) {
    const width = list[0]!.pageWidth!;
    // A page with too little running text (the sign-off alone on the last page) takes the
    // margins of the nearest page that has some, else the GB/T 9704 type area: 28 mm from the
    // left edge and 26 mm from the right of a 210 mm page.
    const nearest = [...margins.keys()].sort((a, b) => Math.abs(a - pageNo) - Math.abs(b - pageNo))[0];
    const [left, right] = margins.get(pageNo) ?? (nearest !== undefined ? margins.get(nearest)! : [width * 0.133, width * 0.876]);
    const body = list.filter((l) => l.compact.length >= 20 || /[。；！？]$/.test(l.compact));
    out.set(pageNo, {
      left,
      right,
      lineHeight: Math.max(1, median(list.map((l) => l.bbox![3] - l.bbox![1]))),
      width,
      height: list[0]!.pageHeight,
      bodyBottom: body.length > 0 ? Math.max(...body.map((l) => l.bbox![3])) : -1,
    });
  }
  return out;
}

function overlaps(a: BBox, b: BBox, margin: number): boolean {
  return a[0] - margin < b[2] && b[0] - margin < a[2] && a[1] - margin < b[3] && b[1] - margin < a[3];
}

interface Context {
  lines: readonly Line[];
  /** First line of the body (the addressee, or the first sentence): earlier dates are header dates. */
  bodyStart: number;
  blocks: Map<number, Block>;
  seals: Map<number, BBox[]>;
}

/** First line that belongs to the body: the addressee, a line ending a sentence, or a long line. */
function bodyStartOf(lines: readonly Line[], end: number): number {
  for (let k = 0; k < end; k++) {
    const l = lines[k]!;
    if (isAddressee(l) || /[。；！？]$/.test(l.compact) || l.compact.length >= 30) return k;
  }
  return end;
}

/** Scores one date of line k; `date` offsets are relative to the line. */
function scoreCandidate(ctx: Context, k: number, date: ExtractedDate): DocDateMatch | null {
  const { lines } = ctx;
  const line = lines[k]!;
  const next = lines[k + 1];
  if (isPrintDate(line, date, next)) return null;
  const r = rest(line, date);
  const prev = k > 0 ? lines[k - 1] : undefined;
  const cues: DocDateMatch['cues'] = [];
  const add = (cue: DocDateCue): void => {
    cues.push({ cue, points: POINTS[cue] });
  };
  let kind: DocDateMatch['kind'] = 'signoff';
  const issuer: Line[] = [];
  const block = line.bbox ? ctx.blocks.get(line.pageNo) : undefined;
  const where = block ? alignment(line.bbox!, block) : undefined;
  if (r === '') {
    add('standalone');
  } else if (/^[（(][）)]$/.test(r) || /^[（(](.{0,20}(通过|发布|讲话|会议))?[）)]$/.test(r)) {
    kind = 'header';
    add('headerDate');
  } else if (isOrgName(r) && compact(line.text.slice(0, date.start)) === r) {
    // Issuing body and date on one OCR row: "国家档案局      2016年4月26日". The imprint has the
    // same shape ("XX办公室      2016年4月27日印发"), but its body starts at the left margin.
    add('issuerSameLine');
    if (block && line.bbox![0] <= block.left + 2 * block.lineHeight) add('imprintRow');
  } else if (/^[^\u4e00-\u9fff0-9０-９]{1,3}$/.test(r) || (where === 'right' && hanOnly(r).length <= 2 && r.length <= 3 && !SENTENCE_HAN.test(r))) {
    // A stray mark or two beside the date: seal ink read as text, a speck read as 」 or |.
    add('standalone');
    add('noise');
  } else {
    return null;
  }
  const lineText = compact(line.text.slice(0, date.start));
  const after = compact(line.text.slice(date.end));
  if (kind === 'signoff') {
    // The issuing body above (GB/T 9704) or below (some units sign under the date).
    if (prev && isOrgName(prev.text)) {
      add('issuerAbove');
      for (let j = k - 1; j >= 0 && j >= k - 3 && isOrgName(lines[j]!.text); j--) issuer.unshift(lines[j]!);
    } else if (next && isOrgName(next.text) && !isImprintLine(next)) {
      add('issuerBelow');
      issuer.push(next);
    } else if ((prev && isGarbledIssuer(prev)) || (next && isGarbledIssuer(next))) {
      add('issuerGarbled');
    }
    const sealMark = (l: Line | undefined): boolean => l !== undefined && /^[（(](印章|盖章|章)[）)]$/.test(l.compact);
    if (sealMark(prev) || sealMark(next)) add('sealText');
    if (prev && endsWithDocType(prev.compact) && k < HEADER_REGION && k <= ctx.bodyStart) {
      // a date under the title (纪要-style header)
      kind = 'header';
    }
  }
  if (kind === 'header') {
    if (k < HEADER_REGION && prev && endsWithDocType(prev.compact.replace(/^[（(]|[）)]$/g, ''))) cues.push({ cue: 'headerDate', points: 2 });
    else if (k >= HEADER_REGION) cues.push({ cue: 'headerZone', points: -1 });
  }
  // Running text: a clause that continues through the date, on one line or wrapped around it.
  const before = lineText !== '' ? lineText : (prev?.compact ?? '');
  const follow = after !== '' ? after : (next?.compact ?? '');
  // A right-aligned date cannot be the wrapped middle of a sentence (a paragraph wraps to the
  // left margin), so for it only words on its own row count.
  const wrapped = where !== 'right';
  const sentence = (lineText !== '' || wrapped) && BEFORE_IN_SENTENCE.test(before);
  if (kind === 'signoff' && (sentence || ((after !== '' || wrapped) && AFTER_IN_SENTENCE.test(follow)))) add('sentence');
  else if (kind === 'signoff' && lineText === '' && prev && /[：:]$/.test(prev.compact) && k - 1 !== ctx.bodyStart) add('label');
  if (kind === 'signoff' && k < ctx.bodyStart) add('headerZone');
  if (block && kind === 'signoff') {
    if (where === 'right') add('right');
    else if (where === 'left') add('left');
    const b = line.bbox!;
    const low = block.height !== undefined && b[1] > 0.4 * block.height;
    if (b[1] >= block.bodyBottom && low && cues.every((c) => c.cue !== 'sentence')) add('lowerPage');
    const seals = ctx.seals.get(line.pageNo) ?? [];
    if (seals.some((s) => overlaps(s, b, block.lineHeight))) add('sealBox');
  }
  if (next && /^[（(]此件/.test(next.compact)) add('publishNote');
  const score = cues.reduce((s, c) => s + c.points, 0);
  return { date, offsetsKnown: false, line, issuer, kind, score, cues };
}

/** Where the line sits in its page's text block. */
function alignment(b: BBox, block: Block): 'left' | 'right' | 'center' {
  const h = block.lineHeight;
  const mid = (block.left + block.right) / 2;
  // GB/T 9704 sets the date 4 characters in from the right margin (2 when it is signed under
  // the seal); OCR boxes are a little loose, so allow up to 7 line heights.
  if ((b[0] + b[2]) / 2 > mid + h && b[0] > block.left + 4 * h && b[2] >= block.right - 7 * h && b[2] <= block.right + 2 * h) return 'right';
  if (b[0] <= block.left + 2.5 * h) return 'left';
  return 'center';
}

/** The best 成文日期 candidate of the record's own document, or null. */
export function locateDocDate(pages: readonly PageText[]): DocDateMatch | null {
  const lines = documentLines(pages);
  const end = ownDocumentEnd(lines);
  const seals = new Map<number, BBox[]>();
  for (const p of pages) if (p.seals && p.seals.length > 0) seals.set(p.pageNo, p.seals);
  const ctx: Context = { lines: lines.slice(0, end), bodyStart: bodyStartOf(lines, end), blocks: pageBlocks(lines, end), seals };
  let best: DocDateMatch | null = null;
  let imprint = false;
  for (let k = 0; k < end; k++) {
    const line = lines[k]!;
    if (isImprintLine(line) && /^(抄送|抄报|分送|发送)/.test(line.compact)) imprint = true;
    if (imprint) continue;
    if (!/[年\-./／．]/.test(line.text)) continue;
    for (const d of extractDates(line.text)) {
      if (d.precision !== 'day' || !plausibleDocDate(d.date)) continue;
      const m = scoreCandidate(ctx, k, d);
      // Ties go to the later block: the sign-off comes after whatever the body quotes.
      if (m && m.score >= MIN_SCORE && (!best || m.score >= best.score)) best = m;
    }
  }
  const span = best ? pageSpan(best.line, best.date.start, best.date.end) : null;
  if (best && span) best = { ...best, offsetsKnown: true, date: { ...best.date, start: span[0], end: span[1] } };
  return best;
}

export function confidenceOf(score: number): number {
  return Math.min(0.95, Math.round((0.35 + 0.1 * score) * 100) / 100);
}

/** "Placed by: …" in both languages, from the cues that added points (and those that took some off). */
export function docDateReason(m: DocDateMatch): Message {
  const parts = m.cues.map((c) => ({ ...CUE_MESSAGES[c.cue], minus: c.points < 0 }));
  const join = (lang: 'zh' | 'en'): string =>
    parts.map((p) => (p.minus ? (lang === 'zh' ? `（扣分：${p[lang]}）` : `(minus: ${p[lang]})`) : p[lang])).join(lang === 'zh' ? '；' : '; ');
  const zh = msg(M.docDateBecause, { cues: join('zh') }).zh;
  const en = msg(M.docDateBecause, { cues: join('en') }).en;
  return { zh, en };
}

/** A located 成文日期 as a suggestion for the archivist. */
export function docDateSuggestion(m: DocDateMatch): Suggestion {
  const s: Suggestion = {
    field: 'docDate',
    value: m.date.date,
    pageNo: m.line.pageNo,
    evidence: [...m.issuer.filter((l) => l.index < m.line.index).map((l) => l.text.trim()), m.line.text.trim(), ...m.issuer.filter((l) => l.index > m.line.index).map((l) => l.text.trim())].join(' / '),
    confidence: confidenceOf(m.score),
    reason: docDateReason(m),
  };
  if (m.offsetsKnown) {
    s.start = m.date.start;
    s.end = m.date.end;
  }
  if (m.line.bbox) s.bbox = m.line.bbox;
  return s;
}

/** The document's own 成文日期 as a suggestion for the archivist, or null when none is printed. */
export function findDocDate(pages: PageText[]): Suggestion | null {
  const m = locateDocDate(pages);
  return m ? docDateSuggestion(m) : null;
}
