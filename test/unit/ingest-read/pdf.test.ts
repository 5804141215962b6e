import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { inspectSource, readPages } from '../../../native/images/read/index.js';
import { TESTDATA, tempDir } from '../../harness/temp.js';
import { checkDerived, normalizedOf, readAll, rejectsWith } from './helpers.js';
import { makePdf, type PdfPage } from './make-pdf.js';

const W = 300;
const H = 200;

/** A test scan: light background, a black 20×20 marker at the top-left, a red band (colour) if asked. */
function scanPixels(channels: 1 | 3): Buffer {
  const px = Buffer.alloc(W * H * channels, 230);
  for (let y = 0; y < 20; y++) px.fill(0, y * W * channels, (y * W + 20) * channels);
  for (let y = 150; y < 170; y++) for (let x = 100; x < 250; x++) {
    const at = (y * W + x) * channels;
    if (channels === 3) px.set([200, 30, 30], at);
    else px[at] = 90;
  }
  return px;
}

function writePdf(pages: PdfPage[], name = '测试 文件.pdf', prefix?: Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, prefix ? Buffer.concat([prefix, makePdf(pages)]) : makePdf(pages));
  return file;
}

/** Grey value of the stored page image at (x, y). */
async function greyAt(image: Buffer, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return data[y * info.width + x]!;
}

