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

/**
 * A typed 档号 (or the start of one) with the class/year junction written as the standards
 * write it: `Z109-WS-2016-Y-BGS-0001` → `Z109-WS·2016-Y-BGS-0001`. People type the `-` their
 * keyboard has; DA/T 22 and DA/T 13 both join category code and year with `·` (ARCHIVAL-RULES:
 * accept both styles, generate one). Only that junction changes (the category code is the first
 * part, or the second after a 全宗号), and only when the text has no `·` junction already, so an
 * org unit before a four-digit item number (`…-Y-BGS-2016`) is left alone.
 */
export function junctionDot(code: string): string {
  const text = code.trim().replace(DOTS, '·');
  if (/(?:^|[-·])[A-Za-z]{1,4}·\d{4}(?=$|[-·])/.test(text)) return text;
  const tokens = text.split('-');
  // The category code is the first part, or the second after a 全宗号; the year a plausible one
  // (a four-digit item number such as 0001 is not).
  for (const i of [0, 1]) {
    if (/^[A-Za-z]{1,4}$/.test(tokens[i] ?? '') && /^(?:1\d|20)\d{2}$/.test(tokens[i + 1] ?? '')) {
      return [...tokens.slice(0, i), `${tokens[i]}·${tokens[i + 1]}`, ...tokens.slice(i + 2)].join('-');
    }
  }
  return text;
}

/**
 * The forms under which a typed 档号 may be stored: as typed, with the junction dotted, and
 * (when it reads as a whole code) written in the vault's own style with as many item digits as
 * were typed, so `Z109-WS-2016-Y-BGS-0001` finds the record in a dot-style vault too.
 */
export function typedCodeForms(typed: string, options: CodeOptions): string[] {
  const forms = [typed.trim(), junctionDot(typed)];
  try {
    const parts = parseArchivalCode(typed);
    const typedDigits = Math.min(5, Math.max(3, /(\d+)\s*$/.exec(typed)?.[1]?.length ?? 0));
    // The vault's width, and the typed one (codes issued before the width setting changed).
    for (const itemDigits of [options.itemDigits, typedDigits]) {
      if (String(parts.itemNumber).length <= itemDigits) forms.push(formatArchivalCode(parts, { style: options.style, itemDigits }));
    }
  } catch {
    // Not a whole code: the other forms are all there is.
  }
  return [...new Set(forms)];
}
