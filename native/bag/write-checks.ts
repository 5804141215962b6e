import type { ErrorCode } from '../error-codes.js';
import { VaultError } from '../errors.js';
import { msg, type Message, type Params } from '../i18n/messages.js';
import { parseManifestName } from './algorithms.js';
import { BAG_INFO_TXT, NON_REPEATABLE_LABELS, isValidLabel } from './bag-info.js';
import { BAGIT_TXT } from './bagit-txt.js';
import { FETCH_TXT } from './fetch.js';
import { bagMessages } from './messages.js';
import { caseKey, unsafePathReason } from './paths.js';

/**
 * Everything the writer refuses, checked before a single byte is written so that a bad entry
 * never costs a half-copied bag. Each refusal is a VaultError naming the entry.
 */

/** A VaultError whose `{reason}` is itself bilingual. */
function refusal(code: ErrorCode, entry: Message, params: Params, reason?: Message): VaultError {
  const zh = msg(entry, reason ? { ...params, reason: reason.zh } : params).zh;
  const en = msg(entry, reason ? { ...params, reason: reason.en } : params).en;
  return new VaultError(code, { zh, en }, { ...params, ...(reason ? { reason: reason.en } : {}) });
}

/**
 * Payload paths (relative to data/): no absolute, `..`, backslash, drive letter or empty
 * segment; no two names equal after NFC and case folding (RFC 8493 §6.2: such a bag cannot be
 * unpacked on macOS or Windows); no file where another entry needs a folder.
 */
export function checkPayloadPaths(paths: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    const reason = unsafePathReason(p);
    if (reason) throw refusal('BAG_ENTRY_INVALID', bagMessages.entryPathInvalid, { path: p }, bagMessages[reason]);
    const key = caseKey(p);
    const other = seen.get(key);
    if (other !== undefined) throw refusal('BAG_ENTRY_COLLISION', bagMessages.entryCollision, { path: p, other });
    seen.set(key, p);
  }
  for (const p of paths) {
    const segments = p.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = seen.get(caseKey(segments.slice(0, i).join('/')));
      if (parent !== undefined) throw refusal('BAG_ENTRY_COLLISION', bagMessages.entryParentIsFile, { path: p, other: parent });
    }
  }
}

/** Names the writer produces itself at the bag root. */
function isGeneratedTagName(p: string): boolean {
  const lower = p.toLowerCase();
  return lower === BAGIT_TXT || lower === BAG_INFO_TXT || lower === FETCH_TXT || parseManifestName(p) !== null;
}

/** Extra tag files (a signature, a transfer form): outside data/, not a name the writer owns, no collisions. */
export function checkTagPaths(paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const p of paths) {
    const unsafe = unsafePathReason(p);
    const reason = unsafe
      ? bagMessages[unsafe]
      : caseKey(p.split('/')[0]!) === 'data'
        ? bagMessages.reasonInData
        : isGeneratedTagName(p)
          ? bagMessages.reasonReserved
          : seen.has(caseKey(p))
            ? bagMessages.reasonTagCollision
            : null;
    if (reason) throw refusal('BAG_TAG_FILE_INVALID', bagMessages.tagPathInvalid, { path: p }, reason);
    seen.add(caseKey(p));
  }
}

/**
 * Extra bag-info elements: labels the parser reads back unchanged, single-line values, none the
 * writer already emits, and no second copy of a label RFC 8493 says appears once.
 */
export function checkInfoElements(elements: ReadonlyArray<readonly [string, string]>, generated: readonly string[]): void {
  const owned = new Set(generated.map((l) => l.toLowerCase()));
  const once = new Set<string>(NON_REPEATABLE_LABELS.map((l) => l.toLowerCase()));
  const used = new Set<string>();
  for (const [label, value] of elements) {
    const reason = !isValidLabel(label)
      ? bagMessages.reasonLabelChars
      : /[\r\n]/.test(value)
        ? bagMessages.reasonValueNewline
        : owned.has(label.toLowerCase())
          ? bagMessages.reasonLabelGenerated
          : used.has(label.toLowerCase())
            ? bagMessages.reasonLabelRepeated
            : null;
    if (reason) throw refusal('BAG_INFO_INVALID', bagMessages.infoLabelInvalid, { label }, reason);
    if (once.has(label.toLowerCase())) used.add(label.toLowerCase());
  }
}
