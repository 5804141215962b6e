import { authorize, recordAudit, recordFilterSql } from '../../auth/authorize.js';
import type { OperationContext } from '../../auth/types.js';
import { getRecord, type ListFilter } from '../../catalog/records.js';
import { CLASSIFICATION_LABELS, type RecordRow } from '../../catalog/types.js';
import { all, get } from '../../db/database.js';
import { sql } from '../../db/sql.js';
import { msg } from '../../i18n/messages.js';
import { intOption, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

/**
 * The catalog lines the session may see (view_catalog per record state and live grants),
 * filtered in SQL so the total counts only those: a hidden record does not even show as a number.
 */
function visibleRecords(op: OperationContext, filter: ListFilter): { total: number; records: RecordRow[] } {
  const where = sql`WHERE ${recordFilterSql(op, 'view_catalog', 'records')}
    AND (${filter.year ?? null} IS NULL OR year = ${filter.year ?? null})
    AND (${filter.categoryCode ?? null} IS NULL OR category_code = ${filter.categoryCode ?? null})
    AND (${filter.retention ?? null} IS NULL OR retention = ${filter.retention ?? null})`;
  const total = get<{ n: number }>(op.db, sql`SELECT count(*) AS n FROM records ${where}`)!.n;
  const ids = all<{ id: number }>(
    op.db,
    sql`SELECT id FROM records ${where} ORDER BY fonds_code, category_code, year, retention, org_unit, item_number LIMIT ${filter.limit ?? 1000} OFFSET ${filter.offset ?? 0}`,
  );
  return { total, records: ids.map((r) => getRecord(op.db, r.id)).filter((r): r is RecordRow => r !== undefined) };
}

export const listCommand: Command = {
  name: 'list',
  summary: { zh: '列出档案目录（归档文件目录）', en: 'List the catalog' },
  usage: 'lantai list [--year 2016] [--category WS] [--retention Y] [--limit 100] [--offset 0]',
  options: { year: { type: 'string' }, category: { type: 'string' }, retention: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
  async run(ctx, values) {
    const filter: ListFilter = {
      ...(intOption(values, 'year') !== undefined ? { year: intOption(values, 'year')! } : {}),
      ...(stringOption(values, 'category') ? { categoryCode: stringOption(values, 'category')!.toUpperCase() } : {}),
      ...(stringOption(values, 'retention') ? { retention: stringOption(values, 'retention')! } : {}),
      limit: intOption(values, 'limit') ?? 1000,
      offset: intOption(values, 'offset') ?? 0,
    };
    const { op } = await ctx.openSession();
    authorize(op, 'view_catalog', { type: 'catalog' });
    const { total, records } = visibleRecords(op, filter);
    recordAudit(op, 'view_catalog', { type: 'catalog' }, 'ok', { filter: { ...filter }, total, returned: records.length });
    ctx.say(cliMessages.listHeader);
    for (const r of records) {
      const date = r.docDate ? r.docDate.replaceAll('-', '') : '';
      const cls = CLASSIFICATION_LABELS[r.classification][ctx.lang] + (r.classificationPeriod ? `★${r.classificationPeriod}` : '') + (r.classifiedHold ? ` ${ctx.t(cliMessages.heldMark)}` : '');
      ctx.say([r.archivalCode, r.title, r.docNumber, date, cls, String(r.pageCount)].join('\t'));
    }
    ctx.say(msg(cliMessages.listFooter, { total }));
    ctx.emitJson({ ok: true, total, records });
    return EXIT.OK;
  },
};
