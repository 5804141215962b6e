import { defineMessages } from '../i18n/messages.js';

export const imageMessages = defineMessages({
  pageImageMissing: { zh: '页面图像 {file} 不存在：对象库缺少此文件，请运行 lantai check 检查档案库。', en: 'The page image {file} does not exist: the object store lacks it; run lantai check on the vault.' },
  pageImageUnreadable: { zh: '页面图像 {file} 无法读取：{reason}。', en: 'The page image {file} cannot be read: {reason}.' },
});
