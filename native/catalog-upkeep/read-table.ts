import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unescapeXmlText } from '../catalog/xml-text.js';
import { VaultError } from '../errors.js';
import { upkeepMessages } from './messages.js';

/**
 * Reads a catalog file (.xlsx, .csv, .xml) as a header and rows of text cells, with the row
 * number a person sees in the file (the header is row 1 in a spreadsheet or CSV; the n-th
 * <条目> is row n in XML).
 */
export interface CatalogTable {
  headers: string[];
  rows: { rowNo: number; cells: string[] }[];
}

const MAX_BYTES = 200 * 1024 * 1024;

function unreadable(file: string, reason: string, cause?: unknown): VaultError {
  return VaultError.of('CATALOG_IMPORT_UNREADABLE', upkeepMessages.importUnreadable, { file, reason }, {}, cause);
}

/** UTF-8 (with or without BOM); GB18030 when the bytes are not UTF-8 (older systems write it). */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) out.push({ line: start, cells });
      cells = []; cell = ''; line++; start = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) out.push({ line: start, cells });
  return out;
}

/** A spreadsheet-safe cell written as 'text is read back as text. */
function unquote(s: string): string {
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

async function readXlsx(file: string): Promise<CatalogTable> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable(file, 'no worksheet');
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
    return String(v);
  };
  const headerRow = ws.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => text(headerRow.getCell(i + 1).value).trim());
  const rows: CatalogTable['rows'] = [];
  ws.eachRow((row, rowNo) => {
    if (rowNo === 1) return;
    const cells = Array.from({ length: width }, (_, i) => unquote(text(row.getCell(i + 1).value)));
    if (cells.some((c) => c.trim() !== '')) rows.push({ rowNo, cells });
  });
  return { headers, rows };
}

function readXml(file: string, xml: string): CatalogTable {
  const entries = [...xml.matchAll(/<条目(?:\s[^>]*)?>([\s\S]*?)<\/条目>/g)];
  if (entries.length === 0 && !/<(归档文件目录|文件目录)[\s>]/.test(xml)) throw unreadable(file, 'no <归档文件目录> or <文件目录> root with <条目> entries');
  const headers: string[] = [];
  const parsed = entries.map((m) => {
    const fields = new Map<string, string>();
    for (const f of m[1]!.matchAll(/<([^\s/>]+)>([^<]*)<\/\1>/g)) {
      if (!headers.includes(f[1]!)) headers.push(f[1]!);
      fields.set(f[1]!, unescapeXmlText(f[2]!));
    }
    return fields;
  });
  return { headers, rows: parsed.map((f, i) => ({ rowNo: i + 1, cells: headers.map((h) => f.get(h) ?? '') })) };
}

export async function readCatalogTable(file: string): Promise<CatalogTable> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch (e) {
    throw unreadable(file, e instanceof Error ? e.message : String(e), e);
  }
  if (!st.isFile() || st.size > MAX_BYTES) throw unreadable(file, 'not a regular file of at most 200 MB');
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.xlsx') return await readXlsx(file);
    const text = decode(await fs.promises.readFile(file));
    if (ext === '.xml') return readXml(file, text);
    if (ext === '.csv' || ext === '.txt') {
      const lines = parseCsv(text);
      const [head, ...rest] = lines;
      if (!head) return { headers: [], rows: [] };
      return { headers: head.cells.map((h) => h.trim()), rows: rest.map((l) => ({ rowNo: l.line, cells: l.cells.map(unquote) })) };
    }
  } catch (e) {
    if (e instanceof VaultError) throw e;
    throw unreadable(file, e instanceof Error ? e.message : String(e), e);
  }
  throw unreadable(file, `unknown extension "${ext}": use .xlsx, .csv or .xml`);
}
