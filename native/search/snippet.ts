import { FUZZY_MIN_LENGTH, findExact, findFuzzy } from './match.js';
import { codePoints, normalizeWithMap } from './normalize.js';

export interface SnippetTerm {
  /** Normalized term. */
  text: string;
  fuzzy: boolean;
}

export interface Snippet {
  snippet: string;
  /** [start, end) in snippet. */
  highlights: [number, number][];
  /** Every occurrence in the original text, [start, end) UTF-16 offsets (for boxes). */
  ranges: [number, number][];
}

export const SNIPPET_WIDTH = 80;
const CONTEXT_BEFORE = 20;

/** Sorted, merged ranges. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Occurrences of the terms in `original`, found on its normalized form and mapped back. */
export function occurrences(original: string, terms: SnippetTerm[]): [number, number][] {
  const n = normalizeWithMap(original);
  const found: [number, number][] = [];
  for (const t of terms) {
    const hits = t.fuzzy && codePoints(t.text).length >= FUZZY_MIN_LENGTH ? findFuzzy(n.text, t.text) : findExact(n.text, t.text);
    for (const [s, e] of hits) found.push([n.starts[s]!, n.ends[e - 1]!]);
  }
  return merge(found);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A window of the original text around the first occurrence (about SNIPPET_WIDTH characters,
 * line breaks shown as spaces, "…" where it was cut), with the occurrences inside it
 * highlighted. Without occurrences, the start of the text.
 */
export function buildSnippet(original: string, terms: SnippetTerm[], width = SNIPPET_WIDTH): Snippet {
  const ranges = occurrences(original, terms);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - CONTEXT_BEFORE) : 0;
  let end = Math.min(original.length, Math.max(start + width, first ? first[1] : 0));
  if (end - start < width) start = Math.max(0, end - width);
  if (start > 0 && isLowSurrogate(original.charCodeAt(start))) start--;
  if (end < original.length && isLowSurrogate(original.charCodeAt(end))) end++;
  const lead = start > 0 ? '…' : '';
  const tail = end < original.length ? '…' : '';
  // One-for-one replacement keeps offsets valid.
  const body = original.slice(start, end).replace(/[\r\n\t\f\v]/g, ' ');
  const highlights: [number, number][] = [];
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    highlights.push([Math.max(s, start) - start + lead.length, Math.min(e, end) - start + lead.length]);
  }
  return { snippet: lead + body + tail, highlights, ranges };
}
