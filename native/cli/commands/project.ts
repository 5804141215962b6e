import fs from 'node:fs';
import path from 'node:path';
import { msg, type ProjectDetail } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { listOption, requiredOption } from './auth-common.js';
import { printProject, ruleOptions } from './digitization-common.js';
import { digitizationCliMessages as m } from './digitization-messages.js';
import { ingestProgress } from './ingest.js';

const SUBS = ['create', 'list', 'show', 'add-items', 'add-operator', 'rule', 'scan', 'close'];

/** The items to scan: --item CODE=PATH, or the subfolders of --from DIR named after items (· or - in the name). */
function scanItems(detail: ProjectDetail, items: string[], from: string | undefined): { code: string; path: string }[] {
  const out = items.map((spec) => {
    const at = spec.indexOf('=');
    if (at < 1) throw new UsageError(`--item CODE=PATH, not "${spec}"`);
    return { code: spec.slice(0, at).trim(), path: path.resolve(spec.slice(at + 1).trim()) };
  });
  if (from !== undefined) {
    const names = new Map(detail.items.flatMap((i) => [[i.archivalCode, i.archivalCode], [i.archivalCode.replaceAll('·', '-'), i.archivalCode]] as [string, string][]));
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      const code = names.get(e.name.normalize('NFC'));
      if (e.isDirectory() && code) out.push({ code, path: path.join(path.resolve(from), e.name) });
    }
  }
  return out;
}

export const projectCommand: Command = {
  name: 'project',
  summary: {
    zh: '数字化项目：create 建立 | list | show | add-items 增加条目 | add-operator 加入操作员 | rule 质检规则 | scan 扫描入库 | close 结项',
    en: 'Digitization projects: create | list | show | add-items | add-operator | rule (QC rule) | scan (ingest the scans) | close',
  },
  usage:
    'lantai project create NAME (--vendor NAME | --in-house) [--contract REF] [--site TEXT] [--items FILE.csv] [--range FROM..TO] [--min-dpi N] [--colour any|colour|grey|bilevel] [--sample-percent P] [--pass-mark P]\n' +
    '  lantai project list | show PROJECT\n' +
    '  lantai project add-items PROJECT (--items FILE.csv | --range FROM..TO)     (CSV: 档号,题名,页数)\n' +
    '  lantai project add-operator PROJECT --user NAME\n' +
    '  lantai project rule PROJECT [--min-dpi N] [--colour any|colour|grey|bilevel] [--sample-percent P] [--pass-mark P]\n' +
    '  lantai project scan PROJECT --device ID [--software NAME] (--item CODE=PATH … | --from DIR)\n' +
    '  lantai project close PROJECT',
  options: {
    vendor: { type: 'string' },
    'in-house': { type: 'boolean' },
    contract: { type: 'string' },
    site: { type: 'string' },
    items: { type: 'string' },
    range: { type: 'string' },
    'min-dpi': { type: 'string' },
    colour: { type: 'string' },
    'sample-percent': { type: 'string' },
    'pass-mark': { type: 'string' },
    user: { type: 'string' },
    device: { type: 'string' },
    software: { type: 'string' },
    item: { type: 'string', multiple: true },
    from: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, ref] = positionals;
    if (!sub || !SUBS.includes(sub) || (sub !== 'list' && !ref)) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const s = (k: string) => stringOption(values, k);
    const project = ref!;
    switch (sub) {
      case 'create': {
        const d = api.digitization.createProject(session, {
          name: project, inHouse: values['in-house'] === true,
          ...(s('vendor') !== undefined ? { vendor: s('vendor')! } : {}), ...(s('contract') !== undefined ? { contractRef: s('contract')! } : {}),
          ...(s('site') !== undefined ? { site: s('site')! } : {}), ...(s('items') !== undefined ? { itemsFile: path.resolve(s('items')!) } : {}),
          ...(s('range') !== undefined ? { range: s('range')! } : {}), ...ruleOptions(values),
        });
        ctx.say(msg(m.projectCreated, { id: d.project.id, name: d.project.name, vendor: d.project.inHouse ? ctx.t(m.inHouse) : d.project.vendor, items: d.items.length }));
        ctx.emitJson({ ok: true, project: d });
        return EXIT.OK;
      }
      case 'list': {
        const list = api.digitization.listProjects(session);
        if (list.length === 0) ctx.say(m.noProjects);
        else {
          ctx.say(m.projectsHeader);
          for (const p of list) ctx.say([p.id, p.name, p.inHouse ? ctx.t(m.inHouse) : p.vendor, p.state, p.minDpi, p.colourMode, p.samplePercent, p.passMark].join('\t'));
        }
        ctx.emitJson({ ok: true, projects: list });
        return EXIT.OK;
      }
      case 'show': {
        const d = api.digitization.showProject(session, project);
        printProject(ctx, d);
        ctx.emitJson({ ok: true, project: d });
        return EXIT.OK;
      }
      case 'add-items': {
        if (s('items') === undefined && s('range') === undefined) throw new UsageError('--items FILE.csv or --range FROM..TO');
        const d = api.digitization.addItems(session, project, { ...(s('items') !== undefined ? { itemsFile: path.resolve(s('items')!) } : {}), ...(s('range') !== undefined ? { range: s('range')! } : {}) });
        ctx.say(msg(m.itemsAdded, { name: d.project.name, items: d.items.length }));
        ctx.emitJson({ ok: true, project: d });
        return EXIT.OK;
      }
      case 'add-operator': {
        const o = api.digitization.addOperator(session, project, requiredOption(values, 'user'));
        ctx.say(msg(m.operatorAdded, { user: o.username, roles: o.roles.join(', '), name: project }));
        ctx.emitJson({ ok: true, operator: o });
        return EXIT.OK;
      }
      case 'rule': {
        const p = api.digitization.setQcRule(session, project, ruleOptions(values));
        ctx.say(msg(m.ruleSet, { name: p.name, minDpi: p.minDpi, colourMode: p.colourMode, samplePercent: p.samplePercent, passMark: p.passMark }));
        ctx.emitJson({ ok: true, project: p });
        return EXIT.OK;
      }
      case 'scan': {
        const from = s('from');
        const detail = from !== undefined ? api.digitization.showProject(session, project) : ({ items: [] } as unknown as ProjectDetail);
        const items = scanItems(detail, listOption(values, 'item'), from);
        if (items.length === 0) {
          if (from !== undefined) ctx.warn(msg(m.noScanItems, { dir: from }));
          throw new UsageError(this.usage);
        }
        const r = await api.digitization
          .scan(session, project, { items, deviceId: requiredOption(values, 'device'), ...(s('software') !== undefined ? { software: s('software')! } : {}) }, { signal: ctx.signal, onProgress: ingestProgress(ctx) })
          .finally(() => ctx.endProgress());
        for (const i of r.items) {
          ctx.say(msg(m.scanned, { code: i.code, record: i.recordCode, pages: i.pages, again: i.alreadyIngested ? ctx.t(m.scanAgain) : '', warnings: i.warnings ? msg(m.scanWarnings, { count: i.warnings })[ctx.lang] : '' }));
        }
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'close': {
        const r = api.digitization.closeProject(session, project);
        ctx.say(msg(m.closed, { name: r.project.name, disabled: r.disabled.join(', ') || '-' }));
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
    }
    throw new UsageError(this.usage);
  },
};
