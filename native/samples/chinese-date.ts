const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function smallNumber(s: string): number {
  // 十 = 10, 十五 = 15, 二十 = 20, 二十二 = 22
  if (!s.includes('十')) return DIGITS[s] ?? NaN;
  const [tens, ones] = s.split('十');
  return (tens ? (DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (DIGITS[ones] ?? NaN) : 0);
}

/** 成文日期 (二〇一六年三月十五日 or 2016年3月15日) → 2016-03-15; null when it is not a date. */
export function isoDate(text: string): string | null {
  const m = /^(.{4})年(.{1,3})月(.{1,3})日$/u.exec(text);
  if (!m) return null;
  const year = /^\d{4}$/.test(m[1]!) ? Number(m[1]) : Number(Array.from(m[1]!).map((c) => DIGITS[c] ?? 'x').join(''));
  const month = /^\d+$/.test(m[2]!) ? Number(m[2]) : smallNumber(m[2]!);
  const day = /^\d+$/.test(m[3]!) ? Number(m[3]) : smallNumber(m[3]!);
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
