import type { Db } from '../db/database.js';
import { fieldTermMatch, recordTextTokens, trigramPhrase } from './grams.js';
import { DOC_SPAN } from './indexer.js';
import type { NormalizedPage, PageDerived, UncoveredText } from './page-derived.js';
import { RECORD_TEXT_CAP } from './record-text.js';
import { dateOfTerm, type DateTerm } from './date-terms.js';
import { markOfTerm } from './mark-terms.js';
import { FUZZY_MIN_LENGTH, findFuzzy, fuzzyVariants } from './match.js';
import { codePoints, normalizeText } from './normalize.js';
import { difference, groupDocs, intersect, intersectIds, lowerBound, union, unionAll, unionIds, type RecSet } from './sets.js';
import { concatIds, ftsMatchSql, pluckNumbers, stmt } from './statements.js';
import type { Filter, MatchField, QueryNode } from './types.js';

/**
 * Evaluates a parsed query to the set of matching records, each with a relevance score and the
 * fields it matched in. A term matches a record when it occurs (as a substring of the
 * normalized text) in any of the record's pages or in one of its catalog fields; AND, OR and
 * NOT combine these per record, so the two terms of "a b" may sit on different pages.
 *
 * Relevance (simple on purpose, so it can be explained to a user): per positive term,
 *   title 10 + 文号 6 + 档号 6 + creator 4 + remarks 2 (each when the field contains the term)
 *   + 1 per page containing it (at most 10);
 * summed over the terms. Ties are broken by the caller (newest document date first).
 */

export const BIT: Record<MatchField, number> = { text: 1, title: 2, creator: 4, docNumber: 8, archivalCode: 16, remarks: 32 };
/** A record matched some positive term only through fuzzy matching. */
export const FUZZY_BIT = 64;
/** A record matched a term that is a date (二〇一六年四月) by a date it carries, not by the term's text. */
export const DATE_BIT = 128;
/**
 * A record matched a term that is a 密级 mark (秘密★10年) by the mark extraction read on its
 * first page, whatever OCR made of the ★ there (秘密女10年): the page text is never changed.
 */
export const MARK_BIT = 256;
/** A date term met by the 成文日期 weighs like a 文号 hit; by a date printed on a page, like a page. */
const DOC_DATE_WEIGHT = 6;

interface CatalogField {
  field: Exclude<MatchField, 'text'>;
  column: string;
  weight: number;
}

export const CATALOG_FIELDS: CatalogField[] = [
  { field: 'title', column: 'title', weight: 10 },
  { field: 'docNumber', column: 'doc_number', weight: 6 },
  { field: 'archivalCode', column: 'archival_code', weight: 6 },
  { field: 'creator', column: 'creator', weight: 4 },
  { field: 'remarks', column: 'remarks', weight: 2 },
];
export const PAGE_WEIGHT = 1;
export const PAGE_CAP = 10;
const RECORD_PAGES_KEPT = 64;

type TermNode = Extract<QueryNode, { kind: 'term' }>;

export interface TextMatches {
  /**
   * Sorted docs of one record whose page text contains the term (exactly or, in fuzzy mode,
   * with one wrong character).
   */
  docsOf(recordId: number): number[];
}

/** Text matches known for every page (the page-level index answered the term). */
function pageMatches(docs: number[]): TextMatches {
  return { docsOf: (recordId) => docs.slice(lowerBound(docs, recordId * DOC_SPAN), lowerBound(docs, (recordId + 1) * DOC_SPAN)) };
}

/** The page count a text set gives a record (0 when it is not in the set). */
function pageCountOf(set: RecSet, recordId: number): number {
  const i = lowerBound(set.ids, recordId);
  return set.ids[i] === recordId ? set.score[i]! / PAGE_WEIGHT : 0;
}

/** A record set of the records in `counts` (sorted by id), scored by page count. */
function pageCountSet(counts: Map<number, number>, mask: number): RecSet {
  const ids = [...counts.keys()].sort((a, b) => a - b);
  return { ids, score: ids.map((id) => Math.min(counts.get(id)!, PAGE_CAP) * PAGE_WEIGHT), mask: ids.map(() => mask) };
}

