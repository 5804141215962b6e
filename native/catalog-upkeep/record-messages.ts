import { defineMessages } from '../i18n/messages.js';

export const apiRecordMessages = defineMessages({
  noRecordRef: { zh: '找不到档案 {ref}。', en: 'No record {ref}.' },
});
