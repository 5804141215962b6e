import { defineMessages } from '../i18n/messages.js';

export const checkMessages = defineMessages({
  dbCheck: { zh: '目录数据库完整性检查失败：{detail}', en: 'Catalog database integrity check failed: {detail}' },
  foreignKey: { zh: '目录表 {table} 第 {rowid} 行引用了不存在的 {parent}。', en: 'Catalog table {table} row {rowid} references a missing {parent}.' },
  objectMissing: { zh: '对象 {sha256} 丢失（{use}）。', en: 'Object {sha256} is missing ({use}).' },
  objectSize: { zh: '对象 {sha256} 大小为 {found} 字节，应为 {expected} 字节。', en: 'Object {sha256} is {found} bytes, expected {expected}.' },
  digestMismatch: { zh: '对象 {path} 的 {algorithm} 摘要不符：应为 {expected}，实为 {found}。', en: 'Object {path} fails its {algorithm} digest: expected {expected}, found {found}.' },
  orphanObject: { zh: '对象 {sha256} 不属于任何档案，也不属于未完成的任务。', en: 'Object {sha256} belongs to no record and to no unfinished job.' },
  unreferencedRow: { zh: '对象登记 {sha256} 没有被任何档案引用。', en: 'Object entry {sha256} is referenced by no record.' },
  pageCount: { zh: '档案 {code} 登记 {expected} 页，实有 {found} 页。', en: 'Record {code} lists {expected} pages but has {found}.' },
  pageSequence: { zh: '档案 {code} 的页号不连续：{pages}。', en: 'Record {code} has non-consecutive page numbers: {pages}.' },
  noMaster: { zh: '档案 {code} 没有原件文件。', en: 'Record {code} has no master file.' },
  codeMismatch: { zh: '档案 {code} 的档号与其著录项（{expected}）不一致。', en: 'Record {code} does not match its catalog fields ({expected}).' },
  codeInvalid: { zh: '档号 {code} 格式不正确：{reason}', en: 'Archival code {code} is malformed: {reason}' },
  itemGap: { zh: '{klass} 的件号不连续：缺少 {missing}。', en: 'Item numbers in {klass} have gaps: {missing} missing.' },
  likelyDuplicate: { zh: '{codes} 的文号和题名相同，可能重复。', en: '{codes} share doc number and title: likely duplicates.' },
  unfinishedJob: { zh: '任务 {jobId}（{kind}）未完成，状态 {status}：可继续执行。', en: 'Job {jobId} ({kind}) is unfinished ({status}); it can be resumed.' },
  searchIndexStale: {
    zh: '检索索引不完整或版本过旧（已索引 {recordsIndexed}/{records} 件、{pagesIndexed}/{pagesWithText} 页）：运行 lantai reindex 重建。',
    en: 'The search index is incomplete or outdated ({recordsIndexed}/{records} records, {pagesIndexed}/{pagesWithText} pages indexed): run lantai reindex.',
  },
  tempLeft: { zh: '清理了 {count} 个中断写入留下的临时文件。', en: 'Removed {count} temporary files left by interrupted writes.' },
  kindThumb: { zh: '缩略图', en: 'thumbnail' },
  kindNormalized: { zh: '规范化页面图像', en: 'normalized page image' },
  derivedDamaged: {
    zh: '档案 {archivalCode} 第 {pageNo} 页的{what}已损坏（{reason}）：{path}。它可由原件重建：运行 lantai check --repair（不会改动原件）。',
    en: 'The {what} of page {pageNo} of {archivalCode} is damaged ({reason}): {path}. It can be rebuilt from the master: run lantai check --repair (masters are never changed).',
  },
  derivedDamagedMasterBad: {
    zh: '档案 {archivalCode} 第 {pageNo} 页的{what}已损坏（{reason}），且其原件也未通过检查，暂不重建：请先处理原件的问题。',
    en: 'The {what} of page {pageNo} of {archivalCode} is damaged ({reason}) and its master failed its check too, so it is not rebuilt: deal with the master first.',
  },
  derivedRebuilt: { zh: '已由原件重建档案 {archivalCode} 第 {pageNo} 页的{what}（原文件损坏：{reason}）。', en: 'Rebuilt the {what} of page {pageNo} of {archivalCode} from its master (the file was damaged: {reason}).' },
  derivedRebuildFailed: { zh: '无法重建档案 {archivalCode} 第 {pageNo} 页的{what}：{error}', en: 'Could not rebuild the {what} of page {pageNo} of {archivalCode}: {error}' },
  derivedLeftover: { zh: '派生文件 {file} 不属于任何页面（可删除）：运行 lantai check --repair 清除。', en: 'The derived file {file} belongs to no page (safe to delete): run lantai check --repair to remove it.' },
  derivedLeftoverRemoved: { zh: '已删除不属于任何页面的派生文件 {file}。', en: 'Removed the derived file {file}, which belonged to no page.' },
  searchIndexRebuilt: { zh: '已重建检索索引（{records} 件，{pages} 页）。', en: 'Rebuilt the search index ({records} records, {pages} pages).' },
});
