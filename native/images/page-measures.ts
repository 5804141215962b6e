import sharp from 'sharp';

/**
 * The machine measures of one page image (DA/T 31 machine checks), from one small greyscale
 * copy so a page costs tens of milliseconds: JPEG is shrunk while it is decoded.
 *   ink        share of dark pixels: a blank page has almost none
 *   sharpness  the strongest steps between neighbouring pixels over the page's contrast: a
 *              sharp stroke goes from paper to ink in a pixel or two, a blurred one in many
 *   skew       the angle (degrees) at which the dark pixels fall into the tightest rows
 *   hash       the mean grey of 32×32 cells (hex), for near-duplicate scans of the same sheet
 */
export interface PageMeasures {
  ink: number;
  sharpness: number;
  skew: number;
  hash: string;
}

/**
 * Width of the working copy: enough for a 300-dpi A4 stroke to stay a step, small enough to be
 * cheap. Just under a quarter of an A4 page at 300 dpi (2480 px), so a JPEG is decoded at 1/4
 * scale by libjpeg itself (shrink-on-load) instead of in full.
 */
export const WORK_WIDTH = 600;

/**
 * The version of the measuring code below. Measures stored at ingest (measures-store.ts) carry
 * it, and a stored row of another version is measured again: raise it whenever a change here
 * would change any measure (the work width, a threshold, the hash's grid).
 */
export const MEASURES_VERSION = 1;
const SKEW_RANGE = 5;
const SKEW_STEP = 0.1;
const MAX_SKEW_POINTS = 8_000;

export async function measurePage(input: string | Buffer): Promise<PageMeasures> {
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 400_000_000 })
    .resize({ width: WORK_WIDTH, height: WORK_WIDTH * 2, fit: 'inside', withoutEnlargement: true })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return measureGrey(data, info.width, info.height, info.channels);
}

/** The measures of a raw greyscale buffer (channels > 1: the first is used). */
export function measureGrey(input: Uint8Array, width: number, height: number, channels = 1): PageMeasures {
  const n = width * height;
  // One plain byte per pixel: the loops below stay monomorphic and fast.
  const data = new Uint8Array(n);
  if (channels === 1) data.set(input.subarray(0, n));
  else for (let i = 0; i < n; i++) data[i] = input[i * channels]!;
  return measurePlain(data, width, height);
}

function measurePlain(data: Uint8Array, width: number, height: number): PageMeasures {
  const n = width * height;
  const channels = 1;
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[data[i * channels]!]!++;
  const paper = percentile(hist, n, 0.5);
  const darkest = percentile(hist, n, 0.001);
  const contrast = Math.max(1, paper - darkest);
  // Dark = well below the paper, so grey or yellowed paper with speckle stays "blank".
  const threshold = Math.max(0, Math.min(paper - 60, paper * 0.6));
  let ink = 0;
  for (let v = 0; v < threshold; v++) ink += hist[v]!;
  const inkRatio = ink / n;

  // Sharpness: mean of the strongest 0.2% neighbour steps, over the contrast.
  const steps = new Uint32Array(256);
  let stepCount = 0;
  // Every other row: the strongest steps of a page of text are as strong on half the rows.
  for (let y = 0; y < height - 1; y += 2) {
    const row = y * width;
    for (let i = row, end = row + width - 1; i < end; i++) {
      const v = data[i]!;
      const h = v - data[i + 1]!;
      const d = v - data[i + width]!;
      steps[h < 0 ? -h : h]!++;
      steps[d < 0 ? -d : d]!++;
      stepCount += 2;
    }
  }
  const top = Math.max(1, Math.floor(stepCount * 0.002));
  let taken = 0;
  let sum = 0;
  for (let d = 255; d >= 0 && taken < top; d--) {
    const k = Math.min(steps[d]!, top - taken);
    taken += k;
    sum += k * d;
  }
  const sharpness = inkRatio === 0 ? 0 : sum / taken / contrast;

  return { ink: inkRatio, sharpness, skew: skewOf(data, width, height, channels, threshold, ink), hash: dHash(data, width, height, channels) };
}

function percentile(hist: Uint32Array, n: number, q: number): number {
  const want = n * q;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= want) return v;
  }
  return 255;
}

/**
 * Projection profiles of the dark pixels at angles −5°…5°: the one with the sharpest rows wins.
 * Coarse (0.5°) then fine (0.1°) around the best, over a sample of the dark pixels: the cost
 * stays a few milliseconds whatever the page holds.
 */
function skewOf(data: Uint8Array, width: number, height: number, _channels: number, threshold: number, inkCount: number): number {
  if (inkCount < 50) return 0;
  const every = Math.max(1, Math.ceil(inkCount / MAX_SKEW_POINTS));
  const xs = new Float64Array(Math.ceil(inkCount / every) + 1);
  const ys = new Float64Array(xs.length);
  let count = 0;
  let seen = 0;
  const half = width / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! < threshold && seen++ % every === 0 && count < xs.length) {
        xs[count] = x - half;
        ys[count] = y;
        count++;
      }
    }
  }
  const bins = new Int32Array(height + width + 2);
  const offset = half + 1;
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < count; i++) bins[(ys[i]! - xs[i]! * t + offset) | 0]!++;
    let sum = 0;
    for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
    return sum;
  };
  const search = (from: number, to: number, step: number, start: number): number => {
    let best = start;
    let bestScore = -1;
    for (let k = 0; from + k * step <= to + 1e-9; k++) {
      const a = Math.round((from + k * step) * 10) / 10;
      const v = score(a);
      if (v > bestScore || (v === bestScore && Math.abs(a) < Math.abs(best))) {
        bestScore = v;
        best = a;
      }
    }
    return best;
  };
  const coarse = search(-SKEW_RANGE, SKEW_RANGE, 0.5, 0);
  return search(Math.max(-SKEW_RANGE, coarse - 0.4), Math.min(SKEW_RANGE, coarse + 0.4), SKEW_STEP, coarse);
}

/** The mean grey of 32×32 cells, two hex digits each (fine enough that two sparse pages differ where their few lines do). */
function dHash(data: Uint8Array, width: number, height: number, channels: number): string {
  const g = 32;
  const cells = new Float64Array(g * g);
  const counts = new Uint32Array(g * g);
  const cellOfX = new Uint8Array(width);
  for (let x = 0; x < width; x++) cellOfX[x] = Math.min(g - 1, Math.floor((x * g) / width));
  // Every other pixel of every other row: a cell's mean grey does not need them all.
  for (let y = 0; y < height; y += 2) {
    const base = Math.min(g - 1, Math.floor((y * g) / height)) * g;
    const row = y * width;
    for (let x = 0; x < width; x += 2) {
      const c = base + cellOfX[x]!;
      cells[c]! += data[(row + x) * channels]!;
      counts[c]!++;
    }
  }
  let hex = '';
  for (let i = 0; i < cells.length; i++) hex += Math.round(cells[i]! / Math.max(1, counts[i]!)).toString(16).padStart(2, '0');
  return hex;
}
