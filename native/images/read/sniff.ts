import fs from 'node:fs';
import path from 'node:path';
import { readMessages } from './messages.js';
import { fail, fileUnreadable } from './read-errors.js';
import type { SourceFormat } from './types.js';

/** PDF readers accept the header anywhere in the first 1024 bytes (junk before it is common). */
const HEAD_BYTES = 1024;

const EXTENSIONS: Record<SourceFormat, readonly string[]> = {
  jpeg: ['.jpg', '.jpeg', '.jpe', '.jfif'],
  png: ['.png'],
  tiff: ['.tif', '.tiff'],
  pdf: ['.pdf'],
};

export const FORMAT_NAMES: Record<SourceFormat, string> = { jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF', pdf: 'PDF' };

export interface Sniffed {
  format: SourceFormat;
  size: number;
  extensionMismatch: boolean;
  /** Byte offset of "%PDF-" (0 unless junk precedes it). */
  pdfOffset: number;
}

function startsWith(head: Buffer, bytes: number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
}

/** Formats we refuse, named so that the archivist knows what the file really is. */
function otherKind(head: Buffer): string | undefined {
  const ascii = head.subarray(0, 16).toString('latin1');
  if (ascii.startsWith('GIF8')) return 'GIF';
  if (ascii.startsWith('BM')) return 'BMP';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'WebP';
  if (ascii.slice(4, 8) === 'ftyp') return 'HEIF/AVIF/MP4';
  if (startsWith(head, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return 'JPEG 2000';
  if (ascii.startsWith('AT&TFORM')) return 'DjVu';
  if (ascii.startsWith('PK\x03\x04')) return 'ZIP (OFD/DOCX/…)';
  if (ascii.startsWith('Rar!')) return 'RAR';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'OLE (DOC/XLS)';
  if (ascii.startsWith('MZ')) return 'EXE';
  if (startsWith(head, [0x1f, 0x8b])) return 'GZIP';
  return undefined;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  const text = head.toString('utf8');
  // Control characters other than tab/newline/CR/form feed mean binary; U+FFFD means not UTF-8.
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad <= Math.max(1, text.length / 100) && !head.includes(0);
}

export function detectFormat(head: Buffer): { format: SourceFormat; pdfOffset: number } | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { format: 'jpeg', pdfOffset: 0 };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png', pdfOffset: 0 };
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { format: 'tiff', pdfOffset: 0 };
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) return { format: 'tiff', pdfOffset: 0 };
  const pdfAt = head.indexOf('%PDF-', 0, 'latin1');
  if (pdfAt >= 0) return { format: 'pdf', pdfOffset: pdfAt };
  return undefined;
}

export function extensionMatches(file: string, format: SourceFormat): boolean {
  return EXTENSIONS[format].includes(path.extname(file).toLowerCase());
}

/** Reads the first bytes and decides the format by them alone; refuses empty and foreign files. */
export async function sniffFile(file: string): Promise<Sniffed> {
  let handle: fs.promises.FileHandle | undefined;
  let head: Buffer;
  let size: number;
  try {
    handle = await fs.promises.open(file, 'r');
    const st = await handle.stat();
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    size = st.size;
    head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    if (head.length > 0) await handle.read(head, 0, head.length, 0);
  } catch (e) {
    throw fileUnreadable(file, e);
  } finally {
    await handle?.close().catch(() => undefined);
  }
  if (size === 0) throw fail('INGEST_EMPTY_FILE', readMessages.emptyFile, { file });
  const found = detectFormat(head);
  if (!found) {
    const kind = otherKind(head);
    if (kind) throw fail('INGEST_UNSUPPORTED_FORMAT', readMessages.unsupportedKnown, { file }, { kind });
    if (looksLikeText(head)) throw fail('INGEST_UNSUPPORTED_FORMAT', readMessages.unsupportedText, { file });
    throw fail('INGEST_UNSUPPORTED_FORMAT', readMessages.unsupportedUnknown, { file }, { magic: head.subarray(0, 8).toString('hex') });
  }
  return { format: found.format, size, pdfOffset: found.pdfOffset, extensionMismatch: !extensionMatches(file, found.format) };
}
