import { transferCliMessages } from '../../api/index.js';
import { UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const transferCommand: Command = {
  name: 'transfer',
  summary: { zh: '移交记录：list 列出每次移交及其状态', en: 'Transfers: list shows every transfer with its state' },
  usage: 'lantai transfer list',
  options: {},
  positionals: 'some',
  async run(ctx, _values, positionals) {
    if (positionals[0] !== 'list') throw new UsageError('transfer: expected "list"');
    const { api, session } = await ctx.openSession();
    const rows = api.transfer.list(session);
    if (rows.length === 0) ctx.say(transferCliMessages.noTransfers);
    else {
      ctx.say(transferCliMessages.transfersHeader);
      for (const r of rows) ctx.say([r.id, r.state, String(r.recordCount), r.createdAt, r.outputPath].join('\t'));
    }
    ctx.emitJson({ ok: true, transfers: rows.map((r) => ({ ...r, report: undefined })) });
    return EXIT.OK;
  },
};
