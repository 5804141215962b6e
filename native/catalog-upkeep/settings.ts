import { guarded, recordAudit } from '../auth/authorize.js';
import type { OperationContext } from '../auth/types.js';
import { SETTING_DEFAULTS, readSetting, type SettingKey } from '../catalog/settings.js';
import { checkFieldsOrThrow } from '../catalog/fields.js';
import { VaultError } from '../errors.js';
import { defineMessages } from '../i18n/messages.js';

/**
 * The vault's catalog settings, set by the sysadmin at first run and after: the defaults a new
 * record's 档号 takes (全宗号, 门类, 机构, 保管期限), the code style, and the appraisal settings
 * the rules leave to the office (开放审核 after 25 years; a 鉴定小组 of at least two).
 */
export interface CatalogSettings {
  defaultFonds: string;
  defaultCategory: string;
  defaultOrg: string;
  defaultRetention: string;
  codeStyle: string;
  itemDigits: number;
  openReviewYears: number;
  minDeciders: number;
}

const KEYS: Record<keyof CatalogSettings, SettingKey> = {
  defaultFonds: 'catalog.defaultFonds',
  defaultCategory: 'catalog.defaultCategory',
  defaultOrg: 'catalog.defaultOrg',
  defaultRetention: 'catalog.defaultRetention',
  codeStyle: 'catalog.codeStyle',
  itemDigits: 'catalog.itemDigits',
  openReviewYears: 'appraisal.openReviewYears',
  minDeciders: 'appraisal.minDeciders',
};

const messages = defineMessages({
  bad: { zh: '设置 {key} 的值“{value}”不正确：{rule}', en: 'The setting {key} cannot be "{value}": {rule}' },
  unknown: { zh: '没有设置项 {key}。', en: 'No setting {key}.' },
});

export function readCatalogSettings(ctx: Pick<OperationContext, 'db'>): CatalogSettings {
  const n = (k: SettingKey) => Number(readSetting(ctx.db, k));
  return {
    defaultFonds: readSetting(ctx.db, KEYS.defaultFonds), defaultCategory: readSetting(ctx.db, KEYS.defaultCategory), defaultOrg: readSetting(ctx.db, KEYS.defaultOrg),
    defaultRetention: readSetting(ctx.db, KEYS.defaultRetention), codeStyle: readSetting(ctx.db, KEYS.codeStyle), itemDigits: n(KEYS.itemDigits),
    openReviewYears: n(KEYS.openReviewYears), minDeciders: n(KEYS.minDeciders),
  };
}

function check(key: keyof CatalogSettings, value: unknown): string {
  const bad = (rule: string): never => {
    throw VaultError.of('SETTING_INVALID', messages.bad, { key, value: String(value), rule });
  };
  const v = String(value ?? '').trim();
  switch (key) {
    case 'defaultFonds': return checkFieldsOrThrow({ fondsCode: v }).fondsCode ?? '';
    case 'defaultOrg': return checkFieldsOrThrow({ orgUnit: v }).orgUnit ?? '';
    case 'defaultCategory': return checkFieldsOrThrow({ categoryCode: v }).categoryCode!;
    case 'defaultRetention': return checkFieldsOrThrow({ retention: v }).retention!;
    case 'codeStyle': return v === 'dash' || v === 'dot' ? v : bad('dash or dot');
    case 'itemDigits': return /^[345]$/.test(v) ? v : bad('3, 4 or 5');
    // The Archives Law's 25 years is the longest wait; an office may review earlier, never later.
    case 'openReviewYears': return /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 25 ? v : bad('1 to 25');
    case 'minDeciders': return /^\d+$/.test(v) && Number(v) >= 2 && Number(v) <= 9 ? v : bad('2 to 9 (one person never decides alone)');
  }
}

/** The sysadmin's change of catalog settings, checked and audited with before and after. */
export function changeCatalogSettings(ctx: OperationContext, patch: Partial<Record<keyof CatalogSettings, string | number>>): CatalogSettings {
  return guarded(ctx, 'change_settings', { type: 'settings', id: 'catalog' }, () => {
    const clean: [SettingKey, string][] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (!(k in KEYS)) throw VaultError.of('SETTING_UNKNOWN', messages.unknown, { key: k });
      clean.push([KEYS[k as keyof CatalogSettings], check(k as keyof CatalogSettings, v)]);
    }
    const before = readCatalogSettings(ctx);
    ctx.db.transaction(() => {
      const st = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      for (const [k, v] of clean) st.run(k, v);
      recordAudit(ctx, 'change_settings', { type: 'settings', id: 'catalog' }, 'ok', { before, after: readCatalogSettings(ctx) });
    }).immediate();
    return readCatalogSettings(ctx);
  });
}

export { SETTING_DEFAULTS };
