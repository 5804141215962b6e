import { msg, type Message } from '../i18n/messages.js';
import { bagMessages } from './messages.js';
import { splitLines } from './tag-text.js';

export const BAG_INFO_TXT = 'bag-info.txt';
/** The name bag-info.txt had before draft 0.96 (the suite's v0.93–v0.95 bags). */
export const PACKAGE_INFO_TXT = 'package-info.txt';

export interface InfoElement {
  label: string;
  value: string;
  line: number;
}

export interface ParsedInfo {
  elements: InfoElement[];
  errors: Array<{ line: number; detail: Message }>;
}

/**
 * Parses `Label: value` lines with indented continuation lines (joined by one space). Labels
 * are trimmed: the suite's `uncommon-metadata-separators` (`Test-Tag : 3`) is a valid bag, so
 * bag-info is read leniently even though bagit.txt is not.
 */
export function parseBagInfo(text: string): ParsedInfo {
  const elements: InfoElement[] = [];
  const errors: ParsedInfo['errors'] = [];
  splitLines(text).forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    if (/^[ \t]/.test(line)) {
      const last = elements[elements.length - 1];
      if (last) last.value = `${last.value} ${line.trim()}`;
      else errors.push({ line: lineNo, detail: bagMessages.detailContinuationFirst });
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon).trim() === '') {
      errors.push({ line: lineNo, detail: msg(bagMessages.detailNoColon, { text: line }) });
      return;
    }
    elements.push({ label: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim(), line: lineNo });
  });
  return { elements, errors };
}

/** Every value of a label; labels compare case-insensitively (the suite repeats them in mixed case). */
export function infoValues(info: ParsedInfo, label: string): string[] {
  const wanted = label.toLowerCase();
  return info.elements.filter((e) => e.label.toLowerCase() === wanted).map((e) => e.value);
}

export interface Oxum {
  octets: number;
  count: number;
}

/** `Payload-Oxum: <octets>.<count>`; null when malformed. */
export function parseOxum(value: string): Oxum | null {
  const m = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!m) return null;
  const octets = Number(m[1]);
  const count = Number(m[2]);
  return Number.isSafeInteger(octets) && Number.isSafeInteger(count) ? { octets, count } : null;
}

export function formatOxum(o: Oxum): string {
  return `${o.octets}.${o.count}`;
}

/** Labels RFC 8493 §2.2.2 says appear at most once. */
export const NON_REPEATABLE_LABELS = ['Bagging-Date', 'Bag-Size', 'Payload-Oxum', 'Bag-Group-Identifier', 'Bag-Count'] as const;

/** A label the writer can emit unambiguously: no colon, no whitespace, no line break. */
export function isValidLabel(label: string): boolean {
  return /^[^:\s]+$/u.test(label);
}

/** `Label: value` lines with LF endings; the caller has checked labels and values. */
export function formatBagInfo(elements: ReadonlyArray<readonly [string, string]>): string {
  return elements.map(([label, value]) => `${label}: ${value}\n`).join('');
}

/** Approximate size for Bag-Size, in the decimal units people read on disk labels. */
export function formatBagSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
