import os from 'node:os';
import { setTimeout } from 'node:timers/promises';
import path from 'node:path';
import { cliMessages } from './messages.js';
import { readTicket, removeTicket } from './session-ticket.js';
import { currentLang, isVaultError, msg, readCliCredentials, searchMessages, toErrorDTO, VaultApi, VaultError, vaultMessages, type ErrorDTO, type InputStream, type Lang, type Message, type Session } from '../api/index.js';

function isErrorDTO(e: unknown): e is ErrorDTO {
  return typeof e === 'object' && e !== null && !(e instanceof Error) && 'code' in e && 'message' in e && typeof (e as ErrorDTO).message === 'object';
}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where --password-stdin reads from (process.stdin by default). */
  stdin?: InputStream;
  /**
   * Whether stderr is a terminal. Only a terminal gets progress rewritten in place with `\r`;
   * a log file or a pipe would keep every step glued onto one line. Absent means not a terminal.
   */
  isTTY?: boolean;
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
};

/** The longest login throttle the CLI waits out instead of failing (a lock is longer). */
const MAX_THROTTLE_WAIT_MS = 10_000;

/** An opened vault and the logged-in person acting on it, for the length of one command. */
export interface CliSession {
  api: VaultApi;
  session: Session;
}

/**
 * Runs another `lantai` command in this process (the demo runs the real commands one after
 * another); main() hands it in, so no command imports the command table it belongs to.
 */
export interface CommandRunner {
  has(name: string): boolean;
  run(argv: string[], io: CliIO, signal?: AbortSignal): Promise<number>;
}

export interface CredentialOptions {
  user: string | undefined;
  passwordStdin: boolean;
}

/** What every command gets: output in the user's language or as JSON, and the vault location. */
export class CliContext {
  readonly lang: Lang;
  readonly json: boolean;
  readonly io: CliIO;
  readonly vaultOption: string | undefined;
  readonly signal: AbortSignal;
  readonly commands: CommandRunner | undefined;
  private readonly credentials: CredentialOptions;
  private readonly cleanups: (() => void)[] = [];
  private progressShown = false;
  private lastProgress = '';

  constructor(io: CliIO, options: { json: boolean; vault: string | undefined; signal: AbortSignal; credentials?: CredentialOptions; commands?: CommandRunner }) {
    this.commands = options.commands;
    this.io = io;
    this.lang = currentLang(io.env);
    this.json = options.json;
    this.vaultOption = options.vault;
    this.signal = options.signal;
    this.credentials = options.credentials ?? { user: undefined, passwordStdin: false };
  }

  t(m: Message): string {
    return m[this.lang];
  }

  /** Human text (ignored in --json mode). */
  say(m: Message | string): void {
    if (!this.json) this.io.stdout(`${typeof m === 'string' ? m : this.t(m)}\n`);
  }

  /**
   * A progress line on stderr, rewritten in place on a terminal (nothing with --json). Elsewhere
   * nothing is written until endProgress(), which writes the last state as one plain line.
   */
  progress(m: Message): void {
    if (this.json) return;
    if (this.io.isTTY === true) this.io.stderr(`\r${this.t(m)}   `);
    else this.lastProgress = this.t(m);
    this.progressShown = true;
  }

  /** Ends the progress line, if one was written (off a terminal: the last state, once). */
  endProgress(): void {
    if (!this.json && this.progressShown) this.io.stderr(this.io.isTTY === true ? '\n' : `${this.lastProgress}\n`);
    this.progressShown = false;
    this.lastProgress = '';
  }

  warn(m: Message | string): void {
    this.io.stderr(`${typeof m === 'string' ? m : this.t(m)}\n`);
  }

