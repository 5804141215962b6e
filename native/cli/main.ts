import { parseArgs } from 'node:util';
import { isVaultError, msg, rejectPasswordArgs, toErrorDTO, type ErrorCode } from '../api/index.js';
import { UsageError, type Command } from './command.js';
import { commands } from './commands/index.js';
import { CliContext, processIO, type CliIO } from './context.js';
import { EXIT } from './exit-codes.js';
import { cliMessages } from './messages.js';

const GLOBAL_OPTIONS = {
  vault: { type: 'string' },
  json: { type: 'boolean' },
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Vault problems get their own exit code so scripts can tell "fix the vault" from "fix the input". */
const VAULT_CODES = new Set<ErrorCode>(['VAULT_NOT_FOUND', 'VAULT_NOT_GIVEN', 'VAULT_DB_DAMAGED', 'VAULT_DB_NEWER', 'VAULT_EXISTS', 'VAULT_FORMAT_NEWER', 'VAULT_FILE_INVALID', 'VAULT_NOT_EMPTY', 'VAULT_MIGRATION_FAILED', 'TARGET_NOT_WRITABLE']);
/**
 * A query or search option the person typed that cannot be read is a wrong command line, like
 * an unknown option: exit 2, so a script tells "fix what you typed" from "the run found problems".
 */
const USAGE_CODES = new Set<ErrorCode>(['SEARCH_FILTER_VALUE', 'SEARCH_OPTION_INVALID', 'SEARCH_QUERY_EMPTY', 'SEARCH_QUERY_SYNTAX']);
const DENIED_CODES = new Set<ErrorCode>([
  'ACCESS_DENIED', 'AUTH_FAILED', 'AUTH_LOCKED', 'AUTH_THROTTLED', 'ACCOUNT_DISABLED', 'PASSWORD_CHANGE_REQUIRED',
  'SESSION_ENDED', 'SESSION_LOCKED', 'CLI_NO_USER', 'CLI_NO_PASSWORD', 'CLI_PASSWORD_ENV', 'CLI_PASSWORD_FILE', 'CLI_PASSWORD_FILE_MODE',
  'COUNTERSIGN_REQUIRED', 'COUNTERSIGN_INVALID', 'TWO_PERSON_REQUIRED', 'ROLE_SEPARATION', 'NOT_ON_SELF', 'LAST_ADMIN',
  'TRANSFER_APPROVAL_REQUIRED',
]);

function help(ctx: CliContext, command?: Command): void {
  if (command) {
    ctx.io.stdout(`${command.usage}\n  ${ctx.t(command.summary)}\n${ctx.t(cliMessages.commonOptions)}\n`);
    return;
  }
  const lines = [ctx.t(cliMessages.usageHeader), ''];
  for (const c of commands) lines.push(`  ${c.name.padEnd(12)} ${ctx.t(c.summary)}`);
  lines.push('', ctx.t(cliMessages.commonOptions));
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

export async function main(argv: string[], io: CliIO = processIO, signal?: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  const controller = new AbortController();
  // A nested command (the demo runs many) stops listening to its caller's signal when it ends.
  const onOuterAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onOuterAbort, { once: true });
  const onSigint = () => controller.abort(new Error('SIGINT'));
  if (io === processIO) process.once('SIGINT', onSigint);
  const bare = new CliContext(io, { json: argv.includes('--json'), vault: undefined, signal: controller.signal });
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      help(bare);
      return name ? EXIT.OK : EXIT.USAGE;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      bare.error({ code: 'USAGE', message: msg(cliMessages.unknownCommand, { name }), details: {} });
      return EXIT.USAGE;
    }
    let parsed;
    try {
      rejectPasswordArgs(rest);
    } catch (e) {
      bare.error(e);
      return EXIT.USAGE;
    }
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: command.positionals === 'some', strict: true });
    } catch (e) {
      bare.error({ code: 'USAGE', message: msg(cliMessages.usageError, { reason: e instanceof Error ? e.message : String(e) }), details: {} });
      return EXIT.USAGE;
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const ctx = new CliContext(io, {
      json: values['json'] === true,
      vault: typeof values['vault'] === 'string' ? values['vault'] : undefined,
      signal: controller.signal,
      credentials: { user: typeof values['user'] === 'string' ? values['user'] : undefined, passwordStdin: values['password-stdin'] === true },
      commands: { has: (n) => commands.some((c) => c.name === n), run: (a, i, s) => main(a, i, s) },
    });
    if (values['help']) {
      help(ctx, command);
      return EXIT.OK;
    }
    try {
      return await command.run(ctx, values, parsed.positionals);
    } catch (e) {
      if (e instanceof UsageError) {
        ctx.error({ code: 'USAGE', message: msg(cliMessages.usageError, { reason: e.message }), details: {} });
        return EXIT.USAGE;
      }
      if (controller.signal.aborted) {
        ctx.warn(cliMessages.interrupted);
        return EXIT.CANCELLED;
      }
      ctx.error(e);
      if (!isVaultError(e)) {
        io.stderr(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        return EXIT.INTERNAL;
      }
      const code = toErrorDTO(e).code;
      if (VAULT_CODES.has(code)) return EXIT.VAULT;
      if (DENIED_CODES.has(code)) return EXIT.DENIED;
      if (USAGE_CODES.has(code)) return EXIT.USAGE;
      return EXIT.PROBLEMS;
    } finally {
      ctx.close();
    }
  } finally {
    signal?.removeEventListener('abort', onOuterAbort);
    if (io === processIO) process.removeListener('SIGINT', onSigint);
  }
}
