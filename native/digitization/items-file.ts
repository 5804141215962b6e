import fs from 'node:fs';
import { parseArchivalCode } from '../catalog/archival-code.js';
import { isVaultError, VaultError } from '../errors.js';
import { badInput } from './bad-input.js';
import { digitizationMessages as m } from './messages.js';
import type { NewItem } from './types.js';

/**
 * The scope of a project as items: a CSV file from the paper catalog (档号,题名,页数; a header
 * row is recognized and skipped; UTF-8, quotes allowed) or a range of item numbers of one class
 * (`Z109-WS·2016-Y-BGS-0001..0050`). Every row is checked; the first bad one is named.
 */

function bad(where: string, field: string, value: string, zh: string, en: string): never {
  return badInput(field, value, zh, en, where);
}

/** One CSV line into fields (RFC 4180 quotes; no line breaks inside fields). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

function checkCode(code: string, where: string): void {
  try {
    parseArchivalCode(code);
  } catch (e) {
    if (isVaultError(e)) bad(where, '档号', code, e.text.zh, e.text.en);
    throw e;
  }
}

export function parseItemsCsv(text: string, file = ''): NewItem[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const items: NewItem[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file ? `${file} ` : ''}第 ${i + 1} 行 / line ${i + 1}: `;
    const [code = '', title = '', pages = ''] = csvFields(line);
    if (i === 0 && /档号|archival/i.test(code)) return;
    checkCode(code, where);
    if (seen.has(code)) throw VaultError.of('DIGITIZATION_BAD_INPUT', m.duplicateItem, { where, code });
    seen.add(code);
    let expectedPages: number | undefined;
    if (pages !== '') {
      expectedPages = Number(pages);
      if (!Number.isSafeInteger(expectedPages) || expectedPages < 1) bad(where, '页数', pages, '须为正整数', 'must be a whole number of at least 1');
    }
    items.push({ archivalCode: code, ...(title ? { title } : {}), ...(expectedPages !== undefined ? { expectedPages } : {}) });
  });
  return items;
}

export function readItemsFile(file: string): NewItem[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw VaultError.of('DIGITIZATION_BAD_INPUT', m.itemsFileUnreadable, { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return parseItemsCsv(text, file);
}

/** `FROM..TO` of one class: the item numbers between the two, zero-padded as FROM is. */
export function itemsOfRange(range: string): NewItem[] {
  const where = '--range: ';
  const [from = '', to = ''] = range.split('..').map((s) => s.trim());
  checkCode(from, where);
  const head = from.replace(/\d+$/, '');
  const digits = from.length - head.length;
  const a = Number(from.slice(head.length));
  const b = to.startsWith(head) ? Number(to.slice(head.length)) : /^\d+$/.test(to) ? Number(to) : NaN;
  if (!Number.isSafeInteger(b) || b < a || b - a >= 100_000) bad(where, 'TO', to, `须为同一类别中不小于 ${from} 的件号`, `must be an item number of the same class, not below ${from}`);
  const items: NewItem[] = [];
  for (let n = a; n <= b; n++) items.push({ archivalCode: `${head}${String(n).padStart(digits, '0')}` });
  return items;
}
