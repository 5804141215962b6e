/**
 * All catalog-field suggestions for one record from its OCR'd pages. Nothing here writes to the
 * catalog: store.ts saves the suggestions for the archivist to accept or reject (and puts a
 * record with a state-secret mark under hold at once).
 */
import { detectClassificationMark, markValue } from './classification.js';
import { docDateSuggestion, locateDocDate } from './doc-date.js';
import { extractDocNumbers } from './doc-number.js';
import { ownDocNumberLine, pageSpan, type Line } from './lines.js';
import { letterReading, suggestCreator, suggestTitle } from './title.js';
import type { PageText, Suggestion } from './types.js';

/**
 * The record's own document number: a line of its own near the top of the first page (under
 * the red header, or beside 签发人), with a 函 OCR misread in its 机关代字 put right
 * (letter.ts). Numbers quoted in the body refer to other documents and are not offered.
 */
export function suggestDocNumber(pages: readonly PageText[]): Suggestion | null {
  const own = ownDocNumberLine(pages);
  if (!own) return null;
  const n = extractDocNumbers(own.text)[0]!;
  const code = letterReading(pages).agencyCode;
  if (code === undefined) return lineSuggestion('docNumber', n.value, own, 0.9, n.start, n.end);
  return lineSuggestion('docNumber', `${code}${n.value.slice(n.agencyCode.length)}`, own, 0.7, n.start, n.end);
}

function lineSuggestion(field: Suggestion['field'], value: string, line: Line, confidence: number, from: number, to: number): Suggestion {
  const s: Suggestion = { field, value, pageNo: line.pageNo, evidence: line.text.trim(), confidence };
  const span = pageSpan(line, from, to);
  if (span) [s.start, s.end] = span;
  if (line.bbox) s.bbox = line.bbox;
  return s;
}

/** Suggestions for docDate, docNumber, title, creator and classification (those found). */
export function suggestRecordFields(pages: PageText[]): Suggestion[] {
  const out: Suggestion[] = [];
  const signOff = locateDocDate(pages);
  if (signOff) out.push(docDateSuggestion(signOff));
  const number = suggestDocNumber(pages);
  if (number) out.push(number);
  const title = suggestTitle(pages);
  if (title) out.push(title);
  const creator = suggestCreator(pages, signOff);
  if (creator) out.push(creator);
  const first = [...pages].sort((a, b) => a.pageNo - b.pageNo)[0];
  const mark = first ? detectClassificationMark(first) : null;
  if (mark) {
    const s: Suggestion = {
      field: 'classification',
      value: markValue(mark),
      pageNo: mark.pageNo ?? first!.pageNo,
      evidence: mark.text ?? markValue(mark),
      confidence: mark.level === 'internal' ? 0.6 : 0.85,
    };
    if (mark.bbox) s.bbox = mark.bbox;
    out.push(s);
  }
  return out;
}
