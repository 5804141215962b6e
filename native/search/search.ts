import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import type { OcrBox } from '../text/page-layout.js';
import { BIT, CATALOG_FIELDS, DATE_BIT, Evaluator, FUZZY_BIT } from './evaluate.js';
import { parseLayout, boxesForRange } from './layout.js';
import { searchMessages } from './messages.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { PageDerived, type PageRef } from './page-derived.js';
import { parseQuery, positiveTerms } from './query-parser.js';
import { difference, intersect, sortedDistinct, unionIds, type RecSet } from './sets.js';
import { buildSnippet, type SnippetTerm } from './snippet.js';
import { prepareParallelLookups } from './parallel-lookup.js';
import { concatIds, pluckNumbers, rawRows, recordsLeftOut, stmt } from './statements.js';
import type { MatchField, QueryNode, SearchAccess, SearchHit, SearchOptions, SearchRequest, SearchResult } from './types.js';

/**
 * search(): parse → evaluate to records (evaluate.ts) → date range and 涉密 hold filters →
 * order → build the requested page of hits (best page, snippet, highlights, boxes).
 * Everything runs in one read transaction, so the hits agree with the total even while an
 * OCR job is writing.
 */

const MAX_BOXES = 200;

type TermNode = Extract<QueryNode, { kind: 'term' }>;

interface Ordered {
  ids: number[];
  score: number[];
  mask: number[];
  dates: (string | null)[];
  /** Size of the whole ordered set (the arrays may hold only its first part). */
  total: number;
}

interface RecordRow {
  id: number;
  archival_code: string;
  title: string;
  doc_date: string | null;
  creator: string;
  doc_number: string;
  remarks: string;
}

const FIELD_VALUE: Record<Exclude<MatchField, 'text'>, keyof RecordRow> = {
  title: 'title', docNumber: 'doc_number', archivalCode: 'archival_code', creator: 'creator', remarks: 'remarks',
};

function request(query: string | SearchRequest, options: SearchOptions): SearchRequest {
  const req = typeof query === 'string' ? { ...options, query } : { ...query, ...options };
  if (typeof req.query !== 'string') throw VaultError.of('SEARCH_QUERY_EMPTY', searchMessages.empty, { query: '' });
  return req;
}

/**
 * Record ids passing the date range of the options (null = no range). anyDate also takes the
 * dates found in page text, read through `pages`, so a record whose pages the session may not
 * see is dated by its 成文日期 alone (issue 17: halving ranges read the dates on its pages).
 */
function dateFilter(db: Db, o: ResolvedOptions, pages: PageDerived): number[] | null {
  if (!o.from && !o.to) return null;
  const from = o.from ?? '0000-01-01';
  const to = o.to ?? '9999-12-31';
  // Ids come as one joined string in doc_date order and are put in id order here (cheaper than
  // SQLite's ORDER BY plus a JavaScript value per row, page-derived.ts does the same).
  const byDocDate = sortedDistinct(concatIds(db, 'SELECT id FROM records WHERE doc_date BETWEEN ? AND ?', from, to));
  if (o.dateField === 'docDate') return byDocDate;
  // A found date is an interval of at most a year, so date_to >= from implies
  // date_from >= from minus one year: that bound keeps the scan on the index range.
  const lower = `${String(Math.max(0, Number(from.slice(0, 4)) - 1)).padStart(4, '0')}${from.slice(4)}`;
  return unionIds(byDocDate, pages.recordsDatedInText(lower, from, to));
}

/** The reader of page-derived data with the session's content rule (none: unrestricted). */
function pageDerived(db: Db, access: SearchAccess | undefined): PageDerived {
  return new PageDerived(db, access ? { rule: access.content, ...(access.contentOut ? { among: access.contentOut } : {}) } : null);
}

/** Whether every id of the sorted `ids` is a record: true when record ids have no gap. */
function allRecords(db: Db, ids: number[]): boolean {
  if (ids.length === 0) return true;
  const lo = stmt(db, 'SELECT min(id) FROM records').pluck().get() as number | null;
  const hi = stmt(db, 'SELECT max(id) FROM records').pluck().get() as number | null;
  if (lo === null || hi === null || ids[0]! < lo || ids[ids.length - 1]! > hi) return false;
  return (stmt(db, 'SELECT count(*) FROM records').pluck().get() as number) === hi - lo + 1;
}

const compareDates = (x: string | null, y: string | null, dir: 1 | -1): number => {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -dir : dir;
};

/** Document dates of some of the set's members (by index into the set). */
function datesOf(db: Db, s: RecSet, idx: number[]): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (let i = 0; i < idx.length; i += 20000) {
    const rows = rawRows<[number, string | null]>(db, 'SELECT id, doc_date FROM records WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(idx.slice(i, i + 20000).map((k) => s.ids[k]!)));
    for (const [id, date] of rows) out.set(id, date);
  }
  return out;
}

