import type { PayloadEntry } from '../bag/index.js';
import { formatCatalogCsv } from './catalog-csv.js';
import { formatCatalogXml } from './catalog-xml.js';
import { CATALOG_CSV, CATALOG_XML, FORM_JSON, FORM_XML, README_TXT, REPORT_JSON, masterPath, textPath } from './layout.js';
import { formatReadme } from './readme.js';
import { formatFormXml, transferForm } from './transfer-form.js';
import type { PackagePlanInput, TransferFormData } from './types.js';
import { localDate } from '../util/local-date.js';

export interface PackagePlan {
  payload: PayloadEntry[];
  form: TransferFormData;
}


/** One master's OCR text: pages separated by form feeds, so page n is the n-th part. */
function masterText(pageTexts: readonly string[]): string {
  return pageTexts.join('\f\n');
}

/**
 * Everything the payload holds, in writing order: the records' files first, then the index
 * files (catalog, form, report, 说明文件) that describe them (DESIGN.md: data before index).
 */
export function planPackage(input: PackagePlanInput): PackagePlan {
  const payload: PayloadEntry[] = [];
  for (const item of input.items) {
    for (const m of item.masters) {
      payload.push({ path: masterPath(item.record, m.seq, m.ext), source: m.source, ...(m.sha256 && m.sm3 ? { known: { sha256: m.sha256, sm3: m.sm3 } } : {}) });
      if (m.pageTexts.some((t) => t !== '')) payload.push({ path: textPath(item.record, m.seq), source: Buffer.from(masterText(m.pageTexts), 'utf8') });
    }
  }
  const dataBytes = payload.reduce((n, e) => n + (typeof e.source === 'string' ? 0 : e.source.byteLength), 0)
    + input.items.reduce((n, i) => n + i.masters.reduce((k, m) => k + m.size, 0), 0);
  const date = input.date ?? localDate(new Date());
  const form = transferForm(input, { files: payload.length, bytes: dataBytes }, date);
  const text = (s: string): Buffer => Buffer.from(s, 'utf8');
  payload.push(
    { path: CATALOG_CSV, source: text(formatCatalogCsv(input.items, input.seqOffset ?? 0)) },
    { path: FORM_XML, source: text(formatFormXml(form)) },
    { path: FORM_JSON, source: text(`${JSON.stringify(form, null, 2)}\n`) },
    { path: REPORT_JSON, source: text(`${JSON.stringify(input.report, null, 2)}\n`) },
    { path: CATALOG_XML, source: text(formatCatalogXml(input.transferId, input.items, input.seqOffset ?? 0)) },
    { path: README_TXT, source: text(formatReadme(form)) },
  );
  return { payload, form };
}
