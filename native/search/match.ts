import { codePoints } from './normalize.js';

/**
 * Occurrences of normalized terms in normalized text, as [start, end) UTF-16 offsets: the
 * exact substring test that the index answers, and the one-substitution test of fuzzy mode.
 * Used to verify fuzzy candidates and to place snippets and highlights.
 */

export const FUZZY_MIN_LENGTH = 3;

/** Non-overlapping exact occurrences, left to right. */
export function findExact(text: string, term: string): [number, number][] {
  const out: [number, number][] = [];
  if (term === '') return out;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) out.push([i, i + term.length]);
  return out;
}

/**
 * Non-overlapping occurrences of any string of the term's length that differs from it in at
 * most one character (code point), left to right; exact occurrences included.
 */
export function findFuzzy(text: string, term: string): [number, number][] {
  const t = codePoints(term);
  const out: [number, number][] = [];
  const L = t.length;
  if (L === 0) return out;
  const cps: number[] = [];
  const offs: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    cps.push(cp);
    offs.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  offs.push(text.length);
  for (let p = 0; p + L <= cps.length; ) {
    let miss = 0;
    for (let k = 0; k < L && miss <= 1; k++) if (cps[p + k] !== t[k]) miss++;
    if (miss <= 1) {
      out.push([offs[p]!, offs[p + L]!]);
      p += L;
    } else {
      p++;
    }
  }
  return out;
}

/**
 * The ways one character of the term can be wrong: for each position, the exact parts left
 * and right of it. A text with a one-substitution occurrence contains both parts of (at
 * least) one variant, which is what lets the index find fuzzy candidates.
 */
export function fuzzyVariants(term: string): { left: string; right: string }[] {
  const cps = codePoints(term);
  const seen = new Set<string>();
  const out: { left: string; right: string }[] = [];
  for (let i = 0; i < cps.length; i++) {
    const left = String.fromCodePoint(...cps.slice(0, i));
    const right = String.fromCodePoint(...cps.slice(i + 1));
    const key = `${left}\u0000${right}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ left, right });
  }
  return out;
}
