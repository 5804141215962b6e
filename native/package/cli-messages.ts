import { defineMessages } from '../i18n/messages.js';

/** What the transfer commands print (Chinese first). */
export const transferCliMessages = defineMessages({
  keyCreated: { zh: '已为“{unit}”创建签名密钥（RSA-3072{sm2}）。证书 SHA-256 指纹：{fingerprint}', en: 'Signing key created for "{unit}" (RSA-3072{sm2}). Certificate SHA-256 fingerprint: {fingerprint}' },
  certWritten: { zh: '证书已写入 {path}（SHA-256 指纹 {fingerprint}）', en: 'Certificate written to {path} (SHA-256 fingerprint {fingerprint})' },
  sm2Written: { zh: 'SM2 公钥已写入 {path}', en: 'SM2 public key written to {path}' },
  promptPassphrase: { zh: '签名密钥口令：', en: 'Signing key passphrase: ' },
  promptPassphraseAgain: { zh: '再次输入口令：', en: 'Passphrase again: ' },
  passphrasesDiffer: { zh: '两次输入的口令不一致', en: 'The two passphrases differ' },
  exported: { zh: '移交包 {id} 已写出：{records} 件，{files} 个文件，{mb} MB → {path}', en: 'Transfer package {id} written: {records} record(s), {files} file(s), {mb} MB → {path}' },
  refusedHeader: { zh: '四性检测未通过，以下档案不得移交：', en: 'The four-property check failed; these may not be transferred:' },
  refusedLine: { zh: '  {subject}：{reasons}', en: '  {subject}: {reasons}' },
  warningLine: { zh: '  提示 {id} {subject}：{text}', en: '  warning {id} {subject}: {text}' },
  checkSummary: { zh: '四性检测：真实性 {a}，完整性 {i}，可用性 {u}，安全性 {s}', en: 'Four-property check: authenticity {a}, integrity {i}, usability {u}, security {s}' },
  verifyOk: { zh: '移交包有效：{id}，来自 {org}，{records} 件，{files} 个文件，签名者 {signer}', en: 'Package valid: {id} from {org}, {records} record(s), {files} file(s), signed by {signer}' },
  verifyBad: { zh: '移交包无效：{count} 个问题', en: 'Package NOT valid: {count} problem(s)' },
  problemLine: { zh: '  [{stage}] {code}：{text}', en: '  [{stage}] {code}: {text}' },
  warningsHeader: { zh: '提示（不影响有效性）：', en: 'Warnings (not fatal):' },
  transfersHeader: { zh: '移交编号\t状态\t件数\t创建时间\t输出', en: 'Transfer\tState\tRecords\tCreated\tOutput' },
  noTransfers: { zh: '尚无移交记录', en: 'No transfers yet' },
  demoStepKey: { zh: '安全保密管理员创建本单位签名密钥并导出证书', en: 'The security officer creates the unit signing key and exports the certificate' },
  demoStepExport: { zh: '导出移交包（四性检测、安全保密管理员批准、签名）', en: 'Export a transfer package (four-property check, security officer approval, signature)' },
  demoStepVerify: { zh: '接收方校验移交包（比对证书）', en: 'The receiving side verifies the package (pinned certificate)' },
  progress: { zh: '{phase} {done}/{total}', en: '{phase} {done}/{total}' },
});
