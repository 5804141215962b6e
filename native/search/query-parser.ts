import type { ErrorCode } from '../error-codes.js';
import { junctionDot, normalizeRetention } from '../catalog/archival-code.js';
import { CLASSIFICATIONS, type Classification, type Retention } from '../catalog/types.js';
import { VaultError } from '../errors.js';
import type { Message } from '../i18n/messages.js';
import { searchMessages as m } from './messages.js';
import { normalizeText } from './normalize.js';
import type { Filter, QueryNode, TermField } from './types.js';

/**
 * The query language (Google-like, with Chinese aliases for every field name):
 *
 *   档案 安全            both terms (AND); a term matches as a substring, so 档案 finds 档案馆
 *   "档案 安全工作"       exact phrase (whitespace inside is normalized away like in the text)
 *   备份 OR 存储   备份|存储   either; OR binds tighter than AND: a b OR c = a AND (b OR c)
 *   NOT 草稿   -草稿       without
 *   (a OR b) -c          grouping
 *   title:通知  creator:  docno:  remarks:  text:   term restricted to one field (题名: 责任者:
 *                        文号: 备注: 全文:)
 *   year:2016  year:2014..2016  year:2014..   年度:
 *   retention:Y (Y D30 D10 永久 长期 短期)  保管期限:
 *   classification:secret / 秘密 …  密级:
 *   category:WS 门类:   org:办公室 机构:   code:Z109-WS·2016 档号: (prefix)   fonds:Z109 全宗:
 *
 * Full-width forms of the operators and quotes (（）｜－：＂“”) work too. Parentheses and | are
 * operators everywhere outside quotes; quote a term to search for them literally.
 */

export const MAX_QUERY_LENGTH = 1000;

type Tok =
  | { t: 'lparen' | 'rparen' | 'or' | 'and' | 'not'; pos: number; op: string }
  | { t: 'word'; pos: number; text: string; quoted: boolean; field: string | null };

const TEXT_FIELDS: Record<string, TermField> = {
  title: 'title', 题名: 'title', 标题: 'title',
  creator: 'creator', 责任者: 'creator',
  docno: 'docNumber', 文号: 'docNumber', 发文字号: 'docNumber',
  remarks: 'remarks', 备注: 'remarks',
  text: 'text', 全文: 'text', 正文: 'text',
};

