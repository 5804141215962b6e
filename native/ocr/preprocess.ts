import sharp, { type Sharp } from 'sharp';
import { VaultError } from '../errors.js';
import { dilate, markAt, markBoxPx, markSizeMm } from './block-marks.js';
import { isSealSized, keepOnlyDarkInk, type SealBox, whitenGreySeals } from './grey-seal.js';
import { type Affine, compose, IDENTITY, scale, translate, unrotate } from './geometry.js';
import { ocrMessages } from './messages.js';

/**
 * Image preparation before recognition. Each step is switchable because each was kept only
 * where the OCR benchmark (test/bench/ocr.bench.ts) showed it lowers the character error rate
 * or costs nothing; DEFAULT_PREPROCESS is the combination the benchmark chose. The result
 * carries the affine map back to the normalized page image, so boxes are stored in the page's
 * own coordinates, and the list of steps that ran (page_text.settings).
 */

export interface PreprocessOptions {
  /**
   * Red ink from the colour master: 'seals' whitens red marks that are not text lines (seals,
   * rules), which overlap the 成文日期; 'all' whitens every red mark (also red headers); 'none'.
   */
  red: 'none' | 'seals' | 'all';
  /** Undo small skew found by a projection profile (instead of or besides tesseract's rotateAuto). */
  deskew: boolean;
  /** Crop to the printed area plus a margin (drops scanner borders and punch holes). */
  crop: boolean;
  /** 3×3 median filter against speckle. */
  median: boolean;
  /** 'stretch' maps the 1st–99th luminance percentiles to black–white. */
  contrast: 'none' | 'stretch';
  /**
   * Scale the page so its typical text line is this many pixels tall (0: keep the size).
   * tesseract's chi_sim model reads Chinese best at about 20 px type, far below 300-dpi type.
   */
  textHeightPx: number;
  /** Turn a page whose text lines run vertically by a quarter turn before recognition. */
  quarterTurns: boolean;
  /**
   * Ink lighter than this grey level (0–255) turns white; 0 or absent: off. A seal scanned in
   * grey lies over the 成文日期 in mid-grey, lighter than the black text under it, which
   * tesseract otherwise reads as one blot (page.ts tries it on a page that read badly).
   */
  clipLighterThan?: number;
  /** Whiten the ink of seals scanned in grey (grey-seal.ts), found by their shape and even grey. */
  greySeals?: boolean;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = {
  red: 'seals',
  deskew: true,
  crop: false,
  median: false,
  contrast: 'none',
  // Bench (--quick, 18 pages): CER 6.1 % at full size → 3.0 % at 24 px, and 2–3× the pages per
  // minute (tesseract's layout analysis works on far fewer pixels). 20 and 28 px are alike.
  textHeightPx: 24,
  quarterTurns: true,
  greySeals: true,
};

export interface PageImageInput {
  /** The normalized greyscale page image (derived/<sha>.norm.png): the coordinate frame. */
  greyFile: string;
  /** The colour page image, when the page was scanned in colour (for red suppression). */
  colourFile?: string | undefined;
  /** Resolution of the page image, when known. */
  dpi?: number | null | undefined;
}

export interface PreparedImage {
  /** PGM (P5) bytes: tesseract reads them without any decoding cost. */
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** Size of the normalized page image the boxes map back to. */
  sourceWidth: number;
  sourceHeight: number;
  /** prepared-image coordinates → normalized page coordinates. */
  toSource: Affine;
  steps: string[];
  details: Record<string, number | string | boolean | number[]>;
  /** Clockwise quarter-turns applied (0, 90, 180, 270). */
  rotation: number;
  /** Seals found (red or grey), in pixels of the normalized page image. */
  seals: SealBox[];
}

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

function badImage(file: string, e: unknown): VaultError {
  return VaultError.of('OCR_BAD_IMAGE', ocrMessages.badImage, { file, reason: e instanceof Error ? e.message : String(e) }, {}, e);
}

async function readGrey(file: string): Promise<Grey> {
  try {
    const { data, info } = await sharp(file, { failOn: 'error' })
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: info.channels === 1 ? data : firstChannel(data, info.channels), width: info.width, height: info.height };
  } catch (e) {
    throw badImage(file, e);
  }
}

function firstChannel(data: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels] ?? 255;
  return out;
}

/** Inside a red seal's box, what is left lighter than this (not black text) turns white. */
const RED_SEAL_KEEP_BELOW = 160;

