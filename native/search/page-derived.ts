import type { Db } from '../db/database.js';
import type { SqlFragment, SqlValue } from '../db/sql.js';
import { extractDates } from '../text/dates.js';
import { dateInterval, DOC_SPAN, TRIGRAM_SHARDS } from './indexer.js';
import { indexedUpTo, rebuildProgress, type RebuildProgress } from './rebuild-state.js';
import { normalizeText } from './normalize.js';
import { shardedMatchIds } from './parallel-lookup.js';
import { lowerBound, sortedDistinct, unionIds } from './sets.js';
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
 *
 * While the index is being rebuilt (indexer.ts continueRebuild), only the records up to the
 * rebuild's place are read from it; the records after it are pending: the index reads leave
 * them out, and their pages are read from page_text instead (pendingPages, pendingDated), the
 * hidden records left out in the SQL, with docs numbered by page order (pendingDoc), the same
 * in every read of the query.
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
  /** The page's text as stored, when the reader kept it (norm is then made on first use). */
  raw?: string;
}

/**
 * A page whose text is normalized only when asked: a hit's record has its every page tested for
 * a term, and most of them are decided on the stored text alone (evaluate.ts), so the
 * normalization of a CLI search's twenty records is mostly skipped (issue 14).
 */
class LazyPage implements NormalizedPage {
  private normalized: string | undefined;

  constructor(
    readonly doc: number,
    readonly raw: string,
  ) {}

  get norm(): string {
    return (this.normalized ??= normalizeText(this.raw));
  }
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
  /** The same, for the reads of one record: checked here, not row by row in SQL. */
  private readonly hiddenSet: ReadonlySet<number>;
  /** The same as a JSON array bound to `json_each`; null: none hidden. */
  private readonly hiddenJson: string | null;
  /** The rule tested on one joined `records` row. */
  private readonly visibleRow: SqlFragment;
  /** Records after this id are not in the index yet (a rebuild under way); null: all are. */
  readonly indexedUpTo: number | null;

  /**
   * @param content the session's content rule; null only for the engine's own unrestricted
   * reads (search() without access, tests, benchmarks), never for a person.
   * Call inside the read transaction of the search, so the hidden set and every read agree.
   */
  constructor(private readonly db: Db, content: ContentRule | null) {
    this.visibleRow = content ? { text: `coalesce((${content.rule.text}), 0) <> 0`, params: content.rule.params } : ALL_RECORDS;
    this.hidden = content ? recordsLeftOut(db, content.rule, content.among) : [];
    this.hiddenSet = new Set(this.hidden);
    this.hiddenJson = this.hidden.length > 0 ? JSON.stringify(this.hidden) : null;
    this.indexedUpTo = indexedUpTo(db);
  }

  /** How far the rebuild under way is (null: the index is whole). */
  rebuilding(): RebuildProgress | null {
    return this.indexedUpTo === null ? null : rebuildProgress(this.db);
  }

  /** The record is not in the index yet: its pages are read from their text. */
  pending(recordId: number): boolean {
    return this.indexedUpTo !== null && recordId > this.indexedUpTo;
  }

  /** Sorted `values` (of records, `span` values per record) cut to the indexed records. */
  private indexedOnly(values: number[], span: number): number[] {
    if (this.indexedUpTo === null) return values;
    const end = lowerBound(values, (this.indexedUpTo + 1) * span);
    return end === values.length ? values : values.slice(0, end);
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
    return this.indexedOnly(withoutRecords(shardedMatchIds(this.db, [ftsMatchSql(a), ftsMatchSql(b)], [match]), this.hidden, DOC_SPAN), DOC_SPAN);
  }

  /** Records whose record text document matches `match` (one gram token), ascending. */
  recordTextIds(match: string): number[] {
    return this.indexedOnly(withoutRecords(concatIds(this.db, ftsMatchSql('search_record_text'), match), this.hidden, 1), 1);
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
    const indexed = this.indexedOnly(withoutRecords(sortedDistinct(ids), this.hidden, 1), 1);
    return this.indexedUpTo === null ? indexed : unionIds(indexed, this.pendingDated(from, to));
  }

  /** Records with a date found in their page text that lies wholly inside [from, to], ascending. */
  recordsDatedWithin(from: string, to: string): number[] {
    const ids = concatIds(this.db, 'SELECT record_id AS id FROM search_date WHERE date_from >= ? AND date_from <= ? AND date_to <= ?', from, to, to);
    return withoutRecords(sortedDistinct(ids), this.hidden, 1);
  }

  /**
   * Records whose first page carries the 密级 mark `value` as extraction read it (its printed
   * form, 秘密★10年), unless a person rejected that reading; ascending, through the content rule.
   */
  recordsMarked(value: string): number[] {
    const ids = pluckNumbers(this.db, "SELECT DISTINCT record_id FROM record_suggestions WHERE field = 'classification' AND value = ? AND status <> 'rejected' ORDER BY record_id", value);
    return withoutRecords(ids, this.hidden, 1);
  }

