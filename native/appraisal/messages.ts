import { defineMessages } from '../i18n/messages.js';

export const appraisalMessages = defineMessages({
  noRound: { zh: '找不到鉴定 {id}。', en: 'No appraisal round {id}.' },
  noProposal: { zh: '鉴定 {round} 中没有意见 {id}。', en: 'Appraisal round {round} has no proposal {id}.' },
  roundState: { zh: '鉴定 {id} 处于“{state}”状态，不能{what}。', en: 'Appraisal round {id} is {state}: cannot {what}.' },
  needTitle: { zh: '新建鉴定须给出名称（--title），或以 --round 指定已有鉴定。', en: 'A new appraisal round needs a title (--title), or name an existing one with --round.' },
  reasonRequired: { zh: '鉴定意见须写明理由。', en: 'A proposal needs a written reason.' },
  badAction: { zh: '鉴定意见应为 keep（延长保管）、open（开放）、restrict（控制使用）或 destroy（销毁），而不是“{action}”。', en: 'A proposal is keep, open, restrict or destroy, not "{action}".' },
  keepNeedsRetention: { zh: '“延长保管”须给出新的保管期限（--retention Y|D30|D10）。', en: 'keep needs the new retention (--retention Y|D30|D10).' },
  retentionLowered: {
    zh: '档案 {code} 的保管期限由 {from} 降为 {to}，必须写明降低理由（--lowering-reason）：降低保管期限不得用于规避移交。',
    en: 'Lowering the retention of {code} from {from} to {to} needs a written reason (--lowering-reason): a retention is never lowered to dodge transfer.',
  },
  sameRetention: { zh: '档案 {code} 的保管期限已是 {retention}：“延长保管”须给出不同的保管期限。', en: 'Record {code} is already kept {retention}: keep needs a different retention.' },
  permanent: { zh: '档案 {code} 为永久保管，不能销毁。', en: 'Record {code} is kept permanently (Y) and is never destroyed.' },
  classified: { zh: '档案 {code} 涉密或处于涉密暂停，须先解密审核，才能鉴定销毁或开放。', en: 'Record {code} is classified or under 涉密 hold: declassify it before it is destroyed or opened.' },
  inOtherRound: { zh: '档案 {code} 已在鉴定 {round} 中。', en: 'Record {code} is already in appraisal round {round}.' },
  votesShort: {
    zh: '以下鉴定意见的同意票不足 {min} 人（鉴定小组至少 {min} 人同意），不能批准：{list}',
    en: 'These proposals have fewer than {min} agreeing members of the appraisal group, so the round cannot be approved: {list}',
  },
  basisRequired: { zh: '批准须写明依据（--basis）。', en: 'An approval needs its basis (--basis).' },
  deciderIsApprover: { zh: '批准人不能同时是鉴定小组的表决人。', en: 'The approver cannot also be one of the voters.' },
  nothingToDestroy: { zh: '鉴定 {id} 中没有待执行的销毁意见。', en: 'Appraisal round {id} has no destruction left to carry out.' },
  declassifyDecision: { zh: '解密审核结论应为 declassify（解密）或 extend（延长保密期限）。', en: 'A declassification decision is declassify or extend.' },
  declassifyLevel: { zh: '解密后的密级只能是 公开 或 内部。', en: 'A declassified record becomes 公开 or 内部 only.' },
  notClassified: { zh: '档案 {code} 没有国家秘密密级，无需解密审核。', en: 'Record {code} has no state-secret level: there is nothing to declassify.' },
  periodRequired: { zh: '延长保密期限须给出新的期限（--period，如 10年）。', en: 'Extending needs the new period (--period, e.g. 10年).' },
  basisText: { zh: '解密审核须写明依据（--basis）。', en: 'A declassification decision needs its basis (--basis).' },
});
