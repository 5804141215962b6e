import { MEDIA_TYPE_LABELS, msg, type RotationMove } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { mediaCliMessages as m } from './media-messages.js';

export const coverageCommand: Command = {
  name: 'coverage',
  summary: { zh: '异地异质备份覆盖情况：列出每件有风险的档案及原因；--record 档号 查看副本所在', en: 'Off-site coverage: every record at risk and why; --record CODE shows where its copies are' },
  usage: 'lantai coverage [--record 档号] [--json]',
  options: { record: { type: 'string' } },
  async run(ctx, values) {
    const { api, session } = await ctx.openSession();
    const code = stringOption(values, 'record');
    if (code) {
      const w = api.media.where(session, code);
      ctx.say(msg(m.whereHeader, { code: w.archivalCode }));
      for (const c of w.copies) ctx.say(msg(m.whereLine, { medium: c.mediumId, type: ctx.t(MEDIA_TYPE_LABELS[c.type]), site: c.site, verified: c.verifiedAt.slice(0, 10), stale: c.current ? '' : ctx.t(m.stale) }));
      for (const r of w.reasons) ctx.say(`  ! ${ctx.t(r)}`);
      ctx.emitJson({ ok: w.reasons.length === 0, ...w });
      return w.reasons.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
    }
    const r = api.media.coverage(session);
    if (r.atRisk.length === 0) ctx.say(msg(m.coverageOk, { records: r.records, copies: r.policy.minCopies, types: r.policy.minTypes, sites: r.policy.minSites }));
    else {
      ctx.say(msg(m.coverageRisk, { count: r.atRisk.length, records: r.records }));
      for (const x of r.atRisk) ctx.say(msg(m.coverageLine, { code: x.archivalCode, reasons: x.reasons.map((y) => ctx.t(y)).join(ctx.lang === 'zh' ? '；' : '; '), copies: x.copies.map((c) => `${c.mediumId}@${c.site}`).join(', ') || '-' }));
    }
    ctx.emitJson({ ok: r.atRisk.length === 0, ...r });
    return r.atRisk.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
  },
};

function moveLine(ctx: CliContext, x: RotationMove): string {
  const reasons = { due: ['检测到期', 'check due'], early_check: ['同批次需提前检测', 'early check (batch)'], failing: ['检测未通过', 'failed its check'], send_out: ['送往异地', 'send off site'] } as const;
  return ctx.t(msg(m.rotationLine, { id: x.mediumId, label: x.label, site: x.site, reason: reasons[x.reason][ctx.lang === 'zh' ? 0 : 1], due: x.dueAt.slice(0, 10), to: x.toSite ? ` → ${x.toSite}` : '' }));
}

export const rotationCommand: Command = {
  name: 'rotation',
  summary: { zh: '本周轮换计划：哪些载体取回、哪些送出', en: 'This week\'s rotation: which media to bring back and which to take out' },
  usage: 'lantai rotation [--days N]',
  options: { days: { type: 'string' } },
  async run(ctx, values) {
    const days = intOption(values, 'days');
    const { api, session } = await ctx.openSession();
    const plan = api.media.rotation(session, days !== undefined ? { horizonDays: days } : {});
    ctx.say(m.rotationBack);
    if (plan.bringBack.length === 0) ctx.say(m.rotationNone);
    for (const x of plan.bringBack) ctx.say(moveLine(ctx, x));
    ctx.say(m.rotationOut);
    if (plan.takeOut.length === 0) ctx.say(m.rotationNone);
    for (const x of plan.takeOut) ctx.say(moveLine(ctx, x));
    ctx.emitJson({ ok: true, ...plan });
    return EXIT.OK;
  },
};

export const alertsCommand: Command = {
  name: 'alerts',
  summary: { zh: '载体告警（检测不符、不可读、缺失、多余、超期、同批次）：列出，或 --handle ID --note 说明 处理', en: 'Media alerts (mismatch, unreadable, missing, extra, overdue, batch): list, or --handle ID --note TEXT' },
  usage: 'lantai alerts [--all] [--medium ID]   |   lantai alerts --handle ID --note 处理说明',
  options: { all: { type: 'boolean' }, medium: { type: 'string' }, handle: { type: 'string' }, note: { type: 'string' } },
  async run(ctx, values) {
    const { api, session } = await ctx.openSession();
    const handle = intOption(values, 'handle');
    if (handle !== undefined) {
      const note = stringOption(values, 'note');
      if (!note) throw new UsageError('--note says how the alert was handled');
      const a = api.media.handleAlert(session, { id: handle, note });
      ctx.say(msg(m.alertHandled, { id: a.id, note }));
      ctx.emitJson({ ok: true, alert: a });
      return EXIT.OK;
    }
    const medium = stringOption(values, 'medium');
    const rows = api.media.alerts(session, { ...(values['all'] === true ? { all: true } : {}), ...(medium ? { mediumId: medium } : {}) });
    const open = rows.filter((a) => a.handledAt === null);
    ctx.say(rows.length === 0 ? m.noAlerts : m.alertsHeader);
    for (const a of rows) {
      const detail = a.detail['message'] as { zh: string; en: string } | undefined;
      ctx.say([a.id, a.mediumId, a.kind, a.subject || '-', a.raisedAt.slice(0, 19), detail ? ctx.t(detail) : JSON.stringify(a.detail), a.handledAt ? `✓ ${a.note}` : ''].join('\t'));
    }
    ctx.emitJson({ ok: open.length === 0, alerts: rows });
    return open.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
  },
};
