/**
 * The SM2 elliptic curve (GB/T 32918.5-2017 recommended parameters) in BigInt arithmetic.
 * Why our own: Node's crypto.sign with an SM2 key hashes with an EMPTY user ID and cannot be
 * given a precomputed digest, so the standard ID 1234567812345678 needs the signing primitive
 * done here. Not constant-time: signing happens on the archive's own offline machine.
 */

export const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

/** An affine point; null is the point at infinity. */
export type Point = { x: bigint; y: bigint } | null;

export const G: Point = { x: SM2.gx, y: SM2.gy };

const P = SM2.p;

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm; m must be prime and a not 0 mod m. */
export function invert(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  if (r0 === 0n) throw new RangeError('no inverse of 0');
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

export function isOnCurve(pt: Point): boolean {
  if (pt === null) return false;
  const { x, y } = pt;
  if (x < 0n || x >= P || y < 0n || y >= P) return false;
  return mod(y * y - (x * x * x + SM2.a * x + SM2.b), P) === 0n;
}

// Jacobian coordinates (X/Z², Y/Z³) so a scalar multiplication needs one inversion, not 500.
type Jacobian = [bigint, bigint, bigint];
const INFINITY: Jacobian = [1n, 1n, 0n];

function double([x1, y1, z1]: Jacobian): Jacobian {
  if (z1 === 0n || y1 === 0n) return INFINITY;
  // dbl-2001-b, valid because the SM2 curve has a = -3.
  const delta = mod(z1 * z1, P);
  const gamma = mod(y1 * y1, P);
  const beta = mod(x1 * gamma, P);
  const alpha = mod(3n * (x1 - delta) * (x1 + delta), P);
  const x3 = mod(alpha * alpha - 8n * beta, P);
  const z3 = mod((y1 + z1) * (y1 + z1) - gamma - delta, P);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, P);
  return [x3, y3, z3];
}

function add(p1: Jacobian, p2: Jacobian): Jacobian {
  const [x1, y1, z1] = p1;
  const [x2, y2, z2] = p2;
  if (z1 === 0n) return p2;
  if (z2 === 0n) return p1;
  // add-2007-bl
  const z1z1 = mod(z1 * z1, P);
  const z2z2 = mod(z2 * z2, P);
  const u1 = mod(x1 * z2z2, P);
  const u2 = mod(x2 * z1z1, P);
  const s1 = mod(y1 * z2 * z2z2, P);
  const s2 = mod(y2 * z1 * z1z1, P);
  const h = mod(u2 - u1, P);
  const rr = mod(2n * (s2 - s1), P);
  if (h === 0n) return rr === 0n ? double(p1) : INFINITY;
  const i = mod(4n * h * h, P);
  const j = mod(h * i, P);
  const v = mod(u1 * i, P);
  const x3 = mod(rr * rr - j - 2n * v, P);
  const y3 = mod(rr * (v - x3) - 2n * s1 * j, P);
  const z3 = mod(((z1 + z2) * (z1 + z2) - z1z1 - z2z2) * h, P);
  return [x3, y3, z3];
}

function toJacobian(pt: Point): Jacobian {
  return pt === null ? INFINITY : [pt.x, pt.y, 1n];
}

function toAffine([x, y, z]: Jacobian): Point {
  if (z === 0n) return null;
  const zi = invert(z, P);
  const zi2 = mod(zi * zi, P);
  return { x: mod(x * zi2, P), y: mod(y * zi2 * zi, P) };
}

/** k·pt by double-and-add (k reduced mod n is the caller's business). */
export function multiply(k: bigint, pt: Point): Point {
  if (k < 0n) throw new RangeError('negative scalar');
  let acc = INFINITY;
  const base = toJacobian(pt);
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    acc = double(acc);
    if ((k >> i) & 1n) acc = add(acc, base);
  }
  return toAffine(acc);
}

/** a·pt1 + b·pt2 (the verifier's sG + tP) in one pass (Shamir's trick). */
export function multiplyAdd(a: bigint, pt1: Point, b: bigint, pt2: Point): Point {
  const j1 = toJacobian(pt1);
  const j2 = toJacobian(pt2);
  const both = add(j1, j2);
  let acc = INFINITY;
  const top = Math.max(a.toString(2).length, b.toString(2).length);
  for (let i = BigInt(top - 1); i >= 0n; i--) {
    acc = double(acc);
    const bitA = (a >> i) & 1n;
    const bitB = (b >> i) & 1n;
    if (bitA && bitB) acc = add(acc, both);
    else if (bitA) acc = add(acc, j1);
    else if (bitB) acc = add(acc, j2);
  }
  return toAffine(acc);
}
