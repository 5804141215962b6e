import { msg } from '../../api/index.js';
import { intOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { resolveRecordRef } from './record-ref.js';

/** A record's OCR text on the terminal: a view of the record, refused and audited like one. */
export const textCommand: Command = {
  name: 'text',
  summary: cliMessages.textSummary,
  usage: 'lantai text ARCHIVAL-CODE|ID [--page N] [--json]',
  options: { page: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const ref = positionals[0];
    if (!ref) throw new UsageError('ARCHIVAL-CODE is required');
    const page = intOption(values, 'page');
    if (page !== undefined && page < 1) throw new UsageError('--page must be 1 or more');
    const { api, session } = await ctx.openSession();
    const { record, pages } = api.records.texts(session, resolveRecordRef(api, session, 'view_record', ref), page);
    const byPage = new Map(pages.map((p) => [p.pageNo, p]));
    const numbers = page !== undefined ? [page] : Array.from({ length: record.pageCount }, (_, i) => i + 1);
    for (const n of numbers) {
      ctx.say(msg(cliMessages.textPageHeader, { page: n }));
      const t = byPage.get(n);
      ctx.say(t && t.text !== '' ? t.text : ctx.t(cliMessages.textNone));
    }
    ctx.emitJson({ ok: true, archivalCode: record.archivalCode, pages: numbers.map((n) => ({ pageNo: n, text: byPage.get(n)?.text ?? null, meanConfidence: byPage.get(n)?.meanConfidence ?? null })) });
    return EXIT.OK;
  },
};
