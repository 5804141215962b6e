import { msg } from '../../api/index.js';
import { appLauncher } from '../app-launcher.js';
import { stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

/** `lantai app [--vault DIR] [--browser PATH]`: the desktop UI in the system's Chromium or Edge. */
export const appCommand: Command = {
  name: 'app',
  summary: cliMessages.appSummary,
  usage: 'lantai app [--vault DIR] [--browser PATH]',
  options: { browser: { type: 'string' } },
  async run(ctx, values) {
    const launcher = appLauncher();
    if (!launcher) {
      ctx.error({ code: 'USAGE', message: msg(cliMessages.appUnavailable), details: {} });
      return EXIT.USAGE;
    }
    const launch = await launcher;
    return launch({
      vault: ctx.vaultOption ?? ctx.io.env['LANTAI_VAULT'],
      browser: stringOption(values, 'browser'),
      lang: ctx.lang,
      env: ctx.io.env,
      say: (line) => ctx.say(line),
      signal: ctx.signal,
    });
  },
};
