import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../native/db/database.js';
import { SEEDS } from '../../harness/temp.js';
import { addRecord, type AddedRecord, type RecordInput } from './helpers.js';

/**
 * Random corpora built from the seed documents (/work/shared/seeds), with what OCR output and
 * typed catalogs really contain: spaces tesseract leaves between Chinese characters, line
 * breaks inside words, full-width Latin and digits, upper-case Latin, standard numbers
 * (GB/T 18894-2016), punctuation of both widths. And an oracle written independently of
 * native/search/normalize.ts, that answers "does this record contain the term" by scanning.
 */

export function seedSentences(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort()) {
    const t = fs.readFileSync(path.join(SEEDS, f), 'utf8').replace(/\s+/g, '');
    for (const s of t.split(/(?<=[。！？；：])/)) if (s.length >= 4) out.push(s);
  }
  return out;
}

const LATIN = ['GB/T 18894-2016', 'DA/T 22-2015', 'ISO 15489', 'PDF/A-2b', 'OFD', 'Z109-WS·2016-Y', 'No. 7', 'CD-R', 'ISO 14721 OAIS', 'SM3'];

/** ASCII letters, digits and punctuation → their full-width forms (what NFKC folds back). */
export function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

const isHan = (c: string) => /\p{Script=Han}/u.test(c);

/** One page of text: seed sentences with OCR-like noise, ~`length` characters. */
export function noisyText(rand: () => number, sentences: readonly string[], length: number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  let s = '';
  while (s.length < length) {
    s += rand() < 0.15 ? pick(LATIN) : pick(sentences);
  }
  const chars = Array.from(s.slice(0, length));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    const r = rand();
    if (r < 0.015 && isHan(ch)) ch = String.fromCodePoint(0x4e00 + Math.floor(rand() * 20000)); // an OCR misread
    else if (r < 0.03 && /[!-~]/.test(ch)) ch = toFullWidth(ch);
    else if (r < 0.06 && /[a-z]/.test(ch)) ch = ch.toUpperCase();
    else if (r < 0.09 && /[A-Z]/.test(ch)) ch = ch.toLowerCase();
    out += ch;
    const next = chars[i + 1];
    // Spaces tesseract leaves, and line breaks: only between Han characters, where they are noise.
    if (next !== undefined && isHan(ch) && isHan(next)) {
      const r2 = rand();
      if (r2 < 0.04) out += ' ';
      else if (r2 < 0.05) out += '\n';
      else if (r2 < 0.055) out += '\u3000';
    }
  }
  return out;
}

/**
 * The oracle's folding: NFKC, lower case, all brackets as ( and ) with the whitespace around
 * them dropped, whitespace between two Han characters dropped, other
 * whitespace runs as one space. (The corpus only puts noise whitespace between Han characters,
 * so this simple rule is the whole truth for it.)
 */
