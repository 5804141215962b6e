import crypto from 'node:crypto';
import fs from 'node:fs';

/** Every stored object carries both: SHA-256 for interchange, SM3 for the national standard (GB/T 32905). */
export interface Digests {
  sha256: string;
  sm3: string;
  size: number;
}

/**
 * Both digests of a byte stream, fed chunk by chunk (the store hashes while it copies).
 * `{ sm3: false }` computes SHA-256 alone (sm3 is then ''), for a copy whose SM3 is already
 * recorded and is matched through its SHA-256.
 */
export function digester(options: { sm3?: boolean } = {}): { update(data: Uint8Array): void; digest(): Digests } {
  const sha = crypto.createHash('sha256');
  const sm3 = options.sm3 === false ? undefined : crypto.createHash('sm3');
  let size = 0;
  return {
    update(data) {
      sha.update(data);
      sm3?.update(data);
      size += data.byteLength;
    },
    digest: () => ({ sha256: sha.digest('hex'), sm3: sm3 ? sm3.digest('hex') : '', size }),
  };
}

export function digestBuffer(data: Uint8Array): Digests {
  const d = digester();
  d.update(data);
  return d.digest();
}

/** Streams the file once through both hashes: constant memory whatever the file size. */
export async function digestFile(file: string): Promise<Digests> {
  const d = digester();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) d.update(chunk as Buffer);
  return d.digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
