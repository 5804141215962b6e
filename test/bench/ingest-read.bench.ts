// npm run bench -- ingest-read [--pages N] [--tiff-pages N] [--pdf-pages N]
// Per-page cost of reading scans at ingest (one validating decode that makes the thumbnail) at
// 300-dpi A4 (2480×3508) for a greyscale PNG, a colour JPEG and a bilevel G4 TIFF, against a
// naive baseline in the same run (sharp defaults: metadata, a validating decode, then a
// thumbnail from its own decode). Also the cost, paid later on first use, of the page's
// normalized image (normalizePageImage). Then a 5,000-page TIFF (pages/s, peak RSS; baseline:
// sharp's {page: n}, which re-walks the file) and a PDF of JPEG scans.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type CreateRaw } from 'sharp';
import { DEFAULT_LIMITS, normalizePageImage, readPages } from '../../native/images/read/index.js';
import { makePdf } from '../unit/ingest-read/make-pdf.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const PAGES = arg('pages', 10);
const TIFF_PAGES = arg('tiff-pages', 5000);
const PDF_PAGES = arg('pdf-pages', 8);
const A4 = { width: 2480, height: 3508 };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai bench 读取-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** A scan-like A4 page: lines of CJK and Latin text on off-white paper with sensor noise and a red seal. */
async function a4Raw(): Promise<Buffer> {
  const lines = Array.from({ length: 90 }, (_, i) =>
    `<text x="200" y="${300 + i * 34}" font-size="28" font-family="Noto Sans CJK SC">第${i}行 档案数字化 兰台 The quick brown fox jumps over the lazy dog ${i * 7919}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}"><rect width="100%" height="100%" fill="#f4f1ea"/>${lines.join('')}<circle cx="1900" cy="3000" r="200" stroke="#d02020" stroke-width="14" fill="none"/></svg>`;
  const data = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  let x = 12345;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, data[i]! + (x % 13) - 6));
  }
  return data;
}

function ms(n: number): string {
  return n.toFixed(1);
}

async function timed(fn: () => Promise<void>, reps: number): Promise<{ wall: number; cpu: number }> {
  await fn(); // warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / reps, cpu: (c.user + c.system) / 1000 / reps };
}

async function ours(file: string): Promise<void> {
  for await (const rp of readPages(file)) if (rp.derived.thumbnail?.length === 0) throw new Error('empty thumbnail');
}

/** The normalized image as OCR or the page view first asks for it (the bench files are upright). */
async function normalizedLater(file: string, compression: string): Promise<void> {
  if ((await normalizePageImage({ file, compression, orientation: 1 }, DEFAULT_LIMITS)).length === 0) throw new Error('no normalized image');
}

/** What a straightforward reader does with sharp's defaults. */
async function naive(file: string): Promise<void> {
  await sharp(file).metadata();
  await sharp(file, { failOn: 'error' }).raw().toBuffer();
  await sharp(file).autoOrient().resize(256, 256, { fit: 'inside' }).jpeg().toBuffer();
}

const raw = await a4Raw();
const rawImg = () => sharp(raw, { raw: { ...A4, channels: 3 } });
const files = {
  grey_png: path.join(dir, 'a4 grey.png'),
  colour_jpeg: path.join(dir, 'a4 colour.jpg'),
  g4_tiff: path.join(dir, 'a4 bilevel.tif'),
};
await rawImg().toColourspace('b-w').png().withDensity(300).toFile(files.grey_png);
await rawImg().jpeg({ quality: 85 }).withDensity(300).toFile(files.colour_jpeg);
await rawImg().toColourspace('b-w').threshold(160).tiff({ compression: 'ccittfax4', bitdepth: 1 }).withDensity(300).toFile(files.g4_tiff);

const compression: Record<keyof typeof files, string> = { grey_png: 'deflate', colour_jpeg: 'jpeg', g4_tiff: 'ccittfax4' };

