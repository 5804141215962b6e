import type { OcrBox } from './types.js';

/**
 * A 2-D affine map [a, b, c, d, e, f]: (x, y) → (a·x + b·y + c, d·x + e·y + f). Preprocessing
 * composes one per step (crop, scale, rotation) mapping the prepared image back to the
 * normalized page image, so OCR boxes can be stored in the page's own coordinates.
 */
export type Affine = [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

/** The map that applies `first`, then `second`. */
export function compose(second: Affine, first: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = second;
  return [a2 * a1 + b2 * d1, a2 * b1 + b2 * e1, a2 * c1 + b2 * f1 + c2, d2 * a1 + e2 * d1, d2 * b1 + e2 * e1, d2 * c1 + e2 * f1 + f2];
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

export function translate(dx: number, dy: number): Affine {
  return [1, 0, dx, 0, 1, dy];
}

export function scale(s: number): Affine {
  return [s, 0, 0, 0, s, 0];
}

/** Clockwise rotation by `deg` degrees in image coordinates (y down) about the origin. */
export function rotation(deg: number): Affine {
  const r = (deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return [c, -s, 0, s, c, 0];
}

/**
 * Inverse of a rotation by `deg` clockwise of a w×h image onto a canvas of outW×outH with both
 * centres aligned (sharp's rotate with the canvas expanded): rotated → original coordinates.
 */
export function unrotate(deg: number, w: number, h: number, outW: number, outH: number): Affine {
  return compose(translate(w / 2, h / 2), compose(rotation(-deg), translate(-outW / 2, -outH / 2)));
}

/** Maps a box through m and returns the bounding box of its four corners. */
export function mapBox(m: Affine, box: OcrBox): OcrBox {
  const corners = [apply(m, box[0], box[1]), apply(m, box[2], box[1]), apply(m, box[0], box[3]), apply(m, box[2], box[3])];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