  /** The page a record's mark `value` was read on (for a record recordsMarked returned). */
  markPage(recordId: number, value: string): number | null {
    const row = this.db.prepare("SELECT page_no AS pageNo FROM record_suggestions WHERE record_id = ? AND field = 'classification' AND value = ? AND status <> 'rejected' ORDER BY id LIMIT 1")
      .get(recordId, value) as { pageNo: number | null } | undefined;
    return row?.pageNo ?? null;
  }

  /** What the record documents do not cover yet, of the records the session may read. */
  uncovered(): UncoveredText {
    const upTo = this.indexedUpTo === null ? '' : ` AND record_id <= ${this.indexedUpTo}`;
    const cond = this.notHidden('record_id');
    cond.text += upTo;
    const stale = new Set(pluckNumbers(this.db, `SELECT record_id FROM search_record_text_state WHERE stale = 1${cond.text}`, ...cond.params));
    const pages = new Map<number, NormalizedPage[]>();
    const pending = this.notHidden('sp.record_id');
    // INDEXED BY: without statistics the planner would walk all of search_page in doc order.
    const rows = rawRows<[number, number, string]>(this.db, `SELECT sp.record_id, sp.doc, t.text FROM search_page sp INDEXED BY search_page_pending
      JOIN page_text t ON t.page_id = sp.page_id WHERE sp.in_record_text = 0${pending.text}${upTo.replace('record_id', 'sp.record_id')}`, ...pending.params);
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

  /**
   * The pages with text of the pending records the session may read, normalized, in record
   * and page order. Read in batches (better-sqlite3 runs nothing else on the connection while
   * a statement is iterated), so a rebuild that has just begun costs time, not memory.
   */
  *pendingPages(): Generator<{ recordId: number; doc: number; norm: string; text: string }> {
    if (this.indexedUpTo === null) return;
    const cond = this.notHidden('p.record_id');
    const batch = stmt(this.db, `SELECT p.record_id AS recordId, p.page_no AS pageNo, t.text AS text FROM pages p JOIN page_text t ON t.page_id = p.id
      WHERE p.record_id > ? AND (p.record_id, p.page_no) > (?, ?)${cond.text} ORDER BY p.record_id, p.page_no LIMIT 1000`);
    let at: [number, number] = [this.indexedUpTo, -1];
    let index = 0;
    for (;;) {
      const rows = batch.all(this.indexedUpTo, at[0], at[1], ...cond.params) as { recordId: number; pageNo: number; text: string }[];
      if (rows.length === 0) return;
      for (const r of rows) {
        index = r.recordId === at[0] ? index + 1 : 0;
        at = [r.recordId, r.pageNo];
        yield { recordId: r.recordId, doc: pendingDoc(r.recordId, index), norm: normalizeText(r.text), text: r.text };
      }
    }
  }

  /** Pending records with a date found in their page text overlapping [from, to], ascending. */
  pendingDated(from: string, to: string): number[] {
    const out: number[] = [];
    for (const p of this.pendingPages()) {
      if (out[out.length - 1] === p.recordId) continue;
      if (extractDates(p.text).some((d) => { const i = dateInterval(d); return i.from <= to && i.to >= from; })) out.push(p.recordId);
    }
    return out;
  }

  /** A pending record's pages with text in page order, with their docs (none when hidden). */
  private pendingRecord(recordId: number): { doc: number; pageId: number; pageNo: number; text: string }[] {
    if (this.hiddenSet.has(recordId)) return [];
    return (stmt(this.db, `SELECT p.id AS pageId, p.page_no AS pageNo, t.text AS text FROM pages p JOIN page_text t ON t.page_id = p.id
      JOIN records ON records.id = p.record_id WHERE p.record_id = ? ORDER BY p.page_no`)
      .all(recordId) as { pageId: number; pageNo: number; text: string }[]).map((r, i) => ({ ...r, doc: pendingDoc(recordId, i) }));
  }

  // ── reads of one record or page ─────────────────────────────────────────────────────────
  // The rule is the hidden set, taken in the same read transaction: one lookup here instead of
  // the rule's SQL on every row (the join with records stays: a row of no record is no page).

  /** A record's indexed pages, normalized, in doc order (none when the rule hides the record). */
  recordPages(recordId: number): NormalizedPage[] {
    if (this.pending(recordId)) return this.pendingRecord(recordId).map((p) => ({ doc: p.doc, norm: normalizeText(p.text) }));
    if (this.hiddenSet.has(recordId)) return [];
    return rawRows<[number, string]>(
      this.db,
      `SELECT sp.doc, t.text FROM search_page sp JOIN page_text t ON t.page_id = sp.page_id JOIN records ON records.id = sp.record_id
       WHERE sp.record_id = ? ORDER BY sp.doc`,
      recordId,
    ).map(([doc, text]) => new LazyPage(doc, text));
  }

  /** A record's indexed pages in page order (none when the rule hides the record). */
  pageRefs(recordId: number): PageRef[] {
    if (this.pending(recordId)) return this.pendingRecord(recordId).map((p) => ({ doc: p.doc, pageId: p.pageId, pageNo: p.pageNo }));
    if (this.hiddenSet.has(recordId)) return [];
    return stmt(this.db, `SELECT sp.doc AS doc, sp.page_id AS pageId, p.page_no AS pageNo FROM search_page sp JOIN pages p ON p.id = sp.page_id
      JOIN records ON records.id = sp.record_id WHERE sp.record_id = ? ORDER BY p.page_no`)
      .all(recordId) as PageRef[];
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
    if (this.hiddenSet.has(recordId)) return undefined;
    return stmt(this.db, `SELECT p.page_no AS pageNo, d.date_from AS "from", d.precision AS precision FROM search_date d JOIN pages p ON p.id = d.page_id
      JOIN records ON records.id = d.record_id WHERE d.record_id = ? AND d.date_from >= ? AND d.date_to <= ?
      ORDER BY p.page_no, d.text_start LIMIT 1`)
      .get(recordId, from, to) as { pageNo: number; from: string; precision: 'day' | 'month' | 'year' } | undefined;
  }

  /**
   * A record's OCR text per page, in page order (pages without text left out; none when the rule
   * hides the record): for showing a record's text to a person.
   */
  recordTexts(recordId: number): { pageNo: number; text: string; meanConfidence: number | null }[] {
    if (this.hiddenSet.has(recordId)) return [];
    return stmt(this.db, `SELECT p.page_no AS pageNo, t.text AS text, t.mean_confidence AS meanConfidence FROM pages p JOIN page_text t ON t.page_id = p.id
      JOIN records ON records.id = p.record_id WHERE p.record_id = ? ORDER BY p.page_no`)
      .all(recordId) as { pageNo: number; text: string; meanConfidence: number | null }[];
  }

  /**
   * A QC batch's machine findings (what the checks measured on page images), in the order they
   * were found; only on records whose pages the session may see: for a record it may see only
   * by its catalog line, its pages' findings are not there at all (not shown, not counted).
   */
  qcFindings(batchId: number, filter: { recordId?: number; pageNo?: number } = {}): QcFindingRow[] {
    const params: SqlValue[] = [batchId];
    let where = 'f.batch_id = ?';
    if (filter.recordId !== undefined) {
      where += ' AND f.record_id = ?';
      params.push(filter.recordId);
    }
    if (filter.pageNo !== undefined) {
      where += ' AND (f.page_no = ? OR f.page_no IS NULL)';
      params.push(filter.pageNo);
    }
    return stmt(this.db, `SELECT f.record_id AS recordId, records.archival_code AS archivalCode, f.page_no AS pageNo, f.check_id AS "check", f.value, f.detail
      FROM qc_findings f JOIN records ON records.id = f.record_id WHERE ${where} AND ${this.visibleRow.text} ORDER BY f.id`)
      .all(...params, ...this.visibleRow.params) as QcFindingRow[];
  }
}

/** A machine QC finding as stored (native/qc maps it to its Finding). */
export interface QcFindingRow {
  recordId: number;
  archivalCode: string;
  pageNo: number | null;
  check: string;
  value: number | null;
  /** JSON. */
  detail: string;
}

/** The doc a pending record's page goes by: its place among the record's pages with text. */
export function pendingDoc(recordId: number, index: number): number {
  return recordId * DOC_SPAN + Math.min(index, DOC_SPAN - 1);
}

/**
 * The sorted `values` without those of the hidden records (`hidden` ascending), a value
 * belonging to record floor(value / span): record ids (span 1) or docs (span DOC_SPAN).
 * Compacts `values` in place and returns it: every caller passes an array it has just made (a
 * lookup's result), and copying a common term's 100k–1M values into a new array was most of
 * what the rule cost at 1M pages (10–40 ms a search; in place ~1 ms).
 */
export function withoutRecords(values: number[], hidden: readonly number[], span: number): number[] {
  if (hidden.length === 0 || values.length === 0) return values;
  const last = values[values.length - 1]!;
  let write = -1;
  let read = 0;
  for (const h of hidden) {
    if (h * span > last) break;
    const lo = lowerBound(values, h * span);
    const hi = lowerBound(values, (h + 1) * span);
    if (hi <= lo) continue;
    if (write < 0) write = lo;
    else for (let i = read; i < lo; i++) values[write++] = values[i]!;
    read = hi;
  }
  if (write < 0) return values;
  for (let i = read; i < values.length; i++) values[write++] = values[i]!;
  values.length = write;
  return values;
}
