import { defineMessages } from '../i18n/messages.js';

export const ingestMessages = defineMessages({
  pathMissing: { zh: '找不到 {path}。', en: '{path} does not exist.' },
  nothingToIngest: { zh: '{path} 中没有可导入的扫描文件（JPEG、PNG、TIFF、PDF）。', en: 'No scan files (JPEG, PNG, TIFF, PDF) to ingest in {path}.' },
  ignoredFile: { zh: '已跳过 {path}：不是扫描文件格式。', en: 'Skipped {path}: not a scan file type.' },
  lowDpi: { zh: '第 {page} 页分辨率为 {dpi} dpi，低于 {min} dpi 的要求。', en: 'Page {page} is {dpi} dpi, below the required {min} dpi.' },
  lowDpiOcr: { zh: '第 {page} 页分辨率为 {dpi} dpi，低于 OCR 批次要求的 {min} dpi。', en: 'Page {page} is {dpi} dpi, below the {min} dpi wanted for OCR batches.' },
  noDpi: { zh: '第 {page} 页没有记录分辨率（dpi）。', en: 'Page {page} records no resolution (dpi).' },
  duplicatePage: { zh: '第 {page} 页与 {code} 第 {otherPage} 页完全相同。', en: 'Page {page} is identical to page {otherPage} of {code}.' },
  duplicateInItem: { zh: '第 {page} 页与本件第 {otherPage} 页完全相同。', en: 'Page {page} is identical to page {otherPage} of this item.' },
  alreadyIngested: { zh: '{name} 已经导入过（{code}），未重复导入。', en: '{name} was already ingested ({code}); not ingested again.' },
  badMetadata: { zh: '著录信息不正确：{field} = “{value}”（{reason}）。', en: 'Invalid catalog field {field} = "{value}" ({reason}).' },
  notWired: { zh: '内部错误：档案库未按工作方式打开（缺少处理流水线），无法导入。', en: 'Internal error: the vault was not opened for work (no pipeline wired); cannot ingest.' },
  filesRefused: { zh: '本件有 {count} 个文件无法导入：{list}', en: '{count} files of this item were refused: {list}' },
  sourceChanged: { zh: '{path} 在导入过程中被修改，请等扫描完成后再导入。', en: '{path} changed while it was being ingested; ingest it again once the scan is finished.' },
});