/** Inside a red seal: a pixel with any clear red cast (the seal's pale edges); black text has none. */
function isReddish(r: number, g: number, b: number): boolean {
  return r > 120 && r - Math.max(g, b) > 12;
}

/** Per-pixel: is this red ink (seal, red header, red rule)? Pink anti-aliased edges count too. */
function isRed(r: number, g: number, b: number): boolean {
  return r > 100 && r - Math.max(g, b) > 50;
}

/**
 * Greyscale of the colour master with red marks whitened. Red is found per 1-mm block; blocks
 * are joined into marks; a mark that looks like a line of text (wide, 4–30 mm tall) is kept in
 * 'seals' mode, everything else red (seals, thin rules) turns white. Black ink under a seal is
 * not red and stays. The marks of a seal's size are returned as the page's seals.
 */
async function readWithoutRed(file: string, width: number, height: number, dpi: number, mode: 'seals' | 'all'): Promise<{ grey: Grey; whitened: number; seals: SealBox[] }> {
  let rgb: Buffer;
  try {
    const { data, info } = await sharp(file, { failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels < 3) throw new Error('not a colour image');
    rgb = info.channels === 3 ? data : dropAlpha(data, info.channels);
  } catch (e) {
    throw badImage(file, e);
  }
  const n = width * height;
  const grey = Buffer.alloc(n);
  const red = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = rgb[j] ?? 255;
    const g = rgb[j + 1] ?? 255;
    const b = rgb[j + 2] ?? 255;
    grey[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    if (isRed(r, g, b)) red[i] = 1;
  }
  const mm = dpi / 25.4;
  const block = Math.max(2, Math.round(mm));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const counts = new Uint32Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * bw;
    for (let x = 0; x < width; x++) if (red[y * width + x]) counts[row + Math.floor(x / block)] = (counts[row + Math.floor(x / block)] ?? 0) + 1;
  }
  const minRed = Math.max(1, Math.round(block * block * 0.02));
  const mask = new Uint8Array(bw * bh);
  for (let i = 0; i < mask.length; i++) if ((counts[i] ?? 0) >= minRed) mask[i] = 1;
  // Join the strokes of one mark: dilate by 2 mm.
  const joined = dilate(mask, bw, bh, 2);
  const labels = new Int32Array(bw * bh).fill(-1);
  const whiten = new Uint8Array(bw * bh);
  const seals: SealBox[] = [];
  let marks = 0;
  for (let start = 0; start < joined.length; start++) {
    if (!joined[start] || (labels[start] ?? -1) >= 0) continue;
    const mark = markAt(joined, labels, bw, start, marks);
    marks += 1;
    const { wMm, hMm } = markSizeMm(mark, block, mm);
    const textLine = wMm / hMm >= 2.5 && hMm >= 4 && hMm <= 30;
    if (mode === 'all' || !textLine) for (const p of mark.members) whiten[p] = 1;
    if (!textLine && isSealSized(wMm, hMm)) seals.push(markBoxPx(mark, block, width, height));
  }
  let whitened = 0;
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * bw;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (red[i] && whiten[row + Math.floor(x / block)]) {
        grey[i] = 255;
        whitened += 1;
      }
    }
  }
  // A seal's anti-aliased edges are pale pink, not red enough for isRed, and stay as a grey
  // ghost of its ring, star and letters around the date: inside a seal any reddish pixel goes,
  // and of the rest only dark ink is kept, black (as under a seal scanned in grey).
  for (const box of seals) {
    const [x0, y0, x1, y1] = box;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        if (grey[i] !== 255 && isReddish(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!)) {
          grey[i] = 255;
          whitened += 1;
        }
      }
    }
    whitened += keepOnlyDarkInk(grey, width, box, RED_SEAL_KEEP_BELOW);
  }
  return { grey: { data: grey, width, height }, whitened, seals };
}

function dropAlpha(data: Buffer, channels: number): Buffer {
  const n = data.length / channels;
  const out = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = data[i * channels] ?? 255;
    out[i * 3 + 1] = data[i * channels + 1] ?? 255;
    out[i * 3 + 2] = data[i * channels + 2] ?? 255;
  }
  return out;
}

