import { defineMessages } from '../i18n/messages.js';

/** User-facing messages of native/crypto: keys, certificates, signatures and backup encryption. */
export const cryptoMessages = defineMessages({
  passphraseRequired: {
    zh: '该私钥已加密，请输入口令。',
    en: 'This private key is encrypted: enter its passphrase.',
  },
  passphraseWrong: {
    zh: '口令错误（或密钥文件已损坏），无法解开{what}。',
    en: 'Wrong passphrase (or a damaged key file): cannot unlock the {whatEn}.',
  },
  passphraseTooShort: {
    zh: '保护密钥的口令至少需要 {min} 个字符。',
    en: 'A passphrase protecting a key needs at least {min} characters.',
  },
  keyUnreadable: {
    zh: '无法读取密钥：{reason}',
    en: 'Cannot read the key: {reason}',
  },
  keyWrongType: {
    zh: '密钥类型不符：需要 {expected} 密钥，实际为 {found}。',
    en: 'Wrong key type: expected a {expected} key, found {found}.',
  },
  badKeySize: {
    zh: 'RSA 密钥长度 {bits} 位不受支持（可用 2048、3072 或 4096 位）。',
    en: 'RSA key size {bits} bits is not supported (use 2048, 3072 or 4096).',
  },
  certBadInput: {
    zh: '无法生成证书：{reasonZh}',
    en: 'Cannot create the certificate: {reasonEn}',
  },
  certUnreadable: {
    zh: '无法读取证书：{reason}',
    en: 'Cannot read the certificate: {reason}',
  },
  certKeyMismatch: {
    zh: '证书与私钥不匹配。',
    en: 'The certificate does not belong to this private key.',
  },
  signatureUnreadable: {
    zh: '签名文件无法解析（不是有效的 CMS/PKCS#7 分离签名）：{reason}',
    en: 'The signature cannot be parsed (not a valid detached CMS/PKCS#7 signature): {reason}',
  },
  signatureUnsupported: {
    zh: '签名使用了不支持的算法：{algorithm}',
    en: 'The signature uses an unsupported algorithm: {algorithm}',
  },
  signatureSignerMissing: {
    zh: '签名中没有签名者的证书，无法验证。',
    en: 'The signature does not include the signer’s certificate, so it cannot be verified.',
  },
  signatureContentMismatch: {
    zh: '被签名的内容已被改动：摘要与签名中记录的不一致。',
    en: 'The signed content has been changed: its digest differs from the one in the signature.',
  },
  signatureInvalid: {
    zh: '签名无效：与签名者证书的公钥不符。',
    en: 'The signature is invalid: it does not match the signer certificate’s public key.',
  },
  certNotPinned: {
    zh: '签名者证书不是预期的证书（指纹 {found}，预期 {expected}）。',
    en: 'The signer certificate is not the expected one (fingerprint {found}, expected {expected}).',
  },
  sm2KeyInvalid: {
    zh: 'SM2 密钥无效：{reason}',
    en: 'Invalid SM2 key: {reason}',
  },
  sm2IdInvalid: {
    zh: 'SM2 用户标识长度无效（{bytes} 字节）。',
    en: 'Invalid SM2 user ID length ({bytes} bytes).',
  },
  sm2SignatureUnreadable: {
    zh: 'SM2 签名格式无效（应为 DER 编码的 r、s）：{reason}',
    en: 'Malformed SM2 signature (expected DER-encoded r, s): {reason}',
  },
  sm2SignatureInvalid: {
    zh: 'SM2 签名无效（内容、公钥或用户标识不符）。',
    en: 'The SM2 signature is invalid (content, public key or user ID do not match).',
  },
  kdfParamsInvalid: {
    zh: '密钥派生参数无效或超出允许范围：{reason}',
    en: 'Key-derivation parameters are invalid or out of the allowed range: {reason}',
  },
  wrappedKeyUnreadable: {
    zh: '封装的数据密钥格式无效：{reason}',
    en: 'The wrapped data key is malformed: {reason}',
  },
  notEncrypted: {
    zh: '这不是兰台加密文件（文件头标识不符）。',
    en: 'This is not a Lantai encrypted file (wrong header magic).',
  },
  versionUnsupported: {
    zh: '加密文件版本 {version}（算法 {algorithm}）不受此版本兰台支持，请升级。',
    en: 'Encrypted file version {version} (algorithm {algorithm}) is not supported by this Lantai: upgrade it.',
  },
  wrongKey: {
    zh: '该文件由另一个密钥加密（文件密钥标识 {fileKeyId}，当前密钥 {keyId}）。',
    en: 'This file was encrypted with another key (file key id {fileKeyId}, this key {keyId}).',
  },
  headerDamaged: {
    zh: '加密文件的文件头已损坏或被篡改。',
    en: 'The encrypted file’s header is damaged or has been tampered with.',
  },
  chunkDamaged: {
    zh: '加密文件第 {chunk} 块已损坏、被篡改或顺序被调换（偏移 {offset}）。',
    en: 'Chunk {chunk} of the encrypted file is damaged, tampered with or out of order (offset {offset}).',
  },
  truncated: {
    zh: '加密文件不完整：在第 {chunk} 块处被截断。',
    en: 'The encrypted file is incomplete: it was truncated at chunk {chunk}.',
  },
  trailingData: {
    zh: '加密文件在结束块之后还有多余数据（{bytes} 字节），可能被追加或拼接。',
    en: 'The encrypted file has extra data after its final chunk ({bytes} bytes): something was appended.',
  },
  recoveryUnreadable: {
    zh: '恢复单无法识别：{reasonZh}',
    en: 'The recovery sheet cannot be read: {reasonEn}',
  },
  recoveryLineTypo: {
    zh: '恢复单第 {line} 行有输入错误（行校验不符），请核对该行。',
    en: 'Line {line} of the recovery sheet has a typing error (line check does not match): check that line.',
  },
  recoveryChecksum: {
    zh: '恢复单的整体校验码不符（{found}，应为 {expected}），请核对全部内容。',
    en: 'The recovery sheet’s checksum does not match ({found}, expected {expected}): check all of it.',
  },
});

/** zh / en names of what a passphrase unlocks, for passphraseWrong. */
export const LOCKED_THINGS = {
  privateKey: { what: '私钥', whatEn: 'private key' },
  dataKey: { what: '数据密钥', whatEn: 'data key' },
} as const;
