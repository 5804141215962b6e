import { defineMessages } from '../../api/index.js';

/** The headings of the demo's digitization steps (native/cli/demo/digitization.ts). */
export const demoDigitizationMessages = defineMessages({
  stepProject: { zh: '数字化项目：以样例扫描件为纸质档案建立项目（项目目录：档号、题名、页数）', en: 'A digitization project: the sample scans as paper items (project list: 档号, title, pages)' },
  stepPrecheck: { zh: '加工前预检（密级甄别、完整性、顺序、实物与目录相符）', en: 'Pre-check before scanning (classification screening, completeness, order, paper ↔ catalog)' },
  stepScan: { zh: '扫描入库：填写流程单与逐页过程元数据，登记扫描现场的 U 盘', en: 'Scanning: the process sheet and per-image metadata are written; the scanning site\'s USB drive is registered' },
  stepQc: { zh: '机器质检（空白页、歪斜、模糊、分辨率、色彩、重复、页数）', en: 'Machine QC (blank, skew, blur, resolution, colour, duplicates, page count)' },
  stepSample: { zh: '人工抽检（默认 5%，合格线 95%，抽样可复现）', en: 'The human sample (5% by default, 95% pass mark, reproducible draw)' },
  stepAccept: { zh: 'U 盘清除登记，验收并出具验收报告（PDF 供签字）', en: 'The USB drive is wiped and registered; acceptance, with the report as a PDF to sign' },
  stepSheet: { zh: '流程单', en: 'A process sheet' },
  stepClose: { zh: '结项（设备与载体均已归还或清除）', en: 'The project closes (every device and medium returned or wiped)' },
  noItems: { zh: '（样例中没有可外包加工的非涉密件，跳过数字化项目）', en: '(no non-classified sample item to digitize; the project is skipped)' },
});
