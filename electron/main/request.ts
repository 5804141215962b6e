/**
 * Light shape checks for what the renderer sends: it is untrusted input. The engine validates
 * meanings (user names, dates, query syntax); this only makes sure the types are what the
 * contract says, so a malformed call fails with a clear BAD_REQUEST instead of a TypeError.
 */
import { VaultError } from '../../native/api/index.js';
import { shellMessages } from './messages.js';

export type Obj = Record<string, unknown>;

function bad(field: string): never {
  throw VaultError.of('BAD_REQUEST', shellMessages.badRequest, { field });
}

export function obj(v: unknown, field = 'request'): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(field);
  return v as Obj;
}

export function optObj(v: unknown, field = 'request'): Obj {
  return v === undefined || v === null ? {} : obj(v, field);
}

export function str(o: Obj, key: string, max = 4096): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length > max) bad(key);
  return v;
}

export function optStr(o: Obj, key: string, max = 4096): string | undefined {
  return o[key] === undefined || o[key] === null || o[key] === '' ? undefined : str(o, key, max);
}

export function int(o: Obj, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) bad(key);
  return v;
}

export function optInt(o: Obj, key: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : int(o, key);
}

export function optBool(o: Obj, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') bad(key);
  return v;
}

export function strList(o: Obj, key: string, maxItems = 10_000): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length > maxItems || !v.every((x) => typeof x === 'string' && x.length <= 4096)) bad(key);
  return v as string[];
}

export function oneOf<T extends string>(o: Obj, key: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) bad(key);
  return v as T;
}

export function optOneOf<T extends string>(o: Obj, key: string, values: readonly T[]): T | undefined {
  return o[key] === undefined || o[key] === null ? undefined : oneOf(o, key, values);
}

export function optIntList(o: Obj, key: string, maxItems = 100_000): number[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > maxItems || !v.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) bad(key);
  return v as number[];
}