const jpegColour = () => sharp(scanPixels(3), { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();

test('a JPEG scan page: its image at the page resolution, /Rotate 90 turning it clockwise', async () => {
  const bytes = await jpegColour();
  const file = writePdf([
    { width: 144, height: 96, image: { kind: 'jpeg', bytes, width: W, height: H, colour: true } },
    { width: 144, height: 96, rotate: 90, image: { kind: 'jpeg', bytes, width: W, height: H, colour: true } },
  ]);
  assert.equal((await inspectSource(file)).pageCount, 2);
  const [plain, turned] = await readAll(file);
  assert.deepEqual([plain!.page.width, plain!.page.height, plain!.page.dpiX, plain!.page.dpiY], [300, 200, 150, 150]);
  assert.deepEqual([plain!.page.format, plain!.page.colourMode, plain!.page.orientation, plain!.page.isWholeSource], ['png', 'colour', 1, false]);
  // The stored PNG holds the decoded scan (pdfjs' JPEG decoder may differ from libjpeg by a level or two).
  const ours = await sharp(plain!.page.bytes).raw().toBuffer();
  const ref = await sharp(bytes).raw().toBuffer();
  let diff = 0;
  for (let i = 0; i < ours.length; i++) diff += Math.abs(ours[i]! - ref[i]!);
  assert.ok(diff / ours.length < 3, `stored pixels match the scan (mean diff ${(diff / ours.length).toFixed(2)})`);
  assert.equal(await greyAt(plain!.page.bytes, 5, 5), 0, 'marker top-left');

  assert.deepEqual([turned!.page.width, turned!.page.height, turned!.page.dpiX, turned!.page.orientation], [200, 300, 150, 1]);
  assert.ok((await greyAt(turned!.page.bytes, 195, 5)) < 30, 'the marker is top-right after /Rotate 90');
  assert.ok((await greyAt(turned!.page.bytes, 5, 5)) > 200, 'and no longer top-left');
  for (const rp of [plain!, turned!]) await checkDerived(rp);
});

test('a mirrored image matrix is baked into the stored page image', async () => {
  const pixels = scanPixels(1);
  const file = writePdf([{ width: 144, height: 96, matrix: [-144, 0, 0, 96, 144, 0], image: { kind: 'grey', pixels, width: W, height: H } }]);
  const [rp] = await readAll(file);
  const stored = await sharp(rp!.page.bytes).toColourspace('b-w').raw().toBuffer();
  const mirrored = await sharp(pixels, { raw: { width: W, height: H, channels: 1 } }).flop().toColourspace('b-w').raw().toBuffer();
  assert.ok(stored.equals(mirrored), 'exactly the source pixels, mirrored as the page shows them');
});

test('greyscale, colour and 1-bit scan images are stored losslessly (PNG, PNG, TIFF G4)', async () => {
  const grey = scanPixels(1);
  const rgb = scanPixels(3);
  const packed = Buffer.alloc(Math.ceil(W / 8) * H, 0xff);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    if ((x * 7 + y * 13) % 11 === 0 || (x < 20 && y < 20)) packed[y * Math.ceil(W / 8) + (x >> 3)]! &= ~(0x80 >> (x & 7));
  }
  const file = writePdf([
    { width: 144, height: 96, image: { kind: 'grey', pixels: grey, width: W, height: H } },
    { width: 144, height: 96, image: { kind: 'rgb', pixels: rgb, width: W, height: H } },
    { width: 144, height: 96, image: { kind: 'bits', packed, width: W, height: H } },
  ]);
  const [g, c, b] = await readAll(file);
  assert.deepEqual([g!.page.format, g!.page.colourMode, g!.page.compression], ['png', 'grey', 'deflate']);
  assert.ok((await sharp(g!.page.bytes).toColourspace('b-w').raw().toBuffer()).equals(grey));
  assert.ok((await normalizedOf(g!)).equals(g!.page.bytes), 'a greyscale page image is its own normalized image');
  assert.deepEqual([c!.page.format, c!.page.colourMode], ['png', 'colour']);
  assert.ok((await sharp(c!.page.bytes).raw().toBuffer()).equals(rgb));
  assert.deepEqual([b!.page.format, b!.page.colourMode, b!.page.compression, b!.page.bitsPerSample], ['tiff', 'bilevel', 'ccittfax4', 1]);
  const bits = await sharp(b!.page.bytes).toColourspace('b-w').raw().toBuffer();
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const white = (packed[y * Math.ceil(W / 8) + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
    if ((bits[y * W + x] === 255) !== white) assert.fail(`1-bit pixel (${x}, ${y}) differs`);
  }
  assert.equal((await sharp(b!.page.bytes).metadata()).density, 150);
  for (const rp of [g!, c!, b!]) await checkDerived(rp);
});

test('invisible OCR text keeps a scan page extracted; visible marks make it rendered', async () => {
  const pixels = scanPixels(1);
  const image = { kind: 'grey' as const, pixels, width: W, height: H };
  const file = writePdf([
    { width: 144, height: 96, image, extra: 'BT 3 Tr /F1 12 Tf 10 50 Td (hidden OCR text) Tj ET\n' },
    { width: 144, height: 96, image, extra: 'BT /F1 12 Tf 10 50 Td (VISIBLE) Tj ET\n' },
    { width: 72, height: 72, extra: '0 0 0 rg 10 10 20 20 re f\n' },
  ]);
  const [hidden, visible, vector] = await readAll(file);
  assert.ok((await sharp(hidden!.page.bytes).toColourspace('b-w').raw().toBuffer()).equals(pixels), 'extracted exactly');
  // Rendered at the image's own resolution (150 dpi): same size, and the text is on it.
  assert.deepEqual([visible!.page.width, visible!.page.height, visible!.page.dpiX], [300, 200, 150]);
  const rendered = await sharp(visible!.page.bytes).toColourspace('b-w').raw().toBuffer();
  let changed = 0;
  for (let i = 0; i < rendered.length; i++) if (Math.abs(rendered[i]! - pixels[i]!) > 60) changed++;
  assert.ok(changed > 200, `the visible text is drawn (${changed} pixels changed)`);
  // No image at all: rendered at 300 dpi; a black square at (10,10)-(30,30) pt from the bottom-left.
  assert.deepEqual([vector!.page.width, vector!.page.height, vector!.page.dpiX], [300, 300, 300]);
  assert.equal(await greyAt(vector!.page.bytes, 80, 300 - 80), 0);
  assert.equal(await greyAt(vector!.page.bytes, 200, 100), 255);
  for (const rp of [hidden!, visible!, vector!]) await checkDerived(rp);
});

test('a rendered page over the pixel limit is rendered smaller, with a warning', async () => {
  const file = writePdf([{ width: 612, height: 792, extra: 'BT /F1 24 Tf 72 700 Td (A4 letter) Tj ET\n' }]);
  const [rp] = await readAll(file, { limits: { maxPixels: 1e6 } });
  assert.ok(rp!.page.width * rp!.page.height <= 1e6);
  assert.equal(rp!.page.dpiX, 103);
  assert.ok(rp!.page.warnings.some((w) => w.code === 'PDF_PAGE_DOWNSCALED'));
});

test('a damaged image stream refuses the PDF naming the page; junk before %PDF is accepted', async () => {
  const pixels = scanPixels(1);
  const good = makePdf([{ width: 144, height: 96, image: { kind: 'grey', pixels, width: W, height: H } }]);
  const damaged = makePdf([
    { width: 144, height: 96, image: { kind: 'grey', pixels, width: W, height: H } },
    { width: 144, height: 96, image: { kind: 'jpeg', bytes: Buffer.from('this is not a JPEG stream at all'), width: W, height: H, colour: false } },
  ]);
  const dir = tempDir();
  const bad = path.join(dir, '坏 页.pdf');
  fs.writeFileSync(bad, damaged);
  const seen: number[] = [];
  const run = (async () => {
    for await (const rp of readPages(bad)) seen.push(rp.page.index);
  })();
  await rejectsWith(run, 'INGEST_CORRUPT', bad, 2);
  assert.deepEqual(seen, [0]);
  const junk = path.join(dir, 'junk.pdf');
  fs.writeFileSync(junk, Buffer.concat([Buffer.from('scanner header junk\r\n'), good]));
  assert.equal((await readAll(junk)).length, 1);
});

test('PDF reading prints nothing and opens no socket', async () => {
  const calls: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  for (const k of Object.keys(saved) as (keyof typeof saved)[]) console[k] = (...a: unknown[]) => void calls.push(`${k}: ${a.join(' ')}`);
  try {
    const dir = path.join(TESTDATA, 'ingest-oddities', 'ocrmypdf');
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf') && f !== 'invalid.pdf')) await readAll(path.join(dir, name));
    await readAll(path.join(dir, 'invalid.pdf')).catch(() => undefined);
    await readAll(writePdf([{ width: 200, height: 100, extra: 'BT /F1 24 Tf 10 50 Td (Helvetica from the standard fonts) Tj ET\n' }]));
  } finally {
    Object.assign(console, saved);
  }
  assert.deepEqual(calls, []);
  // test/harness/no-network.mjs counts every blocked attempt.
  assert.equal((globalThis as { __lantaiNetworkAttempts?: number }).__lantaiNetworkAttempts ?? 0, 0);
});
