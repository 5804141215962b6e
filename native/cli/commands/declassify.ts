import { CLASSIFICATION_LABELS, msg, type Classification } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { requiredOption } from './auth-common.js';
import { cliCatalogMessages } from './catalog-messages.js';
import { resolveRecordRef } from './record-ref.js';

export const declassifyCommand: Command = {
  name: 'declassify',
  summary: {
    zh: '解密审核（安全保密管理员）：due 保密期限已满的档案 | RECORD --decision declassify|extend',
    en: 'Declassification review (security officer): due (classification periods ended) | RECORD --decision declassify|extend',
  },
  usage: 'lantai declassify due [--as-of YYYY-MM-DD]\n  lantai declassify RECORD --decision declassify|extend [--to 公开|内部] [--period 10年] --basis TEXT',
  options: { 'as-of': { type: 'string' }, decision: { type: 'string' }, to: { type: 'string' }, period: { type: 'string' }, basis: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [ref] = positionals;
    if (!ref) throw new UsageError(this.usage);
    if (ref !== 'due') {
      const d = requiredOption(values, 'decision');
      if (d !== 'declassify' && d !== 'extend') throw new UsageError('--decision declassify|extend');
    }
    const { api, session } = await ctx.openSession();
    if (ref === 'due') {
      const due = api.appraisal.declassificationDue(session, stringOption(values, 'as-of'));
      ctx.say(due.length === 0 ? cliCatalogMessages.declassifyNone : cliCatalogMessages.declassifyHeader);
      for (const d of due) ctx.say([d.archivalCode, d.title, ctx.t(CLASSIFICATION_LABELS[d.classification as Classification]), d.classificationPeriod, d.endsOn].join('\t'));
      ctx.emitJson({ ok: true, due });
      return EXIT.OK;
    }
    const decision = requiredOption(values, 'decision') as 'declassify' | 'extend';
    const recordId = resolveRecordRef(api, session, 'review_classification', ref);
    const r = api.appraisal.declassify(session, {
      recordId, decision, basis: requiredOption(values, 'basis'),
      ...(stringOption(values, 'to') !== undefined ? { level: stringOption(values, 'to')! } : {}),
      ...(stringOption(values, 'period') !== undefined ? { period: stringOption(values, 'period')! } : {}),
    });
    ctx.say(msg(cliCatalogMessages.declassified, { code: ref, decision, level: ctx.t(CLASSIFICATION_LABELS[r.classification as Classification]), period: r.period ? `★${r.period}` : '' }));
    ctx.emitJson({ ok: true, ...r });
    return EXIT.OK;
  },
};
