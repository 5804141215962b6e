import fs from 'node:fs';
import {
  authMessages, checkPrivateFile, msg, promptHidden, readCliCredentials, readPasswordFile, readPasswordStdin, statSecretFile, VaultError,
  type InputStream, type Message, type Session, type VaultApi,
} from '../../api/index.js';
import { stringOption, UsageError, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { cliAuthMessages } from './auth-messages.js';

/** Shared pieces of the commands that deal with people: second persons, new passwords, lists. */

export function stdinOf(ctx: CliContext): InputStream {
  return ctx.io.stdin ?? (process.stdin as InputStream);
}

/** A repeatable string option (parseArgs multiple: true) as a list. */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function requiredOption(values: OptionValues, name: string): string {
  const v = stringOption(values, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`${what} must be a whole number, not "${value ?? ''}"`);
  return n;
}

/**
 * Logs in a second person on the same vault (a countersigner, the second key holder of the
 * two-person rule): user from the option, password from the file named by envVar (0600) or a
 * prompt on a terminal, never from the command line. Returns undefined when no user is named,
 * so the engine refuses with its own, audited, reason. The session is logged out when the
 * command finishes (ctx.keepSession).
 */
export async function secondPerson(ctx: CliContext, api: VaultApi, values: OptionValues, option: string, envVar: string): Promise<Session | undefined> {
  const user = stringOption(values, option);
  if (user === undefined || user.trim() === '') return undefined;
  const file = ctx.io.env[envVar];
  const env: NodeJS.ProcessEnv = { LANTAI_USER: user, ...(file ? { LANTAI_PASSWORD_FILE: file } : {}) };
  const stdin = stdinOf(ctx);
  if (!file && !stdin.isTTY) {
    throw VaultError.of('CLI_NO_PASSWORD', msg(cliAuthMessages.secondPersonNeeded, { option: `--${option}`, envVar }));
  }
  const creds = await readCliCredentials({ user, env, stdin, lang: ctx.lang });
  return ctx.keepSession(api, await api.accounts.login(creds.username, creds.password, ctx.device()));
}

/**
 * A new password (for passwd, users create / reset): --new-password-file (0600),
 * --new-password-stdin (first line), or typed twice on a terminal.
 */
export async function readNewPassword(ctx: CliContext, values: OptionValues, username: string): Promise<string> {
  const file = stringOption(values, 'new-password-file');
  if (file !== undefined) return nonEmpty(readPasswordFile(file));
  const stdin = stdinOf(ctx);
  if (values['new-password-stdin'] === true) {
    if (values['password-stdin'] === true) throw VaultError.of('CLI_NO_PASSWORD', cliAuthMessages.stdinTwice);
    return nonEmpty(await readPasswordStdin(stdin));
  }
  if (!stdin.isTTY) throw VaultError.of('CLI_NO_PASSWORD', cliAuthMessages.newPasswordNeeded);
  const first = await promptHidden(ctx.t(msg(cliAuthMessages.promptNewPassword, { username })), stdin, process.stderr);
  const again = await promptHidden(ctx.t(cliAuthMessages.promptRepeat), stdin, process.stderr);
  if (first !== again) throw VaultError.of('CLI_NO_PASSWORD', cliAuthMessages.passwordsDiffer);
  return nonEmpty(first);
}

function nonEmpty(p: string): string {
  if (p === '') throw VaultError.of('CLI_NO_PASSWORD', authMessages.cliPasswordEmpty, { source: 'new password' });
  return p;
}

export const NEW_PASSWORD_OPTIONS = {
  'new-password-file': { type: 'string' },
  'new-password-stdin': { type: 'boolean' },
} as const;

/** Reads a JSON file that holds secrets, with the same ownership and mode rules as password files. */
export function readSecretJson(file: string, invalid: (reason: string) => Message): unknown {
  const st = statSecretFile(file);
  checkPrivateFile(file, st);
  if (!st.isFile() || st.size > 64 * 1024) throw VaultError.of('CLI_ACCOUNTS_FILE', invalid('not a small regular file'));
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw VaultError.of('CLI_ACCOUNTS_FILE', invalid(e instanceof Error ? e.message : String(e)));
  }
}
