/**
 * The 成文日期 of the documents in ../shared/seeds, found by reading them (not by running the
 * extractor). Several seeds hold more than one document (a forwarding notice followed by the
 * forwarded one); each document is also cut out on its own, as it would be scanned as an item.
 * Documents that print no 成文日期 of their own expect null: a print date (…印发) or a date
 * of an embedded document is a wrong answer there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PageText } from '../../../native/extract/types.js';
import { SEEDS } from '../../harness/temp.js';

export function seedText(prefix: string): string {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.txt'));
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS}`);
  return fs.readFileSync(path.join(SEEDS, name), 'utf8');
}

/** The part of `text` from the line holding `from` up to (not including) the line holding `to`. */
export function cut(text: string, from: string, to?: string): string {
  const a = text.indexOf(from);
  if (a < 0) throw new Error(`seed text lacks ${from}`);
  const start = text.lastIndexOf('\n', a) + 1;
  if (to === undefined) return text.slice(start);
  const b = text.indexOf(to, a + from.length);
  if (b < 0) throw new Error(`seed text lacks ${to}`);
  return text.slice(start, text.lastIndexOf('\n', b) + 1);
}

/** Splits text into pages of about `size` characters at line ends, like a multi-page scan. */
export function toPages(text: string, size = 1500): PageText[] {
  const pages: PageText[] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of text.split('\n')) {
    if (length + line.length > size && current.length > 0) {
      pages.push({ pageNo: pages.length + 1, text: current.join('\n') });
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + 1;
  }
  if (current.length > 0) pages.push({ pageNo: pages.length + 1, text: current.join('\n') });
  return pages;
}

/**
 * What tesseract does to Chinese text: blanks between some characters (deterministic, about
 * one gap in three), full-width digits here and there, and 〇 read as O or ○.
 */
export function ocrNoise(text: string, seed = 7): string {
  let state = seed;
  const rand = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    let c = ch;
    if (/[0-9]/.test(ch) && rand() < 0.15) c = String.fromCharCode(ch.charCodeAt(0) - 0x30 + 0xff10);
    if (ch === '〇') c = rand() < 0.5 ? 'O' : '○';
    out += c;
    if (next !== undefined && next !== '\n' && ch !== '\n' && /[\u4e00-\u9fff0-9]/.test(ch) && rand() < 0.33) out += ' ';
  }
  return out;
}

export interface SeedDocCase {
  name: string;
  text: () => string;
  /** YYYY-MM-DD, or null when the document prints no 成文日期 of its own. */
  expected: string | null;
}

export const SEED_DOC_DATES: SeedDocCase[] = [
  // 国家档案局 档发〔2016〕6号: sign-off 国家档案局 / 2016年4月26日.
  { name: '000 档发〔2016〕6号 (whole seed)', text: () => seedText('000'), expected: '2016-04-26' },
  // Seed 001 is garbled OCR. The Dalian notice (大档发〔2017〕21号) shows no date of its own; the
  // forwarded Liaoning notice is legible: 辽宁省档案局 / 2017年 7月 18日. The speech's date
  // "(2017亻i7丿 1121日 )" is illegible, and 2017年 7月 12日 is the meeting date in a sentence.
  { name: '001 大档发〔2017〕21号 (whole seed)', text: () => seedText('001'), expected: null },
  { name: '001 辽宁省档案局 notice', text: () => cut(seedText('001'), ' 辽宁省档案局关于印发许桂清同志', 'rl:个省'), expected: '2017-07-18' },
  // Seed 002 is a news reprint of 中办发〔2014〕15号 without header or sign-off.
  { name: '002 news reprint (whole seed)', text: () => seedText('002'), expected: null },
  // 辽教办发〔2015〕56号: 辽宁省教育厅办公室 / 2015年4月14日; it forwards 辽委办发〔2015〕14号:
  // 中共辽宁省委办公厅 / 辽宁省人民政府办公厅 / 2015年3月24日.
  { name: '003 辽教办发〔2015〕56号 (whole seed)', text: () => seedText('003'), expected: '2015-04-14' },
  { name: '003 辽委办发〔2015〕14号', text: () => cut(seedText('003'), '中共辽宁省委办公厅文件'), expected: '2015-03-24' },
  // 郑档〔2015〕9号 has no sign-off date: only "自 2015 年 3 月 9 日起生效" in its rules and the
  // imprint "郑州市档案局 / 2015年3月9日印发". 豫档办〔2015〕2号: 河南省档案局办公室 / 2015年1月16日
  // (its imprint repeats 2015年1月16日印发). 档办发〔2014〕7号 shows only its imprint
  // "国家档案局办公室秘书处 / 2014年12月15日印发".
  { name: '004 郑档〔2015〕9号 (whole seed)', text: () => seedText('004'), expected: null },
  { name: '004 豫档办〔2015〕2号', text: () => cut(seedText('004'), '豫档办〔2015〕2号\n', '国家档案局办公室文件'), expected: '2015-01-16' },
  { name: '004 档办发〔2014〕7号', text: () => cut(seedText('004'), '国家档案局办公室文件'), expected: null },
];
