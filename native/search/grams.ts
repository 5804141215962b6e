import { codePoints } from './normalize.js';

/**
 * How normalized text becomes FTS5 tokens.
 *
 * FTS5's own tokenizers cannot give Chinese substring search: unicode61 makes one token of a
 * whole run of Han characters, and trigram finds nothing for the 1–2-character terms most
 * Chinese words are. So we tokenize ourselves and hand FTS5 ready-made tokens that its `ascii`
 * tokenizer passes through unchanged: every code point is written as 4 base-36 digits
 * (36^4 > 0x10FFFF), a bigram is two of them (8 characters), a unigram one (4).
 *
 * - Bigram documents hold the overlapping bigrams at consecutive positions (detail=full), so a
 *   term of n ≥ 2 characters is exactly the FTS5 phrase of its n−1 bigrams: position p holds
 *   the bigram starting at character p, and a phrase match is a substring match, with no
 *   verification against the text.
 * - Unigram documents hold each distinct character once (detail=none: no positions are needed
 *   to answer "does this page contain 档"), for 1-character terms.
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

/** The bigram document of a normalized text ('' when it has fewer than 2 characters). */
export function bigramDocument(normalized: string): string {
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

/** The unigram document of a normalized text: each distinct character once. */
export function unigramDocument(normalized: string): string {
  const seen = new Set<number>(codePoints(normalized));
  const parts: string[] = [];
  for (const cp of seen) parts.push(encodeChar(cp));
  return parts.join(' ');
}

export type GramTable = 'unigram' | 'bigram';

/**
 * The FTS5 MATCH expression for one normalized term (≥ 1 character), optionally restricted to
 * one column, and which table family answers it.
 */
export function termMatch(term: string, column?: string): { table: GramTable; match: string } {
  const cps = codePoints(term);
  if (cps.length === 0) throw new Error('termMatch: empty term');
  const prefix = column ? `{${column}} : ` : '';
  if (cps.length === 1) return { table: 'unigram', match: `${prefix}"${encodeChar(cps[0]!)}"` };
  const grams: string[] = [];
  for (let i = 0; i + 1 < cps.length; i++) grams.push(encodeChar(cps[i]!) + encodeChar(cps[i + 1]!));
  return { table: 'bigram', match: `${prefix}"${grams.join(' ')}"` };
}

/**
 * Record-level text tokens (table search_record_text, one document per record): each distinct
 * unigram and bigram of the record's pages, suffixed with one base-36 digit telling on how
 * many of its pages it occurs, capped at `cap` (≤ 35). A 1- or 2-character term is then
 * answered per record, with its page count for relevance, by `cap` small lookups whose
 * doclists hold one entry per record instead of one per page: at 1M pages a common character
 * is on most pages but there are ten times fewer records.
 */
export function recordTextDocument(pages: readonly string[], cap: number): string {
  const counts = new Map<string, number>();
  for (const norm of pages) {
    const cps = codePoints(norm);
    const seen = new Set<string>();
    let prev = '';
    for (const cp of cps) {
      const cur = encodeChar(cp);
      seen.add(cur);
      if (prev !== '') seen.add(prev + cur);
      prev = cur;
    }
    for (const g of seen) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const parts: string[] = [];
  for (const [g, n] of counts) parts.push(g + Math.min(n, cap).toString(36));
  return parts.join(' ');
}

/**
 * The record-level tokens of a 1- or 2-character normalized term, one per page count 1…cap
 * (null for longer terms: those need positions, so they are answered per page).
 */
export function recordTextTokens(term: string, cap: number): string[] | null {
  const cps = codePoints(term);
  if (cps.length < 1 || cps.length > 2) return null;
  const gram = cps.map(encodeChar).join('');
  const out: string[] = [];
  for (let n = 1; n <= cap; n++) out.push(gram + n.toString(36));
  return out;
}
