import { defineMessages } from '../i18n/messages.js';

export const dbMessages = defineMessages({
  newer: {
    zh: '目录数据库 {file} 的结构版本为 {found}，高于本程序支持的 {supported}；请升级兰台后再打开。未做任何修改。',
    en: 'The catalog database {file} has schema version {found}, newer than {supported} supported by this program; upgrade Lantai to open it. Nothing was changed.',
  },
  damaged: {
    zh: '目录数据库 {file} 已损坏或不是兰台数据库（{reason}）。未做任何修改；请从备份恢复。',
    en: 'The catalog database {file} is damaged or not a Lantai database ({reason}). Nothing was changed; restore it from a backup.',
  },
  migrationFailed: {
    zh: '目录数据库 {file} 升级到第 {version} 步（{name}）失败：{reason}。数据库保持原样，升级前的副本在 {backup}。',
    en: 'Upgrading the catalog database {file} at step {version} ({name}) failed: {reason}. The database is unchanged; a copy from before the upgrade is at {backup}.',
  },
});
