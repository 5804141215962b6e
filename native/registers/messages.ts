import { defineMessages } from '../i18n/messages.js';

export const registerMessages = defineMessages({
  required: {
    zh: '请填写{fieldZh}。',
    en: 'The {fieldEn} is required.',
  },
  badCount: {
    zh: '{fieldZh}须为不小于 {min} 的整数（收到 {value}）。',
    en: 'The {fieldEn} must be a whole number of at least {min} (got {value}).',
  },
  badTime: {
    zh: '{fieldZh}“{value}”不是有效时间{extraZh}。',
    en: 'The {fieldEn} "{value}" is not a valid time{extraEn}.',
  },
  badMethod: {
    zh: '利用方式“{value}”无效（可用：查阅 view、复制 copy、摘录 excerpt、出具证明 certificate、借出 loan）。',
    en: 'Invalid access method "{value}" (use view, copy, excerpt, certificate or loan).',
  },
  approvalRequired: {
    zh: '档案 {ref} 为控制使用或涉密档案，利用登记须写明审批人或审批单。',
    en: 'Record {ref} is restricted or classified: the access register needs the approver or an approval.',
  },
  grantMismatch: {
    zh: '利用审批 {grantId} 无效、已过期或不包括档案 {ref}。',
    en: 'Approval {grantId} is invalid, expired or does not cover record {ref}.',
  },
  recordNotFound: {
    zh: '档案 {id} 不存在。',
    en: 'Record {id} does not exist.',
  },
  duplicateItem: {
    zh: '卷件号 {ref} 重复。',
    en: 'The item {ref} is listed twice.',
  },
  checkoutNotFound: {
    zh: '出库登记 {id} 不存在。',
    en: 'Checkout {id} does not exist.',
  },
  alreadyReturned: {
    zh: '出库登记 {id} 已于 {at} 登记归还。',
    en: 'Checkout {id} was already returned at {at}.',
  },
  unknownReturnedItem: {
    zh: '归还的卷件号 {ref} 不在出库登记 {id} 中。',
    en: 'The returned item {ref} is not in checkout {id}.',
  },
  handoverNotFound: {
    zh: '交接清单 {id} 不存在。',
    en: 'Handover list {id} does not exist.',
  },
  sameHandlers: {
    zh: '交接双方不能是同一人（{name}）。',
    en: 'The two handlers cannot be the same person ({name}).',
  },
  twoPersonRequired: {
    zh: '{actionZh}须由两名不同的已登录人员共同确认，一人不能独自完成。',
    en: '{actionEn} needs two different logged-in people to confirm; one person alone cannot do it.',
  },
  stackAlreadySealed: {
    zh: '库房“{stack}”已于 {at} 封库。',
    en: 'The stack room "{stack}" has been sealed since {at}.',
  },
  stackNotSealed: {
    zh: '库房“{stack}”当前未封库，无需启库。',
    en: 'The stack room "{stack}" is not sealed: there is nothing to unseal.',
  },
});
