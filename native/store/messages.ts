import { defineMessages } from '../i18n/messages.js';

/** Writing to disk: what the user is told when a write cannot happen (nothing partial is left). */
export const storeMessages = defineMessages({
  notWritable: {
    zh: '无法写入 {path}：{reason}。没有留下不完整的记录。',
    en: 'Cannot write {path}: {reason}. No partial record was left.',
  },
  diskFull: {
    zh: '磁盘已满，无法写入 {path}。没有留下不完整的记录；请腾出空间后重新运行，已完成的部分不会重复。',
    en: 'The disk is full; cannot write {path}. No partial record was left; free some space and run again, finished work is not repeated.',
  },
});
