import { isRole, msg, ROLE_LABELS, type AccountInfo, type Role, type Session } from '../../api/index.js';
import { stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { listOption, NEW_PASSWORD_OPTIONS, readNewPassword, secondPerson } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

export const COUNTERSIGN_ENV = 'LANTAI_COUNTERSIGN_PASSWORD_FILE';

function rolesOf(values: OptionValues): Role[] {
  const roles = listOption(values, 'role').flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
  if (roles.length === 0) throw new UsageError('at least one --role is needed (sysadmin, security_officer, auditor, archivist, backup_officer)');
  for (const r of roles) if (!isRole(r)) throw new UsageError(`unknown role "${r}" (sysadmin, security_officer, auditor, archivist, backup_officer)`);
  return roles as Role[];
}

function roleText(ctx: CliContext, roles: readonly Role[]): string {
  return roles.map((r) => `${ROLE_LABELS[r][ctx.lang]}(${r})`).join(', ');
}

function printAccounts(ctx: CliContext, accounts: AccountInfo[]): void {
  ctx.say(cliAuthMessages.usersHeader);
  for (const a of accounts) {
    ctx.say(
      [
        a.username,
        a.displayName,
        roleText(ctx, a.roles),
        ctx.t(a.status === 'active' ? cliAuthMessages.statusActive : cliAuthMessages.statusDisabled),
        a.lockedUntil ?? '',
        ctx.t(a.mustChangePassword ? cliAuthMessages.yes : cliAuthMessages.no),
      ].join('\t'),
    );
  }
}

const SUBCOMMANDS = ['list', 'create', 'roles', 'reset', 'disable', 'enable', 'unlock'] as const;

export const usersCommand: Command = {
  name: 'users',
  summary: {
    zh: '账户管理（系统管理员）：list | create | roles | reset | disable | enable | unlock；变更管理员账户须另一人会签',
    en: 'Accounts (system administrator): list | create | roles | reset | disable | enable | unlock; administrator accounts need a countersigner',
  },
  usage:
    'lantai users list\n' +
    '  lantai users create NAME --role archivist [--role …] [--display-name 姓名] [--new-password-file F | --new-password-stdin]\n' +
    '  lantai users roles NAME --role …   lantai users reset NAME [--new-password-file F | --new-password-stdin]\n' +
    '  lantai users disable|enable|unlock NAME\n' +
    `  changes to administrator accounts: --countersign-user NAME (password from ${COUNTERSIGN_ENV} or a prompt)`,
  options: {
    role: { type: 'string', multiple: true },
    'display-name': { type: 'string' },
    'countersign-user': { type: 'string' },
    ...NEW_PASSWORD_OPTIONS,
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, name] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`lantai users ${SUBCOMMANDS.join('|')} …`);
    if (sub !== 'list' && !name) throw new UsageError(`lantai users ${sub} NAME`);
    const username = name ?? '';
    const { api, session } = await ctx.openSession();
    let countersign: Session | undefined;
    const cs = async () => (countersign = await secondPerson(ctx, api, values, 'countersign-user', COUNTERSIGN_ENV));
    let info: AccountInfo;
    switch (sub) {
      case 'list': {
        const accounts = api.accounts.list(session);
        printAccounts(ctx, accounts);
        ctx.emitJson({ ok: true, accounts });
        return EXIT.OK;
      }
      case 'create': {
        const roles = rolesOf(values);
        const password = await readNewPassword(ctx, values, username);
        await cs();
        info = await api.accounts.create(session, { username, password, roles, displayName: stringOption(values, 'display-name') ?? '' }, countersign);
        ctx.say(msg(cliAuthMessages.userCreated, { username: info.username, roles: roleText(ctx, info.roles) }));
        break;
      }
      case 'roles': {
        const roles = rolesOf(values);
        await cs();
        info = api.accounts.setRoles(session, username, roles, countersign);
        ctx.say(msg(cliAuthMessages.userRoles, { username: info.username, roles: roleText(ctx, info.roles) }));
        break;
      }
      case 'reset': {
        const password = await readNewPassword(ctx, values, username);
        await cs();
        info = await api.accounts.resetPassword(session, username, password, countersign);
        ctx.say(msg(cliAuthMessages.userReset, { username: info.username }));
        break;
      }
      case 'disable':
        await cs();
        info = api.accounts.disable(session, username, countersign);
        ctx.say(msg(cliAuthMessages.userDisabled, { username: info.username }));
        break;
      case 'enable':
        await cs();
        info = api.accounts.enable(session, username, countersign);
        ctx.say(msg(cliAuthMessages.userEnabled, { username: info.username }));
        break;
      default:
        info = api.accounts.unlockAccount(session, username);
        ctx.say(msg(cliAuthMessages.userUnlocked, { username: info.username }));
    }
    ctx.emitJson({ ok: true, account: info });
    return EXIT.OK;
  },
};
