import { msg, type Message } from '../i18n/messages.js';
import { hexLength } from './algorithms.js';
import { bagMessages } from './messages.js';
import { decodeManifestPath, encodeManifestPath, type BagVersion } from './paths.js';
import { splitLines } from './tag-text.js';

export interface ManifestEntry {
  line: number;
  /** Lower-case hex. */
  digest: string;
  /** The path as written in the manifest (still encoded, with any `./` or `*`). */
  raw: string;
  /** The decoded path relative to the bag root, `./` and md5sum's `*` removed. */
  path: string;
  dotSlash: boolean;
  binaryMarker: boolean;
}

export interface ParsedManifest {
  entries: ManifestEntry[];
  errors: Array<{ line: number; detail: Message }>;
}

/**
 * Parses `checksum<whitespace>path` lines (RFC 8493 §2.1.3). The path is everything after the
 * first run of blanks, so names with spaces survive. Two habits of other tools are accepted
 * and reported as warnings by the caller: a leading `./` and md5sum's binary-mode `*`.
 */
export function parseManifest(text: string, algorithm: string, version: BagVersion): ParsedManifest {
  const entries: ManifestEntry[] = [];
  const errors: ParsedManifest['errors'] = [];
  const length = hexLength(algorithm);
  splitLines(text).forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    const m = /^(\S+)[ \t]+(.*)$/.exec(lineText);
    if (!m || m[2] === '') {
      errors.push({ line, detail: bagMessages.detailNoPath });
      return;
    }
    const digest = m[1]!;
    if (!/^[0-9a-fA-F]+$/.test(digest) || (length !== undefined && digest.length !== length)) {
      errors.push({ line, detail: msg(bagMessages.detailBadDigest, { text: digest, algorithm }) });
      return;
    }
    const raw = m[2]!;
    let p = raw;
    const binaryMarker = p.startsWith('*');
    if (binaryMarker) p = p.slice(1);
    const dotSlash = p.startsWith('./');
    if (dotSlash) p = p.slice(2);
    entries.push({ line, digest: digest.toLowerCase(), raw, path: decodeManifestPath(p, version), dotSlash, binaryMarker });
  });
  return { entries, errors };
}

/** Manifest text: `digest  path` lines (two spaces, as sha256sum writes, so `sha256sum -c` reads it too for ordinary names). */
export function formatManifest(entries: ReadonlyArray<{ path: string; digest: string }>): string {
  return entries.map((e) => `${e.digest}  ${encodeManifestPath(e.path)}\n`).join('');
}
