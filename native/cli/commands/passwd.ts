import { readCliCredentials } from '../../api/index.js';
import { stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { NEW_PASSWORD_OPTIONS, readNewPassword, stdinOf } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

export const passwdCommand: Command = {
  name: 'passwd',
  summary: {
    zh: '修改本人口令（原口令按登录方式提供；新口令来自 --new-password-file、--new-password-stdin 或终端输入）',
    en: 'Change your own password (current one as for any login; new one from --new-password-file, --new-password-stdin or a prompt)',
  },
  usage: 'lantai passwd [--user NAME] [--new-password-file FILE | --new-password-stdin]',
  options: { ...NEW_PASSWORD_OPTIONS },
  async run(ctx, values) {
    const api = await ctx.openVault();
    // The current password is needed twice (login, then proof for the change), so this
    // command reads the credentials itself instead of using ctx.openSession().
    const user = stringOption(values, 'user');
    const creds = await readCliCredentials({
      ...(user !== undefined ? { user } : {}),
      passwordStdin: values['password-stdin'] === true && values['new-password-stdin'] !== true,
      env: ctx.io.env,
      stdin: stdinOf(ctx),
      lang: ctx.lang,
    });
    const newPassword = await readNewPassword(ctx, values, creds.username);
    const session = ctx.keepSession(api, await api.accounts.login(creds.username, creds.password, ctx.device()));
    await api.accounts.changeOwnPassword(session, creds.password, newPassword);
    ctx.say(cliAuthMessages.passwordChanged);
    ctx.emitJson({ ok: true, username: session.username });
    return EXIT.OK;
  },
};
