import type { Classification, Retention } from '../catalog/types.js';
import type { SqlFragment } from '../db/sql.js';
import type { OcrBox } from '../text/page-layout.js';

/** Where a term can match: OCR page text or one of the indexed catalog fields. */
export type MatchField = 'text' | 'title' | 'creator' | 'docNumber' | 'archivalCode' | 'remarks';

export type SortOrder = 'relevance' | 'dateAsc' | 'dateDesc';

export interface SearchOptions {
  /** Inclusive date range: YYYY-MM-DD, YYYY-MM or YYYY (a month or year means all of it). */
  from?: string;
  to?: string;
  /** docDate: the record's 成文日期; anyDate: that OR any date printed in its page text. */
  dateField?: 'docDate' | 'anyDate';
  sort?: SortOrder;
  /** Default 20, at most 1000. */
  limit?: number;
  offset?: number;
  /** best: one hit per record (its best page); all: one hit per matching page. */
  pages?: 'best' | 'all';
  /** Records under a 涉密 hold (classified_hold = 1) are left out unless this is true. */
  includeClassified?: boolean;
  /** Also find terms of ≥ 3 characters with one character wrong (OCR errors); hits say so. */
  fuzzy?: boolean;
  /**
   * Field filters ANDed with the query, with the values the query syntax takes (year: 2016 or
   * 2014..2016; retention: Y/D30/D10/永久…; classification: secret/秘密…; code: 档号 prefix).
   */
  filters?: Partial<Record<'year' | 'retention' | 'classification' | 'category' | 'org' | 'code' | 'fonds', string>>;
}

/**
 * What the searching session may see, as SQL conditions over the table alias `records`
 * (native/auth/authorize.ts recordFilterSql): records failing `records` are never returned;
 * records failing `content` are found, excluded, ranked, counted and dated only through their
 * catalog fields, never anything derived from their pages (page-derived.ts applies it to every
 * such read). Built by searchAccess() in access.ts; without it search() applies no permissions.
 */
export interface SearchAccess {
  records: SqlFragment;
  content: SqlFragment;
  /** Conditions every record left out by `records` / `content` meets (narrow the search for them; `1` when none). */
  recordsOut?: SqlFragment;
  contentOut?: SqlFragment;
}

export interface SearchRequest extends SearchOptions {
  query: string;
}

export interface SearchHit {
  recordId: number;
  archivalCode: string;
  title: string;
  docDate: string | null;
  /** The page the snippet comes from; null when only catalog fields matched. */
  pageNo: number | null;
  pageId: number | null;
  /** Original text (page text or catalog field) around the first hit, line breaks as spaces. */
  snippet: string;
  /** [start, end) UTF-16 offsets into snippet. */
  highlights: [number, number][];
  /** Boxes of every hit on the page, in the normalized page image's pixels. */
  boxes: OcrBox[];
  /** Larger is better; see relevance.ts for the formula. */
  score: number;
  /** Where the snippet comes from. */
  matchedIn: MatchField;
  /** Every field with a hit (text = some page). */
  matchedFields: MatchField[];
  /** Pages of this record with a hit (page-level terms only). */
  matchedPages: number;
  /** True when this hit was found only by fuzzy matching (no exact occurrence). */
  fuzzy: boolean;
  /**
   * When a query term is a date (二〇一六年四月, 2016-04-26): the date of this record it matched
   * (its 成文日期, or one printed on page `matchedDatePage`), as YYYY-MM-DD, YYYY-MM or YYYY.
   */
  matchedDate: string | null;
  matchedDatePage: number | null;
}

export interface SearchResult {
  /** Records (pages: 'best') or pages (pages: 'all') that match. */
  total: number;
  hits: SearchHit[];
  tookMs: number;
  /** Normalized positive terms, e.g. for highlighting elsewhere. */
  terms: string[];
  fuzzy: boolean;
}

// ── the parsed query ───────────────────────────────────────────────────────────────────────

export type TermField = MatchField;

export type Filter =
  | { kind: 'year'; from: number; to: number }
  | { kind: 'retention'; value: Retention }
  | { kind: 'classification'; value: Classification }
  | { kind: 'category'; value: string }
  | { kind: 'org'; value: string }
  | { kind: 'code'; prefix: string }
  | { kind: 'fonds'; value: string };

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** text: normalized; fields: null = every field and the page text. */
  | { kind: 'term'; text: string; raw: string; phrase: boolean; field: TermField | null }
  | { kind: 'filter'; filter: Filter };
