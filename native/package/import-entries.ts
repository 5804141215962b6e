import path from 'node:path';
import { normalizeRetention } from '../catalog/archival-code.js';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, type Classification, type RecordFields } from '../catalog/types.js';
import { VaultError } from '../errors.js';
import type { CatalogEntry } from './catalog-xml.js';
import { importMessages } from './import-messages.js';

/** One record of a received package, as the vault will hold it: the sender's 档号 and fields kept. */
export interface ImportEntry {
  archivalCode: string;
  itemNumber: number;
  fields: RecordFields;
  masters: { file: string; relative: string; sha256: string | undefined; sm3: string | undefined; textFile: string | undefined }[];
}

function bad(code: string, field: string, reason: string): never {
  throw VaultError.of('PACKAGE_IMPORT_BAD_ENTRY', importMessages.badEntry, { code, field, reason });
}

const LEVEL_BY_NAME = new Map<string, Classification>(CLASSIFICATIONS.map((c) => [CLASSIFICATION_LABELS[c].zh, c]));

/** 密级 as the package writes it: 公开, or 秘密★10年 (level ★ period). */
function classificationOf(code: string, value: string): { classification: Classification; period: string } {
  const [level = '', period = ''] = value.split('★');
  const classification = LEVEL_BY_NAME.get(level.trim() || '公开');
  if (!classification) bad(code, '密级', `"${value}" (公开/内部/秘密/机密/绝密)`);
  return { classification: classification!, period: period.trim() };
}

/** 日期 as YYYYMMDD (DA/T 22), or empty. */
function dateOf(code: string, value: string): string | null {
  if (value === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) bad(code, '日期', `"${value}" (YYYYMMDD)`);
  const iso = `${m![1]}-${m![2]}-${m![3]}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) bad(code, '日期', `"${value}" is not a calendar date`);
  return iso;
}

function positiveInt(code: string, field: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) bad(code, field, `"${value}" (a positive whole number)`);
  return n;
}

/**
 * Reads a catalog entry of a verified package into what the vault stores. Every field is
 * checked before anything is written; the 档号 is kept as the sender wrote it.
 */
export function importEntryOf(bagDir: string, entry: CatalogEntry): ImportEntry {
  const code = entry.archivalCode.trim();
  if (code === '') bad(`#${entry.seq}`, '档号', 'empty');
  const c = entry.columns;
  const year = positiveInt(code, '年度', c['年度'] ?? '');
  if (year < 1000 || year > 9999) bad(code, '年度', `"${year}" (four digits)`);
  const retention = normalizeRetention(c['保管期限'] ?? '');
  if (!retention) bad(code, '保管期限', `"${c['保管期限'] ?? ''}" (永久/30年/10年 or Y/D30/D10)`);
  const categoryCode = (c['门类'] ?? '').trim();
  if (!/^[A-Z]{1,4}$/.test(categoryCode)) bad(code, '门类', `"${categoryCode}" (1–4 capital letters)`);
  const { classification, period } = classificationOf(code, c['密级'] ?? '');
  const texts = new Map(entry.files.filter((f) => f.role === 'text').map((f) => [f.path.replace(/\.txt$/i, ''), f.path]));
  const masters = entry.files.filter((f) => f.role === 'master').map((f) => {
    const text = texts.get(f.path.replace(/\.[^./]+$/, ''));
    return {
      file: path.join(bagDir, 'data', ...f.path.split('/')), relative: f.path, sha256: f.sha256?.toLowerCase(), sm3: f.sm3?.toLowerCase(),
      textFile: text === undefined ? undefined : path.join(bagDir, 'data', ...text.split('/')),
    };
  });
  if (masters.length === 0) throw VaultError.of('PACKAGE_IMPORT_BAD_ENTRY', importMessages.noMasters, { code });
  return {
    archivalCode: code,
    itemNumber: positiveInt(code, '件号', c['件号'] ?? ''),
    fields: {
      fondsCode: (c['全宗号'] ?? '').trim(), categoryCode, year, retention: retention!, orgUnit: (c['机构问题'] ?? '').trim(),
      title: (c['题名'] ?? '').trim() || code, creator: (c['责任者'] ?? '').trim(), docNumber: (c['文号'] ?? '').trim(),
      docDate: dateOf(code, (c['日期'] ?? '').trim()), classification, classificationPeriod: period, remarks: (c['备注'] ?? '').trim(),
    },
    masters,
  };
}