/** A small binarized copy (dark = 1) for analysis: about `target` pixels wide. */
async function thumbnail(g: Grey, target: number): Promise<{ bits: Uint8Array; width: number; height: number; factor: number }> {
  const factor = Math.max(1, g.width / target);
  const width = Math.max(1, Math.round(g.width / factor));
  const height = Math.max(1, Math.round(g.height / factor));
  const small = (await greyOp(g, (s) => s.resize(width, height, { kernel: 'linear', fit: 'fill' }))).data;
  const threshold = otsu(small);
  const bits = new Uint8Array(width * height);
  for (let i = 0; i < bits.length; i++) bits[i] = (small[i] ?? 255) < threshold ? 1 : 0;
  return { bits, width, height, factor: g.width / width };
}

/** Otsu's threshold of a greyscale buffer, capped so a blank page is not turned black. */
export function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of data) hist[v] = (hist[v] ?? 0) + 1;
  const total = data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t + 1;
    }
  }
  return Math.min(threshold, 200);
}

/**
 * Projection-profile score of text lines tilted by `deg` (clockwise): the sum of squared row
 * counts after shearing each dark pixel onto its line. Aligned lines give tall, narrow peaks.
 */
function profile(xs: Int32Array, ys: Int32Array, count: number, deg: number, rows: number, width: number): Float64Array {
  const t = Math.tan((deg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(t) * width) + 1;
  const hist = new Float64Array(rows + 2 * offset);
  for (let i = 0; i < count; i++) {
    const r = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * t) + offset;
    hist[r] = (hist[r] ?? 0) + 1;
  }
  return hist;
}

function profileScore(xs: Int32Array, ys: Int32Array, count: number, deg: number, rows: number, width: number): number {
  let s = 0;
  for (const v of profile(xs, ys, count, deg, rows, width)) s += v * v;
  return s;
}

/**
 * Typical height of a text line (≈ the type size) in profile rows: the ink-weighted median
 * length of the runs of rows that carry ink, in the profile straightened by the skew angle.
 */
function lineHeight(p: DarkPoints, deg: number, rows: number, width: number): { height: number; lines: number } {
  const hist = profile(p.xs, p.ys, p.count, deg, rows, width);
  let max = 0;
  for (const v of hist) max = Math.max(max, v);
  const floor = Math.max(1, 0.06 * max);
  const runs: { len: number; ink: number }[] = [];
  let len = 0;
  let ink = 0;
  for (const v of [...hist, 0]) {
    if (v > floor) {
      len += 1;
      ink += v;
    } else if (len > 0) {
      runs.push({ len, ink });
      len = 0;
      ink = 0;
    }
  }
  const lines = runs.length;
  runs.sort((a, b) => a.len - b.len);
  const total = runs.reduce((sum, r) => sum + r.ink, 0);
  let acc = 0;
  let height = 0;
  for (const r of runs) {
    acc += r.ink;
    height = r.len;
    if (acc >= total / 2) break;
  }
  // Ink from edge to edge (a photo, a dark background) is no line at all.
  return { height: height > 0.6 * rows ? 0 : height, lines };
}

interface DarkPoints {
  xs: Int32Array;
  ys: Int32Array;
  count: number;
}

function darkPoints(bits: Uint8Array, width: number, height: number, transpose: boolean): DarkPoints {
  let count = 0;
  for (const b of bits) count += b;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  let k = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!bits[y * width + x]) continue;
      xs[k] = transpose ? y : x;
      ys[k] = transpose ? x : y;
      k++;
    }
  }
  return { xs, ys, count };
}

/** Best skew angle (degrees, clockwise) in ±maxDeg, and its profile score. */
function bestAngle(p: DarkPoints, rows: number, width: number, maxDeg: number): { angle: number; score: number; flat: number } {
  let angle = 0;
  let score = -1;
  for (let a = -maxDeg; a <= maxDeg + 1e-9; a += 0.25) {
    const s = profileScore(p.xs, p.ys, p.count, a, rows, width);
    if (s > score) {
      score = s;
      angle = a;
    }
  }
  const coarse = angle;
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.05) {
    const s = profileScore(p.xs, p.ys, p.count, a, rows, width);
    if (s > score) {
      score = s;
      angle = a;
    }
  }
  // Score of an unstructured page of the same ink: the baseline a real profile must beat.
  const flat = (p.count * p.count) / Math.max(1, rows);
  return { angle: Math.round(angle * 100) / 100, score, flat };
}

