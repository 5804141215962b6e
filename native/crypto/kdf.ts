import crypto from 'node:crypto';
import { VaultError } from '../errors.js';
import { cryptoMessages } from './messages.js';
import { normalizePassphrase } from './private-key.js';

/**
 * Passphrase → key-encryption key by scrypt. The parameters travel with every wrapped key, so
 * they can be raised later without breaking old keys; parameters read back from a file are
 * bounded so a tampered file cannot make us allocate gigabytes.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 128 MiB and roughly half a second here: paid once when a backup key is unlocked. */
export const BACKUP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export const SCRYPT_LIMITS = { minN: 2 ** 15, maxN: 2 ** 22, maxR: 32, maxP: 16, maxMemory: 2 ** 31 } as const;

export const KEK_BYTES = 32;

export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const fail = (reason: string): never => {
    throw VaultError.of('KDF_PARAMS_INVALID', cryptoMessages.kdfParamsInvalid, { reason });
  };
  if (!Number.isInteger(N) || N < SCRYPT_LIMITS.minN || N > SCRYPT_LIMITS.maxN || (N & (N - 1)) !== 0) {
    fail(`N=${N} (a power of two from 2^15 to 2^22)`);
  }
  if (!Number.isInteger(r) || r < 1 || r > SCRYPT_LIMITS.maxR) fail(`r=${r} (1–${SCRYPT_LIMITS.maxR})`);
  if (!Number.isInteger(p) || p < 1 || p > SCRYPT_LIMITS.maxP) fail(`p=${p} (1–${SCRYPT_LIMITS.maxP})`);
  if (scryptMemory(params) > SCRYPT_LIMITS.maxMemory) fail(`needs ${scryptMemory(params)} bytes of memory`);
}

function scryptMemory({ N, r, p }: ScryptParams): number {
  return 128 * N * r + 128 * r * p;
}

/** The key-encryption key for a passphrase, salt and parameters (async: scrypt runs off the main thread). */
export function deriveKek(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const { N, r, p } = params;
  return new Promise((resolve, reject) => {
    crypto.scrypt(normalizePassphrase(passphrase), salt, KEK_BYTES, { N, r, p, maxmem: scryptMemory(params) + 2 ** 20 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}
