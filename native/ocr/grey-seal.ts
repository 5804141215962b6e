/**
 * Seals scanned in grey. A red seal on a greyscale scan (or a colour scan kept only in grey)
 * turns into an even mid-grey ring, star and ring text over the 成文日期 and the issuing body,
 * and tesseract reads the black date under it as one blot. Red removal cannot see it, and
 * whitening all mid-grey ink on the page (preprocess clipLighterThan) ruins blurred pages,
 * whose strokes are mid-grey too. So the seal is found first, by what only a seal looks like:
 * 1-mm blocks that are mostly mid-grey with little black, joined into one roughly square mark
 * 20–60 mm across, whose grey is one even ink. Only inside that mark's box, ink at the seal's
 * grey or lighter turns white and darker ink black: the text under the seal stays, crisp.
 * (Telling the seal's strokes from a thin text stroke of the same grey by their even inside
 * read worse on the extract bench: the seal's thin ring letters stayed and garbled the date.)
 */

import { dilate, type Mark, markAt, markBoxPx, markSizeMm, mergeNear } from './block-marks.js';

export type SealBox = [number, number, number, number];

export interface GreySealResult {
  data: Buffer;
  /** Pixels turned white. */
  whitened: number;
  /** The seals found, in pixels of the page: [x0, y0, x1, y1]. */
  seals: SealBox[];
  /** The seals' grey level (the median of their ink). */
  levels: number[];
}

/** Darker than this is black ink (text); from here to MID_MAX, mid-grey (seal ink, blur, anti-aliasing). */
const DARK_BELOW = 60;
const MID_MAX = 210;
/** A seal block: at least this share of its pixels mid-grey … */
const SEAL_BLOCK_MID = 0.2;
/** … and at most this many dark pixels per mid one (a text stroke has a black core, even blurred a little). */
const SEAL_BLOCK_DARK_PER_MID = 0.03;
const SEAL_MIN_MM = 20;
const SEAL_MAX_MM = 60;
/** A seal's ink is one grey: this share of its mid-grey pixels lie within ±EVEN_BAND of its median. */
const EVEN_SHARE = 0.5;
const EVEN_BAND = 16;
/** Arcs of a ring this far apart (a line or two of text across it) are joined. */
const TEXT_LINE_GAP_MM = 16;
/**
 * Of the 24 directions from a seal's centre, its ring shows in at least this many (lines of text
 * hide some). On the extract bench's scans seals show in 20–24, other seal-sized marks of even
 * grey (a red header scanned in grey, blurred text) in at most 10.
 */
const RING_SECTORS = 24;
const RING_SECTORS_MIN = 16;
/** At most this share of a seal's blocks lie half-way in (seals there: 0.01–0.10; text that fills a box: more). */
const RING_INNER_SHARE_MAX = 0.15;
/** Ink this much darker than the seal's grey is not seal ink (the black text under it). */
const KEEP_BELOW_LEVEL = 20;

/**
 * Finds grey seals on a greyscale page (one byte a pixel, row by row) and returns a copy with
 * their ink whitened, or null when the page has none.
 */
export function whitenGreySeals(data: Buffer, width: number, height: number, dpi: number): GreySealResult | null {
  const mm = dpi / 25.4;
  const block = Math.max(2, Math.round(mm));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const mid = new Uint32Array(bw * bh);
  const dark = new Uint32Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * bw;
    const at = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[at + x]!;
      if (v > MID_MAX) continue;
      const b = row + Math.floor(x / block);
      if (v < DARK_BELOW) dark[b]!++;
      else mid[b]!++;
    }
  }
  const area = block * block;
  const sealBlock = new Uint8Array(bw * bh);
  let any = false;
  for (let i = 0; i < sealBlock.length; i++) {
    if (mid[i]! >= SEAL_BLOCK_MID * area && dark[i]! <= SEAL_BLOCK_DARK_PER_MID * mid[i]!) {
      sealBlock[i] = 1;
      any = true;
    }
  }
  if (!any) return null;
  // A seal's ring and star are runs of such blocks; a lone one is the anti-aliased edge of a
  // text stroke, which joined up along a line of text would make a mark as wide as the page.
  const joined = dilate(withNeighbours(sealBlock, bw, bh, 2), bw, bh, 1);
  const labels = new Int32Array(bw * bh).fill(-1);
  let out: Buffer | null = null;
  let whitened = 0;
  const seals: SealBox[] = [];
  const levels: number[] = [];
  const marks: Mark[] = [];
  for (let start = 0; start < joined.length; start++) {
    if (joined[start] && labels[start]! < 0) marks.push(markAt(joined, labels, bw, start, marks.length));
  }
  // The sign-off's lines run across the seal and cut its ring in two or three arcs (their
  // blocks hold black): the arcs of one seal are one mark. A join that would make a mark
  // larger than a seal is not made: the few blocks at the edge of a text line near the seal
  // would stretch its box along the line.
  const withinSeal = (m: Mark) => {
    const { wMm, hMm } = markSizeMm(m, block, mm);
    return wMm <= SEAL_MAX_MM && hMm <= SEAL_MAX_MM;
  };
  for (const mark of mergeNear(marks, Math.round((TEXT_LINE_GAP_MM * mm) / block), withinSeal)) {
    const { wMm, hMm } = markSizeMm(mark, block, mm);
    if (!isSealSized(wMm, hMm)) continue;
    const ring = ringShape(mark, sealBlock, bw);
    if (ring.sectors < RING_SECTORS_MIN || ring.innerShare > RING_INNER_SHARE_MAX) continue;
    const box: SealBox = markBoxPx(mark, block, width, height);
    const level = evenInkLevel(data, width, block, mark.members.filter((p) => sealBlock[p]), bw);
    if (level === null) continue;
    out ??= Buffer.from(data);
    whitened += keepOnlyDarkInk(out, width, box, level - KEEP_BELOW_LEVEL);
    seals.push(box);
    levels.push(level);
  }
  return out ? { data: out, whitened, seals, levels } : null;
}

