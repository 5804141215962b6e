import { msg } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { requiredOption } from './auth-common.js';
import { cliCatalogMessages } from './catalog-messages.js';
import { SELECTION_OPTIONS, selectionFrom } from './selection-options.js';

export const printCommand: Command = {
  name: 'print',
  summary: {
    zh: '打印（PDF，内嵌中文字体）：catalog 归档文件目录（A4 横向，含封面）| stamps 归档章；打印后档号固定',
    en: 'Printouts (PDF with an embedded CJK font): catalog (A4 landscape with cover) | stamps (归档章); printing fixes the codes',
  },
  usage: 'lantai print catalog|stamps [CODE…] [--codes FILE] [--year Y] [--category C] [--fonds F] [--retention R] [--org O] --out FILE.pdf [--unit 全宗名称]',
  options: { ...SELECTION_OPTIONS, out: { type: 'string' }, unit: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [kind, ...refs] = positionals;
    if (kind !== 'catalog' && kind !== 'stamps') throw new UsageError(this.usage);
    const out = requiredOption(values, 'out');
    const { api, session } = await ctx.openSession();
    const unit = stringOption(values, 'unit') ?? ctx.io.env['LANTAI_UNIT_NAME'];
    const r = await api.catalog.print(session, { kind, out, selection: selectionFrom(values, refs), ...(unit ? { unitName: unit } : {}) });
    ctx.say(msg(cliCatalogMessages.printed, { path: r.path, records: r.records, pages: r.pages }));
    if (r.fixed > 0) ctx.say(msg(cliCatalogMessages.printedFixed, { count: r.fixed }));
    ctx.emitJson({ ok: true, ...r });
    return EXIT.OK;
  },
};
