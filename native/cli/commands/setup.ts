import readline from 'node:readline/promises';
import { authMessages, msg, promptHidden, ROLE_LABELS, VaultError, type AdminRole, type FirstRunInput, type NewAccount } from '../../api/index.js';
import { stringOption, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { readSecretJson, stdinOf } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

const KEYS: [keyof FirstRunInput, AdminRole][] = [
  ['sysadmin', 'sysadmin'],
  ['securityOfficer', 'security_officer'],
  ['auditor', 'auditor'],
];

function fromFile(file: string): FirstRunInput {
  const invalid = (reason: string) => msg(cliAuthMessages.accountsFileInvalid, { file, reason });
  const data = readSecretJson(file, invalid);
  if (typeof data !== 'object' || data === null) throw VaultError.of('CLI_ACCOUNTS_FILE', invalid('not a JSON object'));
  const out: Partial<FirstRunInput> = {};
  for (const [key] of KEYS) {
    const a = (data as Record<string, unknown>)[key];
    if (typeof a !== 'object' || a === null) throw VaultError.of('CLI_ACCOUNTS_FILE', invalid(`"${key}" is missing`));
    const { username, password, displayName } = a as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') throw VaultError.of('CLI_ACCOUNTS_FILE', invalid(`"${key}" needs "username" and "password" strings`));
    const acct: NewAccount = { username, password };
    if (typeof displayName === 'string') acct.displayName = displayName;
    out[key] = acct;
  }
  return out as FirstRunInput;
}

/** Each administrator types their own name and password at the terminal (password twice, hidden). */
async function fromPrompts(ctx: CliContext): Promise<FirstRunInput> {
  const stdin = stdinOf(ctx);
  const out: Partial<FirstRunInput> = {};
  for (const [key, role] of KEYS) {
    const rl = readline.createInterface({ input: stdin, output: process.stderr, terminal: true });
    const username = (await rl.question(ctx.t(msg(cliAuthMessages.promptUsername, { roleZh: ROLE_LABELS[role].zh, roleEn: ROLE_LABELS[role].en })))).trim();
    const displayName = (await rl.question(ctx.t(msg(cliAuthMessages.promptDisplayName, { username })))).trim();
    rl.close();
    const password = await promptHidden(ctx.t(msg(cliAuthMessages.promptNewPassword, { username })), stdin, process.stderr);
    const again = await promptHidden(ctx.t(cliAuthMessages.promptRepeat), stdin, process.stderr);
    if (password !== again) throw VaultError.of('CLI_NO_PASSWORD', cliAuthMessages.passwordsDiffer);
    out[key] = { username, password, displayName };
  }
  return out as FirstRunInput;
}

export const setupCommand: Command = {
  name: 'setup',
  summary: {
    zh: '首次设置：创建系统管理员、安全保密管理员、安全审计员三个账户（口令来自 0600 账户文件或终端输入）',
    en: 'First-run setup: create the system administrator, security officer and auditor accounts (passwords from a 0600 accounts file or typed at the terminal)',
  },
  usage: 'lantai setup [--accounts FILE.json]   (FILE: {"sysadmin":{"username","password","displayName"},"securityOfficer":{…},"auditor":{…}}, mode 0600)',
  options: { accounts: { type: 'string' } },
  async run(ctx, values) {
    const api = await ctx.openVault();
    if (!api.accounts.needsSetup()) throw VaultError.of('SETUP_DONE', authMessages.setupDone);
    const file = stringOption(values, 'accounts');
    let input: FirstRunInput;
    if (file !== undefined) input = fromFile(file);
    else if (stdinOf(ctx).isTTY) input = await fromPrompts(ctx);
    else throw VaultError.of('CLI_NO_PASSWORD', cliAuthMessages.setupNoInput);
    const made = await api.accounts.setup(input, ctx.device());
    ctx.say(msg(cliAuthMessages.setupDone, { sys: made.sysadmin.username, so: made.securityOfficer.username, aud: made.auditor.username }));
    ctx.say(cliAuthMessages.setupNext);
    ctx.emitJson({ ok: true, accounts: [made.sysadmin, made.securityOfficer, made.auditor] });
    return EXIT.OK;
  },
};
