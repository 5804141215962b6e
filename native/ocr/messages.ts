import { defineMessages } from '../i18n/messages.js';

export const ocrMessages = defineMessages({
  notWired: { zh: '内部错误：档案库未按工作方式打开（缺少处理流水线），无法进行文字识别。', en: 'Internal error: the vault was not opened for work (no pipeline wired); cannot run OCR.' },
  noLanguageData: {
    zh: '找不到 OCR 语言数据 {lang}（{file}）：安装包不完整，请重新安装兰台。',
    en: 'The OCR language data {lang} ({file}) is missing: the installation is incomplete; reinstall Lantai.',
  },
  engineStartFailed: {
    zh: 'OCR 引擎无法启动：{reason}。',
    en: 'The OCR engine could not start: {reason}.',
  },
  engineFailed: {
    zh: 'OCR 识别失败：{reason}。',
    en: 'OCR failed: {reason}.',
  },
  engineDied: {
    zh: 'OCR 引擎进程意外退出（{reason}），已重新启动。',
    en: 'The OCR engine stopped unexpectedly ({reason}); it has been restarted.',
  },
  timedOut: {
    zh: 'OCR 识别超时（超过 {seconds} 秒），已放弃此页。',
    en: 'OCR timed out (more than {seconds} s); the page was given up.',
  },
  cancelled: {
    zh: 'OCR 已取消。',
    en: 'OCR was cancelled.',
  },
  poolClosed: {
    zh: 'OCR 引擎已关闭。',
    en: 'The OCR engine has been shut down.',
  },
  badImage: {
    zh: '页面图像 {file} 无法读取：{reason}。',
    en: 'The page image {file} cannot be read: {reason}.',
  },
  noImage: {
    zh: '第 {pageId} 号页面的图像 {file} 不存在；请运行 lantai check 检查档案库。',
    en: 'The image {file} of page {pageId} does not exist; run lantai check on the vault.',
  },
  noPage: {
    zh: '第 {pageId} 号页面不在目录中。',
    en: 'Page {pageId} is not in the catalog.',
  },
  badSetting: {
    zh: 'OCR 设置 {key} 的值 {value} 无效：{reason}。',
    en: 'The OCR setting {key} has an invalid value {value}: {reason}.',
  },
  progress: {
    zh: '文字识别：已完成 {done}/{total} 页',
    en: 'OCR: {done} of {total} pages done',
  },
  commandSummary: {
    zh: '文字识别（OCR）：处理识别队列直到完成，可按件限定',
    en: 'OCR: work through the page queue until it is empty, optionally for one record',
  },
  runProgress: {
    zh: '文字识别 {done}/{total} 页（失败 {failed}）',
    en: 'OCR {done}/{total} pages ({failed} failed)',
  },
  recovered: {
    zh: '已收回中断的识别任务留下的 {count} 页，继续识别。',
    en: 'Took back {count} pages left by an interrupted OCR run; continuing.',
  },
  waiting: {
    zh: '另一个识别进程正在处理 {count} 页，等待其完成……',
    en: 'Another OCR process is reading {count} pages; waiting for it…',
  },
  pageFailed: {
    zh: '  ✗ 档案 {recordId} 第 {pageNo} 页：{message}',
    en: '  ✗ record {recordId} page {pageNo}: {message}',
  },
  runDone: {
    zh: '文字识别完成：本次识别 {done} 页，失败 {failed} 页；队列中待识别 {pending} 页，已失败 {failedTotal} 页。',
    en: 'OCR finished: {done} pages read this run, {failed} failed; queue: {pending} pending, {failedTotal} failed.',
  },
  runCancelled: {
    zh: '文字识别已取消：已识别的 {done} 页保留，再次运行 lantai ocr 即可继续。',
    en: 'OCR cancelled: the {done} pages read are kept; run lantai ocr again to continue.',
  },
  noRecord: {
    zh: '找不到档案 {recordId}。',
    en: 'No record {recordId}.',
  },
  reviewEmpty: {
    zh: '第 {page} 页有墨迹，但识别出的文字为空或几乎无法辨认：请人工复核（可能被印章或红头遮挡）。',
    en: 'Page {page} has ink but OCR read no legible text: please review it (a seal or a red header may cover it).',
  },
  reviewWeak: {
    zh: '第 {page} 页识别可信度很低（{confidence}）：请人工复核。',
    en: 'Page {page} was read with very low confidence ({confidence}): please review it.',
  },
  reviewLine: {
    zh: '  ! 档案 {recordId} 第 {pageNo} 页待复核（{code}）',
    en: '  ! record {recordId} page {pageNo} needs review ({code})',
  },
  reviewCount: {
    zh: '{count} 页有墨迹却没有可读文字，已标记待复核（lantai show 档号 可见）。',
    en: '{count} page(s) with ink but no legible text are flagged for review (see lantai show CODE).',
  },
});
