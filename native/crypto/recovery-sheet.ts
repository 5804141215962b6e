import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import { type DataKey, type WrappedDataKey, decodeWrappedKey, encodeWrappedKey, unwrapDataKey } from './data-key.js';
import { cryptoMessages } from './messages.js';

/**
 * A printable recovery sheet for the backup data key: the wrapped key (useless without the
 * passphrase) in Crockford base32, in groups of four, each line ending in a two-character line
 * check so a typing mistake is found on its line, plus a checksum over the whole wrapped key.
 * Reading back accepts lower case, O for 0 and I/L for 1, and ignores extra spaces.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;
const GROUPS_PER_LINE = 6;

function base32(bytes: Buffer): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string, byteLength: number): Buffer | undefined {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  return out.length === byteLength ? Buffer.from(out) : undefined;
}

/** What a person may have typed: upper case, O→0, I/L→1, no spaces or hyphens. */
function canonical(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function lineCheck(lineNumber: number, chars: string): string {
  const h = crypto.createHash('sha256').update(`lantai/recovery-line/v1:${lineNumber}:${chars}`).digest();
  return ALPHABET[h[0]! >>> 3]! + ALPHABET[h[1]! >>> 3]!;
}

function checksum(wrapped: Buffer): string {
  const hex = crypto.createHash('sha256').update(wrapped).digest().subarray(0, 4).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

function unreadable(reasonZh: string, reasonEn: string): VaultError {
  return VaultError.of('RECOVERY_SHEET_UNREADABLE', cryptoMessages.recoveryUnreadable, { reasonZh, reasonEn });
}

/** The sheet's text (UTF-8, plain, fits an A4 page in a monospaced font). */
export function formatRecoverySheet(wrapped: WrappedDataKey): string {
  const bytes = encodeWrappedKey(wrapped);
  const chars = base32(bytes);
  const lines: string[] = [];
  const perLine = GROUP * GROUPS_PER_LINE;
  for (let i = 0; i * perLine < chars.length; i++) {
    const part = chars.slice(i * perLine, (i + 1) * perLine);
    const n = i + 1;
    lines.push(` ${String(n).padStart(2, '0')} | ${part.match(/.{1,4}/g)!.join(' ').padEnd(perLine + GROUPS_PER_LINE - 1)} | ${lineCheck(n, part)}`);
  }
  return [
    '兰台 Lantai 备份数据密钥恢复单 / Backup data-key recovery sheet',
    '='.repeat(64),
    `密钥标识 Key ID:   ${wrapped.keyId.match(/.{4}/g)!.join(' ')}`,
    `创建时间 Created:  ${wrapped.created.replace(/\.000Z$/, 'Z')}`,
    `密钥派生 KDF:      scrypt N=${wrapped.kdf.N} r=${wrapped.kdf.r} p=${wrapped.kdf.p}`,
    `加密算法 Cipher:   AES-256-GCM (key wrap and backup files)`,
    `校验码 Checksum:   SHA-256 ${checksum(bytes)}`,
    '',
    '封装密钥 Wrapped key（每行末两位是该行校验 / the last two characters of each line check that line）:',
    ...lines,
    '',
    '恢复时需要本单和口令；口令不在本单上，请分开保管。',
    'Restoring needs this sheet AND the passphrase, which is not on this sheet: keep them apart.',
    '',
  ].join('\n');
}

/**
 * The wrapped key read back from a sheet's text (typed or scanned). RECOVERY_SHEET_LINE_TYPO
 * names the line to check; RECOVERY_SHEET_CHECKSUM when the lines pass but the whole does not;
 * RECOVERY_SHEET_UNREADABLE when the key block is missing or incomplete.
 */
export function parseRecoverySheet(text: string): WrappedDataKey {
  const found = new Map<number, string>();
  for (const m of text.matchAll(/^[ \t]*([\dOoIiLl]{1,2})[ \t]*\|([^|\n]*)\|[ \t]*([0-9A-Za-z]{2})[ \t]*$/gm)) {
    const n = Number(canonical(m[1]!));
    if (found.has(n)) throw unreadable(`第 ${n} 行出现了两次。`, `line ${n} appears twice.`);
    const part = canonical(m[2]!);
    if (lineCheck(n, part) !== canonical(m[3]!)) {
      throw VaultError.of('RECOVERY_SHEET_LINE_TYPO', cryptoMessages.recoveryLineTypo, { line: n });
    }
    found.set(n, part);
  }
  if (found.size === 0) throw unreadable('找不到封装密钥的各行。', 'no wrapped-key lines found.');
  let chars = '';
  for (let n = 1; n <= found.size; n++) {
    const part = found.get(n);
    if (part === undefined) throw unreadable(`缺少第 ${n} 行。`, `line ${n} is missing.`);
    chars += part;
  }
  const bytes = unbase32(chars, Math.floor((chars.length * 5) / 8));
  if (!bytes) throw unreadable('封装密钥含有无效字符。', 'the wrapped key has invalid characters.');
  const expected = /Checksum:\s*SHA-256\s*([0-9A-FOIL]{4})-?([0-9A-FOIL]{4})/im.exec(text);
  if (!expected) throw unreadable('找不到校验码一行。', 'the checksum line is missing.');
  const want = `${canonical(expected[1]!)}-${canonical(expected[2]!)}`;
  const got = checksum(bytes);
  if (got !== want) throw VaultError.of('RECOVERY_SHEET_CHECKSUM', cryptoMessages.recoveryChecksum, { found: got, expected: want });
  let wrapped: WrappedDataKey;
  try {
    wrapped = decodeWrappedKey(bytes);
  } catch (e) {
    if (e instanceof VaultError) throw unreadable(`封装密钥格式无效（${e.text.zh}）`, `the wrapped key is malformed (${e.text.en})`);
    throw e;
  }
  const keyIdLine = /Key ID:\s*([0-9A-FOIL ]+)$/im.exec(text);
  if (keyIdLine && canonical(keyIdLine[1]!).toLowerCase() !== wrapped.keyId) {
    throw unreadable('密钥标识一行与封装密钥不符。', 'the Key ID line does not match the wrapped key.');
  }
  return wrapped;
}

/** Sheet text + passphrase → the data key (KEY_PASSPHRASE_WRONG for a wrong passphrase). */
export async function restoreDataKeyFromSheet(text: string, passphrase: string): Promise<DataKey> {
  return unwrapDataKey(parseRecoverySheet(text), passphrase);
}
