import { defineMessages } from '../i18n/messages.js';

export const extractMessages = defineMessages({
  recordNotFound: { zh: '找不到档案 {recordId}。', en: 'Record {recordId} does not exist.' },
  suggestionNotFound: { zh: '找不到著录建议 {id}。', en: 'Suggestion {id} does not exist.' },
  noSuggestion: { zh: '档案 {recordId} 没有编号为 {id} 的著录建议。', en: 'Record {recordId} has no suggestion {id}.' },
  alreadyDecided: {
    zh: '著录建议 {id} 已经处理过（{status}），不能再次处理。',
    en: 'Suggestion {id} was already decided ({status}); it cannot be decided again.',
  },
  noDecider: { zh: '必须写明处理人。', en: 'The person deciding must be named.' },
  badSuggestion: {
    zh: '著录建议不正确：{field} = “{value}”（{reason}）。未保存任何建议。',
    en: 'Invalid suggestion {field} = "{value}" ({reason}). No suggestion was saved.',
  },
  downgrade: {
    zh: '档案 {recordId} 为涉密档案（{level}），不能用识别建议降低密级；解密须由安全保密管理员办理。',
    en: 'Record {recordId} is classified ({level}); a suggestion cannot lower its classification. Declassification is done by the security officer.',
  },
  stillClassified: {
    zh: '档案 {recordId} 的密级仍为 {level}，不能解除涉密控制；请先办理解密并修改密级。',
    en: 'Record {recordId} is still classified {level}; the classified hold cannot be cleared. Declassify it and change its classification first.',
  },
  markDetected: {
    zh: '首页识别出密级标志“{mark}”：本件已列入涉密控制，不得导出、外包或公开，待安全保密管理员审核。',
    en: 'A classification mark "{mark}" was read on the first page: the item is under classified hold (no export, outsourcing or publication) until the security officer reviews it.',
  },
  // Why a 成文日期 was suggested (doc-date.ts): the cues of the layout that placed it.
  docDateBecause: { zh: '依据：{cues}', en: 'Placed by: {cues}' },
  cueStandalone: { zh: '日期单独成行', en: 'the date stands on its own line' },
  cueIssuerSameLine: { zh: '与发文机关同行', en: 'on one line with the issuing body' },
  cueHeaderDate: { zh: '标题下括注的日期', en: 'a date in parentheses under the title' },
  cueIssuerAbove: { zh: '上方为发文机关署名', en: 'under the issuing body\'s name' },
  cueIssuerBelow: { zh: '下方为发文机关署名', en: 'above the issuing body\'s name' },
  cueIssuerGarbled: { zh: '紧邻疑似发文机关署名（识别有误）', en: 'next to what reads like the issuing body (misread)' },
  cueSealText: { zh: '紧邻“（印章）”', en: 'next to "(seal)"' },
  cueSealBox: { zh: '位于印章处', en: 'under the seal' },
  cueRight: { zh: '右对齐（落款位置）', en: 'right-aligned, where the sign-off sits' },
  cueLeft: { zh: '左对齐（像正文）', en: 'left-aligned, like body text' },
  cueLowerPage: { zh: '位于正文之后、页面下部', en: 'after the body, in the lower part of the page' },
  cuePublishNote: { zh: '下方有“（此件…）”附注', en: 'followed by a "(此件…)" note' },
  cueHeaderZone: { zh: '位于版头区', en: 'in the header zone' },
  cueSentence: { zh: '处于句中', en: 'inside a sentence' },
  cueLabel: { zh: '是某一栏目的取值（如“时间：”）', en: 'the value of a label (such as 时间：)' },
  cueImprintRow: { zh: '版记式排列（机关居左、日期居右）', en: 'laid out like the imprint (body at the left, date at the right)' },
  cueNoise: { zh: '行内有识别杂字', en: 'stray misread characters on the line' },
});
