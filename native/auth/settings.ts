import type { Db } from '../db/database.js';
import { VaultError } from '../errors.js';
import { authMessages } from './messages.js';

/**
 * Login and session policy, stored in the settings table under "auth.*". Only values that keep
 * the policy at least as strict as the rules are accepted (e.g. no password shorter than 10).
 */
export interface AuthSettings {
  /** Minimum password length in characters. */
  minPasswordLength: number;
  /** Wrong passwords in a row before the account locks. */
  maxFailures: number;
  /** How long a lock lasts. */
  lockMinutes: number;
  /** Wait after the first wrong password; doubles with each further one (1, 2, 4, 8 s …). */
  failureDelaySeconds: number;
  /** A session without activity for this long locks and needs the password again. */
  idleLockMinutes: number;
  /** Longest an access approval may run. */
  maxGrantDays: number;
}

export const AUTH_DEFAULTS: Readonly<AuthSettings> = {
  minPasswordLength: 10,
  maxFailures: 5,
  lockMinutes: 15,
  failureDelaySeconds: 1,
  idleLockMinutes: 10,
  maxGrantDays: 90,
};

export const AUTH_RANGES: Readonly<Record<keyof AuthSettings, readonly [number, number]>> = {
  minPasswordLength: [10, 128],
  maxFailures: [3, 10],
  lockMinutes: [1, 1440],
  failureDelaySeconds: [0, 60],
  idleLockMinutes: [1, 120],
  maxGrantDays: [1, 366],
};

const PREFIX = 'auth.';

function valid(key: keyof AuthSettings, v: unknown): v is number {
  const [min, max] = AUTH_RANGES[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export function readAuthSettings(db: Db): AuthSettings {
  const out: AuthSettings = { ...AUTH_DEFAULTS };
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'auth.%'").all() as { key: string; value: string }[];
  for (const { key, value } of rows) {
    const name = key.slice(PREFIX.length) as keyof AuthSettings;
    if (!(name in AUTH_RANGES)) continue;
    const n = Number(value);
    // A stored value outside the allowed range (edited by hand) falls back to the default.
    if (valid(name, n)) out[name] = n;
  }
  return out;
}

/** Validates a change; throws SETTING_INVALID naming the first bad key. */
export function checkAuthSettingsPatch(patch: Record<string, unknown>): Partial<AuthSettings> {
  const out: Partial<AuthSettings> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in AUTH_RANGES)) throw VaultError.of('SETTING_UNKNOWN', authMessages.settingUnknown, { key });
    const k = key as keyof AuthSettings;
    if (!valid(k, value)) {
      const [min, max] = AUTH_RANGES[k];
      throw VaultError.of('SETTING_INVALID', authMessages.settingInvalid, { key, value: String(value), min, max });
    }
    out[k] = value;
  }
  return out;
}

export function writeAuthSettings(db: Db, patch: Partial<AuthSettings>): void {
  const st = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(patch)) st.run(PREFIX + key, String(value));
}
