import { VaultError } from '../errors.js';
import type { Db } from '../db/database.js';
import { normalizeRetention } from '../catalog/archival-code.js';
import { readSetting } from '../catalog/settings.js';
import { CLASSIFICATIONS, type Classification, type RecordFields } from '../catalog/types.js';
import { ingestMessages } from './messages.js';

/** What the archivist may give for a batch; everything else comes from settings and the source name. */
export interface IngestMetadata {
  fondsCode?: string;
  categoryCode?: string;
  year?: number;
  retention?: string;
  orgUnit?: string;
  title?: string;
  creator?: string;
  docNumber?: string;
  docDate?: string;
  classification?: string;
  classificationPeriod?: string;
  remarks?: string;
}

const CLASSIFICATION_NAMES: Record<string, Classification> = {
  公开: 'public', 内部: 'internal', 秘密: 'secret', 机密: 'confidential', 绝密: 'top_secret',
};

export function normalizeClassification(value: string): Classification | undefined {
  const v = value.trim();
  if ((CLASSIFICATIONS as readonly string[]).includes(v)) return v as Classification;
  return CLASSIFICATION_NAMES[v];
}

function bad(field: string, value: unknown, reason: string): never {
  throw VaultError.of('INGEST_BAD_METADATA', ingestMessages.badMetadata, { field, value: String(value), reason });
}

function validDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** Checks and completes the batch metadata once, before any file is touched. */
export function resolveFields(db: Db, meta: IngestMetadata, sourceName: string, now = new Date()): RecordFields {
  const retention = normalizeRetention(meta.retention ?? readSetting(db, 'catalog.defaultRetention'));
  if (!retention) bad('retention', meta.retention, 'Y, D30, D10 (永久/长期/短期)');
  const categoryCode = (meta.categoryCode ?? readSetting(db, 'catalog.defaultCategory')).trim().toUpperCase();
  if (!/^[A-Z]{1,4}$/.test(categoryCode)) bad('category', meta.categoryCode, '1–4 letters, e.g. WS');
  const docDate = meta.docDate?.trim() || null;
  if (docDate !== null && !validDate(docDate)) bad('docDate', docDate, 'YYYY-MM-DD');
  const year = meta.year ?? (docDate ? Number(docDate.slice(0, 4)) : now.getFullYear());
  if (!Number.isInteger(year) || year < 1000 || year > 9999) bad('year', meta.year, 'four digits');
  const classification = normalizeClassification(meta.classification ?? 'public');
  if (!classification) bad('classification', meta.classification, '公开/内部/秘密/机密/绝密');
  const fondsCode = (meta.fondsCode ?? readSetting(db, 'catalog.defaultFonds')).trim();
  // 全宗号 and 机构 default from the vault's settings (set at first run); the 档号 stays provisional until confirmed.
  const orgUnit = (meta.orgUnit ?? readSetting(db, 'catalog.defaultOrg')).trim();
  for (const [field, value] of [['fonds', fondsCode], ['orgUnit', orgUnit]] as const) {
    if (/[-·]/.test(value)) bad(field, value, 'no - or · (they separate the parts of the archival code)');
  }
  return {
    fondsCode,
    categoryCode,
    year,
    retention: retention!,
    orgUnit,
    title: meta.title?.trim() || sourceName.replace(/\.[^.]+$/, ''),
    creator: meta.creator?.trim() ?? '',
    docNumber: meta.docNumber?.trim() ?? '',
    docDate,
    classification: classification!,
    classificationPeriod: meta.classificationPeriod?.trim() ?? '',
    remarks: meta.remarks?.trim() ?? '',
  };
}
