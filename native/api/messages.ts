import { defineMessages } from '../i18n/messages.js';

export const apiMessages = defineMessages({
  noRecord: { zh: '找不到档案 {id}。', en: 'No record {id}.' },
  noRecordRef: { zh: '找不到档案 {ref}。', en: 'No record {ref}.' },
  noPage: { zh: '找不到页面图像 {sha}。', en: 'No page image {sha}.' },
  noPageNo: { zh: '{code} 没有第 {page} 页（共 {pages} 页）。', en: '{code} has no page {page} (it has {pages}).' },
  noJob: { zh: '找不到可继续的导入任务 {id}。', en: 'No ingest job {id} to resume.' },
  noJobId: { zh: '找不到任务 {id}。', en: 'No job {id}.' },
  noJobRunning: { zh: '任务 {id} 不在运行。', en: 'Job {id} is not running.' },
  jobNotResumable: { zh: '任务 {id}（{kind}）不能继续执行：请重新开始这项工作。', en: 'Job {id} ({kind}) cannot be resumed: start the work again.' },
  jobAlreadyRunning: { zh: '任务 {id} 正在运行。', en: 'Job {id} is already running.' },
});
