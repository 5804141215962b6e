/** Request schemas of the settings channels; spread into schemas.ts. Values are checked by the engine (range, shape). */
import type { AuthSettings, CatalogSettings } from '../../native/api/index.js';
import type { Req } from '../contract.js';
import { optInt, optObj, optStr } from './request.js';

type SettingsChannel = 'settings:get' | 'settings:setAuth' | 'settings:setCatalog';

const AUTH_KEYS = ['minPasswordLength', 'maxFailures', 'lockMinutes', 'failureDelaySeconds', 'idleLockMinutes', 'maxGrantDays'] as const satisfies readonly (keyof AuthSettings)[];
const CATALOG_TEXT = ['defaultFonds', 'defaultCategory', 'defaultOrg', 'defaultRetention', 'codeStyle'] as const satisfies readonly (keyof CatalogSettings)[];
const CATALOG_INT = ['itemDigits', 'openReviewYears', 'minDeciders'] as const satisfies readonly (keyof CatalogSettings)[];

export const settingsSchemas: { [C in SettingsChannel]: (raw: unknown) => Req<C> } = {
  'settings:get': () => undefined,
  'settings:setAuth': (raw) => {
    const o = optObj(raw);
    const out: Partial<AuthSettings> = {};
    for (const k of AUTH_KEYS) {
      const v = optInt(o, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  },
  'settings:setCatalog': (raw) => {
    const o = optObj(raw);
    const out: Partial<CatalogSettings> = {};
    for (const k of CATALOG_TEXT) {
      const v = optStr(o, k, 100);
      if (v !== undefined) out[k] = v;
    }
    for (const k of CATALOG_INT) {
      const v = optInt(o, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  },
};
