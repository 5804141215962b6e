import type { ParseArgsConfig } from 'node:util';
import type { Message } from '../api/index.js';
import type { CliContext } from './context.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Command {
  name: string;
  summary: Message;
  usage: string;
  options: OptionSpec;
  positionals?: 'none' | 'some';
  run(ctx: CliContext, values: OptionValues, positionals: string[]): Promise<number>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function intOption(values: OptionValues, name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, not "${v}"`);
  return n;
}

export class UsageError extends Error {}
