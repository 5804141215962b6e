import fs from 'node:fs';
import { VaultError } from '../errors.js';
import { currentLang, msg, type Lang } from '../i18n/messages.js';
import { authMessages } from './messages.js';

/**
 * How the CLI gets a user name and password without ever putting the password on the command
 * line (visible in `ps` and shell history) or in the environment (visible to other processes
 * of the same user through /proc/<pid>/environ):
 *   1. --password-stdin: the password is the first line of standard input (for scripts).
 *   2. LANTAI_PASSWORD_FILE=path: a file only its owner can read (POSIX: mode 0600 or stricter,
 *      owned by the current user; anything more open is refused, like ssh does with keys).
 *   3. Otherwise, when standard input is a terminal: a prompt with echo off.
 * The user name comes from --user or LANTAI_USER.
 */
export interface CliCredentials {
  username: string;
  password: string;
  source: 'stdin' | 'file' | 'prompt';
}

/** A readable stream that may be a terminal (process.stdin). */
export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface CliCredentialOptions {
  /** --user */
  user?: string;
  /** --password-stdin */
  passwordStdin?: boolean;
  env?: NodeJS.ProcessEnv;
  stdin?: InputStream;
  /** Where the prompt goes (stderr, so stdout stays clean for piped output). */
  prompt?: NodeJS.WritableStream;
  lang?: Lang;
}

const MAX_PASSWORD_BYTES = 4096;

/** Refuses a password given as an argument (--password=…, --password …, --pass …). */
export function rejectPasswordArgs(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (/^--pass(word)?(=|$)/i.test(arg)) {
      throw VaultError.of('CLI_PASSWORD_ON_COMMAND_LINE', authMessages.cliPasswordOnCommandLine, { arg: arg.split('=')[0]! });
    }
  }
}

/** The text up to the first line break (a trailing \n or \r\n is not part of a password). */
function firstLine(text: string): string {
  const nl = text.search(/\r?\n/);
  return nl === -1 ? text : text.slice(0, nl);
}

/** Stats a file that holds secrets; an unreadable one is a VaultError naming it. */
export function statSecretFile(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    throw VaultError.of('CLI_PASSWORD_FILE', authMessages.cliPasswordFileUnreadable, { file, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Refuses a secrets file that others may read or that belongs to someone else (as ssh does with keys). */
export function checkPrivateFile(file: string, st: fs.Stats): void {
  if (process.platform === 'win32') return;
  if ((st.mode & 0o077) !== 0) {
    throw VaultError.of('CLI_PASSWORD_FILE_MODE', authMessages.cliPasswordFileMode, { file, mode: (st.mode & 0o777).toString(8).padStart(4, '0') });
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw VaultError.of('CLI_PASSWORD_FILE_MODE', authMessages.cliPasswordFileOwner, { file });
  }
}

/** Reads a password file after checking that only its owner can read it. */
export function readPasswordFile(file: string): string {
  const st = statSecretFile(file);
  if (!st.isFile()) throw VaultError.of('CLI_PASSWORD_FILE', authMessages.cliPasswordFileUnreadable, { file, reason: 'not a regular file' });
  checkPrivateFile(file, st);
  if (st.size > MAX_PASSWORD_BYTES) throw VaultError.of('CLI_PASSWORD_FILE', authMessages.cliPasswordFileUnreadable, { file, reason: 'too large for a password file' });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw VaultError.of('CLI_PASSWORD_FILE', authMessages.cliPasswordFileUnreadable, { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return firstLine(text.replace(/^\uFEFF/, ''));
}

/** Reads standard input to its end (bounded) and returns the first line. */
export async function readPasswordStdin(input: InputStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > MAX_PASSWORD_BYTES) break;
    chunks.push(b);
  }
  return firstLine(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Prompts on a terminal with echo off (raw mode: the terminal shows nothing while typing).
 * Enter finishes, Backspace deletes, Ctrl-C / Ctrl-D on an empty line cancel.
 */
export function promptHidden(question: string, input: InputStream, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    if (typeof input.setRawMode !== 'function') {
      reject(VaultError.of('CLI_NO_PASSWORD', authMessages.cliNoPassword));
      return;
    }
    const chars: string[] = [];
    const finish = (err: VaultError | null): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(chars.join(''));
    };
    const onData = (data: Buffer | string): void => {
      for (const ch of typeof data === 'string' ? data : data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(VaultError.of('CLI_CANCELLED', authMessages.cliCancelled));
        if (ch === '\u0004') {
          if (chars.length === 0) return finish(VaultError.of('CLI_CANCELLED', authMessages.cliCancelled));
          return finish(null);
        }
        if (ch === '\u007f' || ch === '\b') {
          chars.pop();
          continue;
        }
        if (ch < ' ') continue; // other control keys (arrows send ESC sequences) are ignored
        chars.push(ch);
      }
    };
    output.write(question);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

export async function readCliCredentials(options: CliCredentialOptions = {}): Promise<CliCredentials> {
  const env = options.env ?? process.env;
  const input = options.stdin ?? (process.stdin as InputStream);
  const lang = options.lang ?? currentLang(env);
  if (env['LANTAI_PASSWORD'] !== undefined) throw VaultError.of('CLI_PASSWORD_ENV', authMessages.cliPasswordEnv);
  const username = String(options.user ?? env['LANTAI_USER'] ?? '').trim();
  if (username === '') throw VaultError.of('CLI_NO_USER', authMessages.cliNoUser);
  const nonEmpty = (password: string, source: CliCredentials['source']): CliCredentials => {
    if (password === '') throw VaultError.of('CLI_NO_PASSWORD', authMessages.cliPasswordEmpty, { source });
    return { username, password, source };
  };
  const prompt = (): Promise<string> => promptHidden(msg(authMessages.cliPrompt, { username })[lang], input, options.prompt ?? process.stderr);
  if (options.passwordStdin) {
    return nonEmpty(input.isTTY ? await prompt() : await readPasswordStdin(input), 'stdin');
  }
  const file = env['LANTAI_PASSWORD_FILE'];
  if (file !== undefined && file !== '') return nonEmpty(readPasswordFile(file), 'file');
  if (input.isTTY) return nonEmpty(await prompt(), 'prompt');
  throw VaultError.of('CLI_NO_PASSWORD', authMessages.cliNoPassword);
}