/**
 * The first `need` members in relevance order (score, newest document date, id), and the
 * size of the set, without reading every member's date: members above the score of the
 * need-th one all belong; among those tied with it (with a common term, most of the set) the
 * newest are found by walking the document-date index until enough are met. `newest`: the
 * latest document date a member can have (the end of a document-date range), or null.
 */
function relevanceWindow(db: Db, s: RecSet, need: number, newest: string | null): Ordered {
  const counts = new Map<number, number>();
  for (const sc of s.score) counts.set(sc, (counts.get(sc) ?? 0) + 1);
  const scores = [...counts.keys()].sort((a, b) => b - a);
  let threshold = scores[scores.length - 1] ?? 0;
  for (let acc = 0, k = 0; k < scores.length; k++) {
    acc += counts.get(scores[k]!)!;
    if (acc >= need) {
      threshold = scores[k]!;
      break;
    }
  }
  const above: number[] = [];
  const tied: number[] = [];
  for (let i = 0; i < s.ids.length; i++) {
    if (s.score[i]! > threshold) above.push(i);
    else if (s.score[i] === threshold) tied.push(i);
  }
  const remaining = need - above.length;
  let chosen: number[];
  const dateOf = datesOf(db, s, above);
  if (tied.length <= 2000) {
    chosen = tied;
    for (const [id, d] of datesOf(db, s, tied)) dateOf.set(id, d);
  } else {
    chosen = [];
    const pos = new Int32Array(s.ids[s.ids.length - 1]! + 1).fill(-1);
    for (const i of tied) pos[s.ids[i]!] = i;
    let group: number[] = [];
    let groupDate: string | null | undefined;
    const flush = () => {
      group.sort((a, b) => s.ids[a]! - s.ids[b]!);
      chosen.push(...group);
      group = [];
    };
    // Newest first, undated last (SQLite sorts NULL lowest).
    // With a document-date range every member is dated no later than its end: the walk starts
    // there instead of passing every newer record.
    const walk = newest === null
      ? db.prepare('SELECT id, doc_date FROM records ORDER BY doc_date DESC').raw(true).iterate()
      : db.prepare('SELECT id, doc_date FROM records WHERE doc_date <= ? ORDER BY doc_date DESC').raw(true).iterate(newest);
    for (const [id, d] of walk as IterableIterator<[number, string | null]>) {
      if (d !== groupDate) {
        flush();
        if (chosen.length >= remaining) break;
        groupDate = d;
      }
      const i = id < pos.length ? pos[id]! : -1;
      if (i >= 0) {
        group.push(i);
        dateOf.set(id, d);
      }
    }
    flush();
  }
  const date = (i: number) => dateOf.get(s.ids[i]!) ?? null;
  const idx = [...above, ...chosen];
  idx.sort((a, b) => s.score[b]! - s.score[a]! || compareDates(date(a), date(b), -1) || s.ids[a]! - s.ids[b]!);
  const top = idx.slice(0, need);
  return { ids: top.map((i) => s.ids[i]!), score: top.map((i) => s.score[i]!), mask: top.map((i) => s.mask[i]!), dates: top.map(date), total: s.ids.length };
}

/**
 * Applies the options' filters and the access rule, drops ids that are no longer records, and
 * orders. With `need`, only the first `need` are ordered (relevance order).
 */
