import crypto from 'node:crypto';
import fs from 'node:fs';

/** Every stored object carries both: SHA-256 for interchange, SM3 for the national standard (GB/T 32905). */
export interface Digests {
  sha256: string;
  sm3: string;
  size: number;
}

export function digestBuffer(data: Uint8Array): Digests {
  return {
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    sm3: crypto.createHash('sm3').update(data).digest('hex'),
    size: data.byteLength,
  };
}

/** Streams the file once through both hashes: constant memory whatever the file size. */
export async function digestFile(file: string): Promise<Digests> {
  const sha = crypto.createHash('sha256');
  const sm3 = crypto.createHash('sm3');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    sha.update(buf);
    sm3.update(buf);
    size += buf.byteLength;
  }
  return { sha256: sha.digest('hex'), sm3: sm3.digest('hex'), size };
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
