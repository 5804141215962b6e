import path from 'node:path';
import { msg } from '../../api/index.js';
import { intOption, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { cliAuthMessages } from './auth-messages.js';
import { METADATA_OPTIONS, metadataFrom } from './ingest.js';

export const watchCommand: Command = {
  name: 'watch',
  summary: { zh: '监视扫描仪输出文件夹，文件写完后自动导入并移到 done/ 或 failed/', en: "Watch the scanner's output folder: ingest finished files, move them to done/ or failed/" },
  usage: 'lantai watch INBOX [--done DIR] [--failed DIR] [--stable-ms 2000] [--interval-ms 1000] [catalog options as for ingest]',
  options: { ...METADATA_OPTIONS, done: { type: 'string' }, failed: { type: 'string' }, 'stable-ms': { type: 'string' }, 'interval-ms': { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const inbox = positionals[0];
    if (!inbox) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    // Logged in once for the whole watch: every file is audited under that person, and the
    // watch stops as soon as the session ends or the account may no longer ingest.
    const { api, session } = await ctx.openSession();
    const doneDir = stringOption(values, 'done') ?? path.join(inbox, 'done');
    const failedDir = stringOption(values, 'failed') ?? path.join(inbox, 'failed');
    ctx.say(msg(cliMessages.watchStarted, { inbox, done: doneDir, failed: failedDir }));
    const intervalMs = intOption(values, 'interval-ms') ?? 1000;
    const { failures, revoked } = await api.ingest.watch(session, {
      inbox,
      doneDir,
      failedDir,
      stableMs: intOption(values, 'stable-ms') ?? 2000,
      intervalMs,
      checkIntervalMs: intervalMs,
      metadata: metadataFrom(values),
      signal: ctx.signal,
      onEvent: (e) => {
        if (e.kind === 'ingested') ctx.say(msg(cliMessages.watchIngested, { name: e.name, code: e.archivalCode }));
        else ctx.say(msg(cliMessages.watchFailed, { name: e.name, message: ctx.t(e.message) }));
        if (ctx.json) ctx.io.stdout(`${JSON.stringify(e)}\n`);
      },
    });
    if (revoked) ctx.warn(msg(cliAuthMessages.watchStopped, { username: session.username }));
    if (revoked) return EXIT.DENIED;
    return failures > 0 ? EXIT.PROBLEMS : EXIT.OK;
  },
};
