import fs from 'node:fs';
import path from 'node:path';
import { VaultError } from '../errors.js';
import { ingestMessages } from './messages.js';

/** One future record: its ordered source files. */
export interface IngestUnit {
  key: string;
  name: string;
  files: string[];
}

export const SCAN_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.tif', '.tiff', '.pdf']);

// Made on first use: loading the Chinese collation costs every CLI start ~10 ms otherwise (issue 14).
let collator: Intl.Collator | undefined;

/** Natural order, so 2.jpg comes before 10.jpg as a person expects page order. */
export function naturalSort(names: string[]): string[] {
  collator ??= new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });
  return [...names].sort(collator.compare);
}

function isHidden(name: string): boolean {
  return name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';
}

/**
 * Expands what the archivist named into items:
 * - a file named directly is one item (whatever its extension: the reader checks its bytes);
 * - a folder holding only files is one item, its scan files as pages in natural order
 *   (a scanner's per-document folder);
 * - a folder holding subfolders: each subfolder is expanded the same way, and each scan file
 *   lying beside them is an item of its own.
 * `eachFile` makes every scan file its own item.
 */
export function planUnits(paths: string[], options: { eachFile?: boolean } = {}): { units: IngestUnit[]; ignored: string[] } {
  const units: IngestUnit[] = [];
  const ignored: string[] = [];
  const visit = (p: string, named: boolean) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      throw VaultError.of('INGEST_PATH_MISSING', ingestMessages.pathMissing, { path: p }, {}, e);
    }
    if (st.isFile()) {
      if (named || SCAN_EXTENSIONS.has(path.extname(p).toLowerCase())) units.push({ key: p, name: path.basename(p), files: [p] });
      else ignored.push(p);
      return;
    }
    if (!st.isDirectory()) return;
    const entries = fs.readdirSync(p, { withFileTypes: true }).filter((e) => !isHidden(e.name));
    const dirs = naturalSort(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const files = naturalSort(entries.filter((e) => e.isFile()).map((e) => e.name));
    const scans = files.filter((f) => SCAN_EXTENSIONS.has(path.extname(f).toLowerCase()));
    ignored.push(...files.filter((f) => !scans.includes(f)).map((f) => path.join(p, f)));
    if (dirs.length === 0 && !options.eachFile) {
      if (scans.length > 0) units.push({ key: p, name: path.basename(p), files: scans.map((f) => path.join(p, f)) });
      return;
    }
    // Files and subfolders together in natural order, as a file manager lists them.
    const scanSet = new Set(scans);
    for (const name of naturalSort([...scans, ...dirs])) {
      if (scanSet.has(name)) units.push({ key: path.join(p, name), name, files: [path.join(p, name)] });
      else visit(path.join(p, name), false);
    }
  };
  for (const p of paths) visit(path.resolve(p), true);
  if (units.length === 0) {
    throw VaultError.of('INGEST_NOTHING', ingestMessages.nothingToIngest, { path: paths.join(', ') });
  }
  return { units, ignored };
}
