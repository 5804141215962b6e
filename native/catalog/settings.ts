import type { Db } from '../db/database.js';
import { DEFAULT_CODE_OPTIONS, type CodeOptions, type CodeStyle } from './archival-code.js';

/** Settings the rules leave to the office (ARCHIVAL-RULES.md): defaults here, overrides in the settings table. */
export const SETTING_DEFAULTS = {
  'catalog.codeStyle': DEFAULT_CODE_OPTIONS.style as string,
  'catalog.itemDigits': String(DEFAULT_CODE_OPTIONS.itemDigits),
  'catalog.defaultCategory': 'WS',
  'catalog.defaultRetention': 'D30',
  'catalog.defaultFonds': '',
  'catalog.defaultOrg': '',
  'appraisal.openReviewYears': '25',
  'appraisal.minDeciders': '2',
  'ingest.minDpi': '200',
  'ingest.minDpiOcr': '300',
  'ingest.maxPixels': '150000000',
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

export function readSetting(db: Db, key: SettingKey): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? SETTING_DEFAULTS[key];
}

export function codeOptions(db: Db): CodeOptions {
  const style = readSetting(db, 'catalog.codeStyle') === 'dot' ? 'dot' : 'dash';
  const digits = Number(readSetting(db, 'catalog.itemDigits'));
  return { style: style as CodeStyle, itemDigits: Number.isInteger(digits) && digits >= 3 && digits <= 5 ? digits : 4 };
}
