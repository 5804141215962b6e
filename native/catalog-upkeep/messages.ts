import { defineMessages } from '../i18n/messages.js';

export const upkeepMessages = defineMessages({
  codeFixed: {
    zh: '以下档号已固定（已确认、打印、移交或备份），不会被悄悄改号：{codes}。确需改号请用 lantai catalog renumber … --include-fixed --reason 说明理由。',
    en: 'These archival codes are fixed (confirmed, printed, transferred or backed up) and are never renumbered silently: {codes}. To renumber them anyway use lantai catalog renumber … --include-fixed --reason TEXT.',
  },
  classFixed: {
    zh: '档案 {code} 的档号已固定，不能通过修改全宗号、门类、年度、保管期限或机构改变它。',
    en: 'The archival code of {code} is fixed: it cannot change through an edit of fonds, category, year, retention or org unit.',
  },
  reasonRequired: { zh: '改动已固定的档号必须写明理由。', en: 'Changing a fixed archival code needs a written reason.' },
  retentionLowered: {
    zh: '档案 {code} 的保管期限由 {from} 降为 {to}，必须写明理由（--reason）：降低保管期限不得用于规避移交。',
    en: 'Lowering the retention of {code} from {from} to {to} needs a written reason (--reason): a retention is never lowered to dodge transfer.',
  },
  downgrade: {
    zh: '档案 {code} 的密级不能在著录中由 {from} 降为 {to}：降密与解密由安全保密管理员审核（lantai declassify）。',
    en: 'The classification of {code} cannot be lowered from {from} to {to} by an edit: declassification is the security officer\'s review (lantai declassify).',
  },
  destroyed: { zh: '档案 {code} 已销毁，不能再修改。', en: 'Record {code} has been destroyed and cannot be changed.' },
  nothingSelected: { zh: '选择中没有档案。', en: 'The selection holds no records.' },
  nothingToChange: { zh: '没有给出要修改的著录项。', en: 'No field to change was given.' },
  exportFailed: { zh: '无法写出目录文件 {path}：{reason}', en: 'Cannot write the catalog file {path}: {reason}' },
  exportFormat: { zh: '不支持的目录格式“{format}”：应为 xlsx、csv 或 xml。', en: 'Unsupported catalog format "{format}": use xlsx, csv or xml.' },
  importUnreadable: { zh: '无法读取目录文件 {file}：{reason}', en: 'Cannot read the catalog file {file}: {reason}' },
  importRefused: {
    zh: '目录文件 {file} 有 {count} 处错误，未导入任何条目。第一处：第 {row} 行 {fieldZh}：{reasonZh}',
    en: 'The catalog file {file} has {count} problems; nothing was imported. First: row {row}, {fieldEn}: {reasonEn}',
  },
  importNoRows: { zh: '目录文件 {file} 中没有条目。', en: 'The catalog file {file} holds no entries.' },
  importNoHeader: { zh: '目录文件 {file} 缺少必需的列：{columns}', en: 'The catalog file {file} lacks required columns: {columns}' },
  rowRequired: { zh: '必填', en: 'required' },
  rowCodeMismatch: { zh: '档号与全宗号、门类、年度、保管期限、机构或件号列不一致（应为 {expected}）', en: 'the archival code disagrees with the fonds, category, year, retention, org unit or item number columns (expected {expected})' },
  rowCodeBad: { zh: '档号无法解析：{reason}', en: 'the archival code cannot be read: {reason}' },
  rowCodeTaken: { zh: '档号已在档案库中', en: 'the archival code is already in the vault' },
  rowCodeTwice: { zh: '档号在文件中重复（第 {other} 行）', en: 'the archival code appears twice in the file (row {other})' },
  rowHeld: { zh: '“涉密待审”不是密级：请写明实际密级', en: '"classified hold" is not a level: give the actual classification' },
});
