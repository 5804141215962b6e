import fs from 'node:fs';
/**
 * What a file is, from its first bytes (never from its name: a renamed executable must not
 * pass as a scan). Shared by the selection and the package checks.
 */

export type SniffedKind = 'jpeg' | 'png' | 'tiff' | 'jp2' | 'pdf' | 'ofd' | 'executable' | 'script' | 'office_macro' | 'archive' | 'unknown';

/** Masters the archive accepts (DA/T 31: TIFF/JPEG/JPEG2000; PNG and PDF as the vault ingests them). */
export const MASTER_KINDS: ReadonlySet<SniffedKind> = new Set(['jpeg', 'png', 'tiff', 'jp2', 'pdf']);

/** How many leading bytes sniff() needs. */
export const SNIFF_BYTES = 16;

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

export function sniff(head: Uint8Array): SniffedKind {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]) || startsWith(head, [0x49, 0x49, 0x2b, 0x00])) return 'tiff';
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50])) return 'jp2';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  // Windows PE, ELF, Mach-O (both byte orders, 32/64) and Java classes.
  if (startsWith(head, [0x4d, 0x5a]) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'executable';
  if (startsWith(head, [0xfe, 0xed, 0xfa, 0xce]) || startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) || startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xcf, 0xfa, 0xed, 0xfe])) return 'executable';
  if (startsWith(head, [0xca, 0xfe, 0xba, 0xbe])) return 'executable';
  if (startsWith(head, [0x23, 0x21])) return 'script';
  // OLE2 compound files: the container of .doc/.xls macros.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'office_macro';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) return 'archive';
  return 'unknown';
}

export function isHostileKind(kind: SniffedKind): boolean {
  return kind === 'executable' || kind === 'script' || kind === 'office_macro';
}

/** File name extension for a master kind (the package names masters by 档号 + sequence + this). */
export function extensionOf(kind: SniffedKind, fallback: string): string {
  switch (kind) {
    case 'jpeg': return 'jpg';
    case 'png': return 'png';
    case 'tiff': return 'tif';
    case 'jp2': return 'jp2';
    case 'pdf': return 'pdf';
    default: return fallback;
  }
}

/** The first SNIFF_BYTES of a file: enough for sniff(). */
export async function readFileHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