export class Evaluator {
  /** Text matches of each positive term, for choosing best pages and listing pages. */
  readonly positiveText = new Map<TermNode, TextMatches>();
  /** The positive terms that are dates, for saying which date a hit matched. */
  readonly positiveDates: DateTerm[] = [];
  readonly positiveMarks: string[] = [];
  private readonly lookups = new Map<string, number[]>();
  private readonly tokenLookups = new Map<string, number[]>();
  private readonly exactTexts = new Map<string, { set: RecSet; matches: TextMatches }>();
  private readonly pagesOfRecord = new Map<number, NormalizedPage[]>();
  private uncoveredText: UncoveredText | null = null;
  private readonly pendingFields = new Map<string, { id: number; norm: string }[]>();
  private readonly pendingTexts = new Map<string, Map<number, number[]>>();
  private universeIds: number[] | null = null;

  /**
   * @param pages every read of page text and what is derived from it goes through here, with
   * the session's content rule: a record whose pages the session may not see behaves as if it
   * had no OCR text at all, so neither a hit, a NOT, a fuzzy match nor a page count reveals
   * what its pages say.
   */
  constructor(private readonly db: Db, private readonly fuzzy: boolean, private readonly pages: PageDerived) {}

  evaluate(node: QueryNode): RecSet {
    return this.eval(node, true);
  }

  universe(): number[] {
    this.universeIds ??= pluckNumbers(this.db, 'SELECT id FROM records ORDER BY id');
    return this.universeIds;
  }

