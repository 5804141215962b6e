import { column, type ColumnKey } from '../catalog/columns.js';
import { CATALOG_XML, itemDir, masterPath, textPath } from './layout.js';
import type { PackageItem } from './types.js';
import { element, escapeXml, unescapeXml } from './xml.js';

/**
 * 文件目录.XML: one 条目 per record with the columns 档发〔2012〕7号 lists (顺序号, 档号, 责任者,
 * 题名, 日期, 密级, 电子档案名称, 备注), the other DA/T 22 fields, and one 文件 per file with
 * its role and digests, so the receiving side can tie every file to its catalog entry.
 */

export interface CatalogFile {
  path: string;
  role: 'master' | 'text';
  sha256?: string;
  sm3?: string;
}

export interface CatalogEntry {
  seq: number;
  archivalCode: string;
  files: CatalogFile[];
  /** Every other column of the 条目 as written (题名, 责任者, 日期, 密级, 文号, 全宗号 …), by its element name. */
  columns: Record<string, string>;
}

/** The columns of an 条目 besides 顺序号 and 档号, as formatCatalogXml writes them. */
export const ENTRY_COLUMNS = ['责任者', '题名', '日期', '密级', '电子档案名称', '备注', '文号', '页数', '全宗号', '门类', '年度', '保管期限', '机构问题', '件号'] as const;

export interface ParsedCatalog {
  transferId: string;
  declared: number;
  entries: CatalogEntry[];
}

/** The catalog columns in 文件目录.XML's order (the 档发〔2012〕7号 ones first), from the one definition. */
const LEAD: readonly ColumnKey[] = ['seq', 'archivalCode', 'creator', 'title', 'date', 'classification'];
const REST: readonly ColumnKey[] = ['remarks', 'docNumber', 'pageCount', 'fondsCode', 'categoryCode', 'year', 'retention', 'orgUnit', 'itemNumber'];

export function formatCatalogXml(transferId: string, items: readonly PackageItem[], seqOffset = 0): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<文件目录 移交编号="${escapeXml(transferId)}" 条目数="${items.length}">`];
  items.forEach((item, i) => {
    const r = item.record;
    const cells = (keys: readonly ColumnKey[]) => keys.map((k) => { const c = column(k); return element(c.xml, c.value(r, seqOffset + i + 1)); }).join('');
    lines.push('  <条目>');
    lines.push(`    ${cells(LEAD)}${element('电子档案名称', itemDir(r))}`);
    lines.push(`    ${cells(REST)}`);
    for (const m of item.masters) {
      lines.push(`    <文件 角色="原件" 路径="${escapeXml(masterPath(r, m.seq, m.ext))}" 页数="${m.pageCount}" 格式="${escapeXml(m.ext)}" 大小="${m.size}" SHA256="${m.sha256}" SM3="${m.sm3}"/>`);
      if (m.pageTexts.some((t) => t !== '')) lines.push(`    <文件 角色="识别文本" 路径="${escapeXml(textPath(r, m.seq))}"/>`);
    }
    lines.push('  </条目>');
  });
  lines.push('</文件目录>', '');
  return lines.join('\n');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
}

function text(block: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(block);
  return m ? unescapeXml(m[1]!) : '';
}

/** Reads 文件目录.XML as this writer lays it out; throws a plain Error with the reason when it cannot. */
export function parseCatalogXml(xml: string): ParsedCatalog {
  const root = /<文件目录(?=[\s>])[^>]*>/.exec(xml);
  if (!root) throw new Error(`no <文件目录> root element in ${CATALOG_XML}`);
  const declared = Number(attr(root[0], '条目数') ?? NaN);
  const entries: CatalogEntry[] = [];
  for (const m of xml.matchAll(/<条目>([\s\S]*?)<\/条目>/g)) {
    const block = m[1]!;
    const files: CatalogFile[] = [];
    for (const f of block.matchAll(/<文件(?=\s)[^>]*\/>/g)) {
      const path = attr(f[0], '路径');
      if (path === undefined) throw new Error('a <文件> without 路径');
      const sha256 = attr(f[0], 'SHA256');
      const sm3 = attr(f[0], 'SM3');
      files.push({ path, role: attr(f[0], '角色') === '原件' ? 'master' : 'text', ...(sha256 ? { sha256 } : {}), ...(sm3 ? { sm3 } : {}) });
    }
    const columns: Record<string, string> = {};
    for (const name of ENTRY_COLUMNS) columns[name] = text(block, name);
    entries.push({ seq: Number(text(block, '顺序号')), archivalCode: text(block, '档号'), files, columns });
  }
  return { transferId: attr(root[0], '移交编号') ?? '', declared, entries };
}
