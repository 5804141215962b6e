import { defineMessages } from '../i18n/messages.js';

/**
 * Every user-facing text of the bag writer and validator, Chinese first. Problem codes map to
 * entries one to one (see problems.ts), so a new code cannot be added without its message.
 */
export const bagMessages = defineMessages({
  // Writer refusals (VaultError).
  entryPathInvalid: { zh: '载荷条目 “{path}” 的路径不可用：{reason}。', en: 'Payload entry "{path}" has an unusable path: {reason}.' },
  entryCollision: {
    zh: '载荷条目 “{path}” 与 “{other}” 仅在 Unicode 规范化形式或大小写上不同，不能放进同一个包。',
    en: 'Payload entry "{path}" differs from "{other}" only in Unicode normalization or case; they cannot share a bag.',
  },
  entryParentIsFile: {
    zh: '载荷条目 “{path}” 会位于 “{other}” 之下，但后者是一个文件。',
    en: 'Payload entry "{path}" would be inside "{other}", which is a file.',
  },
  tagPathInvalid: { zh: '标签文件 “{path}” 的路径不可用：{reason}。', en: 'Tag file "{path}" has an unusable path: {reason}.' },
  infoLabelInvalid: { zh: 'bag-info 标签 “{label}” 不可用：{reason}。', en: 'bag-info label "{label}" is unusable: {reason}.' },
  targetExists: { zh: '目标文件夹 {path} 已存在，不会覆盖。', en: 'Target folder {path} already exists; it is not overwritten.' },
  sourceUnreadable: { zh: '载荷条目 “{path}” 的源文件 {source} 无法读取：{reason}。', en: 'Source file {source} of payload entry "{path}" cannot be read: {reason}.' },
  sourceDigestMismatch: {
    zh: '载荷条目 “{path}” 的源文件与其登记的 SHA-256 不符（登记 {expected}，读得 {found}）：源文件已损坏或被改动，未写入。',
    en: 'Source file of payload entry "{path}" does not match its recorded SHA-256 (recorded {expected}, read {found}): the source is damaged or was changed; nothing written.',
  },
  sourceChanged: {
    zh: '载荷条目 “{path}” 的源文件在写入时发生变化（{expected} 字节变为 {found} 字节）。',
    en: 'Source file of payload entry "{path}" changed while it was written ({expected} bytes became {found}).',
  },
  cancelled: { zh: '已取消：未留下完成的包。', en: 'Cancelled: no finished bag was left behind.' },
  validationCancelled: { zh: '包校验已取消。', en: 'Bag validation was cancelled.' },
  bagNotFound: { zh: '包文件夹 {path} 不存在或不是文件夹。', en: 'Bag folder {path} does not exist or is not a folder.' },

  // Reasons used inside entryPathInvalid / tagPathInvalid.
  reasonEmpty: { zh: '路径为空', en: 'the path is empty' },
  reasonAbsolute: { zh: '是绝对路径', en: 'it is absolute' },
  reasonDotDot: { zh: '含有 “..” 或 “.” 段', en: 'it contains a ".." or "." segment' },
  reasonBackslash: { zh: '含有反斜杠', en: 'it contains a backslash' },
  reasonDrive: { zh: '含有盘符', en: 'it contains a drive letter' },
  reasonEmptySegment: { zh: '含有空的路径段', en: 'it contains an empty segment' },
  reasonControl: { zh: '含有控制字符', en: 'it contains a control character' },
  reasonTilde: { zh: '以 “~” 开头（主目录简写）', en: 'it starts with "~" (a home-folder shortcut)' },
  reasonInData: { zh: '标签文件不能放在 data/ 之下', en: 'tag files cannot be under data/' },
  reasonTagCollision: { zh: '与另一个标签文件同名（忽略大小写与规范化形式）', en: 'it names the same file as another tag file (ignoring case and normalization)' },
  reasonReserved: { zh: '这是写入器自己生成的文件名', en: 'the writer generates that file itself' },
  reasonLabelChars: { zh: '标签名不能为空、不能含冒号、空白或换行', en: 'labels cannot be empty or contain a colon, whitespace or a line break' },
  reasonValueNewline: { zh: '值不能含换行', en: 'values cannot contain a line break' },
  reasonLabelGenerated: { zh: '该标签由写入器生成', en: 'the writer generates that label itself' },
  reasonLabelRepeated: { zh: '该标签只能出现一次', en: 'that label may appear only once' },

  // Details filled into the {detail} of a problem message.
  detailNotUtf8: { zh: '不是有效的 UTF-8', en: 'not valid UTF-8' },
  detailNotLabelValue: { zh: '“{text}” 不是 “标签: 值” 的形式', en: '"{text}" is not of the form "Label: value"' },
  detailVersionMissing: { zh: '缺少 BagIt-Version', en: 'BagIt-Version is missing' },
  detailEncodingMissing: { zh: '缺少 Tag-File-Character-Encoding', en: 'Tag-File-Character-Encoding is missing' },
  detailVersionFormat: { zh: '版本 “{text}” 不是 主版本.次版本 的形式', en: 'version "{text}" is not MAJOR.MINOR' },
  detailTwoLines: {
    zh: 'BagIt 1.0 要求恰好两行：BagIt-Version，然后 Tag-File-Character-Encoding',
    en: 'BagIt 1.0 requires exactly two lines: BagIt-Version, then Tag-File-Character-Encoding',
  },
  detailNoPath: { zh: '缺少“校验值 空白 路径”中的路径', en: 'the path of "checksum whitespace path" is missing' },
  detailBadDigest: { zh: '“{text}” 不是 {algorithm} 的十六进制摘要', en: '"{text}" is not a hex {algorithm} digest' },
  detailNoColon: { zh: '“{text}” 既不是 “标签: 值”，也不是续行', en: '"{text}" is neither "Label: value" nor a continuation line' },
  detailContinuationFirst: { zh: '第一行不能是续行', en: 'the first line cannot be a continuation line' },
  detailFetchFields: { zh: '“{text}” 不是 “URL 长度 路径” 的形式', en: '"{text}" is not of the form "URL LENGTH FILENAME"' },
  detailConflicting: { zh: '摘要互相矛盾', en: 'with conflicting digests' },
  detailSameDigest: { zh: '摘要相同', en: 'with the same digest' },

  // Validator problems and warnings (BagProblem.message).
  BAG_NOT_FOUND: { zh: '包文件夹 {path} 不存在或不是文件夹。', en: 'Bag folder {path} does not exist or is not a folder.' },
  BAGIT_TXT_MISSING: { zh: '缺少 bagit.txt。', en: 'bagit.txt is missing.' },
  BAGIT_TXT_INVALID: { zh: 'bagit.txt 格式不正确：{detail}', en: 'bagit.txt is malformed: {detail}' },
  BAGIT_TXT_BOM: { zh: 'bagit.txt 不得含有字节顺序标记（BOM）。', en: 'bagit.txt must not contain a byte-order mark (BOM).' },
  UNSUPPORTED_VERSION: { zh: '不支持的 BagIt 版本 “{found}”。', en: 'Unsupported BagIt version "{found}".' },
  TAG_FILE_ENCODING: { zh: '标签文件 {path} 无法按 {encoding} 解码。', en: 'Tag file {path} cannot be decoded as {encoding}.' },
  TAG_FILE_BOM: { zh: '标签文件 {path} 以字节顺序标记（BOM）开头，已忽略。', en: 'Tag file {path} starts with a byte-order mark (BOM); it was ignored.' },
  PAYLOAD_DIR_MISSING: { zh: '缺少载荷文件夹 data/。', en: 'The payload folder data/ is missing.' },
  NO_MANIFEST: { zh: '没有可用的载荷清单（manifest-<算法>.txt）。', en: 'There is no usable payload manifest (manifest-<algorithm>.txt).' },
  ALGORITHM_UNSUPPORTED: { zh: '清单 {path} 使用了不支持的算法 {algorithm}，未校验。', en: 'Manifest {path} uses unsupported algorithm {algorithm}; it was not checked.' },
  MANIFEST_LINE_INVALID: { zh: '清单 {manifest} 第 {line} 行格式不正确：{detail}', en: 'Manifest {manifest} line {line} is malformed: {detail}' },
  MANIFEST_DOT_SLASH: { zh: '清单 {manifest} 中的路径 “{path}” 以 “./” 开头。', en: 'Path "{path}" in manifest {manifest} starts with "./".' },
  MANIFEST_BINARY_MARKER: {
    zh: '清单 {manifest} 中的路径 “{path}” 带有 md5sum 的二进制标记 “*”（由校验和工具生成，非 BagIt 格式）。',
    en: 'Path "{path}" in manifest {manifest} carries md5sum\'s binary marker "*" (made by checksum tools, not BagIt).',
  },
  PATH_OUTSIDE_BAG: { zh: '{manifest} 中的路径 “{path}” 不安全：{reason}。', en: 'Path "{path}" in {manifest} is unsafe: {reason}.' },
  PATH_NOT_IN_PAYLOAD: { zh: '载荷清单 {manifest} 中的路径 “{path}” 不在 data/ 之下。', en: 'Path "{path}" in payload manifest {manifest} is not under data/.' },
  DUPLICATE_ENTRY: { zh: '清单 {manifest} 多次列出 {path}（{detail}）。', en: 'Manifest {manifest} lists {path} more than once ({detail}).' },
  BAG_INFO_LINE_INVALID: { zh: '{path} 第 {line} 行格式不正确：{detail}', en: '{path} line {line} is malformed: {detail}' },
  BAG_INFO_REPEATED: { zh: '{path} 中的标签 {label} 重复出现。', en: 'Label {label} is repeated in {path}.' },
  PAYLOAD_OXUM_INVALID: { zh: 'Payload-Oxum 值 “{found}” 格式不正确（应为 字节数.文件数）。', en: 'Payload-Oxum value "{found}" is malformed (expected octets.count).' },
  PAYLOAD_OXUM_MISMATCH: {
    zh: 'Payload-Oxum 不符：应为 {expected}（字节数.文件数），实为 {found}。',
    en: 'Payload-Oxum mismatch: expected {expected} (octets.count), found {found}.',
  },
  FETCH_LINE_INVALID: { zh: 'fetch.txt 第 {line} 行格式不正确：{detail}', en: 'fetch.txt line {line} is malformed: {detail}' },
  FETCH_NOT_SUPPORTED: {
    zh: 'fetch.txt 要求从 {url} 获取 {path}，但本系统从不联网获取：该包不完整。',
    en: 'fetch.txt asks to fetch {path} from {url}, but this vault never fetches: the bag is incomplete.',
  },
  FETCH_IGNORED: {
    zh: 'fetch.txt 列出的 {count} 个文件都已在包内，未联网获取。',
    en: 'All {count} files listed in fetch.txt are already in the bag; nothing was fetched.',
  },
  FILE_MISSING: { zh: '{manifest} 列出的 {path} 在磁盘上不存在。', en: '{path}, listed in {manifest}, does not exist on disk.' },
  FILE_NOT_IN_MANIFEST: { zh: '载荷文件 {path} 未列入清单 {manifest}。', en: 'Payload file {path} is not listed in manifest {manifest}.' },
  HARD_LINK_IN_BAG: { zh: '{path} 是硬链接（同一文件另有名称，可能在包外）：包内不允许。', en: '{path} is a hard link (the same file has another name, possibly outside the bag): not allowed in a bag.' },
  SYMLINK_IN_BAG: { zh: '{path} 是符号链接：包内不允许（未跟随）。', en: '{path} is a symbolic link: not allowed in a bag (not followed).' },
  UNSUPPORTED_FILE_TYPE: { zh: '{path} 不是普通文件或文件夹。', en: '{path} is neither a regular file nor a folder.' },
  NAME_NORMALIZATION: {
    zh: '清单中的名称 “{path}” 与磁盘上的 “{found}” 仅在 Unicode 规范化形式上不同（如经 macOS 复制）。',
    en: 'Manifest name "{path}" and on-disk "{found}" differ only in Unicode normalization form (e.g. copied through macOS).',
  },
  NAME_CASE_MISMATCH: {
    zh: '清单中的名称 “{path}” 与磁盘上的 “{found}” 仅大小写不同（在不区分大小写的文件系统上会是同一文件）。',
    en: 'Manifest name "{path}" and on-disk "{found}" differ only in case (the same file on a case-insensitive file system).',
  },
  SYSTEM_FILE: { zh: '载荷包含操作系统生成的文件 {path}。', en: 'The payload contains operating-system file {path}.' },
  FILE_UNREADABLE: { zh: '无法读取 {path}：{detail}', en: 'Cannot read {path}: {detail}' },
  DIGEST_MISMATCH: {
    zh: '{path} 的 {algorithm} 摘要不符：应为 {expected}，实为 {found}。',
    en: '{path} fails its {algorithm} digest: expected {expected}, found {found}.',
  },
});

export type BagMessageKey = keyof typeof bagMessages;
