import type { ErrorCode } from './error-codes.js';
import { msg, type Message, type Params } from './i18n/messages.js';

export { ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.js';

export type ErrorDetails = Record<string, unknown>;

/** A plain, serializable view of an error: the only error shape that crosses IPC or JSON output. */
export interface ErrorDTO {
  code: ErrorCode;
  message: Message;
  details: ErrorDetails;
}

/**
 * An expected problem (bad input, damaged vault, missing medium) with a bilingual message.
 * Anything else thrown is a bug and is reported as INTERNAL without its stack to the user.
 */
export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly text: Message;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, text: Message, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(`${code}: ${text.en}`, options);
    this.name = 'VaultError';
    this.code = code;
    this.text = text;
    this.details = details;
  }

  static of(code: ErrorCode, entry: Message, params: Params = {}, details: ErrorDetails = {}, cause?: unknown): VaultError {
    return new VaultError(code, msg(entry, params), { ...params, ...details }, cause === undefined ? undefined : { cause });
  }

  toDTO(): ErrorDTO {
    return { code: this.code, message: this.text, details: this.details };
  }
}

export function isVaultError(e: unknown): e is VaultError {
  return e instanceof VaultError;
}

export function toErrorDTO(e: unknown): ErrorDTO {
  if (isVaultError(e)) return e.toDTO();
  const reason = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: { zh: `内部错误：${reason}`, en: `Internal error: ${reason}` },
    details: {},
  };
}

/** Node errno codes that mean "the target cannot take the write", with their own VaultError codes. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}
