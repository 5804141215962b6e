import type { Db } from '../db/database.js';
import type { SqlFragment, SqlValue } from '../db/sql.js';
import { DOC_SPAN, TRIGRAM_SHARDS } from './indexer.js';
import { normalizeText } from './normalize.js';
import { shardedMatchIds } from './parallel-lookup.js';
import { lowerBound, sortedDistinct } from './sets.js';
import { concatIds, ftsMatchSql, pluckNumbers, rawRows, recordsLeftOut, stmt } from './statements.js';

/**
 * The one door through which a person's reads of page-derived data pass (DESIGN.md "One face,
 * floors inside the engine"): page_text and everything made from it — the trigram and record
 * text indexes, page slots, dates found in the text — are read here and nowhere else on a
 * person's behalf, with the session's content rule (may see what the record's pages say)
 * applied inside the SQL. A record failing the rule has, through this module, no pages with
 * text: it is found, excluded, ranked, counted and dated by its catalog fields alone. A new
 * derived table gets its reader here, so it is covered by construction; a test
 * (test/unit/search/page-derived-reads.test.ts) fails for SQL naming these tables elsewhere,
 * apart from their writers.
 *
 * How the rule is applied, by the kind of read:
 * - reads of one record or page join the record and test the rule on that one row, in the
 *   statement itself;
 * - reads over many records (index lookups, date ranges) leave out the records the rule hides,
 *   found once per reader by the rule through the partial index records_not_normal (about 1%
 *   of a vault; none for the security officer). Their ids are taken out of the sorted lookup
 *   result here, by a merge, before anything leaves this module. Not as `NOT IN` in the SQL:
 *   FTS5 decodes a term's whole doclist whatever the condition, so the condition reads nothing
 *   less and costs ~0.25 µs per row (measured at 100k pages: a common 2-character term's ten
 *   record text lookups 2.1 → 4.7 ms, an any-date half year 4 → 8 ms; ten times that at 1M
 *   pages, against a p95 budget of ~100 ms), where the merge costs a few nanoseconds a row;
 * - the few pages the record documents do not cover yet (uncovered) are read with the hidden
 *   records left out in the SQL (`NOT IN`): few rows, and their text is never decoded.
 */

/** The content rule of a session, as searchAccess() builds it (native/auth recordFilterSql). */
export interface ContentRule {
  /** Condition over the table alias `records`: the session may see what the record's pages say. */
  rule: SqlFragment;
  /** A condition every record failing `rule` meets (an index finds those few); `1` or absent: none known. */
  among?: SqlFragment;
}

export interface PageRef {
  doc: number;
  pageId: number;
  pageNo: number;
}

export interface NormalizedPage {
  doc: number;
  norm: string;
}

/**
 * What the record documents (search_record_text) do not cover yet: records whose document is
 * stale (all their pages) and pages waiting to be added (record-text.ts explains why).
 */
export interface UncoveredText {
  stale: Set<number>;
  /** By record, sorted by doc. */
  pages: Map<number, NormalizedPage[]>;
}

export interface PageTextRow {
  text: string;
  layout: string;
}

const ALL_RECORDS: SqlFragment = { text: '1', params: [] };

export class PageDerived {
  /** Ids the rule hides, ascending. */
  private readonly hidden: number[];
  /** The same as a JSON array bound to `json_each`; null: none hidden. */
  private readonly hiddenJson: string | null;
  /** The rule tested on one joined `records` row. */
  private readonly visibleRow: SqlFragment;

  /**
   * @param content the session's content rule; null only for the engine's own unrestricted
   * reads (search() without access, tests, benchmarks), never for a person.
   * Call inside the read transaction of the search, so the hidden set and every read agree.
   */
  constructor(private readonly db: Db, content: ContentRule | null) {
    this.visibleRow = content ? { text: `coalesce((${content.rule.text}), 0) <> 0`, params: content.rule.params } : ALL_RECORDS;
    this.hidden = content ? recordsLeftOut(db, content.rule, content.among) : [];
    this.hiddenJson = this.hidden.length > 0 ? JSON.stringify(this.hidden) : null;
  }

