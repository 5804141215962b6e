import { VaultError } from '../errors.js';
import { defineMessages, type Message } from '../i18n/messages.js';
import { normalizeRetention } from './archival-code.js';
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, RETENTIONS, type Classification, type Retention } from './types.js';

/**
 * The one validation of catalog fields: `lantai edit`, the desktop's edit, batch edit and the
 * catalog import all call checkFields, so a value refused in one is refused in all, with the
 * same message naming the field. Values come back normalized (文号 brackets, dates, codes).
 */

export const fieldMessages = defineMessages({
  invalid: { zh: '{fieldZh}“{value}”不正确：{reasonZh}', en: 'The {fieldEn} "{value}" is not valid: {reasonEn}' },
});

/** What may be edited or imported, by its name in code. */
export interface FieldPatch {
  fondsCode?: string;
  categoryCode?: string;
  year?: number | string;
  retention?: string;
  orgUnit?: string;
  title?: string;
  creator?: string;
  docNumber?: string;
  docDate?: string | null;
  classification?: string;
  classificationPeriod?: string;
  remarks?: string;
  pageCount?: number | string;
  itemNumber?: number | string;
}

export interface CheckedFields {
  fondsCode?: string;
  categoryCode?: string;
  year?: number;
  retention?: Retention;
  orgUnit?: string;
  title?: string;
  creator?: string;
  docNumber?: string;
  docDate?: string | null;
  classification?: Classification;
  classificationPeriod?: string;
  remarks?: string;
  pageCount?: number;
  itemNumber?: number;
}

export type FieldName = keyof CheckedFields;

export const FIELD_LABELS: Record<FieldName, Message> = {
  fondsCode: { zh: '全宗号', en: 'fonds code' },
  categoryCode: { zh: '门类', en: 'category code' },
  year: { zh: '年度', en: 'year' },
  retention: { zh: '保管期限', en: 'retention' },
  orgUnit: { zh: '机构(问题)', en: 'org unit' },
  title: { zh: '题名', en: 'title' },
  creator: { zh: '责任者', en: 'creator' },
  docNumber: { zh: '文号', en: 'document number' },
  docDate: { zh: '成文日期', en: 'document date' },
  classification: { zh: '密级', en: 'classification' },
  classificationPeriod: { zh: '保密期限', en: 'classification period' },
  remarks: { zh: '备注', en: 'remarks' },
  pageCount: { zh: '页数', en: 'page count' },
  itemNumber: { zh: '件号', en: 'item number' },
};

export interface FieldProblem {
  field: FieldName;
  value: string;
  reason: Message;
}

export function fieldError(p: FieldProblem): VaultError {
  const label = FIELD_LABELS[p.field];
  return VaultError.of('CATALOG_FIELD_INVALID', fieldMessages.invalid, { fieldZh: label.zh, fieldEn: label.en, value: p.value, reasonZh: p.reason.zh, reasonEn: p.reason.en }, { field: p.field });
}

const R = {
  separators: { zh: '不能含有档号分隔符 - 或 ·', en: 'it cannot contain the archival-code separators - or ·' },
  tooLong: { zh: '太长', en: 'too long' },
  category: { zh: '应为 1–4 个字母，如 WS', en: 'must be 1 to 4 letters, e.g. WS' },
  year: { zh: '应为四位年份', en: 'must be a four-digit year' },
  retention: { zh: '应为 Y、D30 或 D10（永久/长期/短期）', en: 'must be Y, D30 or D10 (永久/长期/短期)' },
  titleEmpty: { zh: '题名不能为空', en: 'the title cannot be empty' },
  docNumber: { zh: '应为 机关代字〔年份〕序号号，如 档发〔2016〕6号', en: 'must be agency code〔year〕number号, e.g. 档发〔2016〕6号' },
  docDate: { zh: '应为有效日期 YYYY-MM-DD（或 YYYYMMDD）', en: 'must be a real date YYYY-MM-DD (or YYYYMMDD)' },
  classification: { zh: '应为 公开、内部、秘密、机密 或 绝密（可带 ★期限）', en: 'must be 公开, 内部, 秘密, 机密 or 绝密 (optionally ★period)' },
  period: { zh: '应为 N年、YYYY年M月D日 或 长期', en: 'must be N年, YYYY年M月D日 or 长期' },
  positive: { zh: '应为正整数', en: 'must be a positive whole number' },
  itemNumber: { zh: '应为 1–99999 的整数', en: 'must be a whole number from 1 to 99999' },
} satisfies Record<string, Message>;

const SEPARATORS = /[-·•・.]/;
const BRACKETS_OPEN = '〔[【(（［';
const BRACKETS_CLOSE = '〕]】)）］';
const DOC_NUMBER = new RegExp(`^(\\S.*?)\\s*[${BRACKETS_OPEN.replace(/[[\]()]/g, '\\$&')}]\\s*(\\d{4})\\s*[${BRACKETS_CLOSE.replace(/[[\]()]/g, '\\$&')}]\\s*(\\d{1,6})\\s*号$`);

