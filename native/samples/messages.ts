import { defineMessages } from '../i18n/messages.js';

export const samplesMessages = defineMessages({
  noCjkFont: {
    zh: '找不到中文字体，无法生成样例扫描件。请安装 fonts-noto-cjk 或 fonts-arphic-uming（查看：fc-list :lang=zh）。',
    en: 'No Chinese (CJK) font found, cannot render sample scans. Install fonts-noto-cjk or fonts-arphic-uming (check with: fc-list :lang=zh).',
  },
  outDirNotEmpty: {
    zh: '输出目录 {dir} 已有内容；请指定一个空目录或新目录。',
    en: 'Output folder {dir} is not empty; give an empty or new folder.',
  },
  badCount: { zh: '样例数量应为 1 到 {max} 之间的整数，而不是 {count}。', en: 'The sample count must be a whole number from 1 to {max}, not {count}.' },
  written: { zh: '已生成 {documents} 份样例文件，共 {pages} 页：{dir}', en: 'Generated {documents} sample documents, {pages} pages: {dir}' },
  manifestAt: { zh: '文字真值（逐行）见 {file}', en: 'Ground-truth text (line by line) is in {file}' },
  progress: { zh: '正在生成第 {done}/{total} 页', en: 'Rendering page {done}/{total}' },
});