export function oracleFold(s: string): string {
  const t = s.normalize('NFKC').toLowerCase().replace(/[[{〔【〖〘﹝]/gu, '(').replace(/[\]}〕】〗〙﹞]/gu, ')');
  return t
    .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1')
    .replace(/\s*([()])\s*/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CorpusRecord extends AddedRecord {
  input: RecordInput;
  /** Folded catalog fields and page texts. */
  folded: string[];
  docDate: string | null;
  hold: boolean;
}

export interface Corpus {
  records: CorpusRecord[];
  sentences: string[];
}

export interface CorpusOptions {
  records: number;
  maxPages: number;
  pageLength: number;
}

/** Writes a random corpus into the vault's catalog and indexes it (one transaction). */
export function buildCorpus(db: Db, rand: () => number, o: CorpusOptions): Corpus {
  const sentences = seedSentences();
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const records: CorpusRecord[] = [];
  db.transaction(() => {
    for (let i = 0; i < o.records; i++) {
      const pages = Array.from({ length: 1 + Math.floor(rand() * o.maxPages) }, () => noisyText(rand, sentences, o.pageLength));
      const year = 2010 + Math.floor(rand() * 10);
      const docDate = rand() < 0.15 ? null : `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const input: RecordInput = {
        title: noisyText(rand, sentences, 10 + Math.floor(rand() * 20)),
        creator: pick(['国家档案局', '辽宁省档案局', '大连市档案局办公室', 'ISO/TC 46']),
        docNumber: `档发〔${year}〕${1 + Math.floor(rand() * 40)}号`,
        remarks: rand() < 0.2 ? noisyText(rand, sentences, 12) : '',
        year,
        docDate,
        categoryCode: pick(['WS', 'KJ']),
        retention: pick(['Y', 'D30', 'D10'] as const),
        orgUnit: pick(['BGS', 'DAS']),
        pages,
      };
      const added = addRecord(db, input);
      records.push({
        ...added,
        input,
        folded: [input.title!, input.creator!, input.docNumber!, added.archivalCode, input.remarks!, ...pages].map(oracleFold),
        docDate,
        hold: false,
      });
    }
  })();
  return { records, sentences };
}

/** Record ids containing the (folded) term anywhere, by scanning. */
export function bruteForce(corpus: Corpus, term: string): number[] {
  const t = oracleFold(term);
  return corpus.records.filter((r) => r.folded.some((f) => f.includes(t))).map((r) => r.id).sort((a, b) => a - b);
}

/** Characters the query parser reads as phrase quotes: never a sampled term. */
const QUOTES = /["“”＂「」『』]/;

/**
 * Query terms of `length` characters taken from the corpus's folded text: `common` ones from
 * frequent places (a random position of a random record), `rare` ones the least frequent of a
 * sample. Terms with quotes or operators are skipped (they are quoted as a phrase).
 */
export function sampleTerms(corpus: Corpus, rand: () => number, length: number, n: number): { common: string[]; rare: string[] } {
  // How many records contain each character: rare terms are built around rare characters
  // (OCR misreads), which random positions almost never hit.
  const charCount = new Map<string, number>();
  for (const r of corpus.records) for (const c of new Set(Array.from(r.folded.join('')))) if (c.trim() !== '' && !QUOTES.test(c)) charCount.set(c, (charCount.get(c) ?? 0) + 1);
  const found = new Map<string, number>();
  if (length === 1) for (const [c, k] of charCount) found.set(c, k);
  const ok = (term: string) => Array.from(term).length === length && !QUOTES.test(term) && term.trim() === term && term !== '';
  for (let tries = 0, sampled = 0; sampled < n * 6 && tries < n * 200; tries++) {
    const rec = corpus.records[Math.floor(rand() * corpus.records.length)]!;
    const cps = Array.from(rec.folded[Math.floor(rand() * rec.folded.length)]!);
    if (cps.length < length) continue;
    let at = Math.floor(rand() * (cps.length - length + 1));
    if (tries % 2 === 1) {
      // Around a rare character of this text, when it has one.
      const rare = cps.map((c, i) => [c, i] as const).filter(([c]) => (charCount.get(c) ?? 0) <= 2);
      if (rare.length === 0) continue;
      const [, i] = rare[Math.floor(rand() * rare.length)]!;
      at = Math.max(0, Math.min(cps.length - length, i - Math.floor(rand() * length)));
    }
    const term = cps.slice(at, at + length).join('');
    if (!ok(term) || found.has(term)) continue;
    found.set(term, bruteForce(corpus, term).length);
    sampled++;
  }
  const ranked = [...found].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  if (length === 1) {
    // A random pick among the common and among the rarest, not always the same extremes.
    const half = ranked.slice(0, Math.max(n, Math.floor(ranked.length / 8)));
    const rare = ranked.slice(-n * 4);
    const choose = (a: string[]) => Array.from({ length: n }, () => a[Math.floor(rand() * a.length)]!);
    return { common: [...new Set([ranked[0]!, ...choose(half)])], rare: [...new Set(choose(rare))] };
  }
  return { common: ranked.slice(0, n), rare: ranked.slice(-n) };
}