  private eval(node: QueryNode, positive: boolean): RecSet {
    switch (node.kind) {
      case 'term':
        return this.term(node, positive);
      case 'filter':
        return plain(this.filter(node.filter));
      case 'or':
        return unionAll(node.children.map((c) => this.eval(c, positive)));
      case 'not':
        return plain(difference(plain(this.universe()), this.eval(node.child, false).ids).ids);
      case 'and': {
        const negatives = node.children.filter((c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not');
        const positives = node.children.filter((c) => c.kind !== 'not');
        let acc: RecSet | null = null;
        for (const c of positives) {
          const s = this.eval(c, positive);
          acc = acc ? intersect(acc, s) : s;
        }
        acc ??= plain(this.universe());
        for (const n of negatives) {
          if (acc.ids.length === 0) break;
          acc = difference(acc, this.eval(n.child, !positive).ids);
        }
        return acc;
      }
    }
  }

  // ── terms ──────────────────────────────────────────────────────────────────────────────

  /** Sorted rowids of one FTS lookup, memoized for the query (fuzzy variants repeat parts). */
  private lookup(table: string, match: string): number[] {
    const key = `${table}\u0000${match}`;
    let hit = this.lookups.get(key);
    if (!hit) {
      hit = concatIds(this.db, ftsMatchSql(table), match);
      this.lookups.set(key, hit);
    }
    return hit;
  }

  /** Docs (pages) containing a normalized text of ≥ 4 characters. */
  private textDocs(text: string): number[] {
    const phrase = trigramPhrase(text);
    let docs = this.lookups.get(phrase);
    if (!docs) this.lookups.set(phrase, (docs = this.pages.trigramDocs(phrase)));
    return docs;
  }

  /** Records whose record text document holds a gram token, memoized like lookup(). */
  private recordTextIds(token: string): number[] {
    let ids = this.tokenLookups.get(token);
    if (!ids) this.tokenLookups.set(token, (ids = this.pages.recordTextIds(`"${token}"`)));
    return ids;
  }

  /**
   * Records whose catalog column contains the exact normalized text. While the index is being
   * rebuilt, the records it does not hold yet are found by reading their fields.
   */
  fieldRecords(text: string, column: string): number[] {
    const { table, match } = fieldTermMatch(text, column);
    const ids = this.lookup(`search_field_${table}`, match);
    const upTo = this.pages.indexedUpTo;
    if (upTo === null) return ids;
    const pending = this.pendingFieldValues(column).filter((r) => r.norm.includes(text)).map((r) => r.id);
    return [...ids.slice(0, lowerBound(ids, upTo + 1)), ...pending];
  }

  /** A catalog column of the records the index does not hold yet, normalized, by id. */
  private pendingFieldValues(column: string): { id: number; norm: string }[] {
    let rows = this.pendingFields.get(column);
    if (!rows) {
      rows = (stmt(this.db, `SELECT id, ${column} AS value FROM records WHERE id > ? ORDER BY id`).all(this.pages.indexedUpTo ?? 0) as { id: number; value: string }[])
        .map((r) => ({ id: r.id, norm: normalizeText(r.value) }));
      this.pendingFields.set(column, rows);
    }
    return rows;
  }

  /**
   * The pages of records the index does not hold yet (a rebuild under way) containing the
   * normalized text, by record: read from their text through the reader, once per text.
   */
  private pendingText(text: string): Map<number, number[]> {
    let found = this.pendingTexts.get(text);
    if (!found) {
      found = new Map();
      for (const p of this.pages.pendingPages()) {
        if (!p.norm.includes(text)) continue;
        const docs = found.get(p.recordId);
        if (docs) docs.push(p.doc);
        else found.set(p.recordId, [p.doc]);
      }
      this.pendingTexts.set(text, found);
    }
    return found;
  }

  /** An index answer joined with what the pending records' text says (nothing when none are). */
  private withPending(text: string, hit: { set: RecSet; matches: TextMatches }): { set: RecSet; matches: TextMatches } {
    if (this.pages.indexedUpTo === null) return hit;
    const found = this.pendingText(text);
    const counts = new Map([...found].map(([id, docs]) => [id, docs.length]));
    return {
      set: union(hit.set, pageCountSet(counts, BIT.text)),
      matches: { docsOf: (recordId) => (this.pages.pending(recordId) ? (found.get(recordId) ?? []) : hit.matches.docsOf(recordId)) },
    };
  }

  /** What the record documents do not cover yet, read once per query. */
  private uncovered(): UncoveredText {
    this.uncoveredText ??= this.pages.uncovered();
    return this.uncoveredText;
  }

  /**
   * A record's indexed pages, normalized, in doc order. The last few records read are kept (a
   * query's terms ask for the same records shown); not all, since listing every matching page
   * may read most of the vault.
   */
  private recordPages(recordId: number): NormalizedPage[] {
    let pages = this.pagesOfRecord.get(recordId);
    if (!pages) {
      pages = this.pages.recordPages(recordId);
      if (this.pagesOfRecord.size >= RECORD_PAGES_KEPT) this.pagesOfRecord.delete(this.pagesOfRecord.keys().next().value!);
      this.pagesOfRecord.set(recordId, pages);
    }
    return pages;
  }

  /**
   * Records whose page text contains a term of 1–3 characters, scored by page count (capped):
   * from the record documents, with what they do not cover yet read from the page text.
   */
  private recordText(text: string, tokens: string[]): RecSet {
    // One sorted list per page count, disjoint: merged, not collected and sorted.
    let set = unionAll(tokens.map((tok, k): RecSet => {
      const ids = this.recordTextIds(tok);
      const score = Math.min(k + 1, PAGE_CAP) * PAGE_WEIGHT;
      return { ids, score: new Array<number>(ids.length).fill(score), mask: new Array<number>(ids.length).fill(BIT.text) };
    }));
    const { stale, pages } = this.uncovered();
    if (pages.size > 0) {
      // Records with text the documents do not cover: their count is recomputed (a stale
      // document's count is not used at all).
      const counts = new Map<number, number>();
      for (const [id, list] of pages) {
        let n = stale.has(id) ? 0 : pageCountOf(set, id);
        for (const p of list) if (p.norm.includes(text)) n++;
        counts.set(id, n);
      }
      set = difference(set, [...counts.keys()].sort((a, b) => a - b));
      for (const [id, n] of counts) if (n === 0) counts.delete(id);
      set = union(set, pageCountSet(counts, BIT.text));
    }
    if (stale.size > 0) set = difference(set, [...stale].filter((id) => !pages.has(id)).sort((a, b) => a - b));
    return set;
  }

  /**
   * Text matches of a term answered per record: a record's pages are found when asked for, by
   * looking for the term in their normalized text, which is what the page index answers (FTS5
   * reads a whole doclist even with a rowid range, so asking it per record would cost as much
   * as the term's whole lookup).
   */
  private lazyPageMatches(text: string): TextMatches {
    const cache = new Map<number, number[]>();
    // A term of ideographs only that occurs in a page's stored text occurs in its normalized
    // text too (normalization leaves those characters as they are and only drops or folds what
    // is between others), so such a page needs no normalizing; any other page still does.
    const plain = /^[\u4e00-\u9fff]+$/.test(text);
    return {
      docsOf: (recordId) => {
        let docs = cache.get(recordId);
        if (!docs) {
          docs = this.recordPages(recordId).filter((p) => (plain && p.raw?.includes(text)) || p.norm.includes(text)).map((p) => p.doc);
          cache.set(recordId, docs);
        }
        return docs;
      },
    };
  }

  /** The records whose page text contains the exact normalized text, and where. */
  private exactText(text: string): { set: RecSet; matches: TextMatches } {
    let hit = this.exactTexts.get(text);
    if (!hit) {
      const tokens = recordTextTokens(text, RECORD_TEXT_CAP);
      if (tokens) hit = { set: this.recordText(text, tokens), matches: this.lazyPageMatches(text) };
      else {
        const docs = this.textDocs(text);
        hit = { set: groupDocs(docs, PAGE_WEIGHT, PAGE_CAP, BIT.text), matches: pageMatches(docs) };
      }
      hit = this.withPending(text, hit);
      this.exactTexts.set(text, hit);
    }
    return hit;
  }

  /**
   * Adds the records with no exact occurrence of the term but a page where it occurs with one
   * character wrong: candidates hold both exact parts of some variant, then their pages are read.
   */
  private fuzzyText(term: string, exact: { set: RecSet; matches: TextMatches }): { set: RecSet; matches: TextMatches } {
    const candidates = difference(plain(this.fuzzyCandidates(term, (p) => this.exactText(p).set.ids)), exact.set.ids).ids;
    const found = new Map<number, number[]>();
    for (const id of candidates) {
      const docs = this.recordPages(id).filter((p) => findFuzzy(p.norm, term).length > 0).map((p) => p.doc);
      if (docs.length > 0) found.set(id, docs);
    }
    const counts = new Map([...found].map(([id, docs]) => [id, docs.length]));
    return {
      set: union(exact.set, pageCountSet(counts, BIT.text | FUZZY_BIT)),
      matches: { docsOf: (recordId) => found.get(recordId) ?? exact.matches.docsOf(recordId) },
    };
  }

  private term(node: TermNode, positive: boolean): RecSet {
    const parts: RecSet[] = [];
    const fuzzy = this.fuzzy && positive && codePoints(node.text).length >= FUZZY_MIN_LENGTH;
    if (node.field === null || node.field === 'text') {
      let text = this.exactText(node.text);
      if (fuzzy) text = this.fuzzyText(node.text, text);
      if (positive) this.positiveText.set(node, text.matches);
      parts.push(text.set);
      const date = dateOfTerm(node.text);
      if (date) {
        if (positive) this.positiveDates.push(date);
        parts.push(...this.datedIn(date));
      }
      const mark = markOfTerm(node.text);
      if (mark) {
        if (positive) this.positiveMarks.push(mark);
        const ids = this.pages.recordsMarked(mark);
        parts.push({ ids, score: ids.map(() => PAGE_WEIGHT), mask: ids.map(() => MARK_BIT) });
      }
    }
    for (const f of CATALOG_FIELDS) {
      if (node.field !== null && node.field !== f.field) continue;
      const exact = this.fieldRecords(node.text, f.column);
      const ids = exact;
      if (fuzzy) {
        const extra = this.fuzzyField(node.text, f.column, exact);
        if (extra.length > 0) {
          parts.push({ ids: extra, score: extra.map(() => f.weight), mask: extra.map(() => BIT[f.field] | FUZZY_BIT) });
        }
      }
      parts.push({ ids, score: ids.map(() => f.weight), mask: ids.map(() => BIT[f.field]) });
    }
    const merged = unionAll(parts);
    // A record with an exact hit anywhere is not a fuzzy-only hit for this term.
    if (fuzzy) {
      const exactAnywhere = unionAll(parts.filter((p) => p.mask.every((m) => (m & FUZZY_BIT) === 0)));
      const exactSet = new Set(exactAnywhere.ids);
      for (let i = 0; i < merged.ids.length; i++) if (exactSet.has(merged.ids[i]!)) merged.mask[i]! &= ~FUZZY_BIT;
    }
    return merged;
  }

  /**
   * Records dated inside a date term: by their 成文日期, and by a date printed on a page (read
   * through the content rule, so a record whose pages the session may not see is dated by its
   * catalog alone). A date found in text is a day, month or year: it counts when it lies inside
   * the term (a page dated 2016年4月 is found by 2016-04, not by 2016-04-26).
   */
  private datedIn(d: DateTerm): RecSet[] {
    const byDocDate = pluckNumbers(this.db, 'SELECT id FROM records WHERE doc_date BETWEEN ? AND ? ORDER BY id', d.from, d.to);
    const inText = this.pages.recordsDatedWithin(d.from, d.to);
    return [
      { ids: byDocDate, score: byDocDate.map(() => DOC_DATE_WEIGHT), mask: byDocDate.map(() => DATE_BIT) },
      { ids: inText, score: inText.map(() => PAGE_WEIGHT), mask: inText.map(() => DATE_BIT) },
    ];
  }

  /** Candidates that contain both exact parts of some one-substitution variant. */
  private fuzzyCandidates(term: string, lookup: (part: string) => number[]): number[] {
    let out: number[] = [];
    for (const { left, right } of fuzzyVariants(term)) {
      const sides = [left, right].filter((s) => s !== '').map(lookup);
      if (sides.length === 0) continue;
      out = unionIds(out, sides.reduce((a, b) => intersectIds(a, b)));
    }
    return out;
  }

  private fuzzyField(term: string, column: string, exact: number[]): number[] {
    const candidates = difference(plain(this.fuzzyCandidates(term, (p) => this.fieldRecords(p, column))), exact).ids;
    const found: number[] = [];
    const load = stmt(this.db, `SELECT id, ${column} AS value FROM records WHERE id IN (SELECT value FROM json_each(?))`);
    for (let i = 0; i < candidates.length; i += 1000) {
      const rows = load.all(JSON.stringify(candidates.slice(i, i + 1000))) as { id: number; value: string }[];
      for (const r of rows) if (findFuzzy(normalizeText(r.value), term).length > 0) found.push(r.id);
    }
    return found.sort((a, b) => a - b);
  }

  // ── filters ────────────────────────────────────────────────────────────────────────────

  filter(f: Filter): number[] {
    const ids = (where: string, ...params: unknown[]) => pluckNumbers(this.db, `SELECT id FROM records WHERE ${where} ORDER BY id`, ...params);
    switch (f.kind) {
      case 'year':
        return ids('year BETWEEN ? AND ?', f.from, f.to);
      case 'retention':
        return ids('retention = ?', f.value);
      case 'classification':
        return ids('classification = ?', f.value);
      case 'category':
        return ids('upper(category_code) = ?', f.value);
      case 'org':
        return ids('lower(org_unit) = lower(?)', f.value);
      case 'fonds':
        return ids('upper(fonds_code) = ?', f.value);
      case 'code':
        // 档号 prefix in one dot style and upper case, like canonicalCode() made the prefix.
        return ids(
          "substr(upper(replace(replace(replace(archival_code, '.', '·'), '•', '·'), '・', '·')), 1, ?) = ?",
          codePoints(f.prefix).length,
          f.prefix,
        );
    }
  }
}

/** A record set without scores (filters, NOT). */
export function plain(ids: number[]): RecSet {
  return { ids, score: new Array<number>(ids.length).fill(0), mask: new Array<number>(ids.length).fill(0) };
}

export { DOC_SPAN };
