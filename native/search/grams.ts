import { codePoints } from './normalize.js';

/**
 * How normalized text becomes FTS5 tokens.
 *
 * FTS5's own tokenizers cannot give Chinese substring search: unicode61 makes one token of a
 * whole run of Han characters, and trigram finds nothing for the 1–2-character terms most
 * Chinese words are. So we tokenize ourselves and hand FTS5 ready-made tokens that its `ascii`
 * tokenizer passes through unchanged: every code point is written as 4 base-36 digits
 * (36^4 > 0x10FFFF), so an n-gram is a token of 4n characters and grams of different lengths
 * never collide.
 *
 * Page text has two indexes (see migration 0110):
 * - Per record, each distinct unigram, bigram and trigram of its pages, suffixed with one
 *   base-36 digit: on how many of its pages the gram occurs, capped (recordTextDocument). A
 *   term of 1–3 characters is one gram, so the records containing it, and on how many pages,
 *   are `cap` small lookups whose doclists hold one entry per record, not one per page: at 1M
 *   pages a common character is on nearly every page, and there are ten times fewer records.
 * - Per page, the overlapping trigrams at consecutive positions (trigramDocument,
 *   detail=full): a term of n ≥ 4 characters is exactly the FTS5 phrase of its n−2 trigrams
 *   (position p holds the trigram starting at character p), a substring match with no
 *   verification. Trigrams rather than bigrams: a phrase costs what its tokens' position lists
 *   weigh, and a common trigram occurs far less often than a common bigram.
 *
 * Catalog fields keep bigram (positions) and unigram documents (fieldBigramDocument,
 * fieldUnigramDocument): they are short, and their tables small.
 */

const BMP_CACHE: string[] = new Array<string>(0x10000);

export function encodeChar(cp: number): string {
  if (cp < 0x10000) {
    const hit = BMP_CACHE[cp];
    if (hit !== undefined) return hit;
    const enc = cp.toString(36).padStart(4, '0');
    BMP_CACHE[cp] = enc;
    return enc;
  }
  return cp.toString(36).padStart(4, '0');
}

/** The bigram document of a normalized field ('' when it has fewer than 2 characters). */
export function fieldBigramDocument(normalized: string): string {
  const cps = codePoints(normalized);
  if (cps.length < 2) return '';
  const parts = new Array<string>(cps.length - 1);
  let prev = encodeChar(cps[0]!);
  for (let i = 1; i < cps.length; i++) {
    const cur = encodeChar(cps[i]!);
    parts[i - 1] = prev + cur;
    prev = cur;
  }
  return parts.join(' ');
}

/** The unigram document of a normalized field: each distinct character once. */
export function fieldUnigramDocument(normalized: string): string {
  const seen = new Set<number>(codePoints(normalized));
  const parts: string[] = [];
  for (const cp of seen) parts.push(encodeChar(cp));
  return parts.join(' ');
}

export type GramTable = 'unigram' | 'bigram';

/**
 * The FTS5 MATCH expression for one normalized term (≥ 1 character) in one catalog column,
 * and which field table family answers it.
 */
export function fieldTermMatch(term: string, column: string): { table: GramTable; match: string } {
  const cps = codePoints(term);
  if (cps.length === 0) throw new Error('fieldTermMatch: empty term');
  const prefix = `{${column}} : `;
  if (cps.length === 1) return { table: 'unigram', match: `${prefix}"${encodeChar(cps[0]!)}"` };
  const grams: string[] = [];
  for (let i = 0; i + 1 < cps.length; i++) grams.push(encodeChar(cps[i]!) + encodeChar(cps[i + 1]!));
  return { table: 'bigram', match: `${prefix}"${grams.join(' ')}"` };
}

/** Terms up to this many characters are one gram of the record-level index. */
export const RECORD_GRAM_MAX = 3;

/** The page-level trigram document of a normalized page text ('' below 3 characters). */
export function trigramDocument(normalized: string): string {
  const enc = codePoints(normalized).map(encodeChar);
  if (enc.length < 3) return '';
  const parts = new Array<string>(enc.length - 2);
  for (let i = 0; i + 2 < enc.length; i++) parts[i] = enc[i]! + enc[i + 1]! + enc[i + 2]!;
  return parts.join(' ');
}

/** The FTS5 phrase of a normalized term of ≥ 4 characters in the page-level trigram table. */
export function trigramPhrase(term: string): string {
  const enc = codePoints(term).map(encodeChar);
  if (enc.length <= RECORD_GRAM_MAX) throw new Error('trigramPhrase: term too short');
  const grams: string[] = [];
  for (let i = 0; i + 2 < enc.length; i++) grams.push(enc[i]! + enc[i + 1]! + enc[i + 2]!);
  return `"${grams.join(' ')}"`;
}

/**
 * The record-level document of a record's normalized page texts: each distinct unigram,
 * bigram and trigram with the number of pages it is on (capped at `cap` ≤ 35) as a base-36
 * suffix digit.
 */
export function recordTextDocument(pages: readonly string[], cap: number): string {
  // gram → [pages counted, index of the last page counted]: one lookup per occurrence.
  const counts = new Map<string, [number, number]>();
  const see = (g: string, page: number) => {
    const c = counts.get(g);
    if (!c) counts.set(g, [1, page]);
    else if (c[1] !== page) {
      c[0]++;
      c[1] = page;
    }
  };
  pages.forEach((norm, page) => {
    const enc = codePoints(norm).map(encodeChar);
    for (let i = 0; i < enc.length; i++) {
      const a = enc[i]!;
      see(a, page);
      if (i + 1 < enc.length) {
        const ab = a + enc[i + 1]!;
        see(ab, page);
        if (i + 2 < enc.length) see(ab + enc[i + 2]!, page);
      }
    }
  });
  const parts: string[] = [];
  for (const [g, [n]] of counts) parts.push(g + Math.min(n, cap).toString(36));
  return parts.join(' ');
}

/**
 * The record-level tokens of a normalized term of 1–3 characters, one per page count 1…cap
 * (null for longer terms: those are answered per page, with positions).
 */
export function recordTextTokens(term: string, cap: number): string[] | null {
  const cps = codePoints(term);
  if (cps.length < 1 || cps.length > RECORD_GRAM_MAX) return null;
  const gram = cps.map(encodeChar).join('');
  const out: string[] = [];
  for (let n = 1; n <= cap; n++) out.push(gram + n.toString(36));
  return out;
}