  /**
   * ` AND <column> NOT IN hidden` and its parameter, or nothing when no record is hidden (the
   * statement is then the unrestricted one, so the common case keeps its plan and cost).
   */
  private notHidden(column: string): { text: string; params: SqlValue[] } {
    if (this.hiddenJson === null) return { text: '', params: [] };
    return { text: ` AND ${column} NOT IN (SELECT value FROM json_each(?))`, params: [this.hiddenJson] };
  }

  // ── reads over many records ─────────────────────────────────────────────────────────────

  /** Docs (pages) whose trigram document matches `match` (an FTS5 phrase), ascending. */
  trigramDocs(match: string): number[] {
    const [a, b] = TRIGRAM_SHARDS;
    return withoutRecords(shardedMatchIds(this.db, [ftsMatchSql(a), ftsMatchSql(b)], [match]), this.hidden, DOC_SPAN);
  }

  /** Records whose record text document matches `match` (one gram token), ascending. */
  recordTextIds(match: string): number[] {
    return withoutRecords(concatIds(this.db, ftsMatchSql('search_record_text'), match), this.hidden, 1);
  }

  /**
   * Records with a date found in their page text that overlaps [from, to] (ISO days), ascending.
   * `lowest`: a lower bound of date_from every overlapping date meets (keeps the scan on the
   * index range; search.ts dateFilter explains it).
   */
  recordsDatedInText(lowest: string, from: string, to: string): number[] {
    // Ids come as one joined string, unsorted and repeated, and are put in order here: at 1M
    // pages a year of found dates is ~100k rows, and SQLite's DISTINCT/ORDER BY sort plus a
    // JavaScript value per row cost more than the query.
    const ids = concatIds(this.db, 'SELECT record_id AS id FROM search_date WHERE date_from >= ? AND date_from <= ? AND date_to >= ?', lowest, to, from);
    return withoutRecords(sortedDistinct(ids), this.hidden, 1);
  }

  /** Records with a date found in their page text that lies wholly inside [from, to], ascending. */
  recordsDatedWithin(from: string, to: string): number[] {
    const ids = concatIds(this.db, 'SELECT record_id AS id FROM search_date WHERE date_from >= ? AND date_from <= ? AND date_to <= ?', from, to, to);
    return withoutRecords(sortedDistinct(ids), this.hidden, 1);
  }

  /** What the record documents do not cover yet, of the records the session may read. */
  uncovered(): UncoveredText {
    const cond = this.notHidden('record_id');
    const stale = new Set(pluckNumbers(this.db, `SELECT record_id FROM search_record_text_state WHERE stale = 1${cond.text}`, ...cond.params));
    const pages = new Map<number, NormalizedPage[]>();
    const pending = this.notHidden('sp.record_id');
    // INDEXED BY: without statistics the planner would walk all of search_page in doc order.
    const rows = rawRows<[number, number, string]>(this.db, `SELECT sp.record_id, sp.doc, t.text FROM search_page sp INDEXED BY search_page_pending
      JOIN page_text t ON t.page_id = sp.page_id WHERE sp.in_record_text = 0${pending.text}`, ...pending.params);
    for (const [recordId, doc, text] of rows) {
      if (stale.has(recordId)) continue;
      let list = pages.get(recordId);
      if (!list) pages.set(recordId, (list = []));
      list.push({ doc, norm: normalizeText(text) });
    }
    for (const list of pages.values()) list.sort((a, b) => a.doc - b.doc);
    for (const id of stale) {
      const list = this.recordPages(id);
      if (list.length > 0) pages.set(id, list);
    }
    return { stale, pages };
  }

  // ── reads of one record or page ─────────────────────────────────────────────────────────

