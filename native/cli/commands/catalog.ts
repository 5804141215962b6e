import { CATALOG_FORMATS, isVaultError, msg, toErrorDTO, type CatalogFormat, type CatalogSettings, type ImportProblem, type PlanEntry, type Retention } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { requiredOption } from './auth-common.js';
import { cliCatalogMessages } from './catalog-messages.js';
import { SELECTION_OPTIONS, selectionFrom } from './selection-options.js';

function printPlan(ctx: CliContext, changes: readonly PlanEntry[]): void {
  if (changes.length === 0) ctx.say(cliCatalogMessages.noChanges);
  for (const c of changes) ctx.say(msg(cliCatalogMessages.planLine, { old: c.oldCode, new: c.newCode, fixed: c.wasFixed ? ctx.t(cliCatalogMessages.fixedMark) : '' }));
}

const SETTING_OPTIONS: Record<string, keyof CatalogSettings> = {
  'default-fonds': 'defaultFonds', 'default-category': 'defaultCategory', 'default-org': 'defaultOrg', 'default-retention': 'defaultRetention',
  'code-style': 'codeStyle', 'item-digits': 'itemDigits', 'open-review-years': 'openReviewYears', 'min-deciders': 'minDeciders',
};

export const catalogCommand: Command = {
  name: 'catalog',
  summary: {
    zh: '目录维护：preview 预览档号 | confirm 确认并固定档号 | renumber 重新编号 | export 导出 xlsx/csv/xml | import 导入目录 | settings 设置',
    en: 'Catalog upkeep: preview codes | confirm (fix codes) | renumber a class | export xlsx/csv/xml | import a catalog file | settings',
  },
  usage:
    'lantai catalog preview|confirm [CODE…] [--codes FILE] [--year Y] [--category C] [--fonds F] [--retention R] [--org O]\n' +
    '  lantai catalog renumber --category C --year Y --retention R [--fonds F] [--org O] [--by-date] [--dry-run] [--include-fixed --reason TEXT]\n' +
    '  lantai catalog export --format xlsx|csv|xml --out FILE [--year Y] [--category C] …\n' +
    '  lantai catalog import FILE.xlsx|.csv|.xml\n' +
    '  lantai catalog settings [--default-fonds Z109] [--default-org 办公室] [--default-category WS] [--default-retention D30] [--code-style dash|dot] [--item-digits 4] [--open-review-years 25] [--min-deciders 2]',
  options: {
    ...SELECTION_OPTIONS,
    format: { type: 'string' }, out: { type: 'string' }, 'by-date': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'include-fixed': { type: 'boolean' }, reason: { type: 'string' },
    ...Object.fromEntries(Object.keys(SETTING_OPTIONS).map((k) => [k, { type: 'string' }])),
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, ...rest] = positionals;
    switch (sub) {
      case 'preview':
      case 'confirm': {
        const { api, session } = await ctx.openSession();
        const sel = selectionFrom(values, rest);
        const r = sub === 'preview' ? { ...api.catalog.preview(session, sel), fixed: null } : api.catalog.confirm(session, sel);
        ctx.say(msg(cliCatalogMessages.previewHeader, { count: r.batch.length }));
        printPlan(ctx, r.changes);
        if (r.fixed !== null) ctx.say(msg(cliCatalogMessages.confirmed, { fixed: r.fixed, changed: r.changes.length }));
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'renumber': {
        const year = intOption(values, 'year');
        const category = stringOption(values, 'category');
        const retention = stringOption(values, 'retention');
        if (year === undefined || !category || !retention) throw new UsageError('renumber names its class: --category C --year Y --retention R [--fonds F] [--org O]');
        const { api, session } = await ctx.openSession();
        const reason = stringOption(values, 'reason');
        const r = api.catalog.renumber(session, {
          cls: { fondsCode: stringOption(values, 'fonds') ?? '', categoryCode: category.toUpperCase(), year, retention: retention.toUpperCase() as Retention, orgUnit: stringOption(values, 'org') ?? '' },
          byDate: values['by-date'] === true, includeFixed: values['include-fixed'] === true, dryRun: values['dry-run'] === true, ...(reason !== undefined ? { reason } : {}),
        });
        printPlan(ctx, r.changes);
        ctx.say(r.applied ? msg(cliCatalogMessages.renumbered, { count: r.changes.length }) : cliCatalogMessages.dryRun);
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'export': {
        const format = requiredOption(values, 'format').toLowerCase();
        if (!(CATALOG_FORMATS as readonly string[]).includes(format)) throw new UsageError('--format xlsx|csv|xml');
        const out = requiredOption(values, 'out');
        const { api, session } = await ctx.openSession();
        const r = await api.catalog.export(session, { format: format as CatalogFormat, out, selection: selectionFrom(values, rest) }, {
          signal: ctx.signal, onProgress: (p) => ctx.progress(msg(cliCatalogMessages.exportProgress, { done: p.done, total: p.total })),
        }).finally(() => ctx.endProgress());
        ctx.say(msg(cliCatalogMessages.exported, { records: r.records, path: r.path, format: r.format, kb: Math.ceil(r.bytes / 1024) }));
        if (r.leftOut > 0) ctx.say(msg(cliCatalogMessages.leftOut, { count: r.leftOut }));
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'import': {
        const file = rest[0];
        if (!file) throw new UsageError('lantai catalog import FILE.xlsx|.csv|.xml');
        const { api, session } = await ctx.openSession();
        try {
          const r = await api.catalog.import(session, file);
          ctx.say(msg(cliCatalogMessages.imported, { count: r.imported, file }));
          ctx.emitJson({ ok: true, ...r });
          return EXIT.OK;
        } catch (e) {
          const problems = isVaultError(e) ? (toErrorDTO(e).details['problems'] as ImportProblem[] | undefined) : undefined;
          if (problems && !ctx.json) {
            ctx.warn(ctx.t(cliCatalogMessages.importProblems));
            for (const p of problems) ctx.warn(ctx.t(msg(cliCatalogMessages.importProblem, { row: p.row, field: p.field, value: p.value, reason: ctx.t(p.reason) })));
          }
          throw e;
        }
      }
      case 'settings': {
        const { api, session } = await ctx.openSession();
        const patch: Partial<Record<keyof CatalogSettings, string>> = {};
        for (const [option, key] of Object.entries(SETTING_OPTIONS)) {
          const v = stringOption(values, option);
          if (v !== undefined) patch[key] = v;
        }
        const s = Object.keys(patch).length > 0 ? api.catalog.changeSettings(session, patch) : api.catalog.settingsForAdmin(session);
        for (const [k, v] of Object.entries(s)) ctx.say(msg(cliCatalogMessages.settingsLine, { key: k, value: String(v) }));
        ctx.emitJson({ ok: true, settings: s });
        return EXIT.OK;
      }
      default:
        throw new UsageError(this.usage);
    }
  },
};
