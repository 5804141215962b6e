import { defineMessages } from '../i18n/messages.js';

/** Text about the unit's keys and the transfer flow (Chinese first). */
export const packageKeyMessages = defineMessages({
  noKey: { zh: '本单位尚无签名密钥：请安全保密管理员先执行 lantai keys create', en: 'The unit has no signing key yet: the security officer runs lantai keys create first' },
  approvalRequired: { zh: '每次导出移交包都须经安全保密管理员批准（--approver）', en: 'Every transfer export needs the security officer\'s approval (--approver)' },
  approverSelf: { zh: '批准人不能是导出人本人', en: 'The approver cannot be the person exporting' },
  passphraseRequired: { zh: '需要签名密钥的口令（LANTAI_KEY_PASSPHRASE_FILE 或终端输入）', en: 'The signing key passphrase is needed (LANTAI_KEY_PASSPHRASE_FILE or a prompt)' },
  selfCheckFailed: { zh: '四性检测未全部通过，{count} 件不得移交（首个：{first}）', en: 'The four-property check did not pass: {count} item(s) may not be transferred (first: {first})' },
  transferNotFound: { zh: '没有编号为 {id} 的移交', en: 'No transfer with id {id}' },
  badSelection: { zh: '须指定导出范围（--select、--year、--category 或 --codes）', en: 'Say what to export (--select, --year, --category or --codes)' },
  cancelled: { zh: '移交 {id} 已取消，未留下移交包', en: 'Transfer {id} cancelled; no package left' },
  itemTooLarge: { zh: '档案 {code}（{bytes} 字节）超过单个载体的容量 {capacity} 字节', en: 'Record {code} ({bytes} bytes) does not fit on one carrier of {capacity} bytes' },
  codeNotFound: { zh: '档号 {code} 不在目录中', en: 'Archival code {code} is not in the catalog' },
});
