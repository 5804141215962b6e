import path from 'node:path';
import { msg, renderProcessSheet, stepOf, PROCESS_STEPS, PROCESS_STEP_LABELS } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { requiredOption } from './auth-common.js';
import { isPdf, writeOut } from './digitization-common.js';
import { digitizationCliMessages as m } from './digitization-messages.js';

export const sheetCommand: Command = {
  name: 'sheet',
  summary: { zh: '流程单：show 查看/打印（含逐页过程元数据）| add 登记手工工序（拆卷、装订 …）', en: 'Process sheets: show (print, with per-image process metadata) | add a manual step (unbinding, rebinding …)' },
  usage: 'lantai sheet show PROJECT CODE [--out FILE.txt|FILE.pdf]   (.pdf: the printed form)\n' +
    `  lantai sheet add PROJECT CODE --step ${PROCESS_STEPS.join('|')} (or 拆卷|装订|…) [--device ID] [--count N] [--operator NAME] [--at ISO-TIME] [--note TEXT]`,
  options: {
    out: { type: 'string' },
    step: { type: 'string' },
    device: { type: 'string' },
    count: { type: 'string' },
    operator: { type: 'string' },
    at: { type: 'string' },
    note: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, project, code] = positionals;
    if ((sub !== 'show' && sub !== 'add') || !project || !code) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const s = (k: string) => stringOption(values, k);
    let view;
    if (sub === 'add') {
      const typed = requiredOption(values, 'step');
      const step = stepOf(typed);
      if (!step) throw new UsageError(`--step ${PROCESS_STEPS.map((x) => `${x}/${PROCESS_STEP_LABELS[x].zh}`).join(', ')}`);
      const count = intOption(values, 'count');
      view = api.digitization.addSheetStep(session, project, code, {
        step, ...(s('device') !== undefined ? { deviceId: s('device')! } : {}), ...(count !== undefined ? { count } : {}),
        ...(s('operator') !== undefined ? { operator: s('operator')! } : {}), ...(s('at') !== undefined ? { at: s('at')! } : {}), ...(s('note') !== undefined ? { note: s('note')! } : {}),
      });
    } else view = api.digitization.sheet(session, project, code);
    if (isPdf(s('out'))) {
      const printed = await api.digitization.printSheet(session, project, code, path.resolve(s('out')!));
      ctx.say(msg(m.pdfWritten, { file: printed.path, pages: printed.pages }));
      ctx.emitJson({ ok: true, ...view, printed });
      return EXIT.OK;
    }
    const pages = view.pages.length === 0 ? '' : `\n${ctx.t(m.pageMetaHeader)}\n${view.pages.map((p) => [p.pageNo, p.deviceId, p.software || '-', p.dpi ?? '-', p.colourMode, p.compression, p.capturedAt.slice(0, 16).replace('T', ' '), p.operator].join('\t')).join('\n')}\n`;
    writeOut(ctx, s('out'), renderProcessSheet(view.sheet, ctx.lang) + pages, (file) => ctx.say(msg(m.sheetWritten, { file })));
    ctx.emitJson({ ok: true, ...view });
    return EXIT.OK;
  },
};
