import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { qcMessages } from './messages.js';

/**
 * Machine-check thresholds (assumed defaults: no national number; measured on the sample
 * scans, see test/unit/qc). Kept in the vault's settings table under `qc.*`.
 */
export const QC_SETTING_DEFAULTS = {
  /** Share of dark pixels below which a page is blank (a page with one short line has ~0.004). */
  'qc.blankInk': 0.001,
  /** Sharpness below which a page is blurred (sharp 300-dpi text ~0.8; Gaussian σ=3 ~0.47). */
  'qc.minSharpness': 0.6,
  /** Skew in degrees above which a page is flagged. */
  'qc.maxSkew': 2,
  /** Share of dark pixels a page needs before its skew is measured (sparse pages give no rows). */
  'qc.skewMinInk': 0.01,
  /**
   * Distance (analyze.ts sheetDistance) below which two pages are one scan saved twice. Kept low
   * so different pages are never called duplicates; a sheet scanned twice a little off is not
   * caught by it (it comes out like two similar pages), only by the human sample.
   */
  'qc.duplicateDistance': 0.03,
  /** The rule a new project starts with (DA/T 31: sample at least 5%, pass mark 95%); each project may change its own. */
  'qc.samplePercent': 5,
  'qc.passMark': 95,
  'qc.minDpi': 300,
} as const;

/** Ranges of the settings that are percentages or a resolution (the thresholds need only be 0 or more). */
const RANGES: Partial<Record<QcSettingKey, { min: number; max: number; integer?: boolean; zh: string; en: string }>> = {
  'qc.samplePercent': { min: 0.01, max: 100, zh: '须大于 0 且不超过 100', en: 'must be above 0 and at most 100' },
  'qc.passMark': { min: 0.01, max: 100, zh: '须大于 0 且不超过 100', en: 'must be above 0 and at most 100' },
  'qc.minDpi': { min: 50, max: 2400, integer: true, zh: '须为 50–2400 的整数', en: 'must be a whole number from 50 to 2400' },
};

export type QcSettingKey = keyof typeof QC_SETTING_DEFAULTS;
export type QcSettings = Record<QcSettingKey, number>;

export function isQcSettingKey(k: string): k is QcSettingKey {
  return Object.hasOwn(QC_SETTING_DEFAULTS, k);
}

export function readQcSettings(db: Db): QcSettings {
  const out = { ...QC_SETTING_DEFAULTS } as QcSettings;
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'qc.%'").all() as { key: string; value: string }[];
  for (const r of rows) if (isQcSettingKey(r.key) && Number.isFinite(Number(r.value))) out[r.key] = Number(r.value);
  return out;
}

export function writeQcSetting(db: Db, name: string, value: string): QcSettings {
  const n = Number(value);
  if (!isQcSettingKey(name)) throw VaultError.of('QC_BAD_SETTING', qcMessages.badSetting, { name, value, reasonZh: `可用：${Object.keys(QC_SETTING_DEFAULTS).join('、')}`, reasonEn: `use ${Object.keys(QC_SETTING_DEFAULTS).join(', ')}` });
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw VaultError.of('QC_BAD_SETTING', qcMessages.badSetting, { name, value, reasonZh: '须为非负数', reasonEn: 'must be a number, 0 or more' });
  const range = RANGES[name];
  if (range && (n < range.min || n > range.max || (range.integer === true && !Number.isInteger(n)))) {
    throw VaultError.of('QC_BAD_SETTING', qcMessages.badSetting, { name, value, reasonZh: range.zh, reasonEn: range.en });
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(name, String(n));
  return readQcSettings(db);
}
