import { defineMessages } from '../i18n/messages.js';

/** Text of the transfer package writer and verifier (Chinese first). */
export const packageMessages = defineMessages({
  // Errors of the writer.
  targetExists: { zh: '目标 {path} 已存在，不会覆盖', en: 'The target {path} already exists; it is not overwritten' },
  cancelled: { zh: '移交包写出已取消（未留下不完整的包）：{path}', en: 'Writing the transfer package was cancelled (nothing partial left): {path}' },
  selfCheckBeforeSeal: { zh: '写出的移交包未通过封包前的检测：{first}', en: 'The written package failed its check before sealing: {first}' },
  zipFailed: { zh: '写 ZIP 文件 {path} 失败：{reason}', en: 'Writing the ZIP file {path} failed: {reason}' },
  // Errors of the reader.
  packageNotFound: { zh: '找不到移交包 {path}', en: 'No transfer package at {path}' },
  zipUnsafe: { zh: 'ZIP 中的条目 {entry} 被拒绝：{reason}', en: 'ZIP entry {entry} refused: {reason}' },
  zipCorrupt: { zh: 'ZIP 文件 {path} 已损坏或被截断：{reason}', en: 'The ZIP file {path} is damaged or truncated: {reason}' },
  zipTooLarge: { zh: 'ZIP 条目 {entry} 超出限制：{reason}', en: 'ZIP entry {entry} is over a limit: {reason}' },
  pinUnreadable: { zh: '无法读取要比对的证书 {path}：{reason}', en: 'Cannot read the certificate to pin {path}: {reason}' },
  // Package problems (verify-package).
  NOT_A_PACKAGE: { zh: '{path} 不是文件夹或 ZIP 文件', en: '{path} is neither a folder nor a ZIP file' },
  BAG_PROBLEM: { zh: '[{stage}] {text}', en: '[{stage}] {text}' },
  BAG_INFO_MISSING: { zh: 'bag-info.txt 缺少 {label}', en: 'bag-info.txt lacks {label}' },
  TAG_FILE_UNLISTED: { zh: '标签文件 {path} 不在标签清单中（签名文件除外，每个标签文件都必须列出）', en: 'tag file {path} is not in the tag manifest (every tag file but the signatures must be listed)' },
  TAG_MANIFEST_MISSING: { zh: '缺少标签清单 {path}', en: 'the tag manifest {path} is missing' },
  SIGNATURE_MISSING: { zh: '缺少签名文件 {path}', en: 'the signature file {path} is missing' },
  SIGNATURE_INVALID: { zh: '签名 {path} 无效：{reason}', en: 'the signature {path} is not valid: {reason}' },
  SM2_SIGNATURE_INVALID: { zh: 'SM2 签名 {path} 无效：{reason}', en: 'the SM2 signature {path} is not valid: {reason}' },
  CERT_NOT_PINNED: { zh: '签名证书不是指定的证书（实为 {found}，应为 {expected}）', en: 'the signing certificate is not the pinned one (found {found}, expected {expected})' },
  CERT_NOT_PINNED_WARNING: { zh: '未指定 --pin：签名有效，但签名者身份未与事先取得的证书比对（{found}）', en: 'no --pin: the signature is valid but the signer was not compared with a certificate obtained beforehand ({found})' },
  LAYOUT_MISSING: { zh: '缺少规定的 {path}', en: 'the required {path} is missing' },
  CATALOG_UNREADABLE: { zh: '文件目录.XML 无法读取：{reason}', en: '文件目录.XML cannot be read: {reason}' },
  CATALOG_FILE_MISSING: { zh: '目录条目 {code} 列出的文件 {path} 不在包中', en: 'catalog entry {code} lists {path}, which is not in the package' },
  CATALOG_FILE_UNLISTED: { zh: '文件 {path} 未列入文件目录.XML', en: 'the file {path} is not listed in 文件目录.XML' },
  CATALOG_DIGEST_MISMATCH: { zh: '目录中 {path} 的 {algorithm} 摘要与清单不一致', en: 'the catalog gives a different {algorithm} digest for {path} than the manifest' },
  CATALOG_COUNT_MISMATCH: { zh: '目录条目数 {entries} 与声明的 {declared} 不一致', en: 'the catalog has {entries} entries but declares {declared}' },
  FOUR_PROPERTY_FAILED: { zh: '四性检测 {id} 未通过（{subject}）：{text}', en: 'four-property check {id} failed ({subject}): {text}' },
  CARRIER_SET_INCOMPLETE: { zh: '载体组不完整或不一致：{reason}', en: 'the set of carriers is incomplete or inconsistent: {reason}' },
  CARRIER_SHEET_MISMATCH: { zh: '载体 {carrier} 的校验单所列标签清单摘要与载体不符（校验单 {expected}，载体 {found}）', en: 'the digest sheet of carrier {carrier} states another tag-manifest digest than the carrier has (sheet {expected}, carrier {found})' },
  CARRIER_SHEET_MISSING: { zh: '载体 {carrier} 没有校验单（{sheet}）', en: 'carrier {carrier} has no digest sheet ({sheet})' },
  ENCODING_GB18030: { zh: '{path} 为 GB18030 编码（可接受；本系统写出 UTF-8）', en: '{path} is GB18030-encoded (accepted; we write UTF-8)' },
  // Human text of the package (说明文件).
  readmeTitle: { zh: '电子档案移交说明文件', en: 'Transfer description' },
});
