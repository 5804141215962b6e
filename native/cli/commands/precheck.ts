import { msg } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { digitizationCliMessages as m } from './digitization-messages.js';

const RESULT = { pass: { zh: '通过，可扫描', en: 'passed: ready to scan' }, fix: { zh: '需整理后重新预检', en: 'needs fixing, then a new pre-check' }, stopped: { zh: '停止加工，已退回档案室并登记', en: 'stopped: returned to the archive room and registered' } };

export const precheckCommand: Command = {
  name: 'precheck',
  summary: { zh: '扫描前预检一件档案：涉密筛查、完整性、页序、实物与目录', en: 'Pre-check an item before scanning: classification screening, completeness, order, paper vs catalog' },
  usage: 'lantai precheck PROJECT CODE [--mark 秘密★10年] [--declassified] [--incomplete] [--out-of-order] [--catalog-mismatch] [--pages N] [--returned-to NAME] [--note TEXT]\n' +
    '  (exit 1 when the item is stopped or needs fixing)',
  options: {
    mark: { type: 'string' },
    declassified: { type: 'boolean' },
    incomplete: { type: 'boolean' },
    'out-of-order': { type: 'boolean' },
    'catalog-mismatch': { type: 'boolean' },
    pages: { type: 'string' },
    'returned-to': { type: 'string' },
    note: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [project, code] = positionals;
    if (!project || !code) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const pages = intOption(values, 'pages');
    const s = (k: string) => stringOption(values, k);
    const r = api.digitization.precheck(session, project, code, {
      classificationMark: s('mark') ?? '', declassified: values['declassified'] === true,
      complete: values['incomplete'] !== true, orderOk: values['out-of-order'] !== true, matchesCatalog: values['catalog-mismatch'] !== true,
      ...(pages !== undefined ? { pageCount: pages } : {}), ...(s('returned-to') !== undefined ? { returnedTo: s('returned-to')! } : {}), ...(s('note') !== undefined ? { note: s('note')! } : {}),
    });
    const problems = [...r.problems, ...r.notes].map((p) => p[ctx.lang]).join(ctx.lang === 'zh' ? '；' : '; ');
    ctx.say(msg(m.precheck, { code: r.item.archivalCode, result: RESULT[r.result][ctx.lang], problems: problems ? ` — ${problems}` : '' }));
    ctx.emitJson({ ok: r.result === 'pass', ...r });
    return r.result === 'pass' ? EXIT.OK : EXIT.PROBLEMS;
  },
};
