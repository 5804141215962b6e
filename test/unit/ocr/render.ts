/**
 * Renders Chinese text to images for the OCR tests and (until native/samples lands) the OCR
 * benchmark: a single line, or a GB/T 9704-style page (red header, document number, red rule,
 * title, 28 characters × 22 lines of body text, date with a red seal over it), optionally
 * degraded (skew, speckle, blur, JPEG, 200 dpi). Ground truth is what is printed in black
 * and the red header; the seal's own text is not part of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';

const FONTS: Record<string, string> = {
  ming: '/usr/share/fonts/truetype/arphic/uming.ttc',
  kai: '/usr/share/fonts/truetype/arphic/ukai.ttc',
};
const FAMILY: Record<string, string> = { ming: 'AR PL UMing CN', kai: 'AR PL UKai CN', song: 'Noto Serif CJK SC' };
let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  for (const [key, file] of Object.entries(FONTS)) if (fs.existsSync(file)) GlobalFonts.registerFromPath(file, `Lantai ${key}`);
  fontsReady = true;
}

export type Face = 'ming' | 'kai';

function family(face: Face): string {
  return `"Lantai ${face}", "${FAMILY[face]}"`;
}

/** One line of text, black on white, PNG bytes. */
export function renderLine(text: string, options: { px?: number; face?: Face; padding?: number } = {}): Buffer {
  ensureFonts();
  const px = options.px ?? 48;
  const pad = options.padding ?? Math.round(px * 0.6);
  const probe = createCanvas(10, 10).getContext('2d');
  probe.font = `${px}px ${family(options.face ?? 'ming')}`;
  const width = Math.ceil(probe.measureText(text).width) + 2 * pad;
  const height = Math.ceil(px * 1.4) + 2 * pad;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000';
  g.font = probe.font;
  g.textBaseline = 'top';
  g.fillText(text, pad, pad + Math.round(px * 0.15));
  return canvas.toBuffer('image/png');
}

export interface PageSpec {
  /** Body text (whitespace removed); the page takes what fits. */
  body: string;
  face?: Face;
  dpi?: number;
  /** First page of a document: red header, number, title, seal over the date. */
  first?: boolean;
  header?: string;
  docNumber?: string;
  title?: string;
  date?: string;
  /** A classification mark printed top left above the header (e.g. 秘密★10年). */
  mark?: string;
}

export interface RenderedPage {
  png: Buffer;
  groundTruth: string;
  /** Characters of body used, so the next page can continue. */
  consumed: number;
  width: number;
  height: number;
  dpi: number;
}

function drawSeal(g: SKRSContext2D, cx: number, cy: number, mm: number, face: Face): void {
  g.save();
  // Seal ink over toner: black stays black where they overlap (multiply), as on paper.
  g.globalCompositeOperation = 'multiply';
  g.translate(cx, cy);
  g.strokeStyle = 'rgba(215, 25, 30, 0.85)';
  g.fillStyle = 'rgba(215, 25, 30, 0.85)';
  g.lineWidth = 1.1 * mm;
  g.beginPath();
  g.arc(0, 0, 21 * mm, 0, Math.PI * 2);
  g.stroke();
  g.font = `${Math.round(5.5 * mm)}px ${family(face)}`;
  g.textAlign = 'center';
  const ring = '国家档案局办公室专用章';
  const chars = Array.from(ring);
  chars.forEach((ch, k) => {
    const a = -Math.PI * 0.8 + (k * 1.6 * Math.PI) / (chars.length - 1);
    g.save();
    g.rotate(a);
    g.fillText(ch, 0, -14.5 * mm);
    g.restore();
  });
  g.font = `${Math.round(13 * mm)}px sans-serif`;
  g.fillText('★', 0, 4.5 * mm);
  g.restore();
}

