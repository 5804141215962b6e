import { defineMessages } from '../i18n/messages.js';

export const digitizationMessages = defineMessages({
  projectNotFound: { zh: '数字化项目“{ref}”不存在。', en: 'Digitization project "{ref}" does not exist.' },
  projectExists: { zh: '数字化项目“{name}”已存在。', en: 'A digitization project named "{name}" already exists.' },
  projectClosed: { zh: '数字化项目“{name}”已结项，不能再修改。', en: 'Digitization project "{name}" is closed and cannot change.' },
  badField: { zh: '{where}字段 {field} 无效（{value}）：{reasonZh}', en: '{where}field {field} is invalid ({value}): {reasonEn}' },
  noItems: { zh: '数字化项目须至少包含一件档案（--items 文件或 --range 范围）。', en: 'A digitization project needs at least one item (--items FILE or --range).' },
  duplicateItem: { zh: '{where}档号 {code} 重复。', en: '{where}archival code {code} appears twice.' },
  itemsFileUnreadable: { zh: '无法读取条目文件 {file}：{reason}', en: 'Cannot read the items file {file}: {reason}' },
  itemNotFound: { zh: '项目“{project}”中没有档号为 {code} 的条目。', en: 'Project "{project}" has no item {code}.' },
  itemState: { zh: '条目 {code} 当前状态为 {state}，不能{actionZh}。', en: 'Item {code} is {state}: cannot {actionEn}.' },
  notOperatorRole: { zh: '账户 {username} 不是数字化外包操作员或档案管理员。', en: 'Account {username} is neither a vendor operator nor an archivist.' },
  accountNotFound: { zh: '账户 {username} 不存在。', en: 'Account {username} does not exist.' },
  devicesOutstanding: {
    zh: '仍有 {count} 件设备或载体未归还或未清除（{labels}）：须先登记归还或清除，才能结项。',
    en: '{count} devices or media are neither returned nor wiped ({labels}): register their return or wiping before closing.',
  },
  deviceNotFound: { zh: '设备登记 {id} 不存在。', en: 'Device register entry {id} does not exist.' },
  deviceEnded: { zh: '设备 {label} 已{stateZh}，不能再使用。', en: 'Device {label} is already {stateEn}.' },
  scanPathMissing: { zh: '扫描件路径不存在：{path}', en: 'The scan path does not exist: {path}' },
  scanCancelled: { zh: '条目 {code} 的扫描件入库已取消，未留下记录；可再次扫描该条目。', en: 'The ingest of the scans of item {code} was cancelled and left no record; scan the item again.' },
  scanFailed: { zh: '条目 {code} 扫描件入库失败：{reason}', en: 'Ingest of the scans of item {code} failed: {reason}' },
  stoppedClassified: {
    zh: '有密级标志“{mark}”且无解密标志：停止加工，退回档案室。',
    en: 'Bears the classification mark "{mark}" and no declassification mark: processing stops and the item is returned to the archive room.',
  },
  problemIncomplete: { zh: '不完整（缺页或缺件）', en: 'incomplete (pages or parts missing)' },
  problemOrder: { zh: '页序不正确', en: 'pages out of order' },
  problemCatalog: { zh: '实物与目录不符', en: 'paper does not match the catalog' },
  problemPages: { zh: '实物页数 {found} 与目录页数 {expected} 不符', en: 'the paper has {found} pages, the catalog says {expected}' },
  internalMark: { zh: '有“内部”标志（非国家秘密，已标注）', en: 'marked 内部 (internal: not a state secret; noted)' },
});
