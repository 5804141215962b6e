import { defineMessages } from '../i18n/messages.js';

export const auditMessages = defineMessages({
  appendFailed: {
    zh: '无法写入审计日志（{reason}）。操作未执行；审计日志可能已被篡改，请由安全审计员运行审计日志校验。',
    en: 'Cannot write the audit log ({reason}). The operation was not carried out; the audit log may have been tampered with: the auditor should run an audit log verification.',
  },
  badFormat: {
    zh: '不支持的审计日志导出格式“{format}”（可用：csv、json）。',
    en: 'Unsupported audit log export format "{format}" (use csv or json).',
  },
  badFilter: {
    zh: '审计日志查询条件无效：{reason}。',
    en: 'Invalid audit log filter: {reason}.',
  },
  edited: {
    zh: '第 {seq} 条审计记录的内容已被修改（与其哈希不符）。',
    en: 'Audit row {seq} was edited (its content no longer matches its hash).',
  },
  deleted: {
    zh: '第 {seq}–{toSeq} 条审计记录已被删除。',
    en: 'Audit rows {seq}–{toSeq} were deleted.',
  },
  inserted: {
    zh: '第 {seq} 条审计记录是插入的伪造记录，不属于原有的记录链。',
    en: 'Audit row {seq} was inserted: it is not part of the original chain.',
  },
  reordered: {
    zh: '第 {seq} 条审计记录的位置被改动（原为第 {belongsAt} 条）。',
    en: 'Audit row {seq} was moved (it was written as row {belongsAt}).',
  },
  chainBroken: {
    zh: '审计记录链在第 {seq} 条处断开：{reason}',
    en: 'The audit chain is broken at row {seq}: {reason}',
  },
});
