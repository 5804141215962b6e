import { defineMessages } from '../i18n/messages.js';

/** Every user-facing text of search: query errors name the problem and where it is. */
export const searchMessages = defineMessages({
  reindexSummary: { zh: '重建全文检索索引（归一化规则更新后或 lantai check 提示时）', en: 'Rebuild the search index (after a normalizer update, or when lantai check says so)' },
  reindexProgress: { zh: '重建索引 {done}/{total}', en: 'Reindexing {done}/{total}' },
  reindexDone: { zh: '检索索引已重建：{records} 件档案，{pages} 页。', en: 'Search index rebuilt: {records} records, {pages} pages.' },
  empty: {
    zh: '检索式为空：请输入要查找的文字或条件。',
    en: 'The search query is empty: type some text or a condition to look for.',
  },
  tooLong: {
    zh: '检索式太长（{length} 个字符，最多 {max} 个）。',
    en: 'The search query is too long ({length} characters, at most {max}).',
  },
  unclosedQuote: {
    zh: '检索式第 {position} 个字符处的引号没有配对的结束引号：“{near}”。',
    en: 'The quote at character {position} of the query is never closed: "{near}".',
  },
  unclosedParen: {
    zh: '检索式第 {position} 个字符处的左括号没有配对的右括号。',
    en: 'The opening parenthesis at character {position} of the query has no closing parenthesis.',
  },
  unexpectedParen: {
    zh: '检索式第 {position} 个字符处多了一个右括号。',
    en: 'There is an extra closing parenthesis at character {position} of the query.',
  },
  emptyGroup: {
    zh: '检索式第 {position} 个字符处的括号里没有内容。',
    en: 'The parentheses at character {position} of the query are empty.',
  },
  emptyPhrase: {
    zh: '检索式第 {position} 个字符处的引号里没有内容。',
    en: 'The quotes at character {position} of the query are empty.',
  },
  danglingOr: {
    zh: '检索式第 {position} 个字符处的 {operator} 两边都必须有检索词。',
    en: '{operator} at character {position} of the query needs a term on both sides.',
  },
  danglingNot: {
    zh: '检索式第 {position} 个字符处的 {operator} 后面必须跟一个检索词。',
    en: '{operator} at character {position} of the query must be followed by a term.',
  },
  emptyField: {
    zh: '检索式第 {position} 个字符处的“{field}:”后面缺少值。',
    en: '"{field}:" at character {position} of the query has no value.',
  },
  badYear: {
    zh: '年度“{value}”不正确：请写四位年份，如 year:2016，或范围 year:2014..2016。',
    en: 'Year "{value}" is not valid: write a four-digit year such as year:2016, or a range such as year:2014..2016.',
  },
  badYearRange: {
    zh: '年度范围“{value}”的起始年份晚于结束年份。',
    en: 'The year range "{value}" starts after it ends.',
  },
  badRetention: {
    zh: '保管期限“{value}”不正确：应为 Y（永久）、D30（定期30年）或 D10（定期10年）。',
    en: 'Retention "{value}" is not valid: use Y (permanent), D30 or D10.',
  },
  badClassification: {
    zh: '密级“{value}”不正确：应为 公开、内部、秘密、机密 或 绝密（public、internal、secret、confidential、top_secret）。',
    en: 'Classification "{value}" is not valid: use public, internal, secret, confidential or top_secret (公开、内部、秘密、机密、绝密).',
  },
  badDate: {
    zh: '日期“{value}”不正确：请写 YYYY-MM-DD、YYYY-MM、YYYY，或 2016年3月15日、二〇一六年三月 这样的写法。',
    en: 'Date "{value}" is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, or a Chinese date such as 2016年3月15日.',
  },
  badDateRange: {
    zh: '日期范围的起始日期 {from} 晚于结束日期 {to}。',
    en: 'The date range starts on {from}, after it ends on {to}.',
  },
  badOption: {
    zh: '检索选项 {option} 的值“{value}”不正确：{expected}。',
    en: 'Search option {option} has an invalid value "{value}": {expected}.',
  },
  tooManyPages: {
    zh: '档案（记录 {recordId}）的页数超过全文索引每件 {max} 页的上限，无法索引第 {pageId} 页。',
    en: 'Record {recordId} has more pages than the full-text index holds per record ({max}); page {pageId} cannot be indexed.',
  },
  badLayout: {
    zh: '第 {pageId} 页的 OCR 版面数据无法读取（{reason}），检索结果中将不显示高亮框。',
    en: 'The OCR layout of page {pageId} cannot be read ({reason}); search hits on it show no highlight boxes.',
  },
});

/** How search results are shown as text (lantai search; any plain-text listing of hits). */
export const searchOutputMessages = defineMessages({
  summary: {
    zh: '全文检索：按档案题名、责任者、文号、档号、备注和 OCR 全文查找，可加日期范围与条件',
    en: 'Full-text search over catalog fields and OCR text, with date ranges and filters',
  },
  header: { zh: '档号\t题名\t页\t摘要', en: 'Archival code\tTitle\tPage\tSnippet' },
  page: { zh: '第{page}页', en: 'p.{page}' },
  catalogOnly: { zh: '（著录项）', en: '(catalog)' },
  fuzzyMark: { zh: '（近似）', en: '(approx.)' },
  dateMark: { zh: '（日期 {date} 匹配）', en: '(matched the date {date})' },
  dateMarkPage: { zh: '（第 {page} 页日期 {date} 匹配）', en: '(matched the date {date} on page {page})' },
  markOpen: { zh: '【', en: '[' },
  markClose: { zh: '】', en: ']' },
  footer: {
    zh: '共 {total} 件，显示第 {first}–{last} 件，用时 {ms} 毫秒。',
    en: '{total} records, showing {first}–{last}, in {ms} ms.',
  },
  none: { zh: '没有找到符合条件的档案（共 0 件）。', en: 'No records match (0 records).' },
  badSort: {
    zh: '--sort 的值“{value}”不正确：应为 relevance（相关度）、date（日期升序）或 date-desc（日期降序）。',
    en: '--sort "{value}" is not valid: use relevance, date (oldest first) or date-desc (newest first).',
  },
  noQuery: {
    zh: '缺少检索式：lantai search 检索词 [选项]。',
    en: 'No query given: lantai search QUERY [options].',
  },
});

