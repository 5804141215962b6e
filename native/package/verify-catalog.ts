import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogXml, type ParsedCatalog } from './catalog-xml.js';
import { CATALOG_XML, RECORDS_DIR } from './layout.js';
import type { PackageFindings } from './problems.js';

/** UTF-8, or GB18030 (accepted on import, ARCHIVAL-RULES): the text and which it was. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'GB18030' } | null {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'GB18030' };
    } catch {
      return null;
    }
  }
}

/**
 * Catalog ↔ files: every file 文件目录.XML lists is in the payload, every file under 电子档案/
 * is listed, and the catalog's digests agree with the manifest's.
 */
export async function checkCatalog(bagDir: string, payload: readonly string[], manifest: Map<string, string>, findings: PackageFindings): Promise<ParsedCatalog | null> {
  let bytes: Buffer;
  try {
    const file = path.join(bagDir, 'data', CATALOG_XML);
    if (!(await fs.promises.lstat(file)).isFile()) return null; // a link: the bag stages report it
    bytes = await fs.promises.readFile(file);
  } catch {
    return null; // the layout stage reports it missing
  }
  const decoded = decodeText(bytes);
  if (!decoded) {
    findings.add('error', 'catalog', 'CATALOG_UNREADABLE', { reason: 'neither UTF-8 nor GB18030' });
    return null;
  }
  if (decoded.encoding === 'GB18030') findings.add('warning', 'catalog', 'ENCODING_GB18030', { path: `data/${CATALOG_XML}` });
  let catalog: ParsedCatalog;
  try {
    catalog = parseCatalogXml(decoded.text);
  } catch (e) {
    findings.add('error', 'catalog', 'CATALOG_UNREADABLE', { reason: e instanceof Error ? e.message : String(e) });
    return null;
  }
  if (catalog.declared !== catalog.entries.length) findings.add('error', 'catalog', 'CATALOG_COUNT_MISMATCH', { entries: catalog.entries.length, declared: String(catalog.declared) });
  const onDisk = new Set(payload);
  const listed = new Set<string>();
  for (const entry of catalog.entries) {
    for (const f of entry.files) {
      listed.add(f.path);
      if (!onDisk.has(f.path)) {
        findings.add('error', 'catalog', 'CATALOG_FILE_MISSING', { code: entry.archivalCode, path: f.path });
        continue;
      }
      const digest = manifest.get(`data/${f.path}`);
      if (f.sha256 && digest && f.sha256.toLowerCase() !== digest) findings.add('error', 'catalog', 'CATALOG_DIGEST_MISMATCH', { path: f.path, algorithm: 'SHA-256' });
    }
  }
  for (const p of payload) {
    if (p.startsWith(`${RECORDS_DIR}/`) && !listed.has(p)) findings.add('error', 'catalog', 'CATALOG_FILE_UNLISTED', { path: p });
  }
  return catalog;
}