export interface PageAnalysis {
  /** Clockwise skew of the text lines in degrees (rotate by -skew to straighten). */
  skew: number;
  /** Text lines run vertically: the page lies on its side. */
  sideways: boolean;
  /** Printed area in page pixels [x0, y0, x1, y1], or null on a blank page. */
  content: [number, number, number, number] | null;
  /** Typical text line height in page pixels (≈ type size); 0 when unknown. */
  textHeight: number;
  /** Number of text lines seen: the skew of one or two lines is not worth trusting. */
  lines: number;
}

/** Skew, sideways-ness and printed area from a ~700-px binarized thumbnail. */
export async function analysePage(g: Grey): Promise<PageAnalysis> {
  const t = await thumbnail(g, 700);
  const horizontal = darkPoints(t.bits, t.width, t.height, false);
  if (horizontal.count < 50) return { skew: 0, sideways: false, content: null, textHeight: 0, lines: 0 };
  const h = bestAngle(horizontal, t.height, t.width, 6);
  const vertical = darkPoints(t.bits, t.width, t.height, true);
  const v = bestAngle(vertical, t.width, t.height, 6);
  // Chinese set on a grid has aligned columns too, but the gaps between lines are far wider
  // than between characters: only a clearly stronger vertical profile means "sideways".
  const sideways = (v.score - v.flat) > 1.6 * (h.score - h.flat);
  const text = sideways ? lineHeight(vertical, v.angle, t.width, t.height) : lineHeight(horizontal, h.angle, t.height, t.width);
  return {
    skew: sideways ? v.angle : h.angle,
    sideways,
    content: contentBox(t.bits, t.width, t.height, t.factor, g),
    textHeight: Math.round(text.height * t.factor),
    lines: text.lines,
  };
}

/** Bounding box of ink, ignoring dark bands along the edges (scanner borders, page shadow). */
function contentBox(bits: Uint8Array, w: number, h: number, factor: number, g: Grey): [number, number, number, number] | null {
  const rowDark = new Float64Array(h);
  const colDark = new Float64Array(w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (bits[y * w + x]) {
    rowDark[y] = (rowDark[y] ?? 0) + 1;
    colDark[x] = (colDark[x] ?? 0) + 1;
  }
  let top = 0;
  while (top < h && (rowDark[top] ?? 0) > 0.5 * w) top++;
  let bottom = h - 1;
  while (bottom > top && (rowDark[bottom] ?? 0) > 0.5 * w) bottom--;
  let left = 0;
  while (left < w && (colDark[left] ?? 0) > 0.5 * h) left++;
  let right = w - 1;
  while (right > left && (colDark[right] ?? 0) > 0.5 * h) right--;
  // Skip the first dark-free band inside a border, then find ink.
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  const margin = 3;
  for (let y = top + margin; y <= bottom - margin; y++) {
    for (let x = left + margin; x <= right - margin; x++) {
      if (!bits[y * w + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return [
    Math.max(0, Math.floor(x0 * factor)),
    Math.max(0, Math.floor(y0 * factor)),
    Math.min(g.width, Math.ceil((x1 + 1) * factor)),
    Math.min(g.height, Math.ceil((y1 + 1) * factor)),
  ];
}

/** Runs a sharp pipeline on a greyscale buffer; sharp writes 3 channels unless told 'b-w'. */
async function greyOp(g: Grey, op: (s: Sharp) => Sharp): Promise<Grey> {
  const { data, info } = await op(sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } }))
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: info.channels === 1 ? data : firstChannel(data, info.channels), width: info.width, height: info.height };
}

function toPgm(g: Grey): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1'), g.data]);
}

function rotateGrey(g: Grey, deg: number): Promise<Grey> {
  return greyOp(g, (s) => s.rotate(deg, { background: { r: 255, g: 255, b: 255 } }));
}

/**
 * Prepares one page for recognition. `extraTurn` (90/180/270, clockwise) is applied on top of
 * what the analysis decided: the queue uses it to retry a page that read badly upside down.
 */
