import fs from 'node:fs';
import path from 'node:path';
import { recordPages } from '../../../native/catalog/records.js';
import { ingest } from '../../../native/ingest/ingest-job.js';
import type { Vault } from '../../../native/vault/vault.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { tempDir } from '../../harness/temp.js';
import { renderPage, type PageSpec } from './render.js';

export const META = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS' };

export const BODY =
  '为进一步加强档案安全工作，保障档案实体安全和信息安全，现提出如下意见。各级档案部门要高度重视档案安全工作，' +
  '把档案安全作为档案工作的底线，建立健全档案安全责任制，定期开展档案安全检查，及时消除安全隐患。';

/**
 * A small document: page 1 a first page (header, 文号, title, date and seal), later pages plain
 * body text; rendered at 120 dpi so tesseract reads each page in well under a second.
 */
export async function writeDocument(dir: string, pages: number, first: Partial<PageSpec> = {}): Promise<{ dir: string; groundTruth: string[] }> {
  fs.mkdirSync(dir, { recursive: true });
  const groundTruth: string[] = [];
  let body = BODY.repeat(4);
  for (let i = 0; i < pages; i++) {
    const spec: PageSpec = i === 0 ? { body: body.slice(0, 60), first: true, dpi: 120, ...first } : { body: body.slice(0, 90), dpi: 120 };
    const page = renderPage(spec);
    body = body.slice(page.consumed) + body.slice(0, page.consumed);
    fs.writeFileSync(path.join(dir, `${i + 1}.png`), page.png);
    groundTruth.push(page.groundTruth);
  }
  return { dir, groundTruth };
}

/** A new vault holding one ingested document of `pages` pages (queued for OCR by ingest). */
export async function vaultWithDocument(pages: number, first: Partial<PageSpec> = {}): Promise<{ vault: Vault; root: string; recordId: number; pageIds: number[]; groundTruth: string[] }> {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const doc = await writeDocument(path.join(root, 'scans', '关于档案安全的意见'), pages, first);
  const summary = await ingest(vault, { paths: [doc.dir], metadata: META });
  const recordId = summary.items[0]?.recordId;
  if (summary.status !== 'done' || recordId === undefined) throw new Error(`ingest failed: ${JSON.stringify(summary.items)}`);
  const pageIds = recordPages(vault.db, recordId).map((p) => p.id);
  return { vault, root, recordId, pageIds, groundTruth: doc.groundTruth };
}
