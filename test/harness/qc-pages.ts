import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';

/**
 * Page images for QC tests, made with sharp: lines of "words" (dark bars of varying length,
 * like a printed page seen from afar) on paper-white, 1240×1754 px tagged 300 dpi. Each seed
 * gives a different text layout; the variants are what machine QC must catch.
 */
export type PageVariant = 'text' | 'sparse' | 'blank' | 'skewed' | 'blurred' | 'low-dpi' | 'colour';

const W = 1240;
const H = 1754;

function textPixels(seed: number, sparse = false): Buffer {
  const px = Buffer.alloc(W * H, 246);
  let x = (seed + 1) * 2654435761;
  const rnd = () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x / 4294967296;
  };
  // A sparse page: three short lines low on the right, like the signature block of a last page.
  for (let line = sparse ? 30 : 0; line < (sparse ? 33 : 34); line++) {
    const top = 160 + line * 42;
    let left = sparse ? 760 : 120 + (line === 0 ? 200 : 0);
    while (left < W - 160) {
      const word = 18 + Math.floor(rnd() * 90);
      for (let yy = top; yy < top + 22; yy++) px.fill(20, yy * W + left, yy * W + Math.min(W - 120, left + word));
      left += word + 14 + Math.floor(rnd() * 10);
    }
  }
  return px;
}

export async function qcPage(variant: PageVariant, seed = 0): Promise<Sharp> {
  const raw = { width: W, height: H, channels: 1 as const };
  if (variant === 'blank') {
    const px = Buffer.alloc(W * H, 246);
    // A few specks of dust: still a blank page.
    for (let i = 0; i < 40; i++) px[(300 + i * 37) * W + 200 + i * 23] = 90;
    return sharp(px, { raw });
  }
  let img = sharp(textPixels(seed, variant === 'sparse'), { raw });
  if (variant === 'skewed') img = sharp(await img.rotate(4, { background: { r: 246, g: 246, b: 246 } }).resize(W, H, { fit: 'cover' }).toColourspace('b-w').raw().toBuffer(), { raw });
  if (variant === 'blurred') img = sharp(await img.blur(4).raw().toBuffer(), { raw });
  if (variant === 'colour') {
    // A red seal on the page: a colour scan.
    const grey = textPixels(seed);
    const rgb = Buffer.alloc(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.fill(grey[i]!, i * 3, i * 3 + 3);
    for (let yy = 1300; yy < 1500; yy++) for (let xx = 800; xx < 1000; xx++) rgb.set([200, 30, 30], (yy * W + xx) * 3);
    return sharp(rgb, { raw: { width: W, height: H, channels: 3 } });
  }
  return img;
}

/** Writes a page as JPEG (or PNG by the extension). */
export async function writeQcPage(file: string, variant: PageVariant, seed = 0): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let img = await qcPage(variant, seed);
  // withDensity, not withMetadata: the latter adds an sRGB profile and turns a grey page into three channels.
  if (variant !== 'colour') img = img.toColourspace('b-w');
  img = img.withDensity(variant === 'low-dpi' ? 150 : 300);
  await (file.endsWith('.png') ? img.png() : img.jpeg({ quality: 88 })).toFile(file);
  return file;
}
