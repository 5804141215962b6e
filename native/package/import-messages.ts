import { defineMessages } from '../i18n/messages.js';

/** Text of the receiving side: import of a verified package and the receipt (Chinese first). */
export const importMessages = defineMessages({
  invalid: { zh: '移交包 {path} 未通过校验（{count} 个问题，首个：{first}），未导入任何内容', en: 'Package {path} did not verify ({count} problem(s), first: {first}); nothing was imported' },
  badEntry: { zh: '文件目录.XML 中档号 {code} 的“{field}”无效：{reason}', en: 'In 文件目录.XML, field "{field}" of {code} is invalid: {reason}' },
  conflict: { zh: '档号 {code} 已在本库中（{reason}），整个移交包未导入', en: 'Archival code {code} is already in this vault ({reason}); nothing of the package was imported' },
  digestMismatch: { zh: '档号 {code} 的文件 {path} 与目录记载的摘要不符', en: 'File {path} of {code} does not match the digest the catalog gives' },
  noMasters: { zh: '档号 {code} 在文件目录.XML 中没有原件', en: '{code} lists no master file in 文件目录.XML' },
  cancelled: { zh: '导入已取消，本库未改变', en: 'Import cancelled; the vault is unchanged' },
  importNotFound: { zh: '没有编号为 {id} 的接收记录', en: 'No received package with id {id}' },
  receiptUnreadable: { zh: '回执 {path} 无法读取：{reason}', en: 'Receipt {path} cannot be read: {reason}' },
  receiptMismatch: { zh: '回执与移交 {id} 不符：{reason}', en: 'The receipt does not match transfer {id}: {reason}' },
  receiptAlready: { zh: '移交 {id} 已记录过回执', en: 'Transfer {id} already has its receipt recorded' },
});
