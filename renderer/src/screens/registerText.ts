import type { AccessMethod } from '../../../electron/contract.js';
import type { MessageKey, T } from '../i18n/index.js';

const METHOD_KEYS: Record<AccessMethod, MessageKey> = {
  view: 'regMethodView', copy: 'regMethodCopy', excerpt: 'regMethodExcerpt', certificate: 'regMethodCertificate', loan: 'regMethodLoan',
};
export const ACCESS_METHOD_LIST = Object.keys(METHOD_KEYS) as AccessMethod[];
export const accessMethodName = (t: T, m: AccessMethod): string => (METHOD_KEYS[m] ? t(METHOD_KEYS[m]) : m);

/** The lines of a text area, trimmed, blanks dropped. */
export const linesOf = (text: string | undefined): string[] => (text ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** A date-time-local value as the engine's ISO time (local time, as the person typed it). */
export const isoOfLocal = (v: string): string => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : v);

export const timeText = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '');
