import { FIELD_LABELS, msg, type EditPatch } from '../../api/index.js';
import { stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliCatalogMessages } from './catalog-messages.js';
import { selectionFrom } from './selection-options.js';

const FIELDS: [option: string, field: keyof EditPatch][] = [
  ['title', 'title'], ['creator', 'creator'], ['doc-number', 'docNumber'], ['doc-date', 'docDate'], ['retention', 'retention'],
  ['classification', 'classification'], ['period', 'classificationPeriod'], ['remarks', 'remarks'],
  ['fonds', 'fondsCode'], ['category', 'categoryCode'], ['year', 'year'], ['org', 'orgUnit'],
];

function patchFrom(values: OptionValues): EditPatch {
  const patch: EditPatch = {};
  for (const [option, field] of FIELDS) {
    const v = stringOption(values, option);
    if (v !== undefined) (patch as Record<string, string>)[field] = v;
  }
  return patch;
}

export const editCommand: Command = {
  name: 'edit',
  summary: {
    zh: '修改著录项（一件或一批）：与桌面端同一套校验，每项改动连同原值与新值记入审计日志',
    en: 'Edit catalog fields of one record or a batch: the desktop\'s validation, each change audited with old and new value',
  },
  usage: 'lantai edit CODE|ID… [--codes FILE] [--title …] [--creator …] [--doc-number 档发〔2016〕6号] [--doc-date YYYY-MM-DD] [--retention Y|D30|D10] [--classification 公开|内部|秘密|机密|绝密] [--period 10年] [--remarks …] [--fonds …] [--category WS] [--year 2016] [--org …] [--reason TEXT]',
  options: Object.fromEntries([...FIELDS.map(([o]) => [o, { type: 'string' }]), ['reason', { type: 'string' }], ['codes', { type: 'string' }]]),
  positionals: 'some',
  async run(ctx, values, positionals) {
    const sel = selectionFrom({ codes: values['codes'] }, positionals);
    const refs = [...(sel.ids ?? []).map(String), ...(sel.codes ?? [])];
    if (refs.length === 0) throw new UsageError(this.usage);
    const patch = patchFrom(values);
    if (Object.keys(patch).length === 0) throw new UsageError(`give at least one field to change\n${this.usage}`);
    const { api, session } = await ctx.openSession();
    const reason = stringOption(values, 'reason');
    const result = api.catalog.edit(session, { refs, patch, ...(reason !== undefined ? { reason } : {}) });
    for (const r of result.records) {
      if (r.changes.length === 0) ctx.say(msg(cliCatalogMessages.unchanged, { code: r.archivalCode }));
      else ctx.say(msg(cliCatalogMessages.edited, {
        code: r.archivalCode,
        changes: r.changes.map((c) => `${c.field in FIELD_LABELS ? ctx.t(FIELD_LABELS[c.field as keyof typeof FIELD_LABELS]) : c.field} ${c.before ?? '∅'} → ${c.after ?? '∅'}`).join('；'),
      }));
    }
    ctx.emitJson({ ok: true, ...result });
    return EXIT.OK;
  },
};
