import { defineMessages } from '../i18n/messages.js';

export const qcMessages = defineMessages({
  batchNotFound: { zh: '质检批次 {id} 不存在。', en: 'QC batch {id} does not exist.' },
  batchState: { zh: '质检批次 {id} 当前为 {state}，不能{actionZh}。', en: 'QC batch {id} is {state}: cannot {actionEn}.' },
  nothingToCheck: { zh: '项目“{project}”没有待质检的已扫描条目。', en: 'Project "{project}" has no scanned items waiting for QC.' },
  sampleIncomplete: { zh: '抽检尚未完成：{left} 页未判定。', en: 'The sample is not finished: {left} pages are not judged yet.' },
  sampleFailed: {
    zh: '抽检合格率 {rate}% 未超过合格线 {mark}%（{failed}/{size} 页不合格）：不能验收，请退回。',
    en: 'Sample pass rate {rate}% does not exceed the pass mark {mark}% ({failed} of {size} pages failed): cannot accept; return the batch.',
  },
  samplePassed: { zh: '抽检合格（{rate}% > {mark}%）：不能退回，请验收。', en: 'The sample passed ({rate}% > {mark}%): accept it instead of returning it.' },
  notSampled: { zh: '第 {page} 页（{code}）不在批次 {id} 的抽检样本中。', en: 'Page {page} of {code} is not in the sample of batch {id}.' },
  reasonRequired: { zh: '判为不合格须选择原因（{reasons}）。', en: 'A failed page needs a reason ({reasons}).' },
  badReason: { zh: '不合格原因“{reason}”无效（可用：{reasons}）。', en: 'Unknown failure reason "{reason}" (use {reasons}).' },
  rescanPage: { zh: '档案 {code} 没有第 {page} 页。', en: 'Record {code} has no page {page}.' },
  rescanNotInProject: { zh: '档案 {code} 不是数字化项目的条目，不能在此重扫。', en: 'Record {code} is not an item of a digitization project: it cannot be re-scanned here.' },
  rescanFile: { zh: '重扫图像 {file} 必须是单页图像：{reason}', en: 'The re-scan {file} must be one page image: {reason}' },
  rescanState: { zh: '条目 {code} 已验收或正在抽检，不能重扫（状态 {state}）。', en: 'Item {code} is accepted or being sampled: no re-scan now (state {state}).' },
  badSetting: { zh: '质检设置 {name} 无效（{value}）：{reasonZh}', en: 'QC setting {name} is invalid ({value}): {reasonEn}' },
  signatoryRequired: { zh: '验收须写明档案室验收人与承包单位代表。', en: 'Acceptance names the archive room signatory and the vendor representative.' },
});
