/** Marks on a page found per block (about 1 mm): joining nearby blocks and labelling the joined marks. */

/** A mark: its blocks and their bounding box, in blocks. */
export interface Mark {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  members: number[];
}

/**
 * The mark (4-connected set of blocks of `mask`) that holds block `start`: its members, labelled
 * `label` in `labels`, and its bounding box in blocks.
 */
export function markAt(mask: Uint8Array, labels: Int32Array, w: number, start: number, label: number): Mark {
  const members: number[] = [];
  const stack = [start];
  labels[start] = label;
  let x0 = w;
  let y0 = Number.MAX_SAFE_INTEGER;
  let x1 = 0;
  let y1 = 0;
  while (stack.length > 0) {
    const p = stack.pop()!;
    members.push(p);
    const px = p % w;
    const py = (p - px) / w;
    x0 = Math.min(x0, px);
    x1 = Math.max(x1, px);
    y0 = Math.min(y0, py);
    y1 = Math.max(y1, py);
    for (const q of [px > 0 ? p - 1 : -1, px < w - 1 ? p + 1 : -1, p - w, p + w]) {
      if (q < 0 || q >= mask.length || !mask[q] || labels[q]! >= 0) continue;
      labels[q] = label;
      stack.push(q);
    }
  }
  return { x0, y0, x1, y1, members };
}

/**
 * Joins marks whose bounding boxes come within `gap` blocks of each other (their members and
 * boxes united) where the joined mark still `fits`, until no two more can be. Marks are few
 * (tens), so pairs are simply compared.
 */
export function mergeNear(marks: readonly Mark[], gap: number, fits: (m: Mark) => boolean): Mark[] {
  const out = marks.map((m) => ({ ...m, members: [...m.members] }));
  const near = (a: Mark, b: Mark) => a.x0 - gap <= b.x1 && b.x0 - gap <= a.x1 && a.y0 - gap <= b.y1 && b.y0 - gap <= a.y1;
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let k = i + 1; k < out.length && !merged; k++) {
        const a = out[i]!;
        const b = out[k]!;
        if (!near(a, b)) continue;
        const joined = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1), members: [...a.members, ...b.members] };
        if (!fits(joined)) continue;
        out[i] = joined;
        out.splice(k, 1);
        merged = true;
      }
    }
  }
  return out;
}

/** A mark's width and height in millimetres, with blocks of `block` pixels at `pxPerMm`. */
export function markSizeMm(m: Mark, block: number, pxPerMm: number): { wMm: number; hMm: number } {
  return { wMm: ((m.x1 - m.x0 + 1) * block) / pxPerMm, hMm: ((m.y1 - m.y0 + 1) * block) / pxPerMm };
}

/** A mark's bounding box in pixels of a width × height page: [x0, y0, x1, y1), x1 and y1 exclusive. */
export function markBoxPx(m: Mark, block: number, width: number, height: number): [number, number, number, number] {
  return [m.x0 * block, m.y0 * block, Math.min(width, (m.x1 + 1) * block), Math.min(height, (m.y1 + 1) * block)];
}

/** Square dilation of a block mask by r blocks. */
export function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const tmp = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      for (let dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r); dx++) tmp[y * w + dx] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!tmp[y * w + x]) continue;
      for (let dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r); dy++) out[dy * w + x] = 1;
    }
  }
  return out;
}
