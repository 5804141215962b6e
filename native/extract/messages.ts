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
});
