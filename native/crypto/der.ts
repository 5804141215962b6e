/**
 * A minimal DER reader and writer: just what the key, signature and CMS code needs. We read
 * with exact byte ranges (the CMS verifier must hash the signed attributes exactly as they
 * were sent) and write only definite-length encodings.
 */

export interface DerNode {
  /** The identifier octet (single-byte tags only: all we meet in keys, certificates and CMS). */
  tag: number;
  /** Offsets into the buffer the node was read from: whole TLV, and the value inside it. */
  start: number;
  valueStart: number;
  end: number;
  /** The whole encoding (tag, length and value), a view into the source buffer. */
  raw: Buffer;
  value: Buffer;
}

export class DerError extends Error {
  override readonly name = 'DerError';
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one TLV at offset; throws DerError on anything malformed or running past the end. */
export function readNode(buf: Buffer, offset = 0, limit = buf.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated DER');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let len = buf[offset + 1]!;
  let pos = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported DER length');
    if (pos + count > limit) throw new DerError('truncated DER length');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[pos + i]!;
    pos += count;
  }
  const end = pos + len;
  if (end > limit) throw new DerError('DER value runs past its container');
  return { tag, start: offset, valueStart: pos, end, raw: buf.subarray(offset, end), value: buf.subarray(pos, end) };
}

/** The TLVs inside a constructed node (or a whole buffer of concatenated TLVs). */
export function children(node: DerNode | Buffer): DerNode[] {
  const buf = Buffer.isBuffer(node) ? node : node.value;
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const child = readNode(buf, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Reads a whole buffer as exactly one TLV: trailing bytes are an error. */
export function readExact(buf: Buffer): DerNode {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw new DerError('trailing bytes after DER value');
  return node;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

function lengthBytes(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
}

export const seq = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, Buffer.concat(items));
export const octets = (value: Uint8Array): Buffer => tlv(TAG.OCTET_STRING, value);
/** A BIT STRING with no unused bits (keys and signatures). */
export const bits = (value: Uint8Array): Buffer => tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), value]));

/** Non-negative INTEGER, minimal two's complement (a leading 0x00 when the top bit is set). */
export function integer(value: bigint | number): Buffer {
  let n = BigInt(value);
  if (n < 0n) throw new RangeError('negative INTEGER');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(TAG.INTEGER, Buffer.from(bytes));
}

/** A non-negative INTEGER's value; rejects negative and non-minimal encodings (DER is strict). */
export function readUnsigned(node: DerNode | undefined, what = 'INTEGER'): bigint {
  const n = expectTag(node, TAG.INTEGER, what);
  const v = n.value;
  if (v.length === 0) throw new DerError(`empty ${what}`);
  if (v[0]! & 0x80) throw new DerError(`negative ${what}`);
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) throw new DerError(`non-minimal ${what}`);
  return v.length === 0 ? 0n : BigInt(`0x${v.toString('hex')}`);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => Number(p));
  if (parts.length < 2 || parts.some((p) => !Number.isSafeInteger(p) || p < 0)) throw new RangeError(`bad OID ${dotted}`);
  const bytes: number[] = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let n = part;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(bytes));
}

export function readOid(node: DerNode | undefined, what = 'OBJECT IDENTIFIER'): string {
  const v = expectTag(node, TAG.OID, what).value;
  if (v.length === 0) throw new DerError(`empty ${what}`);
  const first = v[0]!;
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    n = n * 128 + (v[i]! & 0x7f);
    if (!(v[i]! & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** Fixed-width big-endian bytes of a non-negative integer (curve coordinates, scalars). */
export function toFixed(n: bigint, width: number): Buffer {
  const hex = n.toString(16).padStart(width * 2, '0');
  if (hex.length > width * 2) throw new RangeError('integer too large for its width');
  return Buffer.from(hex, 'hex');
}

export function fromBytes(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`);
}

export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** The DER inside the first PEM block with this label, or undefined when there is none. */
export function fromPem(pem: string, label: string): Buffer | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : undefined;
}