const out: Record<string, string> = {};
const defaultConcurrency = sharp.concurrency();
for (const [name, file] of Object.entries(files) as [keyof typeof files, string][]) {
  const o = await timed(() => ours(file), PAGES);
  const later = await timed(() => normalizedLater(file, compression[name]), PAGES);
  // Two files at once, as the ingest job runs two items on two cores.
  const t0 = performance.now();
  await Promise.all([0, 1].map(async () => { for (let i = 0; i < PAGES; i++) await ours(file); }));
  const twoStreams = (2 * PAGES) / ((performance.now() - t0) / 1000);
  const ourConcurrency = sharp.concurrency();
  sharp.concurrency(defaultConcurrency);
  const n = await timed(() => naive(file), Math.max(3, Math.ceil(PAGES / 2)));
  sharp.concurrency(ourConcurrency);
  console.log(`${name}: ours ${ms(o.wall)} ms/page (cpu ${ms(o.cpu)}), two streams ${twoStreams.toFixed(1)} pages/s; naive ${ms(n.wall)} ms/page (cpu ${ms(n.cpu)}); normalized on first use ${ms(later.wall)} ms/page`);
  Object.assign(out, {
    [`${name}_ms`]: ms(o.wall), [`${name}_cpu_ms`]: ms(o.cpu), [`${name}_two_streams_pages_s`]: twoStreams.toFixed(1), [`${name}_normalized_later_ms`]: ms(later.wall),
    [`naive_${name}_ms`]: ms(n.wall), [`speedup_${name}`]: (n.wall / o.wall).toFixed(2),
  });
}

// 5,000-page TIFF of small pages.
{
  const file = path.join(dir, '五千页.tif');
  const w = 64, h = 64;
  const roll = Buffer.alloc(w * h * TIFF_PAGES, 255);
  for (let i = 0; i < TIFF_PAGES; i++) roll.writeUInt16LE(i, i * w * h);
  await sharp(roll, { raw: { width: w, height: h * TIFF_PAGES, channels: 1, pageHeight: h } as CreateRaw }).toColourspace('b-w').tiff({ compression: 'lzw' }).toFile(file);
  global.gc?.();
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  let pages = 0;
  const t0 = performance.now();
  for await (const rp of readPages(file)) {
    if (rp.page.index !== pages) throw new Error('out of order');
    pages++;
    if (pages % 50 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  }
  const secs = (performance.now() - t0) / 1000;
  // Baseline: libvips opens page n by walking the directory chain each time.
  const sample = [0, Math.floor(TIFF_PAGES / 2), TIFF_PAGES - 1];
  const s0 = performance.now();
  for (const p of sample) await sharp(file, { page: p }).raw().toBuffer();
  const perPage = (performance.now() - s0) / sample.length;
  console.log(`tiff ${TIFF_PAGES} pages: ${(pages / secs).toFixed(0)} pages/s, rss ${(rss0 / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB; sharp {page:n} ${ms(perPage)} ms/page → ${(perPage * TIFF_PAGES / 1000).toFixed(0)} s projected`);
  Object.assign(out, {
    tiff5000_pages_s: (pages / secs).toFixed(0), tiff5000_rss_start_mb: (rss0 / 1e6).toFixed(0), tiff5000_peak_rss_mb: (peak / 1e6).toFixed(0),
    sharp_page_n_ms: ms(perPage), tiff5000_naive_projected_s: (perPage * TIFF_PAGES / 1000).toFixed(0),
    speedup_tiff5000: ((perPage * TIFF_PAGES / 1000) / secs).toFixed(1),
  });
}

// A PDF of 300-dpi colour JPEG scans (pdfjs decodes the JPEGs in JavaScript on this thread).
{
  const jpeg = fs.readFileSync(files.colour_jpeg);
  const file = path.join(dir, 'scans.pdf');
  fs.writeFileSync(file, makePdf(Array.from({ length: PDF_PAGES }, () => ({ width: 595.2, height: 841.92, image: { kind: 'jpeg' as const, bytes: jpeg, ...A4, colour: true } }))));
  global.gc?.();
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  let pages = 0;
  const t0 = performance.now();
  for await (const _ of readPages(file)) {
    pages++;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`pdf ${PDF_PAGES} colour JPEG pages: ${(pages / secs).toFixed(2)} pages/s, rss ${(rss0 / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB`);
  Object.assign(out, { pdf_jpeg_pages_s: (pages / secs).toFixed(2), pdf_peak_rss_mb: (peak / 1e6).toFixed(0) });
}

console.log(`BENCH ingest-read ${Object.entries(out).map(([k, v]) => `${k}=${v}`).join(' ')}`);
