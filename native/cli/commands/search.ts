import { msg, searchOutputMessages as m, type SearchHit, type SearchOptions, type SortOrder } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

const SORTS: Record<string, SortOrder> = { relevance: 'relevance', date: 'dateAsc', 'date-asc': 'dateAsc', 'date-desc': 'dateDesc' };
const FILTERS = ['year', 'retention', 'classification', 'category', 'org', 'code', 'fonds'] as const;

function options(ctx: CliContext, values: Parameters<Command['run']>[1]): SearchOptions {
  const sortValue = stringOption(values, 'sort');
  const sort = sortValue === undefined ? undefined : SORTS[sortValue];
  if (sortValue !== undefined && !sort) throw new UsageError(ctx.t(msg(m.badSort, { value: sortValue })));
  const filters: NonNullable<SearchOptions['filters']> = {};
  for (const f of FILTERS) {
    const v = stringOption(values, f);
    if (v !== undefined) filters[f] = v;
  }
  const from = stringOption(values, 'from');
  const to = stringOption(values, 'to');
  const limit = intOption(values, 'limit');
  const offset = intOption(values, 'offset');
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    dateField: values['any-date'] === true ? 'anyDate' : 'docDate',
    ...(sort ? { sort } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(values['all-pages'] === true ? { pages: 'all' as const } : {}),
    fuzzy: values['fuzzy'] === true,
    filters,
  };
}

/** The snippet with each highlighted range between the language's marks. */
function marked(ctx: CliContext, h: SearchHit): string {
  let out = '';
  let at = 0;
  for (const [s, e] of h.highlights) {
    out += `${h.snippet.slice(at, s)}${ctx.t(m.markOpen)}${h.snippet.slice(s, e)}${ctx.t(m.markClose)}`;
    at = e;
  }
  return out + h.snippet.slice(at);
}

function jsonHit(h: SearchHit): Record<string, unknown> {
  return {
    recordId: h.recordId,
    archivalCode: h.archivalCode,
    title: h.title,
    docDate: h.docDate,
    page: h.pageNo,
    snippet: h.snippet,
    highlights: h.highlights,
    box: h.boxes[0] ?? null,
    boxes: h.boxes,
    matchedIn: h.matchedIn,
    matchedFields: h.matchedFields,
    matchedPages: h.matchedPages,
    score: h.score,
    fuzzy: h.fuzzy,
    matchedDate: h.matchedDate,
    matchedDatePage: h.matchedDatePage,
  };
}

export const searchCommand: Command = {
  name: 'search',
  summary: m.summary,
  usage:
    'lantai search QUERY [--from DATE] [--to DATE] [--any-date] [--year 2016|2014..2016] [--retention Y|D30|D10] [--classification 秘密] ' +
    '[--category WS] [--org 办公室] [--code Z109-WS·2016] [--fonds Z109] [--sort relevance|date|date-desc] [--fuzzy] [--all-pages] [--limit 20] [--offset 0] [--json]\n' +
    '  QUERY: 档案 安全 (both) · "档案安全" (phrase) · 备份 OR 存储 · -草稿 · title:通知 · year:2016 …\n' +
    '  DATE: 2016-03-15 · 2016-03 · 2016 · 2016年3月15日 · 二〇一六年三月; --any-date also matches dates printed in the pages',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    'any-date': { type: 'boolean' },
    year: { type: 'string' },
    retention: { type: 'string' },
    classification: { type: 'string' },
    category: { type: 'string' },
    org: { type: 'string' },
    code: { type: 'string' },
    fonds: { type: 'string' },
    sort: { type: 'string' },
    fuzzy: { type: 'boolean' },
    'all-pages': { type: 'boolean' },
    limit: { type: 'string' },
    offset: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    // The shell splits 档案 安全 into two arguments: together they are the query.
    const query = positionals.join(' ');
    if (query.trim() === '') throw new UsageError(ctx.t(m.noQuery));
    const opts = options(ctx, values);
    const { api, session } = await ctx.openSession();
    const result = api.search.query(session, { ...opts, query });
    ctx.emitJson({ ok: true, query, total: result.total, tookMs: result.tookMs, terms: result.terms, fuzzy: result.fuzzy, hits: result.hits.map(jsonHit) });
    if (result.total === 0) {
      ctx.say(m.none);
      return EXIT.OK;
    }
    if (result.hits.length > 0) ctx.say(m.header);
    for (const h of result.hits) {
      const page = h.pageNo === null ? ctx.t(m.catalogOnly) : ctx.t(msg(m.page, { page: h.pageNo }));
      const dated = h.matchedDate === null ? '' : ctx.t(h.matchedDatePage === null ? msg(m.dateMark, { date: h.matchedDate }) : msg(m.dateMarkPage, { date: h.matchedDate, page: h.matchedDatePage }));
      ctx.say([h.archivalCode, h.title, page, marked(ctx, h) + (h.fuzzy ? ctx.t(m.fuzzyMark) : '') + dated].join('\t'));
    }
    const first = (opts.offset ?? 0) + 1;
    ctx.say(msg(m.footer, { total: result.total, first: Math.min(first, result.total), last: first + result.hits.length - 1, ms: result.tookMs }));
    return EXIT.OK;
  },
};
