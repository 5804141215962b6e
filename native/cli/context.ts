import path from 'node:path';
import { VaultError, toErrorDTO, type ErrorDTO } from '../errors.js';
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
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
};

/** What every command gets: output in the user's language or as JSON, and the vault location. */
export class CliContext {
  readonly lang: Lang;
  readonly json: boolean;
  readonly io: CliIO;
  readonly vaultOption: string | undefined;
  readonly signal: AbortSignal;

  constructor(io: CliIO, options: { json: boolean; vault: string | undefined; signal: AbortSignal }) {
    this.io = io;
    this.lang = currentLang(io.env);
    this.json = options.json;
    this.vaultOption = options.vault;
    this.signal = options.signal;
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
}