export async function preparePage(input: PageImageInput, options: PreprocessOptions = DEFAULT_PREPROCESS, extraTurn = 0): Promise<PreparedImage> {
  const steps: string[] = [];
  const details: Record<string, number | string | boolean | number[]> = {};
  const seals: SealBox[] = [];
  let g = await readGrey(input.greyFile);
  const sourceWidth = g.width;
  const sourceHeight = g.height;
  const dpi = input.dpi && input.dpi >= 50 && input.dpi <= 2400 ? input.dpi : 300;
  if (options.red !== 'none' && input.colourFile) {
    try {
      const r = await readWithoutRed(input.colourFile, g.width, g.height, dpi, options.red);
      g = r.grey;
      steps.push(`red-${options.red}`);
      details['redPixelsWhitened'] = r.whitened;
      seals.push(...r.seals);
    } catch {
      // A colour master sharp cannot read (e.g. a PDF page): fall back to the greyscale image.
      details['redSkipped'] = true;
    }
  }
  if (options.greySeals) {
    const found = whitenGreySeals(g.data, g.width, g.height, dpi);
    if (found) {
      g = { ...g, data: found.data };
      steps.push('grey-seals');
      seals.push(...found.seals);
      details['greySealLevels'] = found.levels;
      details['greySealPixelsWhitened'] = found.whitened;
    }
  }
  if (options.clipLighterThan && options.clipLighterThan > 0 && options.clipLighterThan < 255) {
    const t = options.clipLighterThan;
    const data = Buffer.from(g.data);
    let clipped = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i]! >= t && data[i]! < 255) {
        data[i] = 255;
        clipped++;
      }
    }
    g = { ...g, data };
    steps.push(`clip-${t}`);
    details['clippedPixels'] = clipped;
  }
  let toSource: Affine = IDENTITY;
  const needAnalysis = options.deskew || options.crop || options.quarterTurns || options.textHeightPx > 0;
  const analysis = needAnalysis ? await analysePage(g) : undefined;
  if (analysis) details['textHeight'] = analysis.textHeight;
  if (options.crop && analysis?.content) {
    const pad = Math.round((dpi / 25.4) * 5);
    const [cx0, cy0, cx1, cy1] = analysis.content;
    const x0 = Math.max(0, cx0 - pad);
    const y0 = Math.max(0, cy0 - pad);
    const x1 = Math.min(g.width, cx1 + pad);
    const y1 = Math.min(g.height, cy1 + pad);
    if ((x1 - x0) * (y1 - y0) < 0.9 * g.width * g.height && x1 - x0 > 16 && y1 - y0 > 16) {
      g = await greyOp(g, (s) => s.extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }));
      toSource = compose(toSource, translate(x0, y0));
      steps.push('crop');
      details['crop'] = [x0, y0, x1, y1];
    }
  }
  if (options.median) {
    g = await greyOp(g, (s) => s.median(3));
    steps.push('median');
  }
  let outDpi = dpi;
  if (options.textHeightPx > 0 && analysis && analysis.textHeight > 0) {
    const f = Math.min(3, Math.max(0.2, options.textHeightPx / analysis.textHeight));
    if (f < 0.9 || f > 1.15) {
      const width = Math.max(1, Math.round(g.width * f));
      const height = Math.max(1, Math.round(g.height * f));
      toSource = compose(toSource, scale(g.width / width));
      g = await greyOp(g, (s) => s.resize(width, height, { kernel: f < 1 ? 'linear' : 'lanczos3', fit: 'fill' }));
      outDpi = dpi * f;
      steps.push('scale');
      details['scale'] = Math.round(f * 1000) / 1000;
    }
  }
  const sideways = options.quarterTurns && analysis?.sideways === true;
  const turn = ((sideways ? 90 : 0) + extraTurn) % 360;
  if (turn !== 0) {
    const w = g.width;
    const h = g.height;
    g = await rotateGrey(g, turn);
    toSource = compose(toSource, unrotate(turn, w, h, g.width, g.height));
    steps.push(`turn-${turn}`);
  }
  if (options.deskew && analysis && analysis.lines >= 3) {
    // A half turn keeps a line's slope; a quarter turn of a sideways page flips its sign.
    const deg = sideways ? -analysis.skew : analysis.skew;
    details['skewDegrees'] = deg;
    if (Math.abs(deg) >= 0.15) {
      const w = g.width;
      const h = g.height;
      g = await rotateGrey(g, -deg);
      toSource = compose(toSource, unrotate(-deg, w, h, g.width, g.height));
      steps.push('deskew');
    }
  }
  if (options.contrast === 'stretch') {
    g = await greyOp(g, (s) => s.normalise({ lower: 1, upper: 99 }));
    steps.push('stretch');
  }
  return {
    image: toPgm(g),
    width: g.width,
    height: g.height,
    dpi: outDpi,
    sourceWidth,
    sourceHeight,
    toSource,
    steps,
    details,
    rotation: turn,
    seals,
  };
}
