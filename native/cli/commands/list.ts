import { listRecords } from '../../catalog/records.js';
import { CLASSIFICATION_LABELS } from '../../catalog/types.js';
import { msg } from '../../i18n/messages.js';
import { intOption, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const listCommand: Command = {
  name: 'list',
  summary: { zh: '列出档案目录（归档文件目录）', en: 'List the catalog' },
  usage: 'lantai list [--year 2016] [--category WS] [--retention Y] [--limit 100] [--offset 0]',
  options: { year: { type: 'string' }, category: { type: 'string' }, retention: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
  async run(ctx, values) {
    const vault = await ctx.openVault();
    try {
      const filter = {
        ...(intOption(values, 'year') !== undefined ? { year: intOption(values, 'year')! } : {}),
        ...(stringOption(values, 'category') ? { categoryCode: stringOption(values, 'category')!.toUpperCase() } : {}),
        ...(stringOption(values, 'retention') ? { retention: stringOption(values, 'retention')! } : {}),
        limit: intOption(values, 'limit') ?? 1000,
        offset: intOption(values, 'offset') ?? 0,
      };
      const { total, records } = listRecords(vault.db, filter);
      ctx.say(cliMessages.listHeader);
      for (const r of records) {
        const date = r.docDate ? r.docDate.replaceAll('-', '') : '';
        const cls = CLASSIFICATION_LABELS[r.classification][ctx.lang] + (r.classificationPeriod ? `★${r.classificationPeriod}` : '');
        ctx.say([r.archivalCode, r.title, r.docNumber, date, cls, String(r.pageCount)].join('\t'));
      }
      ctx.say(msg(cliMessages.listFooter, { total }));
      ctx.emitJson({ ok: true, total, records });
      return EXIT.OK;
    } finally {
      vault.close();
    }
  },
};
