import path from 'node:path';
import { authorize, can, recordAudit } from '../../auth/authorize.js';
import { getRecordByCode } from '../../catalog/records.js';
import { watchInbox, type WatchEvent } from '../../ingest/watch.js';
import { msg } from '../../i18n/messages.js';
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
    // Logged in once for the whole watch (a service has nobody to retype the password); every
    // file it ingests is audited under that person, and the watch stops as soon as the session
    // ends or the account may no longer ingest (disabled, roles changed by the sysadmin).
    const { vault, op } = await ctx.openSession();
    const target = { type: 'inbox', id: path.resolve(inbox) };
    authorize(op, 'ingest', target);
    recordAudit(op, 'ingest', target, 'ok', { op: 'watch_start' });
    const stop = new AbortController();
    const abort = () => stop.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', abort, { once: true });
    const doneDir = stringOption(values, 'done') ?? path.join(inbox, 'done');
    const failedDir = stringOption(values, 'failed') ?? path.join(inbox, 'failed');
    ctx.say(msg(cliMessages.watchStarted, { inbox, done: doneDir, failed: failedDir }));
    let failures = 0;
    let revoked = false;
    const audit = (e: WatchEvent) => {
      if (e.kind === 'ingested') {
        const rec = getRecordByCode(vault.db, e.archivalCode);
        recordAudit(op, 'ingest', rec ? { type: 'record', id: rec.id } : target, 'ok', { source: e.name, archivalCode: e.archivalCode, alreadyIngested: e.alreadyIngested, via: 'watch' });
      } else {
        recordAudit(op, 'ingest', target, 'failed', { source: e.name, error: e.code, movedTo: e.movedTo, via: 'watch' });
      }
    };
    const checkStillAllowed = () => {
      if (revoked || can(op, 'ingest').allowed) return;
      revoked = true;
      ctx.warn(msg(cliAuthMessages.watchStopped, { username: op.session.username }));
      stop.abort(new Error('session revoked'));
    };
    // Between files too: a disabled account must not ingest the next file that arrives.
    const timer = setInterval(checkStillAllowed, Math.max(200, intOption(values, 'interval-ms') ?? 1000));
    try {
      await watchInbox(vault, {
        inbox,
        doneDir,
        failedDir,
        stableMs: intOption(values, 'stable-ms') ?? 2000,
        intervalMs: intOption(values, 'interval-ms') ?? 1000,
        metadata: metadataFrom(values),
        signal: stop.signal,
        onEvent: (e) => {
          audit(e);
          if (e.kind === 'ingested') ctx.say(msg(cliMessages.watchIngested, { name: e.name, code: e.archivalCode }));
          else {
            failures++;
            ctx.say(msg(cliMessages.watchFailed, { name: e.name, message: ctx.t(e.message) }));
          }
          if (ctx.json) ctx.io.stdout(`${JSON.stringify(e)}\n`);
          checkStillAllowed();
        },
      });
    } finally {
      clearInterval(timer);
      ctx.signal.removeEventListener('abort', abort);
      recordAudit(op, 'ingest', target, 'ok', { op: 'watch_stop', failures, revoked });
    }
    if (revoked) return EXIT.DENIED;
    return failures > 0 ? EXIT.PROBLEMS : EXIT.OK;
  },
};
