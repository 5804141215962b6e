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
  attachUnknown: { zh: '找不到档号为 {code} 的目录条目，无法挂接扫描件。', en: 'No catalog entry has the archival code {code}; the scans cannot be attached.' },
  attachDestroyed: { zh: '{code} 已经鉴定销毁，不能再挂接扫描件。', en: '{code} was destroyed after appraisal; no scans can be attached to it.' },
  attachScanned: {
    zh: '{code} 已有扫描件（{pages} 页），未挂接。数字化项目中的条目重扫某一页请用：lantai qc rescan {code} 页号 文件 --reason 原因',
    en: '{code} already has its scans ({pages} pages); nothing attached. To re-scan a page of a digitization project\'s item: lantai qc rescan {code} PAGE FILE --reason TEXT',
  },
  attachMetadata: {
    zh: '挂接扫描件到目录条目时不能同时给出著录项 {field}：以目录的著录为准，需要修改请用 lantai edit。',
    en: 'Catalog field {field} cannot be given when attaching scans to a catalog entry: the catalog\'s fields stand; change them with lantai edit.',
  },
  attachEachFile: { zh: '挂接扫描件时所给的全部文件是同一件的各页，不能与“每个文件一件”同用。', en: 'When attaching scans, all the files given are the pages of one item: "each file is an item" cannot be used with it.' },
  attachSameScans: { zh: '这些扫描件已是 {other} 的扫描件，未挂接到 {code}。', en: 'These scans are already those of {other}; not attached to {code}.' },
  pageCountDiffers: { zh: '目录记载 {expected} 页，扫描得到 {found} 页，请核对。', en: 'The catalog gives {expected} pages; the scans have {found}. Please check.' },
});
