import { msg, VaultApi } from '../../api/index.js';
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
    const api = await VaultApi.create(dir);
    try {
      const info = api.info();
      ctx.say(msg(cliMessages.created, { dir: info.root }));
      // A new vault has no accounts yet: nothing can be done until the three administrators exist.
      ctx.say(msg(cliAuthMessages.initNext, { dir: info.root }));
      ctx.emitJson({ ok: true, vault: info.root, vaultId: info.vaultId, format: info.format, formatVersion: info.formatVersion, next: 'lantai setup' });
    } finally {
      api.close();
    }
    return EXIT.OK;
  },
};
