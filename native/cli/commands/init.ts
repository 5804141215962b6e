import { msg } from '../../i18n/messages.js';
import { Vault } from '../../vault/vault.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { cliAuthMessages } from './auth-messages.js';

export const initCommand: Command = {
  name: 'init',
  summary: { zh: '创建新的档案库', en: 'Create a new vault' },
  usage: 'lantai init DIR',
  options: {},
  positionals: 'some',
  async run(ctx, _values, positionals) {
    const dir = positionals[0] ?? ctx.vaultOption ?? ctx.io.env['LANTAI_VAULT'];
    if (!dir) {
      ctx.warn(msg(cliMessages.usageError, { reason: 'lantai init DIR' }));
      return EXIT.USAGE;
    }
    const vault = await Vault.init(dir);
    try {
      ctx.say(msg(cliMessages.created, { dir: vault.paths.root }));
      // A new vault has no accounts yet: nothing can be done until the three administrators exist.
      ctx.say(msg(cliAuthMessages.initNext, { dir: vault.paths.root }));
      ctx.emitJson({ ok: true, vault: vault.paths.root, vaultId: vault.info.vaultId, format: vault.info.format, formatVersion: vault.info.formatVersion, next: 'lantai setup' });
    } finally {
      vault.close();
    }
    return EXIT.OK;
  },
};