  /** A record's indexed pages, normalized, in doc order (none when the rule hides the record). */
  recordPages(recordId: number): NormalizedPage[] {
    return rawRows<[number, string]>(
      this.db,
      `SELECT sp.doc, t.text FROM search_page sp JOIN page_text t ON t.page_id = sp.page_id JOIN records ON records.id = sp.record_id
       WHERE sp.record_id = ? AND ${this.visibleRow.text} ORDER BY sp.doc`,
      recordId, ...this.visibleRow.params,
    ).map(([doc, text]) => ({ doc, norm: normalizeText(text) }));
  }

  /** A record's indexed pages in page order (none when the rule hides the record). */
  pageRefs(recordId: number): PageRef[] {
    return stmt(this.db, `SELECT sp.doc AS doc, sp.page_id AS pageId, p.page_no AS pageNo FROM search_page sp JOIN pages p ON p.id = sp.page_id
      JOIN records ON records.id = sp.record_id WHERE sp.record_id = ? AND ${this.visibleRow.text} ORDER BY p.page_no`)
      .all(recordId, ...this.visibleRow.params) as PageRef[];
  }

  /** A page's OCR text and layout (undefined without text, or when the rule hides its record). */
  pageText(pageId: number): PageTextRow | undefined {
    return stmt(this.db, `SELECT t.text, t.layout FROM page_text t JOIN pages p ON p.id = t.page_id JOIN records ON records.id = p.record_id
      WHERE t.page_id = ? AND ${this.visibleRow.text}`)
      .get(pageId, ...this.visibleRow.params) as PageTextRow | undefined;
  }

  /**
   * The first date printed on a record's pages that lies inside [from, to], with its page (none
   * when the rule hides the record): what a hit found by a date term says it matched.
   */
  firstDateInText(recordId: number, from: string, to: string): { pageNo: number; from: string; precision: 'day' | 'month' | 'year' } | undefined {
    return stmt(this.db, `SELECT p.page_no AS pageNo, d.date_from AS "from", d.precision AS precision FROM search_date d JOIN pages p ON p.id = d.page_id
      JOIN records ON records.id = d.record_id WHERE d.record_id = ? AND d.date_from >= ? AND d.date_to <= ? AND ${this.visibleRow.text}
      ORDER BY p.page_no, d.text_start LIMIT 1`)
      .get(recordId, from, to, ...this.visibleRow.params) as { pageNo: number; from: string; precision: 'day' | 'month' | 'year' } | undefined;
  }

  /**
   * A record's OCR text per page, in page order (pages without text left out; none when the rule
   * hides the record): for showing a record's text to a person.
   */
  recordTexts(recordId: number): { pageNo: number; text: string; meanConfidence: number | null }[] {
    return stmt(this.db, `SELECT p.page_no AS pageNo, t.text AS text, t.mean_confidence AS meanConfidence FROM pages p JOIN page_text t ON t.page_id = p.id
      JOIN records ON records.id = p.record_id WHERE p.record_id = ? AND ${this.visibleRow.text} ORDER BY p.page_no`)
      .all(recordId, ...this.visibleRow.params) as { pageNo: number; text: string; meanConfidence: number | null }[];
  }
}

/**
 * The sorted `values` without those of the hidden records (`hidden` ascending), a value
 * belonging to record floor(value / span): record ids (span 1) or docs (span DOC_SPAN).
 * Copies the runs between the hidden records' ranges; returns `values` itself when none is hit.
 */
function withoutRecords(values: number[], hidden: readonly number[], span: number): number[] {
  if (hidden.length === 0 || values.length === 0) return values;
  const out: number[] = [];
  let next = 0;
  for (const h of hidden) {
    const lo = lowerBound(values, h * span);
    if (lo >= values.length) break;
    const hi = lowerBound(values, (h + 1) * span);
    for (let i = next; i < lo; i++) out.push(values[i]!);
    next = Math.max(next, hi);
  }
  if (next === 0) return values;
  for (let i = next; i < values.length; i++) out.push(values[i]!);
  return out;
}
