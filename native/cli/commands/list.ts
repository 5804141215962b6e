import { classificationText, msg, type ListRecordsRequest } from '../../api/index.js';
import { intOption, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const listCommand: Command = {
  name: 'list',
  summary: { zh: '列出档案目录（归档文件目录）', en: 'List the catalog' },
  usage: 'lantai list [--year 2016] [--category WS] [--retention Y] [--held] [--limit 100] [--offset 0]',
  options: { year: { type: 'string' }, category: { type: 'string' }, retention: { type: 'string' }, held: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' } },
  async run(ctx, values) {
    const filter: ListRecordsRequest = {
      ...(intOption(values, 'year') !== undefined ? { year: intOption(values, 'year')! } : {}),
      ...(stringOption(values, 'category') ? { categoryCode: stringOption(values, 'category')!.toUpperCase() } : {}),
      ...(stringOption(values, 'retention') ? { retention: stringOption(values, 'retention')! } : {}),
      ...(values['held'] === true ? { held: true } : {}),
      limit: intOption(values, 'limit') ?? 1000,
      offset: intOption(values, 'offset') ?? 0,
    };
    const { api, session } = await ctx.openSession();
    // Only the lines the session may see (view_catalog per record state and live grants).
    const { total, records } = api.records.list(session, filter);
    ctx.say(cliMessages.listHeader);
    for (const r of records) {
      const date = r.docDate ? r.docDate.replaceAll('-', '') : '';
      // A record under 涉密 hold never shows 公开 (classificationText): its level is not known until screened.
      const cls = classificationText(r, ctx.lang) + (r.classifiedHold ? ` ${ctx.t(cliMessages.heldMark)}` : '');
      const marks = [r.codeStatus === 'provisional' ? ctx.t(cliMessages.provisionalMark) : '', r.disposal === 'destroyed' ? ctx.t(cliMessages.destroyedMark) : '', r.scanStatus === 'awaiting' ? ctx.t(cliMessages.awaitingMark) : ''].filter((m) => m !== '').join(' ');
      ctx.say([r.archivalCode + (marks ? ` ${marks}` : ''), r.title, r.docNumber, date, cls, String(r.pageCount)].join('\t'));
    }
    ctx.say(msg(cliMessages.listFooter, { total }));
    ctx.emitJson({ ok: true, total, records });
    return EXIT.OK;
  },
};
