import { VaultError } from '../errors.js';
import { digitizationMessages } from './messages.js';

/** Refuses a field of digitization input, naming where (a file and line), the field, the value and why. */
export function badInput(field: string, value: unknown, reasonZh: string, reasonEn: string, where = ''): never {
  throw VaultError.of('DIGITIZATION_BAD_INPUT', digitizationMessages.badField, { where, field, value: String(value), reasonZh, reasonEn });
}
