/**
 * Message catalogs: every user-facing string lives in a catalog entry with Simplified
 * Chinese first and English second. Modules define their own catalogs with defineMessages
 * so that no component hard-codes UI text.
 */
export type Lang = 'zh' | 'en';

export interface Message {
  zh: string;
  en: string;
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function defineMessages<T extends Record<string, Message>>(catalog: T): T {
  return catalog;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Formats both languages of a catalog entry with the same parameters. */
export function msg(entry: Message, params: Params = {}): Message {
  return { zh: fill(entry.zh, params), en: fill(entry.en, params) };
}

/**
 * zh when the user's locale says Chinese (LANTAI_LANG, then the first of LC_ALL, LC_MESSAGES,
 * LANG that is set), else en, as the README promises. C, POSIX or no locale at all get en: that
 * is what servers, containers and cron run with, and their logs are read by whoever set them up;
 * an archive room's desktops have a zh_CN locale.
 */
export function currentLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const explicit = env['LANTAI_LANG'];
  if (explicit === 'zh' || explicit === 'en') return explicit;
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

export function text(message: Message, lang: Lang): string {
  return message[lang];
}
