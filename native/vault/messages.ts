import { defineMessages } from '../i18n/messages.js';

export const vaultMessages = defineMessages({
  notEmpty: {
    zh: '无法在 {dir} 创建档案库：该目录不是空的。',
    en: 'Cannot create a vault in {dir}: the folder is not empty.',
  },
  alreadyAVault: {
    zh: '{dir} 已经是兰台档案库，无需再次创建；直接使用即可（--vault {dir} 或 LANTAI_VAULT={dir}）。',
    en: '{dir} is already a Lantai vault; nothing to create. Use it as it is (--vault {dir} or LANTAI_VAULT={dir}).',
  },
  notAVault: {
    zh: '{dir} 不是兰台档案库（缺少 vault.json）。请先运行 lantai init {dir}，或用 --vault 指定档案库目录。',
    en: '{dir} is not a Lantai vault (no vault.json). Run lantai init {dir} first, or name the vault with --vault.',
  },
  badVaultFile: {
    zh: '档案库描述文件 {file} 无法读取：{reason}。未做任何修改。',
    en: 'The vault description {file} cannot be read: {reason}. Nothing was changed.',
  },
  newerFormat: {
    zh: '档案库 {dir} 的格式版本为 {found}，高于本程序支持的 {supported}；请升级兰台后再打开。未做任何修改。',
    en: 'The vault {dir} has format version {found}, newer than {supported} supported by this program; upgrade Lantai to open it. Nothing was changed.',
  },
  noVaultGiven: {
    zh: '未指定档案库：请使用 --vault 目录，或设置环境变量 LANTAI_VAULT。',
    en: 'No vault given: use --vault DIR or set LANTAI_VAULT.',
  },
});