/** 档发〔2016〕6号 with the brackets OCR and keyboards give ([] 【】 ()) written as GB/T 9704 writes them. */
export function normalizeDocNumber(value: string): string | undefined {
  const v = value.normalize('NFKC').trim();
  if (v === '') return '';
  const m = DOC_NUMBER.exec(v);
  if (!m) return undefined;
  return `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
}

export function validIsoDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** YYYY-MM-DD, YYYYMMDD (as catalogs print it) or YYYY/MM/DD; '' is no date. */
export function normalizeDocDate(value: string): string | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/.exec(v);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return validIsoDate(iso) ? iso : undefined;
}

/** 公开 / public / 秘密★10年 …: the level, and the period when the mark carries one. */
export function parseClassificationMark(value: string): { classification: Classification; period?: string } | undefined {
  const v = value.trim();
  const [level, period] = v.split(/★|\*/).map((s) => s.trim());
  for (const c of CLASSIFICATIONS) {
    if (c === level || CLASSIFICATION_LABELS[c].zh === level || CLASSIFICATION_LABELS[c].en === level) return { classification: c, ...(period ? { period } : {}) };
  }
  return undefined;
}

export function validPeriod(p: string): boolean {
  return p === '' || p === '长期' || /^\d{1,3}年$/.test(p) || /^\d{4}年\d{1,2}月(\d{1,2}日)?$/.test(p);
}

/** How long each retention keeps a record: Y outranks D30 outranks D10. */
export const RETENTION_RANK: Record<Retention, number> = { Y: 3, D30: 2, D10: 1 };

export function isLowering(from: Retention, to: Retention): boolean {
  return RETENTION_RANK[to] < RETENTION_RANK[from];
}

export { RETENTIONS };

/**
 * Checks and normalizes every given field; returns all problems (an import reports every bad
 * cell of a row), or the checked values when there are none.
 */
export function checkFields(patch: FieldPatch): { fields: CheckedFields; problems: FieldProblem[] } {
  const fields: CheckedFields = {};
  const problems: FieldProblem[] = [];
  const bad = (field: FieldName, value: unknown, reason: Message) => problems.push({ field, value: String(value ?? ''), reason });
  const text = (field: 'fondsCode' | 'orgUnit' | 'title' | 'creator' | 'remarks', max: number, code: boolean) => {
    const raw = patch[field];
    if (raw === undefined) return;
    const v = String(raw).trim();
    if (v.length > max) bad(field, v, R.tooLong);
    else if (code && SEPARATORS.test(v)) bad(field, v, R.separators);
    else if (field === 'title' && v === '') bad(field, v, R.titleEmpty);
    else fields[field] = v;
  };
  text('fondsCode', 20, true);
  text('orgUnit', 40, true);
  text('title', 1000, false);
  text('creator', 200, false);
  text('remarks', 2000, false);
  if (patch.categoryCode !== undefined) {
    const v = String(patch.categoryCode).trim().toUpperCase();
    if (/^[A-Z]{1,4}$/.test(v)) fields.categoryCode = v;
    else bad('categoryCode', patch.categoryCode, R.category);
  }
  if (patch.year !== undefined) {
    const v = String(patch.year).trim();
    if (/^\d{4}$/.test(v) && Number(v) >= 1000) fields.year = Number(v);
    else bad('year', patch.year, R.year);
  }
  if (patch.retention !== undefined) {
    const v = normalizeRetention(String(patch.retention));
    if (v) fields.retention = v;
    else bad('retention', patch.retention, R.retention);
  }
  if (patch.docNumber !== undefined) {
    const v = normalizeDocNumber(String(patch.docNumber));
    if (v !== undefined) fields.docNumber = v;
    else bad('docNumber', patch.docNumber, R.docNumber);
  }
  if (patch.docDate !== undefined) {
    const v = patch.docDate === null ? null : normalizeDocDate(String(patch.docDate));
    if (v !== undefined) fields.docDate = v;
    else bad('docDate', patch.docDate, R.docDate);
  }
  if (patch.classification !== undefined) {
    const v = parseClassificationMark(String(patch.classification));
    if (v) {
      fields.classification = v.classification;
      if (v.period !== undefined && patch.classificationPeriod === undefined) fields.classificationPeriod = v.period;
    } else bad('classification', patch.classification, R.classification);
  }
  const period = patch.classificationPeriod ?? fields.classificationPeriod;
  if (period !== undefined) {
    const v = String(period).trim();
    if (validPeriod(v)) fields.classificationPeriod = v;
    else bad('classificationPeriod', period, R.period);
  }
  if (patch.pageCount !== undefined) {
    const n = Number(String(patch.pageCount).trim());
    if (Number.isSafeInteger(n) && n >= 1) fields.pageCount = n;
    else bad('pageCount', patch.pageCount, R.positive);
  }
  if (patch.itemNumber !== undefined) {
    const n = Number(String(patch.itemNumber).trim());
    if (Number.isSafeInteger(n) && n >= 1 && n <= 99999) fields.itemNumber = n;
    else bad('itemNumber', patch.itemNumber, R.itemNumber);
  }
  return { fields, problems };
}

/** checkFields, throwing the first problem (an edit names the one field to fix). */
export function checkFieldsOrThrow(patch: FieldPatch): CheckedFields {
  const { fields, problems } = checkFields(patch);
  if (problems.length > 0) throw fieldError(problems[0]!);
  return fields;
}
