import { createContext, useContext, type ReactNode } from 'react';
import type { ErrorDTO } from '../../../electron/contract.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): T {
  return (key, params = {}) => catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

interface I18n {
  lang: Lang;
  t: T;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'zh', t: translator('zh'), setLang: () => undefined });

export function I18nProvider({ lang, setLang, children }: { lang: Lang; setLang: (l: Lang) => void; children: ReactNode }) {
  return <I18nContext.Provider value={{ lang, t: translator(lang), setLang }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The engine's bilingual error message in the UI language. */
export function errorText(e: ErrorDTO, lang: Lang): string {
  return e.message[lang] || e.message.zh;
}

const ROLE_KEYS: Record<string, MessageKey> = {
  sysadmin: 'roleSysadmin',
  security_officer: 'roleSecurityOfficer',
  auditor: 'roleAuditor',
  archivist: 'roleArchivist',
  backup_officer: 'roleBackupOfficer',
  vendor_operator: 'roleVendorOperator',
};

export function roleName(t: T, role: string): string {
  const k = ROLE_KEYS[role];
  return k ? t(k) : role;
}

const RETENTION_KEYS: Record<string, MessageKey> = { Y: 'retentionY', D30: 'retentionD30', D10: 'retentionD10' };
export function retentionName(t: T, r: string): string {
  const k = RETENTION_KEYS[r];
  return k ? t(k) : r;
}

const CLS_KEYS: Record<string, MessageKey> = { public: 'clsPublic', internal: 'clsInternal', secret: 'clsSecret', confidential: 'clsConfidential', top_secret: 'clsTopSecret' };
export function classificationName(t: T, c: string): string {
  const k = CLS_KEYS[c];
  return k ? t(k) : c;
}
