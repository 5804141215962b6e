import { TextDecoder } from 'node:util';
import { msg, type Message } from '../i18n/messages.js';
import { bagMessages } from './messages.js';
import type { BagVersion } from './paths.js';
import { hasUtf8Bom, splitLines } from './tag-text.js';

/** Versions whose rules this library knows: the drafts the conformance suite covers and RFC 8493. */
const KNOWN_VERSIONS = new Set(['0.93', '0.94', '0.95', '0.96', '0.97', '1.0']);

export const BAGIT_TXT = 'bagit.txt';

/** The two lines RFC 8493 §2.1.1 requires, UTF-8 with LF endings. */
export function formatBagitTxt(): string {
  return 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
}

export type BagitTxt =
  | { ok: true; version: BagVersion; versionText: string; encoding: string }
  | { ok: false; code: 'BAGIT_TXT_BOM' }
  | { ok: false; code: 'BAGIT_TXT_INVALID'; detail: Message }
  | { ok: false; code: 'UNSUPPORTED_VERSION'; found: string };

function invalid(detail: Message): BagitTxt {
  return { ok: false, code: 'BAGIT_TXT_INVALID', detail };
}

/**
 * Parses bagit.txt strictly: it is the one file every version must be able to read, so RFC
 * 8493's form is required exactly (`Label: value`, no space before the colon, no BOM: the
 * suite's `bagit-with-invalid-whitespace` and `bom-in-bagit.txt` are invalid). Trailing
 * blanks after a value are tolerated.
 */
export function parseBagitTxt(bytes: Uint8Array): BagitTxt {
  if (hasUtf8Bom(bytes)) return { ok: false, code: 'BAGIT_TXT_BOM' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid(bagMessages.detailNotUtf8);
  }
  const fields = new Map<string, string>();
  const order: string[] = [];
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const m = /^([^:\s]+):[ \t](.*)$/.exec(line);
    if (!m) return invalid(msg(bagMessages.detailNotLabelValue, { text: line }));
    fields.set(m[1]!, m[2]!.trimEnd());
    order.push(m[1]!);
  }
  const versionText = fields.get('BagIt-Version');
  const encoding = fields.get('Tag-File-Character-Encoding');
  if (versionText === undefined) return invalid(bagMessages.detailVersionMissing);
  if (encoding === undefined || encoding === '') return invalid(bagMessages.detailEncodingMissing);
  const m = /^(\d+)\.(\d+)$/.exec(versionText);
  if (!m) return invalid(msg(bagMessages.detailVersionFormat, { text: versionText }));
  const version = { major: Number(m[1]), minor: Number(m[2]) };
  if (!KNOWN_VERSIONS.has(`${version.major}.${version.minor}`)) return { ok: false, code: 'UNSUPPORTED_VERSION', found: versionText };
  if (version.major >= 1 && (order.length !== 2 || order[0] !== 'BagIt-Version')) return invalid(bagMessages.detailTwoLines);
  return { ok: true, version, versionText, encoding };
}
