import { defineMessages } from '../i18n/messages.js';

export const apiMessages = defineMessages({
  noRecord: { zh: '找不到档案 {id}。', en: 'No record {id}.' },
  noPage: { zh: '找不到页面图像 {sha}。', en: 'No page image {sha}.' },
});
