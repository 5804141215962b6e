import os from 'node:os';
import { setTimeout } from 'node:timers/promises';
import path from 'node:path';
import { readCliCredentials, type InputStream } from '../auth/cli-credentials.js';
import { login, logout } from '../auth/sessions.js';
import type { OperationContext, Session } from '../auth/types.js';
import { VaultError, isVaultError, toErrorDTO, type ErrorDTO } from '../errors.js';
import { currentLang, type Lang, type Message } from '../i18n/messages.js';
import { vaultMessages } from '../vault/messages.js';
import { Vault } from '../vault/vault.js';

function isErrorDTO(e: unknown): e is ErrorDTO {
  return typeof e === 'object' && e !== null && !(e instanceof Error) && 'code' in e && 'message' in e && typeof (e as ErrorDTO).message === 'object';
}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where --password-stdin reads from (process.stdin by default). */
  stdin?: InputStream;
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
};

/** The longest login throttle the CLI waits out instead of failing (a lock is longer). */
const MAX_THROTTLE_WAIT_MS = 10_000;

/** An opened vault and the logged-in person acting on it, for the length of one command. */
export interface CliSession {
  vault: Vault;
  op: OperationContext;
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
  private readonly credentials: CredentialOptions;
  private readonly cleanups: (() => void)[] = [];

  constructor(io: CliIO, options: { json: boolean; vault: string | undefined; signal: AbortSignal; credentials?: CredentialOptions }) {
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

  async openVault(): Promise<Vault> {
    return Vault.openForWork(this.vaultDir());
  }

  /** The device name written to the audit log for command-line work. */
  device(): string {
    return `cli@${os.hostname()}`;
  }

  /**
   * Opens the vault and logs in (user from --user or LANTAI_USER; password from
   * --password-stdin, LANTAI_PASSWORD_FILE or a prompt: never from the command line). The
   * session ends and the vault closes when the command finishes (close()).
   */
  async openSession(): Promise<CliSession> {
    const vault = await this.openVault();
    try {
      const creds = await readCliCredentials({
        ...(this.credentials.user !== undefined ? { user: this.credentials.user } : {}),
        passwordStdin: this.credentials.passwordStdin,
        env: this.io.env,
        ...(this.io.stdin ? { stdin: this.io.stdin } : {}),
        lang: this.lang,
      });
      const device = this.device();
      const session = await this.loginWaitingOutThrottle(vault, creds.username, creds.password, device);
      const op: OperationContext = { db: vault.db, session, device };
      this.cleanups.push(() => {
        try {
          logout(op);
        } finally {
          vault.close();
        }
      });
      return { vault, op };
    } catch (e) {
      vault.close();
      throw e;
    }
  }

  /**
   * After a wrong password the account refuses attempts for a few seconds (1, 2, 4, 8 s). A
   * script that then gives the right password would fail for no reason it can see: wait out a
   * short throttle once, saying so, instead. Long waits (a lock) are still refused at once.
   */
  private async loginWaitingOutThrottle(vault: Vault, username: string, password: string, device: string): Promise<Session> {
    try {
      return await login(vault.db, username, password, device);
    } catch (e) {
      const dto = isVaultError(e) ? toErrorDTO(e) : undefined;
      const notBefore = dto?.code === 'AUTH_THROTTLED' ? Date.parse(String(dto.details['notBefore'])) : NaN;
      const waitMs = notBefore - Date.now();
      if (!(waitMs <= MAX_THROTTLE_WAIT_MS)) throw e;
      this.warn(dto!.message[this.lang]);
      if (waitMs > 0) await setTimeout(waitMs + 50, undefined, { signal: this.signal });
      return login(vault.db, username, password, device);
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