function order(db: Db, set: RecSet, o: ResolvedOptions, pages: PageDerived, access?: SearchAccess, need?: number): Ordered {
  let s = set;
  const dated = dateFilter(db, o, pages);
  if (dated) s = intersect(s, { ids: dated, score: dated.map(() => 0), mask: dated.map(() => 0) });
  if (!o.includeClassified) s = difference(s, pluckNumbers(db, 'SELECT id FROM records WHERE classified_hold = 1 ORDER BY id'));
  if (need !== undefined && o.sort === 'relevance' && allRecords(db, s.ids)) {
    // The records the session may not see go first (few: classified or restricted ones), so
    // the window needs no date of any other member.
    if (access) s = difference(s, recordsLeftOut(db, access.records, access.recordsOut));
    return relevanceWindow(db, s, need, o.dateField === 'docDate' && (o.from || o.to) ? (o.to ?? '9999-12-31') : null);
  }
  // Dates of every candidate, for ordering and ties; the query also drops stale ids.
  const dateOf = new Map<number, string | null>();
  const visible = access ? ` AND coalesce((${access.records.text}), 0) <> 0` : '';
  for (let i = 0; i < s.ids.length; i += 20000) {
    const rows = rawRows<[number, string | null]>(
      db,
      `SELECT id, doc_date FROM records WHERE id IN (SELECT value FROM json_each(?))${visible}`,
      JSON.stringify(s.ids.slice(i, i + 20000)),
      ...(access ? access.records.params : []),
    );
    for (const [id, date] of rows) dateOf.set(id, date);
  }
  const idx: number[] = [];
  for (let i = 0; i < s.ids.length; i++) if (dateOf.has(s.ids[i]!)) idx.push(i);
  const date = (i: number) => dateOf.get(s.ids[i]!) ?? null;
  const byDate = (a: number, b: number, dir: 1 | -1) => {
    const x = date(a);
    const y = date(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -dir : dir;
  };
  const byScore = (a: number, b: number) => s.score[b]! - s.score[a]!;
  const byId = (a: number, b: number) => s.ids[a]! - s.ids[b]!;
  if (o.sort === 'relevance') idx.sort((a, b) => byScore(a, b) || byDate(a, b, -1) || byId(a, b));
  else idx.sort((a, b) => byDate(a, b, o.sort === 'dateAsc' ? 1 : -1) || byScore(a, b) || byId(a, b));
  return {
    ids: idx.map((i) => s.ids[i]!),
    score: idx.map((i) => s.score[i]!),
    mask: idx.map((i) => s.mask[i]!),
    dates: idx.map(date),
    total: idx.length,
  };
}

function fieldsOf(mask: number): MatchField[] {
  return (Object.keys(BIT) as MatchField[]).filter((f) => (mask & BIT[f]) !== 0);
}

class HitBuilder {
  private readonly textTerms: TermNode[];

  constructor(
    private readonly pages: PageDerived,
    private readonly ev: Evaluator,
    private readonly terms: TermNode[],
    private readonly fuzzy: boolean,
  ) {
    this.textTerms = terms.filter((t) => t.field === null || t.field === 'text');
  }

  /** Docs of the record with a hit of some positive term, sorted. */
  private docsOf(recordId: number): number[] {
    let out: number[] = [];
    for (const m of this.ev.positiveText.values()) out = unionIds(out, m.docsOf(recordId));
    return out;
  }

  /** Pages of the record with a hit of some positive term, in page order. */
  matchingPages(recordId: number): PageRef[] {
    const docs = new Set(this.docsOf(recordId));
    if (docs.size === 0) return [];
    return this.pages.pageRefs(recordId).filter((r) => docs.has(r.doc));
  }

  matchedPageCount(recordId: number): number {
    return this.docsOf(recordId).length;
  }

  /** The page with the most distinct positive terms, the first such page on ties. */
  bestPage(recordId: number): PageRef | null {
    const pages = this.matchingPages(recordId);
    let best: PageRef | null = null;
    let bestCount = 0;
    for (const p of pages) {
      let n = 0;
      for (const m of this.ev.positiveText.values()) if (m.docsOf(recordId).includes(p.doc)) n++;
      if (n > bestCount) {
        best = p;
        bestCount = n;
      }
    }
    return best;
  }

  private snippetTerms(field: MatchField): SnippetTerm[] {
    return this.terms
      .filter((t) => t.field === null || t.field === field)
      .map((t) => ({ text: t.text, fuzzy: this.fuzzy }));
  }

  /** Which date of the record met a date term: its 成文日期 first, else the first date on its pages. */
  private matchedDate(rec: RecordRow, mask: number): { matchedDate: string | null; matchedDatePage: number | null } {
    if ((mask & DATE_BIT) === 0) return { matchedDate: null, matchedDatePage: null };
    for (const d of this.ev.positiveDates) {
      if (rec.doc_date !== null && rec.doc_date >= d.from && rec.doc_date <= d.to) return { matchedDate: rec.doc_date, matchedDatePage: null };
    }
    for (const d of this.ev.positiveDates) {
      const found = this.pages.firstDateInText(rec.id, d.from, d.to);
      if (found) return { matchedDate: found.precision === 'day' ? found.from : found.from.slice(0, found.precision === 'month' ? 7 : 4), matchedDatePage: found.pageNo };
    }
    return { matchedDate: null, matchedDatePage: null };
  }

  hit(rec: RecordRow, score: number, mask: number, page: PageRef | null): SearchHit {
    const base = {
      recordId: rec.id,
      archivalCode: rec.archival_code,
      title: rec.title,
      docDate: rec.doc_date,
      score,
      matchedFields: fieldsOf(mask),
      matchedPages: this.matchedPageCount(rec.id),
      fuzzy: (mask & FUZZY_BIT) !== 0,
      ...this.matchedDate(rec, mask),
    };
    if (page) {
      const row = this.pages.pageText(page.pageId);
      if (row) {
        const sn = buildSnippet(row.text, this.textTerms.map((t) => ({ text: t.text, fuzzy: this.fuzzy })));
        const layout = parseLayout(row.layout);
        const boxes: OcrBox[] = [];
        if (layout) for (const [s, e] of sn.ranges) boxes.push(...boxesForRange(layout, s, e));
        return { ...base, pageNo: page.pageNo, pageId: page.pageId, snippet: sn.snippet, highlights: sn.highlights, boxes: boxes.slice(0, MAX_BOXES), matchedIn: 'text' };
      }
    }
    // Catalog hit: the snippet is the highest-weighted matching field (title when none did).
    const field = CATALOG_FIELDS.find((f) => (mask & BIT[f.field]) !== 0)?.field ?? 'title';
    const sn = buildSnippet(String(rec[FIELD_VALUE[field]]), this.snippetTerms(field), 200);
    return { ...base, pageNo: null, pageId: null, snippet: sn.snippet, highlights: sn.highlights, boxes: [], matchedIn: field };
  }
}

function loadRecords(db: Db, ids: number[]): Map<number, RecordRow> {
  if (ids.length === 0) return new Map();
  const rows = stmt(db, 'SELECT id, archival_code, title, doc_date, creator, doc_number, remarks FROM records WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as RecordRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The query ANDed with the options' field filters. */
function withFilters(ast: QueryNode, o: ResolvedOptions): QueryNode {
  if (o.filters.length === 0) return ast;
  return { kind: 'and', children: [ast, ...o.filters.map((filter): QueryNode => ({ kind: 'filter', filter }))] };
}

function run(db: Db, ast: QueryNode, o: ResolvedOptions, t0: number, access?: SearchAccess): SearchResult {
  const pages = pageDerived(db, access);
  const ev = new Evaluator(db, o.fuzzy, pages);
  const ordered = order(db, ev.evaluate(withFilters(ast, o)), o, pages, access, o.pages === 'best' ? o.offset + o.limit : undefined);
  const terms = positiveTerms(ast);
  const builder = new HitBuilder(pages, ev, terms, o.fuzzy);
  const hits: SearchHit[] = [];
  let total: number;
  if (o.pages === 'best') {
    total = ordered.total;
    const window = ordered.ids.slice(o.offset, o.offset + o.limit);
    const recs = loadRecords(db, window);
    window.forEach((id, k) => {
      const i = o.offset + k;
      hits.push(builder.hit(recs.get(id)!, ordered.score[i]!, ordered.mask[i]!, builder.bestPage(id)));
    });
  } else {
    // One hit per matching page (a record matched only in its catalog fields counts once).
    total = 0;
    const want: { i: number; page: PageRef | null }[] = [];
    for (let i = 0; i < ordered.ids.length; i++) {
      const id = ordered.ids[i]!;
      const n = Math.max(1, builder.matchedPageCount(id));
      if (total + n > o.offset && want.length < o.limit) {
        const pages: (PageRef | null)[] = builder.matchedPageCount(id) > 0 ? builder.matchingPages(id) : [null];
        for (let k = Math.max(0, o.offset - total); k < pages.length && want.length < o.limit; k++) want.push({ i, page: pages[k]! });
      }
      total += n;
    }
    const recs = loadRecords(db, [...new Set(want.map((w) => ordered.ids[w.i]!))]);
    for (const w of want) hits.push(builder.hit(recs.get(ordered.ids[w.i]!)!, ordered.score[w.i]!, ordered.mask[w.i]!, w.page));
  }
  return {
    total,
    hits,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
    terms: [...new Set(terms.map((t) => t.text))],
    fuzzy: o.fuzzy,
  };
}

/**
 * Searches records by catalog fields and OCR text (query language: query-parser.ts).
 * `query` is the query string or a request carrying it with options; `options` override.
 * `access` limits what the session sees (types.ts SearchAccess; access.ts searchAs() is the
 * authorized, audited entry point for people). Throws VaultError SEARCH_QUERY_EMPTY /
 * SEARCH_QUERY_SYNTAX / SEARCH_FILTER_VALUE / SEARCH_OPTION_INVALID with a bilingual message
 * for bad input.
 */
export function search(db: Db, query: string | SearchRequest, options: SearchOptions = {}, access?: SearchAccess): SearchResult {
  const t0 = performance.now();
  const req = request(query, options);
  const o = resolveOptions(req);
  const ast = parseQuery(req.query);
  prepareParallelLookups(db);
  return db.transaction(() => run(db, ast, o, t0, access))();
}

/**
 * Every matching record id in result order, without building hits ("select all results",
 * exports, and the benchmark's recall check). Same filters and ordering as search().
 */
export function searchRecordIds(db: Db, query: string | SearchRequest, options: SearchOptions = {}, access?: SearchAccess): number[] {
  const req = request(query, options);
  const o = resolveOptions(req);
  const ast = parseQuery(req.query);
  return db.transaction(() => {
    const pages = pageDerived(db, access);
    return order(db, new Evaluator(db, o.fuzzy, pages).evaluate(withFilters(ast, o)), o, pages, access).ids;
  })();
}
