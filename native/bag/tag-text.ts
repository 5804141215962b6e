import { TextDecoder } from 'node:util';

/**
 * Turning tag-file bytes into lines. bagit.txt is always UTF-8; the other tag files use the
 * encoding it declares (the suite has UTF-8, UTF-16 and ISO-8859-1; GB18030 is accepted on
 * import by our transfer rules).
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

export type DecodeResult = { ok: true; text: string; bom: boolean } | { ok: false };

/**
 * Decodes strictly (a byte sequence invalid in the declared encoding is an error, not U+FFFD).
 * `UTF-16` without an explicit byte order is read by its BOM, big-endian without one (RFC 2781).
 * `bom` says a UTF-8 BOM was present and dropped; a UTF-16 BOM is part of that encoding.
 */
export function decodeTagBytes(bytes: Uint8Array, declared: string): DecodeResult {
  let label = declared.trim().toLowerCase();
  let body = bytes;
  let bom = false;
  if (label === 'utf-16' || label === 'utf16') {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
    else label = 'utf-16be';
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) body = bytes.subarray(2);
  } else if ((label === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) || (label === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff)) {
    body = bytes.subarray(2);
  } else if (hasUtf8Bom(bytes) && (label === 'utf-8' || label === 'utf8')) {
    body = bytes.subarray(3);
    bom = true;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return { ok: false }; // an encoding name TextDecoder does not know
  }
  try {
    return { ok: true, text: decoder.decode(body), bom };
  } catch {
    return { ok: false };
  }
}

/** Lines of a tag file, whichever of CRLF, LF or CR ends them; no empty last line for a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
