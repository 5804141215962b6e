import { CLASSIFICATION_LABELS, CLASSIFICATIONS, msg, type Classification } from '../../api/index.js';
import { stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { listOption, positiveInt, requiredOption } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

/** 公开 / 秘密 … or public / secret …, as ingest accepts them. */
function classificationOf(value: string): Classification {
  const v = value.trim();
  for (const c of CLASSIFICATIONS) if (c === v || CLASSIFICATION_LABELS[c].zh === v || CLASSIFICATION_LABELS[c].en === v) return c;
  throw new UsageError(`--classification ${CLASSIFICATIONS.join('|')} (or 公开|内部|秘密|机密|绝密), not "${value}"`);
}

function grantExpiry(values: OptionValues): string {
  const until = stringOption(values, 'until');
  if (until !== undefined) return until;
  const days = positiveInt(stringOption(values, 'days') ?? '30', '--days');
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

export const reviewCommand: Command = {
  name: 'review',
  summary: {
    zh: '密级与开放审核（安全保密管理员）：hold-clear 解除涉密暂停 | classify 定密 | access 开放状态 | grant/revoke 利用审批',
    en: 'Classification review (security officer): hold-clear | classify | access (open/restricted) | grant/revoke access approvals',
  },
  usage:
    'lantai review hold-clear RECORD --basis TEXT\n' +
    '  lantai review classify RECORD --classification 公开|内部|秘密|机密|绝密 [--period 10年] --basis TEXT\n' +
    '  lantai review access RECORD --status open|restricted --basis TEXT\n' +
    '  lantai review grant USER --record RECORD [--record …] --purpose TEXT [--scope view|export] [--days 30 | --until ISO]\n' +
    '  lantai review revoke GRANT-ID\n' +
    '  (RECORD: record id or archival code 档号)',
  options: {
    basis: { type: 'string' },
    classification: { type: 'string' },
    period: { type: 'string' },
    status: { type: 'string' },
    record: { type: 'string', multiple: true },
    purpose: { type: 'string' },
    scope: { type: 'string' },
    days: { type: 'string' },
    until: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, ref] = positionals;
    const subs = ['hold-clear', 'classify', 'access', 'grant', 'revoke'];
    if (!sub || !subs.includes(sub) || !ref) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    switch (sub) {
      case 'hold-clear': {
        const id = api.records.resolve(session, 'clear_classified_hold', ref).id;
        api.review.clearHold(session, id, requiredOption(values, 'basis'));
        ctx.say(msg(cliAuthMessages.reviewHoldCleared, { id: ref }));
        ctx.emitJson({ ok: true, recordId: id, classifiedHold: false });
        break;
      }
      case 'classify': {
        const c = classificationOf(requiredOption(values, 'classification'));
        const id = api.records.resolve(session, 'review_classification', ref).id;
        api.review.classify(session, id, c, stringOption(values, 'period') ?? '', requiredOption(values, 'basis'));
        ctx.say(msg(cliAuthMessages.reviewClassify, { id: ref, classification: CLASSIFICATION_LABELS[c][ctx.lang] }));
        ctx.emitJson({ ok: true, recordId: id, classification: c });
        break;
      }
      case 'access': {
        const status = requiredOption(values, 'status');
        if (status !== 'open' && status !== 'restricted') throw new UsageError('--status open|restricted');
        const id = api.records.resolve(session, 'review_classification', ref).id;
        api.review.setAccessStatus(session, id, status, requiredOption(values, 'basis'));
        ctx.say(msg(cliAuthMessages.reviewAccess, { id: ref, status }));
        ctx.emitJson({ ok: true, recordId: id, accessStatus: status });
        break;
      }
      case 'grant': {
        const records = listOption(values, 'record');
        if (records.length === 0) throw new UsageError('--record RECORD is required');
        const scope = stringOption(values, 'scope') ?? 'view';
        if (scope !== 'view' && scope !== 'export') throw new UsageError('--scope view|export');
        const grants = api.review.grant(session, {
          username: ref,
          recordIds: records.map((r) => api.records.resolve(session, 'approve_access', r).id),
          scope,
          purpose: requiredOption(values, 'purpose'),
          expiresAt: grantExpiry(values),
        });
        ctx.say(msg(cliAuthMessages.reviewGranted, { username: ref, ids: records.join(', '), scope, expiresAt: grants[0]?.expiresAt ?? '' }));
        ctx.emitJson({ ok: true, grants });
        break;
      }
      default: {
        const id = positiveInt(ref, 'GRANT-ID');
        api.review.revoke(session, id);
        ctx.say(msg(cliAuthMessages.reviewRevoked, { id }));
        ctx.emitJson({ ok: true, revoked: id });
      }
    }
    return EXIT.OK;
  },
};
