import fs from 'node:fs';
import path from 'node:path';
import { EMBEDDED_DOCUMENTS } from './embedded.js';

/** What a printed line of an official document is, by GB/T 9704's element names. */
export type LineRole = 'classification' | 'header' | 'docNumber' | 'title' | 'recipient' | 'body' | 'signature' | 'date' | 'pageNumber';

export interface Paragraph {
  role: LineRole;
  text: string;
}

export interface SourceDocument {
  id: string;
  /** Where the text came from: a seed file path, or "embedded". */
  source: string;
  paragraphs: Paragraph[];
  sealText: string;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d\u2026\u2605]/u;

/**
 * One typed line → the paragraph as printed: markdown list marks dropped, and whitespace
 * removed wherever it touches a Chinese character (Chinese is set without spaces; the seed
 * texts carry stray OCR spaces), kept as one space between Latin words and numbers.
 */
export function normalizeParagraph(line: string): string {
  const s = line.trim().replace(/^[-*]\s+/, '').replace(/\s+/g, ' ');
  let out = '';
  const chars = Array.from(s);
  chars.forEach((ch, i) => {
    if (ch !== ' ') {
      out += ch;
      return;
    }
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if (!CJK.test(before) && !CJK.test(after)) out += ' ';
  });
  return out;
}

export function paragraphsOf(text: string): string[] {
  return text.split(/\r?\n/).map(normalizeParagraph).filter((p) => p.length > 0);
}

const CLASSIFICATION = /^(内部|(秘密|机密|绝密)(★\d+年)?)$/u;
const DOC_NUMBER = /^\S{1,12}〔\d{4}〕\d+号$/u;
const DATE = /^(\d{4}年\d{1,2}月\d{1,2}日|[〇一二三四五六七八九]{4}年[〇一二三四五六七八九十]{1,2}月[〇一二三四五六七八九十]{1,3}日)$/u;

/** Gives each paragraph its role from its shape and position, as a reader of a 公文 would. */
export function classify(paragraphs: string[]): Paragraph[] {
  const roles: LineRole[] = paragraphs.map(() => 'body');
  let i = 0;
  if (paragraphs[0] !== undefined && CLASSIFICATION.test(paragraphs[0])) roles[i++] = 'classification';
  const head = paragraphs[i];
  if (head !== undefined && head.length <= 16 && (/文件$/u.test(head) || DOC_NUMBER.test(paragraphs[i + 1] ?? ''))) roles[i++] = 'header';
  let sawTitle = false;
  for (let k = i; k < Math.min(paragraphs.length, i + 4); k++) {
    const p = paragraphs[k]!;
    if (DOC_NUMBER.test(p)) roles[k] = 'docNumber';
    else if (!sawTitle && p.length <= 80 && !/[。：；，]$/u.test(p)) {
      roles[k] = 'title';
      sawTitle = true;
    } else if (sawTitle && /：$/u.test(p) && p.length <= 200) {
      roles[k] = 'recipient';
      break;
    } else break;
  }
  paragraphs.forEach((p, k) => {
    if (!DATE.test(p)) return;
    roles[k] = 'date';
    const prev = paragraphs[k - 1];
    if (prev !== undefined && roles[k - 1] === 'body' && prev.length <= 24 && !/[。：；，）)]$/u.test(prev)) roles[k - 1] = 'signature';
  });
  return paragraphs.map((text, k) => ({ role: roles[k]!, text }));
}

export function embeddedDocuments(): SourceDocument[] {
  return EMBEDDED_DOCUMENTS.map((d) => ({ id: d.id, source: 'embedded', paragraphs: classify(paragraphsOf(d.text)), sealText: d.sealText }));
}

/** Seed texts (*.txt and *.md) from a folder, in name order; a missing folder gives none. */
export function seedDocuments(dir: string | undefined): SourceDocument[] {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(txt|md)$/i.test(f) && !/^readme/i.test(f))
    .sort()
    .map((f) => {
      const paragraphs = classify(paragraphsOf(fs.readFileSync(path.join(dir, f), 'utf8')));
      const header = paragraphs.find((p) => p.role === 'header')?.text.replace(/文件$/u, '');
      const signer = paragraphs.find((p) => p.role === 'signature')?.text;
      return { id: `seed-${path.basename(f).replace(/\.[^.]+$/, '')}`, source: path.join(dir, f), paragraphs, sealText: signer ?? header ?? '档案馆' };
    });
}
