import { msg, type StoredSuggestion } from '../../api/index.js';
import { UsageError, type Command, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

function ids(values: OptionValues, name: string): number[] {
  const raw = values[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} takes a suggestion number, not "${String(v)}"`);
    return n;
  });
}

/**
 * `lantai suggestions CODE [--accept N]… [--reject N]…`: what extraction found in a record's OCR
 * text (成文日期, 文号, 题名, 责任者, 密级) is only a suggestion until the archivist confirms it.
 */
export const suggestionsCommand: Command = {
  name: 'suggestions',
  summary: cliMessages.suggestionsSummary,
  usage: 'lantai suggestions ARCHIVAL-CODE|ID [--accept N]… [--reject N]…',
  options: { accept: { type: 'string', multiple: true }, reject: { type: 'string', multiple: true } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const ref = positionals[0];
    if (!ref || positionals.length > 1) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    const accept = ids(values, 'accept');
    const reject = ids(values, 'reject');
    const { api, session } = await ctx.openSession();
    const deciding = accept.length + reject.length > 0;
    const record = api.records.resolve(session, deciding ? 'edit_record' : 'view_record', ref);
    const decided: StoredSuggestion[] = [];
    for (const id of accept) {
      const s = api.records.acceptSuggestion(session, record.id, id);
      decided.push(s);
      ctx.say(msg(cliMessages.suggestionAccepted, { id, field: s.field, value: s.value }));
    }
    for (const id of reject) {
      const s = api.records.rejectSuggestion(session, record.id, id);
      decided.push(s);
      ctx.say(msg(cliMessages.suggestionRejected, { id, field: s.field }));
    }
    const pending = api.records.suggestions(session, record.id, 'pending');
    if (pending.length === 0) ctx.say(cliMessages.noSuggestions);
    else ctx.say(msg(cliMessages.suggestionsHeader, { code: record.archivalCode }));
    for (const s of pending) ctx.say(msg(cliMessages.suggestionLine, { id: s.id, field: s.field, value: s.value, page: s.pageNo ?? '-', confidence: s.confidence }));
    ctx.emitJson({ ok: true, archivalCode: record.archivalCode, decided, pending });
    return EXIT.OK;
  },
};
