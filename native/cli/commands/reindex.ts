import { msg, searchMessages, type JobProgress } from '../../api/index.js';
import type { CliContext } from '../context.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** `lantai reindex`: the search index is derived data; this rebuilds it from the catalog and page text. */
export const reindexCommand: Command = {
  name: 'reindex',
  summary: searchMessages.reindexSummary,
  usage: 'lantai reindex [--json]',
  options: {},
  async run(ctx) {
    ctx.indexNotice = false;
    const { api, session } = await ctx.openSession();
    return reportReindex(ctx, await api.maintenance.reindex(session, { signal: ctx.signal, onProgress: reindexProgress(ctx) }));
  },
};

export function reindexProgress(ctx: CliContext): (p: JobProgress) => void {
  return (p) => ctx.progress(msg(searchMessages.reindexProgress, { done: p.done, total: p.total }));
}

export function reportReindex(ctx: CliContext, result: { records: number; pages: number }): number {
  ctx.endProgress();
  ctx.say(msg(searchMessages.reindexDone, result));
  ctx.emitJson({ ok: true, ...result });
  return EXIT.OK;
}
