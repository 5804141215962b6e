import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { mediaMessages } from './messages.js';
import { MEDIA_FAMILY, type MediaFamily, type MediaType } from './types.js';

/**
 * What the rules leave to the office (ARCHIVAL-RULES.md, "Backup, media, migration"), stored
 * in the settings table under "media.*" with the defaults below. Numbers marked (assumed) in
 * the rules are defaults here, never constants in code.
 */
export interface MediaSettings {
  /** Days between checks of a medium, per family: magnetic 2 years, optical 4 (assumed legacy defaults); flash 1 year (assumed: flash keeps charge worse). */
  intervalDays: Record<MediaFamily, number>;
  /** Share of a medium's files a rolling sample reads per run (rules: ≥ 10%). */
  sampleFraction: number;
  /** Coverage policy: copies off-site, media types and sites other than the archive room. */
  minCopies: number;
  minTypes: number;
  minSites: number;
  /** The site name that means "the archive room itself" (not off-site). */
  archiveRoomSite: string;
  /** Years an old carrier is kept after migration before it may be disposed of (assumed 3). */
  keepYears: number;
}

export const MEDIA_DEFAULTS: Readonly<MediaSettings> = {
  intervalDays: { magnetic: 730, optical: 1461, flash: 365 },
  sampleFraction: 0.1,
  minCopies: 2,
  minTypes: 2,
  minSites: 2,
  archiveRoomSite: '档案室',
  keepYears: 3,
};

/** Expected life in years when the registration does not say (assumed; the maker's figure belongs in the registration). */
export const DEFAULT_LIFE_YEARS: Readonly<Record<MediaType, number>> = { cd_r: 10, dvd_r: 10, bd_r: 10, hdd: 5, ssd: 5, usb: 3, lto: 15 };

type Key = 'interval.magnetic' | 'interval.optical' | 'interval.flash' | 'sampleFraction' | 'minCopies' | 'minTypes' | 'minSites' | 'archiveRoomSite' | 'keepYears';
const RANGES: Record<Exclude<Key, 'archiveRoomSite'>, [number, number]> = {
  'interval.magnetic': [1, 3660], 'interval.optical': [1, 3660], 'interval.flash': [1, 3660],
  sampleFraction: [0.1, 1], minCopies: [1, 10], minTypes: [1, 7], minSites: [1, 10], keepYears: [0, 50],
};

function parse(key: Key, value: string): number | string | undefined {
  if (key === 'archiveRoomSite') return value.trim() === '' ? undefined : value.trim();
  const n = Number(value);
  const [min, max] = RANGES[key];
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

export function readMediaSettings(db: Db): MediaSettings {
  const out: MediaSettings = { ...MEDIA_DEFAULTS, intervalDays: { ...MEDIA_DEFAULTS.intervalDays } };
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'media.%'").all() as { key: string; value: string }[];
  for (const { key, value } of rows) {
    const name = key.slice('media.'.length) as Key;
    if (!(name in RANGES) && name !== 'archiveRoomSite') continue;
    const v = parse(name, value);
    // A value outside its range (edited by hand) falls back to the default.
    if (v === undefined) continue;
    if (name.startsWith('interval.')) out.intervalDays[name.slice('interval.'.length) as MediaFamily] = v as number;
    else (out as unknown as Record<string, number | string>)[name] = v;
  }
  return out;
}

/** Changes one media setting (the sysadmin's change_settings); refused outside its range. */
export function writeMediaSetting(db: Db, name: string, value: string): void {
  if (!(name in RANGES) && name !== 'archiveRoomSite') throw VaultError.of('SETTING_UNKNOWN', mediaMessages.settingUnknown, { name: `media.${name}` });
  if (parse(name as Key, value) === undefined) throw VaultError.of('SETTING_INVALID', mediaMessages.settingInvalid, { name: `media.${name}`, value });
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(`media.${name}`, value);
}

export function intervalDaysOf(settings: MediaSettings, type: MediaType): number {
  return settings.intervalDays[MEDIA_FAMILY[type]];
}