/** The field filters, also accepted as search options (SearchOptions.filters). */
export const FILTER_NAMES = ['year', 'retention', 'classification', 'category', 'org', 'code', 'fonds'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const FILTER_FIELDS: Record<string, FilterName> = {
  year: 'year', 年度: 'year', 年: 'year',
  retention: 'retention', 保管期限: 'retention', 期限: 'retention',
  classification: 'classification', 密级: 'classification',
  category: 'category', 门类: 'category',
  org: 'org', 机构: 'org', 问题: 'org',
  code: 'code', 档号: 'code',
  fonds: 'fonds', 全宗: 'fonds', 全宗号: 'fonds',
};

const CLASSIFICATION_NAMES: Record<string, Classification> = {
  公开: 'public', 内部: 'internal', 秘密: 'secret', 机密: 'confidential', 绝密: 'top_secret',
  'top-secret': 'top_secret', topsecret: 'top_secret', 'top secret': 'top_secret',
};

/** The labels of DA/T 22-2015 as people type them, besides Y / D30 / D10 and 永久 / 长期 / 短期. */
const RETENTION_NAMES: Record<string, Retention> = {
  永久保存: 'Y', PERMANENT: 'Y', 定期30年: 'D30', 定期三十年: 'D30', '30年': 'D30', 定期10年: 'D10', 定期十年: 'D10', '10年': 'D10',
};

const OPEN_QUOTES = '"“＂「『';
const CLOSE_QUOTES = '"”＂」』';

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

function isLParen(ch: string): boolean {
  return ch === '(' || ch === '（';
}
function isRParen(ch: string): boolean {
  return ch === ')' || ch === '）';
}
function isBar(ch: string): boolean {
  return ch === '|' || ch === '｜';
}
function isMinus(ch: string): boolean {
  return ch === '-' || ch === '－';
}
function isColon(ch: string): boolean {
  return ch === ':' || ch === '：';
}

function fail(code: ErrorCode, entry: Message, query: string, params: Record<string, string | number> = {}): never {
  throw VaultError.of(code, entry, { query, ...params });
}

/** Reads a quoted string starting at the open quote; returns its content and the index after it. */
function readQuoted(q: string, open: number): { text: string; next: number } {
  for (let j = open + 1; j < q.length; j++) {
    if (CLOSE_QUOTES.includes(q[j]!)) return { text: q.slice(open + 1, j), next: j + 1 };
  }
  return fail('SEARCH_QUERY_SYNTAX', m.unclosedQuote, q, { position: open + 1, near: q.slice(open, open + 12) });
}

function lex(q: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const endOfWord = (ch: string) => isSpace(ch) || isLParen(ch) || isRParen(ch) || isBar(ch);
  while (i < q.length) {
    const ch = q[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (isLParen(ch)) {
      toks.push({ t: 'lparen', pos: i, op: ch });
      i++;
    } else if (isRParen(ch)) {
      toks.push({ t: 'rparen', pos: i, op: ch });
      i++;
    } else if (isBar(ch)) {
      toks.push({ t: 'or', pos: i, op: ch });
      i++;
    } else if (OPEN_QUOTES.includes(ch)) {
      const { text, next } = readQuoted(q, i);
      toks.push({ t: 'word', pos: i, text, quoted: true, field: null });
      i = next;
    } else if (isMinus(ch)) {
      // A minus at the start of a word negates it; inside a word (Z109-WS) it is text.
      const next = q[i + 1];
      if (next === undefined || isSpace(next) || isRParen(next) || isBar(next)) fail('SEARCH_QUERY_SYNTAX', m.danglingNot, q, { position: i + 1, operator: ch });
      toks.push({ t: 'not', pos: i, op: ch });
      i++;
    } else {
      const start = i;
      let j = i;
      let field: string | null = null;
      while (j < q.length && !endOfWord(q[j]!)) {
        if (field === null && isColon(q[j]!)) {
          const name = q.slice(start, j).normalize('NFKC').toLowerCase();
          if (Object.hasOwn(TEXT_FIELDS, name) || Object.hasOwn(FILTER_FIELDS, name)) {
            field = name;
            j++;
            if (j < q.length && OPEN_QUOTES.includes(q[j]!)) {
              const { text, next } = readQuoted(q, j);
              toks.push({ t: 'word', pos: start, text, quoted: true, field });
              i = next;
              break;
            }
            if (j >= q.length || endOfWord(q[j]!)) fail('SEARCH_QUERY_SYNTAX', m.emptyField, q, { position: start + 1, field: q.slice(start, j - 1) });
            const valueStart = j;
            while (j < q.length && !endOfWord(q[j]!)) j++;
            toks.push({ t: 'word', pos: start, text: q.slice(valueStart, j), quoted: false, field });
            i = j;
            break;
          }
        }
        j++;
      }
      if (i !== start) continue;
      const word = q.slice(start, j);
      const kw = word.normalize('NFKC');
      if (kw === 'OR') toks.push({ t: 'or', pos: start, op: word });
      else if (kw === 'AND') toks.push({ t: 'and', pos: start, op: word });
      else if (kw === 'NOT') toks.push({ t: 'not', pos: start, op: word });
      else toks.push({ t: 'word', pos: start, text: word, quoted: false, field: null });
      i = j;
    }
  }
  return toks;
}

function parseYear(q: string, value: string): Filter {
  const v = value.normalize('NFKC').trim();
  const single = /^(\d{4})$/.exec(v);
  if (single) return { kind: 'year', from: Number(single[1]), to: Number(single[1]) };
  const range = /^(\d{4})?(?:\.\.|-|~|～|至)(\d{4})?$/.exec(v);
  if (!range || (range[1] === undefined && range[2] === undefined)) return fail('SEARCH_FILTER_VALUE', m.badYear, q, { value });
  const from = range[1] === undefined ? 1000 : Number(range[1]);
  const to = range[2] === undefined ? 9999 : Number(range[2]);
  if (from > to) fail('SEARCH_FILTER_VALUE', m.badYearRange, q, { value });
  return { kind: 'year', from, to };
}

function parseFilter(q: string, name: FilterName, value: string): Filter {
  const v = value.normalize('NFKC').trim();
  switch (name) {
    case 'year':
      return parseYear(q, value);
    case 'retention': {
      const r = normalizeRetention(v) ?? RETENTION_NAMES[v.toUpperCase()];
      if (!r) return fail('SEARCH_FILTER_VALUE', m.badRetention, q, { value });
      return { kind: 'retention', value: r };
    }
    case 'classification': {
      const lower = v.toLowerCase();
      const c = (CLASSIFICATIONS as readonly string[]).includes(lower) ? (lower as Classification) : CLASSIFICATION_NAMES[lower];
      if (!c) return fail('SEARCH_FILTER_VALUE', m.badClassification, q, { value });
      return { kind: 'classification', value: c };
    }
    case 'category':
      return { kind: 'category', value: v.toUpperCase() };
    case 'org':
      return { kind: 'org', value: v };
    case 'fonds':
      return { kind: 'fonds', value: v.toUpperCase() };
    case 'code':
      return { kind: 'code', prefix: canonicalCode(v) };
  }
}

/** A filter given as an option rather than in the query (same values and errors as name:value). */
export function parseFilterValue(name: FilterName, value: string): Filter {
  return parseFilter(`${name}:${value}`, name, value);
}

/**
 * 档号 compare with one middle-dot style and in upper case (Z109-WS.2016 = z109-ws·2016), and
 * with a typed `-` between category code and year read as the `·` the code has
 * (Z109-WS-2016 = Z109-WS·2016): see junctionDot.
 */
export function canonicalCode(code: string): string {
  return junctionDot(code.normalize('NFKC')).toUpperCase();
}

class Parser {
  private i = 0;
  constructor(private readonly q: string, private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  parse(): QueryNode | null {
    const node = this.parseAnd();
    const rest = this.peek();
    if (rest) fail('SEARCH_QUERY_SYNTAX', m.unexpectedParen, this.q, { position: rest.pos + 1 });
    return node;
  }

  /** A sequence of OR-groups, implicitly (or with AND) joined; stops at ) or the end. */
  private parseAnd(): QueryNode | null {
    const items: QueryNode[] = [];
    for (let tok = this.peek(); tok && tok.t !== 'rparen'; tok = this.peek()) {
      if (tok.t === 'and') {
        const next = this.toks[this.i + 1];
        if (items.length === 0 || !next || next.t === 'rparen' || next.t === 'or' || next.t === 'and') {
          fail('SEARCH_QUERY_SYNTAX', m.danglingOr, this.q, { position: tok.pos + 1, operator: tok.op });
        }
        this.i++;
        continue;
      }
      const item = this.parseOr();
      if (item) items.push(item);
    }
    if (items.length === 0) return null;
    return items.length === 1 ? items[0]! : { kind: 'and', children: items };
  }

  private parseOr(): QueryNode | null {
    const first = this.parseUnary();
    const alternatives: QueryNode[] = first ? [first] : [];
    for (let tok = this.peek(); tok && tok.t === 'or'; tok = this.peek()) {
      const next = this.toks[this.i + 1];
      if (!next || next.t === 'rparen' || next.t === 'or' || next.t === 'and') {
        fail('SEARCH_QUERY_SYNTAX', m.danglingOr, this.q, { position: tok.pos + 1, operator: tok.op });
      }
      this.i++;
      const alt = this.parseUnary();
      if (alt) alternatives.push(alt);
    }
    if (alternatives.length === 0) return null;
    return alternatives.length === 1 ? alternatives[0]! : { kind: 'or', children: alternatives };
  }

  private parseUnary(): QueryNode | null {
    const tok = this.peek();
    if (!tok) return null;
    switch (tok.t) {
      case 'not': {
        const next = this.toks[this.i + 1];
        if (!next || next.t === 'rparen' || next.t === 'or' || next.t === 'and') {
          fail('SEARCH_QUERY_SYNTAX', m.danglingNot, this.q, { position: tok.pos + 1, operator: tok.op });
        }
        this.i++;
        const child = this.parseUnary();
        return child ? { kind: 'not', child } : null;
      }
      case 'lparen': {
        this.i++;
        if (this.peek()?.t === 'rparen') fail('SEARCH_QUERY_SYNTAX', m.emptyGroup, this.q, { position: tok.pos + 1 });
        const inner = this.parseAnd();
        if (this.peek()?.t !== 'rparen') fail('SEARCH_QUERY_SYNTAX', m.unclosedParen, this.q, { position: tok.pos + 1 });
        this.i++;
        return inner;
      }
      case 'rparen':
        return fail('SEARCH_QUERY_SYNTAX', m.unexpectedParen, this.q, { position: tok.pos + 1 });
      case 'or':
      case 'and':
        return fail('SEARCH_QUERY_SYNTAX', m.danglingOr, this.q, { position: tok.pos + 1, operator: tok.op });
      case 'word':
        this.i++;
        return this.word(tok);
    }
  }

  private word(tok: Extract<Tok, { t: 'word' }>): QueryNode | null {
    if (tok.field !== null && Object.hasOwn(FILTER_FIELDS, tok.field)) {
      if (tok.text.trim() === '') fail('SEARCH_QUERY_SYNTAX', m.emptyField, this.q, { position: tok.pos + 1, field: tok.field });
      return { kind: 'filter', filter: parseFilter(this.q, FILTER_FIELDS[tok.field]!, tok.text) };
    }
    const text = normalizeText(tok.text);
    if (text === '') {
      if (tok.quoted) fail('SEARCH_QUERY_SYNTAX', m.emptyPhrase, this.q, { position: tok.pos + 1 });
      return null;
    }
    return { kind: 'term', text, raw: tok.text, phrase: tok.quoted, field: tok.field === null ? null : TEXT_FIELDS[tok.field]! };
  }
}

/** Parses a query; throws VaultError (SEARCH_QUERY_EMPTY, SEARCH_QUERY_SYNTAX, SEARCH_FILTER_VALUE). */
export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) fail('SEARCH_QUERY_SYNTAX', m.tooLong, query, { length: query.length, max: MAX_QUERY_LENGTH });
  const node = new Parser(query, lex(query)).parse();
  if (!node) return fail('SEARCH_QUERY_EMPTY', m.empty, query);
  return node;
}

/** The normalized terms that must or may occur (not under a NOT): what hits highlight. */
export function positiveTerms(node: QueryNode): Extract<QueryNode, { kind: 'term' }>[] {
  switch (node.kind) {
    case 'term':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveTerms);
    case 'not':
    case 'filter':
      return [];
  }
}