  /** The one JSON document a command prints with --json. */
  emitJson(value: unknown): void {
    if (this.json) this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  error(e: unknown): void {
    const dto = isErrorDTO(e) ? e : toErrorDTO(e);
    if (this.json) this.io.stdout(`${JSON.stringify({ ok: false, error: dto }, null, 2)}\n`);
    else this.io.stderr(`${this.lang === 'zh' ? '错误' : 'Error'} [${dto.code}]: ${dto.message[this.lang]}\n`);
  }

  vaultDir(): string {
    const dir = this.vaultOption ?? this.io.env['LANTAI_VAULT'];
    if (!dir) throw VaultError.of('VAULT_NOT_GIVEN', vaultMessages.noVaultGiven);
    return path.resolve(dir);
  }

  /** Opens the vault (closed when the command finishes); for commands that log in themselves. */
  async openVault(): Promise<VaultApi> {
    const api = await VaultApi.open(this.vaultDir());
    this.cleanups.push(() => api.close());
    // The rebuild a migration asked for is not done inside the open (minutes at 1M pages): say
    // so and how to run it, unless this command is the one that runs it.
    const rebuild = this.indexNotice ? api.maintenance.indexRebuild() : null;
    if (rebuild) this.warn(msg(rebuild.jobId === null ? searchMessages.indexRebuilding : searchMessages.indexRebuildingResume, rebuild));
    return api;
  }

  /** Off for the commands that rebuild the index themselves (reindex, resume). */
  indexNotice = true;

  /** The device name written to the audit log for command-line work. */
  device(): string {
    return `cli@${os.hostname()}`;
  }

  /**
   * Opens the vault and logs in: with the session `lantai login` kept, when there is one for
   * this person, or else with a password (user from --user or LANTAI_USER; password from
   * --password-stdin, LANTAI_PASSWORD_FILE or a prompt: never from the command line), and then
   * the session ends when the command finishes (close()). The vault closes either way.
   */
  async openSession(): Promise<CliSession> {
    const api = await this.openVault();
    const kept = this.resumeKeptSession(api);
    if (kept) return { api, session: kept };
    const creds = await this.readCredentials();
    const session = await this.waitingOutThrottle(() => api.accounts.login(creds.username, creds.password, this.device()));
    this.cleanups.push(() => api.accounts.logout(session));
    return { api, session };
  }

  /** The person's user name and password: --user or LANTAI_USER; --password-stdin, LANTAI_PASSWORD_FILE or a prompt. */
  readCredentials(): Promise<{ username: string; password: string }> {
    return readCliCredentials({
      ...(this.credentials.user !== undefined ? { user: this.credentials.user } : {}),
      passwordStdin: this.credentials.passwordStdin,
      env: this.io.env,
      ...(this.io.stdin ? { stdin: this.io.stdin } : {}),
      lang: this.lang,
    });
  }

  /**
   * The session `lantai login` kept for this vault, resumed (no password, no scrypt), when it is
   * the person the command is for: no --password-stdin, and --user or LANTAI_USER, if given,
   * name its owner. A ticket the vault refuses (ended, idle-locked, wrong device) is removed,
   * and the command asks for the password as usual. A resumed session stays open after the command.
   */
  private resumeKeptSession(api: VaultApi): Session | null {
    if (this.credentials.passwordStdin) return null;
    const vaultDir = this.vaultDir();
    const ticket = readTicket(this.io.env, vaultDir);
    const user = this.credentials.user ?? this.io.env['LANTAI_USER'];
    if (!ticket || (user !== undefined && user.trim() !== '' && user.trim() !== ticket.username) || ticket.device !== this.device()) return null;
    try {
      return api.accounts.resume(ticket.sessionId, ticket.secret, this.device());
    } catch (e) {
      if (!isVaultError(e)) throw e;
      removeTicket(this.io.env, vaultDir);
      this.warn(cliMessages.ticketStale);
      return null;
    }
  }

  /** Keeps a session opened by the command (a second person) to be logged out at the end. */
  keepSession(api: VaultApi, session: Session): Session {
    this.cleanups.push(() => api.accounts.logout(session));
    return session;
  }

  /**
   * After a wrong password the account refuses attempts for a few seconds (1, 2, 4, 8 s). A
   * script that then gives the right password would fail for no reason it can see: wait out a
   * short throttle once, saying so, instead. Long waits (a lock) are still refused at once.
   */
  async waitingOutThrottle<T>(login: () => Promise<T>): Promise<T> {
    try {
      return await login();
    } catch (e) {
      const dto = isVaultError(e) ? toErrorDTO(e) : undefined;
      const notBefore = dto?.code === 'AUTH_THROTTLED' ? Date.parse(String(dto.details['notBefore'])) : NaN;
      const waitMs = notBefore - Date.now();
      if (!(waitMs <= MAX_THROTTLE_WAIT_MS)) throw e;
      this.warn(dto!.message[this.lang]);
      if (waitMs > 0) await setTimeout(waitMs + 50, undefined, { signal: this.signal });
      return login();
    }
  }

  /** Ends what the command opened (sessions, vaults), newest first. */
  close(): void {
    while (this.cleanups.length > 0) {
      try {
        this.cleanups.pop()!();
      } catch {
        // Closing must not hide the command's own result; the vault is consistent either way.
      }
    }
  }
}