/**
 * How ring-like the seal blocks of a mark are, in the ellipse inscribed in its box: in how many
 * of RING_SECTORS directions from the centre one lies near the ellipse (0.75–1.1 of the way
 * out), and what share of them lies half-way in (0.3–0.6), where a seal has only the tips of
 * its star. Characters filling a box of a seal's size show in fewer directions, or fill it.
 */
function ringShape(mark: Mark, sealBlock: Uint8Array, bw: number): { sectors: number; innerShare: number } {
  const cx = (mark.x0 + mark.x1 + 1) / 2;
  const cy = (mark.y0 + mark.y1 + 1) / 2;
  const ax = (mark.x1 - mark.x0 + 1) / 2;
  const ay = (mark.y1 - mark.y0 + 1) / 2;
  const seen = new Uint8Array(RING_SECTORS);
  let n = 0;
  let inner = 0;
  for (const p of mark.members) {
    if (!sealBlock[p]) continue;
    const nx = ((p % bw) + 0.5 - cx) / ax;
    const ny = (Math.floor(p / bw) + 0.5 - cy) / ay;
    const r = Math.hypot(nx, ny);
    n++;
    if (r >= 0.3 && r <= 0.6) inner++;
    if (r >= 0.75 && r <= 1.1) seen[Math.min(RING_SECTORS - 1, Math.floor(((Math.atan2(ny, nx) + Math.PI) / (2 * Math.PI)) * RING_SECTORS))] = 1;
  }
  return { sectors: seen.reduce((k, v) => k + v, 0), innerShare: n === 0 ? 1 : inner / n };
}

/** A mark of a seal's size and shape (mm): 20–60 across, roughly as tall as wide. */
export function isSealSized(wMm: number, hMm: number): boolean {
  return wMm >= SEAL_MIN_MM && hMm >= SEAL_MIN_MM && wMm <= SEAL_MAX_MM && hMm <= SEAL_MAX_MM && wMm / hMm <= 1.6 && hMm / wMm <= 1.6;
}

/**
 * Inside `box`, ink at `from` or lighter turns white and what is darker turns black: the text
 * under a seal comes out as crisp as the text around it (thin strokes such as 〇 would otherwise
 * fade to grey when the page is scaled down for recognition). Returns the pixels whitened.
 */
export function keepOnlyDarkInk(data: Buffer, width: number, box: SealBox, from: number): number {
  let whitened = 0;
  for (let y = box[1]; y < box[3]; y++) {
    for (let x = box[0]; x < box[2]; x++) {
      const i = y * width + x;
      const v = data[i]!;
      if (v >= from) {
        if (v < 255) whitened++;
        data[i] = 255;
      } else {
        data[i] = 0;
      }
    }
  }
  return whitened;
}

/** The blocks of `mask` with at least `min` of their eight neighbours in it. */
function withNeighbours(mask: Uint8Array, w: number, h: number, min: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx || dy) && x + dx >= 0 && x + dx < w && y + dy >= 0 && y + dy < h && mask[(y + dy) * w + x + dx]) n++;
        }
      }
      if (n >= min) out[y * w + x] = 1;
    }
  }
  return out;
}

/** The median mid-grey of these blocks, if their ink is one even grey (a seal), else null. */
function evenInkLevel(data: Buffer, width: number, block: number, blocks: number[], bw: number): number | null {
  const hist = new Uint32Array(256);
  let n = 0;
  for (const b of blocks) {
    const bx = (b % bw) * block;
    const by = Math.floor(b / bw) * block;
    for (let y = by; y < by + block; y++) {
      for (let x = bx; x < bx + block && x < width; x++) {
        const v = data[y * width + x];
        if (v === undefined || v < DARK_BELOW || v > MID_MAX) continue;
        hist[v]!++;
        n++;
      }
    }
  }
  if (n === 0) return null;
  let acc = 0;
  let median = DARK_BELOW;
  for (let v = DARK_BELOW; v <= MID_MAX; v++) {
    acc += hist[v]!;
    if (acc >= n / 2) {
      median = v;
      break;
    }
  }
  let near = 0;
  for (let v = Math.max(0, median - EVEN_BAND); v <= Math.min(255, median + EVEN_BAND); v++) near += hist[v]!;
  return near >= EVEN_SHARE * n ? median : null;
}
