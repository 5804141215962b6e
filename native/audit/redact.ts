/**
 * The audit log never holds passwords or key material. Detail objects pass through here before
 * they are serialized: values under secret-looking keys, and strings that look like private
 * keys, become "[redacted]". This is a safety net; callers should not pass secrets at all.
 */
export const REDACTED = '[redacted]';

// Whole key names, or names ending in one of these words (newPassword, backup_passphrase…).
const SECRET_KEY_EXACT = /^(token|pin|key|pem|salt|seed|otp)$/i;
const SECRET_KEY_SUFFIX = /(password|passwd|passphrase|secret|private_?key|credentials?|key_?material|key_?data|secret_?key)$/i;
const SECRET_VALUE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|^scrypt\$/;
const MAX_DETAIL_CHARS = 32_768;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY_EXACT.test(k) || SECRET_KEY_SUFFIX.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

/** Keeps a detail small enough that appending stays cheap; an oversized one is summarized. */
export function boundDetail(json: string, keys: string[]): string | { truncated: true; chars: number; keys: string[] } {
  return json.length <= MAX_DETAIL_CHARS ? json : { truncated: true, chars: json.length, keys: keys.slice(0, 50) };
}
