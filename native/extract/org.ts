/**
 * "Does this look like the name of an issuing body?" Used for the sign-off (落款) above the
 * 成文日期, the red header (XX文件) and the creator suggestion. Names end in an organizational
 * word (局, 厅, 办公室, 委员会, 人民政府 …) and contain no sentence punctuation.
 */

const ORG_SUFFIXES = [
  '办公厅', '办公室', '委员会', '人民政府', '政府', '秘书处', '领导小组', '指挥部', '管委会', '联合会', '协会',
  '研究院', '研究所', '档案馆', '学院', '大学', '中学', '小学', '公司', '集团', '银行', '中心', '党委', '党组', '支部',
  '工会', '中央', '国务院', '法院', '检察院', '局', '厅', '部', '院', '委', '会', '处', '科', '室', '馆', '所', '校', '署', '办', '团', '队', '站', '厂', '社', '司', '府',
];

/** Removes every blank (tesseract puts spaces between Chinese characters). */
export function compact(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** True for 国家档案局, 辽宁省教育厅办公室, 中共辽宁省委办公厅 辽宁省人民政府办公厅 (joint, on one line). */
export function isOrgName(s: string): boolean {
  const c = compact(s);
  if (c.length < 2 || c.length > 40) return false;
  if (!/^[\u4e00-\u9fff（）()]+$/.test(c)) return false;
  if (/关于|的|通知|意见|印发|转发|各|请|现将|要求/.test(c)) return false;
  return ORG_SUFFIXES.some((suffix) => c.endsWith(suffix) && c.length > Math.min(suffix.length, 2));
}
