import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import { authMessages } from './messages.js';

/**
 * Password hashing with scrypt (memory-hard; in Node, no native addon). The parameters travel
 * with each hash ("scrypt$N$r$p$salt$key", base64), so they can be raised later: a login with
 * a hash weaker than SCRYPT_PARAMS re-hashes it.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Upper bounds for stored parameters, so a tampered hash cannot make a login eat gigabytes. */
const MAX_COST = 2 ** 21; // N * r * p
export const MAX_PASSWORD_CHARS = 256;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * params.N * params.r * params.p + 1024 * 1024;
    crypto.scrypt(normalize(password), salt, KEY_BYTES, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** NFC, so the same password typed through different input methods gives the same bytes. */
function normalize(password: string): string {
  return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  return `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x >= 1)) return null;
  if ((N & (N - 1)) !== 0 || N < 2 || N * r * p > MAX_COST) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash uses weaker parameters than SCRYPT_PARAMS: store a fresh one. */
  needsRehash: boolean;
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parsed = parse(stored);
  if (!parsed) {
    await dummyWork(password);
    return { ok: false, needsRehash: false };
  }
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = crypto.timingSafeEqual(key, parsed.key);
  const weaker = parsed.params.N < SCRYPT_PARAMS.N || parsed.params.r < SCRYPT_PARAMS.r || parsed.params.p < SCRYPT_PARAMS.p;
  return { ok, needsRehash: ok && weaker };
}

/** The same work as a real check, for unknown user names: timing does not tell who exists. */
export async function dummyWork(password: string): Promise<void> {
  await derive(password, Buffer.alloc(SALT_BYTES), SCRYPT_PARAMS);
}

/** Password rules: length (in characters) from settings, not the user name, no control characters. */
export function checkPasswordRules(password: string, username: string, minLength: number): void {
  const chars = [...normalize(password)].length;
  if (chars < minLength) throw VaultError.of('PASSWORD_WEAK', authMessages.passwordTooShort, { min: minLength }, { rule: 'min_length' });
  if (chars > MAX_PASSWORD_CHARS) throw VaultError.of('PASSWORD_WEAK', authMessages.passwordTooLong, { max: MAX_PASSWORD_CHARS }, { rule: 'max_length' });
   
  if (/[\u0000-\u001f\u007f]/.test(password)) throw VaultError.of('PASSWORD_WEAK', authMessages.passwordBadChars, {}, { rule: 'control_chars' });
  if (normalize(password).trim().toLowerCase() === normalize(username).trim().toLowerCase()) {
    throw VaultError.of('PASSWORD_WEAK', authMessages.passwordIsUsername, {}, { rule: 'equals_username' });
  }
}

const USERNAME = /^[\p{L}\p{N}._-]{2,32}$/u;

export function checkUsername(username: string): string {
  const name = username.normalize('NFC').trim();
  if (!USERNAME.test(name)) throw VaultError.of('USERNAME_INVALID', authMessages.badUsername, { username: name.slice(0, 40) });
  return name;
}
