import { msg, type Message } from '../i18n/messages.js';
import { bagMessages } from './messages.js';
import { decodeManifestPath, type BagVersion } from './paths.js';
import { splitLines } from './tag-text.js';

export const FETCH_TXT = 'fetch.txt';

export interface FetchEntry {
  line: number;
  url: string;
  /** Octet count, or null for `-` (unknown). */
  length: number | null;
  path: string;
}

/**
 * Parses `URL LENGTH FILENAME` lines (RFC 8493 §2.2.3). The vault never fetches anything: the
 * entries are read only to check their paths and whether the files are already present.
 */
export function parseFetch(text: string, version: BagVersion): { entries: FetchEntry[]; errors: Array<{ line: number; detail: Message }> } {
  const entries: FetchEntry[] = [];
  const errors: Array<{ line: number; detail: Message }> = [];
  splitLines(text).forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    const m = /^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$/.exec(lineText);
    if (!m) {
      errors.push({ line, detail: msg(bagMessages.detailFetchFields, { text: lineText }) });
      return;
    }
    const rawPath = m[3]!.startsWith('./') ? m[3]!.slice(2) : m[3]!;
    entries.push({ line, url: m[1]!, length: m[2] === '-' ? null : Number(m[2]), path: decodeManifestPath(rawPath, version) });
  });
  return { entries, errors };
}
