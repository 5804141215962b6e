import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { loadFonts } from './fonts.js';
import { A4_MM, type PageLayout } from './layout.js';
import type { Rng } from './prng.js';

/** How a page is scanned: what the scanner and the paper do to the printed page. */
export interface ScanLook {
  dpi: number;
  colour: boolean;
  format: 'png' | 'jpeg';
  /** Rotation in degrees (a page fed slightly crooked). */
  skewDeg: number;
  /** Dark specks and white drop-outs per million pixels. */
  speckle: number;
  /** Gaussian sigma in pixels at 300 dpi (0 = sharp). */
  blur: number;
  jpegQuality: number;
  /** Add a seal even if the layout has none (OCR variant). */
  forceSeal?: string;
  upsideDown?: boolean;
}

const RED = 'rgb(214, 28, 32)';
const SEAL = 'rgba(220, 30, 36, 0.82)';

function drawSeal(g: SKRSContext2D, cx: number, cy: number, px: number, text: string, family: string): void {
  const r = 21 * px;
  g.save();
  // Seal ink over toner: where they overlap the black stays black, as on paper.
  g.globalCompositeOperation = 'multiply';
  g.translate(cx, cy);
  g.strokeStyle = SEAL;
  g.fillStyle = SEAL;
  g.lineWidth = 1.2 * px;
  g.beginPath();
  g.arc(0, 0, r, 0, Math.PI * 2);
  g.stroke();
  g.font = `${Math.round(5.8 * px)}px ${family}`;
  g.textAlign = 'center';
  const chars = Array.from(text);
  const span = Math.min(1.5 * Math.PI, chars.length * 0.34);
  chars.forEach((ch, k) => {
    g.save();
    g.rotate(-span / 2 + (chars.length === 1 ? 0 : (k * span) / (chars.length - 1)));
    g.fillText(ch, 0, -r + 7.5 * px);
    g.restore();
  });
  // A five-pointed star in the middle.
  g.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = (i % 2 === 0 ? 7 : 2.8) * px;
    g.lineTo(Math.cos(a) * rr, Math.sin(a) * rr);
  }
  g.closePath();
  g.fill();
  g.restore();
}

/** Paints the printed page (toner and ink only) on white; returns RGBA pixels. */
function paint(layout: PageLayout, dpi: number, forceSeal: string | undefined): { rgba: Buffer; width: number; height: number } {
  const fonts = loadFonts();
  const px = dpi / 25.4;
  const width = Math.round(A4_MM.width * px);
  const height = Math.round(A4_MM.height * px);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.textBaseline = 'alphabetic';
  for (const line of layout.lines) {
    g.fillStyle = line.red ? RED : '#000000';
    g.font = `${(line.sizePt * 25.4 * px) / 72}px ${fonts.family[line.face]}`;
    const chars = Array.from(line.text);
    chars.forEach((ch, i) => g.fillText(ch, line.xs[i]! * px, line.y * px));
  }
  if (layout.rule) {
    g.fillStyle = RED;
    g.fillRect(layout.rule.x * px, layout.rule.y * px, layout.rule.w * px, layout.rule.h * px);
  }
  const seal = layout.seal ?? (forceSeal ? { cx: 140, cy: 240, text: forceSeal } : undefined);
  if (seal) drawSeal(g, seal.cx * px, seal.cy * px, px, seal.text, fonts.family.song);
  return { rgba: canvas.data(), width, height };
}

/**
 * A scanner's output for one printed page: paper tone and sensor noise, specks, skew, blur,
 * greyscale or colour, PNG or JPEG, with the resolution recorded in the file.
 */
export async function scanPage(layout: PageLayout, look: ScanLook, rng: Rng): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { rgba, width, height } = paint(layout, look.dpi, look.forceSeal);
  const channels = look.colour ? 3 : 1;
  const n = width * height;
  const out = Buffer.allocUnsafe(n * channels);
  // Paper is never pure white; noise comes from a small table so the loop stays cheap.
  const paper = look.colour ? [246, 243, 236] : [244, 244, 244];
  const noise = new Int8Array(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.round((rng() + rng() + rng() - 1.5) * 5);
  let nz = Math.floor(rng() * 4096);
  const step = 1 + Math.floor(rng() * 7) * 2; // odd, so the table is walked in a long cycle
  if (channels === 1) {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      // Luma of the ink, mapped onto the paper tone.
      const l = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
      nz = (nz + step) & 4095;
      const v = ((l * paper[0]!) >> 8) + noise[nz]!;
      out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  } else {
    for (let i = 0, j = 0; i < n * 3; i += 3, j += 4) {
      nz = (nz + step) & 4095;
      const e = noise[nz]!;
      for (let c = 0; c < 3; c++) {
        const v = ((rgba[j + c]! * paper[c]!) >> 8) + e;
        out[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  const specks = Math.round((look.speckle * n) / 1e6);
  for (let s = 0; s < specks; s++) {
    const x0 = Math.floor(rng() * (width - 4));
    const y0 = Math.floor(rng() * (height - 4));
    const size = 1 + Math.floor(rng() * 3);
    const v = rng() < 0.8 ? Math.floor(rng() * 60) : 255;
    for (let dy = 0; dy < size; dy++) out.fill(v, ((y0 + dy) * width + x0) * channels, ((y0 + dy) * width + x0 + size) * channels);
  }
  let img = sharp(out, { raw: { width, height, channels } });
  if (look.skewDeg !== 0 || look.upsideDown) {
    const bg = look.colour ? { r: paper[0]!, g: paper[1]!, b: paper[2]! } : { r: paper[0]!, g: paper[0]!, b: paper[0]! };
    const angle = look.skewDeg + (look.upsideDown ? 180 : 0);
    const rotated = await img.rotate(angle, { background: bg }).raw().toBuffer({ resolveWithObject: true });
    // Rotation grows the canvas; the scanner bed does not: crop back to A4.
    const left = Math.floor((rotated.info.width - width) / 2);
    const top = Math.floor((rotated.info.height - height) / 2);
    img = sharp(rotated.data, { raw: { width: rotated.info.width, height: rotated.info.height, channels: rotated.info.channels } }).extract({ left, top, width, height });
  }
  if (look.blur > 0) img = img.blur(Math.max(0.3, (look.blur * look.dpi) / 300));
  if (!look.colour) img = img.toColourspace('b-w');
  img = img.withDensity(look.dpi);
  const bytes = look.format === 'jpeg' ? await img.jpeg({ quality: look.jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer() : await img.png({ compressionLevel: 6 }).toBuffer();
  return { bytes, width, height };
}
