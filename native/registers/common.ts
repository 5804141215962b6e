import type { OperationContext } from '../auth/types.js';
import { isoOf, nowOf } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { registerMessages } from './messages.js';

/** Shared input checks for the registers: every refusal names the field in both languages. */
export function requiredText(value: unknown, fieldZh: string, fieldEn: string, max = 500): string {
  const s = String(value ?? '').normalize('NFC').trim();
  if (s === '') throw VaultError.of('REGISTER_INVALID', registerMessages.required, { fieldZh, fieldEn });
  return s.slice(0, max);
}

export function optionalText(value: unknown, max = 2000): string {
  return String(value ?? '').normalize('NFC').trim().slice(0, max);
}

export function count(value: unknown, fieldZh: string, fieldEn: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw VaultError.of('REGISTER_INVALID', registerMessages.badCount, { fieldZh, fieldEn, min, value: String(value) });
  }
  return value;
}

/**
 * A time given by the user (ISO string); defaults to now. Registers record what happened, so
 * a time may lie in the past (entered afterwards) but not in the future, unless allowFuture.
 */
export function timeOf(ctx: OperationContext, value: unknown, fieldZh: string, fieldEn: string, options: { allowFuture?: boolean } = {}): string {
  const now = nowOf(ctx);
  if (value === undefined || value === null || value === '') return isoOf(now);
  const ms = Date.parse(String(value));
  if (!Number.isFinite(ms)) throw VaultError.of('REGISTER_INVALID', registerMessages.badTime, { fieldZh, fieldEn, value: String(value), extraZh: '', extraEn: '' });
  if (!options.allowFuture && ms > now + 5 * 60_000) {
    throw VaultError.of('REGISTER_INVALID', registerMessages.badTime, { fieldZh, fieldEn, value: String(value), extraZh: '（不能晚于现在）', extraEn: ' (it cannot be in the future)' });
  }
  return isoOf(ms);
}

/** The name a register prints for the logged-in person. */
export function personName(actor: { displayName: string; username: string }): string {
  return actor.displayName.trim() || actor.username;
}