/** A4 page at `dpi` following GB/T 9704's grid: 156 × 225 mm type area, 22 lines of 28 characters. */
export function renderPage(spec: PageSpec): RenderedPage {
  ensureFonts();
  const face = spec.face ?? 'ming';
  const dpi = spec.dpi ?? 300;
  const mm = dpi / 25.4;
  const width = Math.round(210 * mm);
  const height = Math.round(297 * mm);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  const left = 28 * mm;
  const top = 37 * mm;
  const areaW = 156 * mm;
  const pitch = areaW / 28;
  const lineH = (225 * mm) / 22;
  const bodyPx = Math.round((16 / 72) * dpi);
  const gt: string[] = [];
  let y = top + bodyPx;
  const body = Array.from(spec.body);
  let used = 0;
  if (spec.mark) {
    g.fillStyle = '#000';
    g.font = `${bodyPx}px ${family(face)}`;
    g.textAlign = 'left';
    g.fillText(spec.mark, left, top - 8 * mm);
    gt.push(spec.mark);
  }
  if (spec.first) {
    const header = spec.header ?? '国家档案局文件';
    g.fillStyle = '#d2191e';
    g.font = `${Math.round(bodyPx * 1.9)}px ${family(face)}`;
    g.textAlign = 'center';
    g.fillText(header, width / 2, top + 16 * mm);
    gt.push(header);
    g.fillStyle = '#000';
    g.font = `${bodyPx}px ${family(face)}`;
    const num = spec.docNumber ?? '档发〔2016〕6号';
    g.fillText(num, width / 2, top + 33 * mm);
    gt.push(num);
    g.fillStyle = '#d2191e';
    g.fillRect(left, top + 38 * mm, areaW, 0.7 * mm);
    g.fillStyle = '#000';
    g.font = `${Math.round((22 / 72) * dpi)}px ${family(face)}`;
    const title = spec.title ?? '关于进一步加强档案安全工作的意见';
    g.fillText(title, width / 2, top + 56 * mm);
    gt.push(title);
    g.textAlign = 'left';
    y = top + 56 * mm + 1.6 * lineH;
  }
  g.fillStyle = '#000';
  g.font = `${bodyPx}px ${family(face)}`;
  g.textAlign = 'left';
  const bottom = top + 225 * mm - (spec.first ? 2.5 * lineH : 0);
  let indent = spec.first ? 2 : 0;
  while (y <= bottom && used < body.length) {
    const n = 28 - indent;
    const chars = body.slice(used, used + n);
    chars.forEach((ch, k) => g.fillText(ch, left + (indent + k) * pitch, y));
    gt.push(chars.join(''));
    used += chars.length;
    indent = 0;
    y += lineH;
  }
  if (spec.first) {
    const date = spec.date ?? '2016年4月26日';
    g.textAlign = 'right';
    const dx = left + areaW - 4 * pitch;
    const dy = y + lineH;
    g.fillText(date, dx, dy);
    gt.push(date);
    drawSeal(g, dx - 3.5 * pitch, dy - bodyPx / 3, mm, face);
  }
  return { png: canvas.toBuffer('image/png'), groundTruth: gt.join('\n'), consumed: used, width, height, dpi };
}

export type Degradation = 'clean' | 'skew' | 'speckle' | 'blur' | 'jpeg' | 'dpi200' | 'kai' | 'seal' | 'upside';

/** Applies one degradation to a rendered page; returns image bytes and their format. */
export async function degrade(png: Buffer, kind: Degradation, seed: number): Promise<{ bytes: Buffer; ext: 'png' | 'jpg' }> {
  let rnd = (seed + 1) * 2654435761;
  const next = (): number => {
    rnd = (rnd * 1103515245 + 12345) >>> 0;
    return rnd / 2 ** 32;
  };
  const img = sharp(png).removeAlpha();
  switch (kind) {
    case 'skew': {
      const angle = (next() < 0.5 ? -1 : 1) * (0.8 + next() * 2.2);
      return { bytes: await img.rotate(angle, { background: '#ffffff' }).png().toBuffer(), ext: 'png' };
    }
    case 'speckle': {
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      const n = Math.round(info.width * info.height * 0.004);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(next() * info.width * info.height) * info.channels;
        const v = next() < 0.7 ? 0 : 255;
        for (let c = 0; c < info.channels; c++) data[at + c] = v;
      }
      const grey = Math.round(next() * 30);
      const out = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).linear(0.9, grey).png().toBuffer();
      return { bytes: out, ext: 'png' };
    }
    case 'blur':
      return { bytes: await img.blur(1.2 + next() * 0.6).png().toBuffer(), ext: 'png' };
    case 'jpeg':
      return { bytes: await img.jpeg({ quality: 18 + Math.round(next() * 10) }).toBuffer(), ext: 'jpg' };
    case 'upside':
      return { bytes: await img.rotate(180).png().toBuffer(), ext: 'png' };
    default:
      return { bytes: await img.png().toBuffer(), ext: 'png' };
  }
}

export function seedTexts(seedsDir: string): string[] {
  return ['000_30ff50266af3084f.txt', '002_dbb9b1d8d9c6a450.txt', '003_8539ead966c831d5.txt', '004_d3eb837b7021584c.txt']
    .map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8').replace(/\s+/g, ''));
}
