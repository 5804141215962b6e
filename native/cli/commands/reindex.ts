import { withAuditSync } from '../../auth/authorize.js';
import { msg } from '../../i18n/messages.js';
import { reindexAll } from '../../search/index.js';
import { searchMessages } from '../../search/messages.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** `lantai reindex`: the search index is derived data; this rebuilds it from the catalog and page text. */
export const reindexCommand: Command = {
  name: 'reindex',
  summary: searchMessages.reindexSummary,
  usage: 'lantai reindex [--json]',
  options: {},
  async run(ctx) {
    const { op } = await ctx.openSession();
    const result = withAuditSync(op, 'rebuild_index', { type: 'search_index' }, () =>
      reindexAll(op.db, (p) => {
        if (!ctx.json) ctx.io.stderr(`\r${ctx.t(msg(searchMessages.reindexProgress, { done: p.done, total: p.total }))}   `);
      }),
    (r) => ({ records: r.records, pages: r.pages }));
    if (!ctx.json) ctx.io.stderr('\n');
    ctx.say(msg(searchMessages.reindexDone, result));
    ctx.emitJson({ ok: true, ...result });
    return EXIT.OK;
  },
};
