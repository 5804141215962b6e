import { msg, type CheckReport } from '../../api/index.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const checkCommand: Command = {
  name: 'check',
  summary: cliMessages.checkSummary,
  usage: 'lantai check [--quick] [--repair]',
  options: { quick: { type: 'boolean' }, repair: { type: 'boolean' } },
  async run(ctx, values) {
    const { api, session } = await ctx.openSession();
    return reportCheck(ctx, await api.maintenance.check(session, { quick: values['quick'] === true, repair: values['repair'] === true }, { signal: ctx.signal }));
  },
};

/** Prints a check report; returns the exit code it deserves. */
export function reportCheck(ctx: CliContext, report: CheckReport): number {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.filter((p) => p.severity === 'warning').length;
  for (const p of report.problems) ctx.say(`[${p.severity}] ${p.code}: ${ctx.t(p.message)}`);
  if (report.ok && warnings === 0) {
    ctx.say(msg(cliMessages.checkOk, { records: report.records, pages: report.pages, objects: report.objects, mb: (report.bytesVerified / 1e6).toFixed(1) }));
  } else {
    ctx.say(msg(cliMessages.checkFailed, { errors, warnings, records: report.records, pages: report.pages }));
  }
  ctx.emitJson(report);
  return report.ok && warnings === 0 ? EXIT.OK : EXIT.PROBLEMS;
}
