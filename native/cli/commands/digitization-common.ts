import fs from 'node:fs';
import path from 'node:path';
import { type ProjectDetail } from '../../api/index.js';
import { stringOption, UsageError, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { digitizationCliMessages as m } from './digitization-messages.js';
import { msg } from '../../api/index.js';

/** Shared pieces of the digitization commands: numbers, rules, writing a rendering to a file. */

export function numberOption(values: OptionValues, name: string): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${v}"`);
  return n;
}

export function ruleOptions(values: OptionValues): { minDpi?: number; colourMode?: 'any' | 'colour' | 'grey' | 'bilevel'; samplePercent?: number; passMark?: number } {
  const colour = stringOption(values, 'colour');
  return Object.fromEntries(
    Object.entries({ minDpi: numberOption(values, 'min-dpi'), colourMode: colour, samplePercent: numberOption(values, 'sample-percent'), passMark: numberOption(values, 'pass-mark') }).filter(([, v]) => v !== undefined),
  );
}

/** Whether --out names a PDF: the printed form instead of the plain-text rendering. */
export function isPdf(out: string | undefined): out is string {
  return out !== undefined && /\.pdf$/i.test(out);
}

/** Writes a text rendering when --out is given (temp name, then rename: never half a file). */
export function writeOut(ctx: CliContext, out: string | undefined, text: string, done: (file: string) => void): void {
  if (out === undefined) {
    ctx.say(text.trimEnd());
    return;
  }
  const file = path.resolve(out);
  const tmp = `${file}.partial-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  done(file);
}

export function printProject(ctx: CliContext, d: ProjectDetail): void {
  const p = d.project;
  ctx.say(`${p.id}\t${p.name}\t${p.inHouse ? ctx.t(m.inHouse) : p.vendor}\t${p.state}\t≥${p.minDpi}dpi\t${p.colourMode}\t${p.samplePercent}%\t${p.passMark}%`);
  ctx.say(msg(m.counts, d.counts));
  ctx.say(msg(m.operators, { list: d.operators.map((o) => `${o.username}(${o.roles.join('/')}, ${o.status})`).join(', ') || '-' }));
  ctx.say(m.itemsHeader);
  for (const i of d.items) ctx.say([i.seq, i.archivalCode, i.title, i.expectedPages ?? '-', i.state, i.recordCode ?? '-', i.pageCount ?? '-'].join('\t'));
  if (d.returns.length > 0) {
    ctx.say(m.returnsHeader);
    for (const r of d.returns) ctx.say(`  ${r.archivalCode}\t${r.at}\t${r.by}\t${r.reason}\t${r.returnedTo}`);
  }
}
