// The 成文日期 scorer as it was before issue 14 (punctuation of the line above decided), kept
// verbatim as the baseline of `npm run bench -- extract`. Not used by the engine.
/**
 * 成文日期: the document's own date. In GB/T 9704 layouts it is its own line under the issuing
 * body in the sign-off (落款), right-aligned; speeches, minutes and resolutions carry it in
 * parentheses under the title instead. Every other date is not it:
 * - dates inside sentences (自2016年1月1日起施行, 会议于2017年7月12日召开);
 * - the print date of the imprint (版记) at the very bottom: "XX办公室 2016年4月27日印发";
 * - sign-offs of documents embedded after the record's own one (a forwarding notice followed
 *   by the forwarded document): only the own document (lines.ts ownDocumentEnd) is searched.
 * When the own document shows no 成文日期 (a web copy, an illegible scan) the answer is null:
 * a print date is never offered in its place.
 */
import { extractDates, type ExtractedDate } from '../../../native/text/dates.js';
import { compact, isOrgName } from '../../../native/extract/org.js';
import { documentLines, endsWithDocType, isImprintLine, ownDocumentEnd, pageSpan, placement, type Line } from '../../../native/extract/lines.js';
import type { PageText, Suggestion } from '../../../native/extract/types.js';

export interface DocDateMatch {
  /** Offsets into the page text; undefined offsets when the line could not be placed in it. */
  date: ExtractedDate;
  offsetsKnown: boolean;
  line: Line;
  /** Sign-off lines above the date naming the issuing body (empty for header dates). */
  issuer: Line[];
  kind: 'signoff' | 'header';
  score: number;
}

const MIN_SCORE = 3;
const HEADER_REGION = 12;

/** Is the date the print date of the imprint, or set in running text? */
function isPrintDate(line: Line, date: ExtractedDate, next: Line | undefined): boolean {
  const after = compact(line.text.slice(date.end));
  return /^印(发|制)?/.test(after) || /印发$/.test(line.compact) || (next !== undefined && /^印发/.test(next.compact));
}

/** The line without the date (date offsets are relative to the line here). */
function rest(line: Line, date: ExtractedDate): string {
  return compact(line.text.slice(0, date.start) + line.text.slice(date.end));
}

/** Scores one date of line k; `date` offsets are relative to the line. */
function scoreCandidate(lines: readonly Line[], k: number, date: ExtractedDate, ownStart: number): DocDateMatch | null {
  const line = lines[k]!;
  const next = lines[k + 1];
  if (isPrintDate(line, date, next)) return null;
  const r = rest(line, date);
  const prev = k > ownStart ? lines[k - 1] : undefined;
  let score: number;
  let kind: DocDateMatch['kind'] = 'signoff';
  const issuer: Line[] = [];
  if (r === '') {
    score = 3;
  } else if (/^[（(][）)]$/.test(r) || /^[（(](.{0,20}(通过|发布|讲话|会议))?[）)]$/.test(r)) {
    kind = 'header';
    score = 2;
  } else if (isOrgName(r) && compact(line.text.slice(0, date.start)) === r) {
    // Issuing body and date on one OCR line: "国家档案局      2016年4月26日".
    score = 5;
  } else {
    return null;
  }
  if (kind === 'signoff' && prev) {
    if (isOrgName(prev.text)) {
      score += 2;
      for (let j = k - 1; j > ownStart && j >= k - 3 && isOrgName(lines[j]!.text); j--) issuer.unshift(lines[j]!);
    } else if (/^[（(](印章|盖章|章)[）)]$/.test(prev.compact)) {
      score += 1;
    } else if (endsWithDocType(prev.compact) && k - ownStart < HEADER_REGION) {
      // a date under the title (纪要-style header)
      kind = 'header';
      score += 1;
    } else if (!/[。！？；!?;：:]$/.test(prev.compact)) {
      // The line before ends mid-sentence: the date is a wrapped piece of running text.
      score -= 2;
    }
  }
  if (kind === 'header') {
    if (k - ownStart < HEADER_REGION && prev && endsWithDocType(prev.compact.replace(/^[（(]|[）)]$/g, ''))) score += 2;
    else if (k - ownStart >= HEADER_REGION) score -= 1;
  }
  const where = placement(line);
  if (where === 'right') score += 1;
  else if (where === 'left' && kind === 'signoff') score -= 1;
  if (next && /^[（(]此件/.test(next.compact)) score += 1;
  return { date, offsetsKnown: false, line, issuer, kind, score };
}

/** The best 成文日期 candidate of the record's own document, or null. */
export function locateDocDate(pages: readonly PageText[]): DocDateMatch | null {
  const lines = documentLines(pages);
  const end = ownDocumentEnd(lines);
  let best: DocDateMatch | null = null;
  let imprint = false;
  for (let k = 0; k < end; k++) {
    const line = lines[k]!;
    if (isImprintLine(line) && /^(抄送|抄报|分送|发送)/.test(line.compact)) imprint = true;
    if (imprint) continue;
    if (!/[年\-./／．]/.test(line.text)) continue;
    for (const d of extractDates(line.text)) {
      if (d.precision !== 'day') continue;
      const m = scoreCandidate(lines, k, d, 0);
      if (m && m.score >= MIN_SCORE && (!best || m.score > best.score)) best = m;
    }
  }
  const span = best ? pageSpan(best.line, best.date.start, best.date.end) : null;
  if (best && span) best = { ...best, offsetsKnown: true, date: { ...best.date, start: span[0], end: span[1] } };
  return best;
}

export function confidenceOf(score: number): number {
  return Math.min(0.95, Math.round((0.35 + 0.1 * score) * 100) / 100);
}

/** A located 成文日期 as a suggestion for the archivist. */
export function docDateSuggestion(m: DocDateMatch): Suggestion {
  const s: Suggestion = {
    field: 'docDate',
    value: m.date.date,
    pageNo: m.line.pageNo,
    evidence: [...m.issuer.map((l) => l.text.trim()), m.line.text.trim()].join(' / '),
    confidence: confidenceOf(m.score),
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
