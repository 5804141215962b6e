import { msg, PROPOSAL_ACTIONS, type ProposalAction, type Round } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { listOption, positiveInt, requiredOption } from './auth-common.js';
import { cliCatalogMessages } from './catalog-messages.js';
import { resolveRecordRef } from './record-ref.js';

export function printRound(ctx: CliContext, r: Round): void {
  ctx.say(msg(cliCatalogMessages.roundLine, { id: r.id, title: r.title, state: r.state, approved: r.approvedBy ? ` (${r.approvedBy} ${r.approvedAt ?? ''})` : '' }));
  for (const p of r.proposals) {
    ctx.say(msg(cliCatalogMessages.proposalLine, {
      id: p.id, code: p.archivalCode, action: p.action, retention: p.newRetention ? ` → ${p.newRetention}` : '', reason: p.reason,
      votes: p.votes.map((v) => `${v.username}:${v.vote}`).join(', ') || '-',
    }));
  }
}

export const appraisalCommand: Command = {
  name: 'appraisal',
  summary: {
    zh: '鉴定销毁：due 到期档案 | propose 提出意见 | decide 鉴定小组表决 | approve 批准（安全保密管理员）| destroy 执行销毁 | show/list | register 销毁清册',
    en: 'Appraisal and disposal: due | propose | decide (the appraisal group votes) | approve (security officer) | destroy | show/list | register (destruction register)',
  },
  usage:
    'lantai appraisal due [--as-of YYYY-MM-DD]\n' +
    '  lantai appraisal propose RECORD --action keep|open|restrict|destroy --reason TEXT [--retention Y|D30|D10] [--lowering-reason TEXT] (--round ID | --title TEXT)\n' +
    '  lantai appraisal decide ROUND --vote agree|disagree [--comment TEXT] [--proposal ID…]\n' +
    '  lantai appraisal approve ROUND --basis TEXT\n' +
    '  lantai appraisal destroy ROUND [--register-out FILE.pdf]\n' +
    '  lantai appraisal show ROUND | list\n' +
    '  lantai appraisal register ID --out FILE.pdf',
  options: {
    'as-of': { type: 'string' }, action: { type: 'string' }, reason: { type: 'string' }, retention: { type: 'string' }, 'lowering-reason': { type: 'string' },
    round: { type: 'string' }, title: { type: 'string' }, vote: { type: 'string' }, comment: { type: 'string' }, proposal: { type: 'string', multiple: true },
    basis: { type: 'string' }, 'register-out': { type: 'string' }, out: { type: 'string' }, unit: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, arg] = positionals;
    const { api, session } = await (sub && ['due', 'propose', 'decide', 'approve', 'destroy', 'show', 'list', 'register'].includes(sub) ? ctx.openSession() : Promise.reject(new UsageError(this.usage)));
    switch (sub) {
      case 'due': {
        const due = api.appraisal.due(session, stringOption(values, 'as-of'));
        if (due.length === 0) ctx.say(cliCatalogMessages.dueNone);
        else ctx.say(cliCatalogMessages.dueHeader);
        for (const d of due) {
          ctx.say([d.archivalCode, d.title, d.year, d.effectiveRetention, ctx.t(d.reason === 'retention_ended' ? cliCatalogMessages.dueRetention : cliCatalogMessages.dueOpen), d.dueSince, d.roundId ?? ''].join('\t'));
        }
        ctx.emitJson({ ok: true, due });
        return EXIT.OK;
      }
      case 'propose': {
        if (!arg) throw new UsageError(this.usage);
        const action = requiredOption(values, 'action');
        if (!(PROPOSAL_ACTIONS as readonly string[]).includes(action)) throw new UsageError('--action keep|open|restrict|destroy');
        const round = stringOption(values, 'round');
        const r = api.appraisal.propose(session, {
          recordId: resolveRecordRef(api, session, 'appraise', arg),
          action: action as ProposalAction, reason: requiredOption(values, 'reason'),
          ...(round !== undefined ? { roundId: positiveInt(round, '--round') } : {}),
          ...(stringOption(values, 'title') !== undefined ? { title: stringOption(values, 'title')! } : {}),
          ...(stringOption(values, 'retention') !== undefined ? { newRetention: stringOption(values, 'retention')! } : {}),
          ...(stringOption(values, 'lowering-reason') !== undefined ? { loweringReason: stringOption(values, 'lowering-reason')! } : {}),
        });
        ctx.say(msg(cliCatalogMessages.proposed, { round: r.roundId, id: r.proposalId }));
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'decide': {
        const choice = requiredOption(values, 'vote');
        if (choice !== 'agree' && choice !== 'disagree') throw new UsageError('--vote agree|disagree');
        const ids = listOption(values, 'proposal').map((p) => positiveInt(p, '--proposal'));
        const r = api.appraisal.vote(session, positiveInt(arg, 'ROUND'), choice, stringOption(values, 'comment') ?? '', ids.length > 0 ? ids : undefined);
        ctx.say(msg(cliCatalogMessages.voted, { vote: choice }));
        printRound(ctx, r);
        ctx.emitJson({ ok: true, round: r });
        return EXIT.OK;
      }
      case 'approve': {
        const r = api.appraisal.approve(session, positiveInt(arg, 'ROUND'), requiredOption(values, 'basis'));
        ctx.say(msg(cliCatalogMessages.approved, { id: r.id }));
        printRound(ctx, r);
        ctx.emitJson({ ok: true, round: r });
        return EXIT.OK;
      }
      case 'destroy': {
        const register = await api.appraisal.destroy(session, positiveInt(arg, 'ROUND'), { signal: ctx.signal });
        ctx.say(msg(cliCatalogMessages.destroyed, { id: register.id, records: register.items.length, objects: register.objects.length }));
        const out = stringOption(values, 'register-out');
        const printed = out ? await api.appraisal.printRegister(session, register.id, out, stringOption(values, 'unit')) : null;
        if (printed) ctx.say(msg(cliCatalogMessages.registerWritten, { path: printed.path, pages: printed.pages }));
        ctx.emitJson({ ok: true, register, printed });
        return EXIT.OK;
      }
      case 'show': {
        const r = api.appraisal.round(session, positiveInt(arg, 'ROUND'));
        printRound(ctx, r);
        ctx.emitJson({ ok: true, round: r });
        return EXIT.OK;
      }
      case 'list': {
        const rounds = api.appraisal.rounds(session);
        for (const r of rounds) ctx.say(`${r.id}\t${r.title}\t${r.state}\t${r.proposals}\t${r.createdAt}`);
        ctx.emitJson({ ok: true, rounds });
        return EXIT.OK;
      }
      default: {
        const id = positiveInt(arg, 'ID');
        const out = requiredOption(values, 'out');
        const printed = await api.appraisal.printRegister(session, id, out, stringOption(values, 'unit'));
        ctx.say(msg(cliCatalogMessages.registerWritten, { path: printed.path, pages: printed.pages }));
        ctx.emitJson({ ok: true, register: api.appraisal.register(session, id), printed });
        return EXIT.OK;
      }
    }
  },
};
