import { VaultError } from '../errors.js';
import { defineMessages } from '../i18n/messages.js';
import { RETENTIONS, type Retention, type RecordClass } from './types.js';

/**
 * 档号 = 全宗号-门类代码·年度-保管期限-机构(问题)-件号 (DA/T 22-2015), e.g. Z109-WS·2016-Y-BGS-0001.
 * DA/T 13-2022 writes the class part with "·" throughout: Z109-WS·2011·Y·办公室-0001.
 * Both styles are read; the vault generates the one set in its settings.
 */
export type CodeStyle = 'dash' | 'dot';

export interface CodeOptions {
  style: CodeStyle;
  itemDigits: number;
}

export const DEFAULT_CODE_OPTIONS: CodeOptions = { style: 'dash', itemDigits: 4 };

export interface ArchivalCodeParts extends RecordClass {
  itemNumber: number;
}

const messages = defineMessages({
  badCode: { zh: '档号“{code}”格式不正确：{reason}', en: 'Archival code "{code}" is malformed: {reason}' },
  badPart: { zh: '档号的{part}“{value}”不能含有分隔符 - 或 ·', en: 'The {part} "{value}" of an archival code cannot contain the separators - or ·' },
  badDigits: { zh: '件号位数必须是 3 到 5，而不是 {digits}', en: 'Item number digits must be 3 to 5, not {digits}' },
  tooBig: { zh: '件号 {itemNumber} 超出 {digits} 位', en: 'Item number {itemNumber} does not fit in {digits} digits' },
});

/** Legacy retention names are read and mapped, never issued (ARCHIVAL-RULES.md). */
const LEGACY_RETENTION: Record<string, Retention> = { 永久: 'Y', 长期: 'D30', 短期: 'D10' };

export function normalizeRetention(value: string): Retention | undefined {
  const v = value.trim().toUpperCase();
  if ((RETENTIONS as readonly string[]).includes(v)) return v as Retention;
  return LEGACY_RETENTION[value.trim()];
}

const SEPARATORS = /[-·•・.]/;
const DOTS = /[·•・.]/g;

function checkPart(part: string, value: string): void {
  if (SEPARATORS.test(value)) throw VaultError.of('ARCHIVAL_CODE_PART', messages.badPart, { part, value });
}

export function formatArchivalCode(parts: ArchivalCodeParts, options: CodeOptions = DEFAULT_CODE_OPTIONS): string {
  if (options.itemDigits < 3 || options.itemDigits > 5) throw VaultError.of('ARCHIVAL_CODE_DIGITS', messages.badDigits, { digits: options.itemDigits });
  const item = String(parts.itemNumber).padStart(options.itemDigits, '0');
  if (item.length > options.itemDigits) throw VaultError.of('ARCHIVAL_CODE_OVERFLOW', messages.tooBig, { itemNumber: parts.itemNumber, digits: options.itemDigits });
  checkPart('全宗号 fonds', parts.fondsCode);
  checkPart('门类 category', parts.categoryCode);
  checkPart('机构 org unit', parts.orgUnit);
  const classPart =
    options.style === 'dot'
      ? [parts.categoryCode, String(parts.year), parts.retention, parts.orgUnit].filter((p) => p !== '').join('·')
      : [`${parts.categoryCode}·${parts.year}`, parts.retention, parts.orgUnit].filter((p) => p !== '').join('-');
  return [parts.fondsCode, classPart, item].filter((p) => p !== '').join('-');
}

/**
 * Reads either style. The category code is letters; the year is four digits; the retention is
 * a known code (or legacy name); what stands between retention and item number is the org unit.
 */
export function parseArchivalCode(code: string): ArchivalCodeParts {
  const fail = (reason: string): never => {
    throw VaultError.of('ARCHIVAL_CODE_INVALID', messages.badCode, { code, reason });
  };
  const trimmed = code.trim().replace(DOTS, '·');
  const tokens = trimmed.split(/[-·]/).map((t) => t.trim());
  if (tokens.some((t) => t === '')) fail('empty part');
  const last = tokens.pop();
  if (!last || !/^\d{1,5}$/.test(last)) fail('the item number (last part) must be 1 to 5 digits');
  const yearIndex = tokens.findIndex((t) => /^\d{4}$/.test(t));
  if (yearIndex < 1) fail('a four-digit year after the category code is required');
  const categoryCode = tokens[yearIndex - 1]!;
  if (!/^[A-Za-z]{1,4}$/.test(categoryCode)) fail(`category code "${categoryCode}" must be 1 to 4 letters`);
  const before = tokens.slice(0, yearIndex - 1);
  if (before.length > 1) fail('more than one part before the category code');
  const retention = normalizeRetention(tokens[yearIndex + 1] ?? '');
  if (!retention) fail(`retention "${tokens[yearIndex + 1] ?? ''}" must be Y, D30 or D10`);
  const orgParts = tokens.slice(yearIndex + 2);
  if (orgParts.length > 1) fail('more than one part between retention and item number');
  return {
    fondsCode: before[0] ?? '',
    categoryCode: categoryCode.toUpperCase(),
    year: Number(tokens[yearIndex]),
    retention: retention!,
    orgUnit: orgParts[0] ?? '',
    itemNumber: Number(last),
  };
}
