/**
 * Scan resolution as the file records it: a PNG's pHYs chunk (pixels per metre, or aspect
 * only), a JPEG's JFIF density units and EXIF, a TIFF's ResolutionUnit; and one resolution
 * warning per page at ingest, never two.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { ingest } from '../../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { pngChunk } from '../../harness/png.js';
import { tempDir } from '../../harness/temp.js';
import { readAll } from './helpers.js';

const dir = tempDir();
const PIXELS = Buffer.alloc(32 * 32, 230);
const RAW = { raw: { width: 32, height: 32, channels: 1 as const } };

/** A PNG with only the chunks we put in: sharp's own output with its pHYs (if any) taken out. */
async function pngWith(phys: { x: number; y: number; unit: number } | null): Promise<Buffer> {
  const plain = await sharp(PIXELS, RAW).png().toBuffer();
  const chunks: Buffer[] = [];
  for (let at = 8; at < plain.length; ) {
    const len = plain.readUInt32BE(at);
    const type = plain.toString('latin1', at + 4, at + 8);
    if (type !== 'pHYs' && type !== 'eXIf') chunks.push(plain.subarray(at, at + 12 + len));
    if (type === 'IHDR' && phys) {
      const data = Buffer.alloc(9);
      data.writeUInt32BE(phys.x, 0);
      data.writeUInt32BE(phys.y, 4);
      data[8] = phys.unit;
      chunks.push(pngChunk('pHYs', data));
    }
    at += 12 + len;
  }
  return Buffer.concat([plain.subarray(0, 8), ...chunks]);
}

function jfif(units: number, x: number, y: number): Buffer {
  const b = Buffer.alloc(18);
  b.writeUInt16BE(0xffe0, 0);
  b.writeUInt16BE(16, 2);
  b.write('JFIF\0', 4, 'latin1');
  [b[9], b[10], b[11]] = [1, 2, units];
  b.writeUInt16BE(x, 12);
  b.writeUInt16BE(y, 14);
  return b;
}

/** An EXIF APP1 segment whose IFD0 holds X/YResolution and, when given, ResolutionUnit. */
function exif(res: number, unit: number | null): Buffer {
  const n = unit === null ? 2 : 3;
  const dataAt = 8 + 2 + n * 12 + 4;
  const tiff = Buffer.alloc(dataAt + 16);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(n, 8);
  let e = 10;
  const entry = (tag: number, type: number, value: number) => {
    tiff.writeUInt16LE(tag, e);
    tiff.writeUInt16LE(type, e + 2);
    tiff.writeUInt32LE(1, e + 4);
    tiff.writeUInt32LE(value, e + 8);
    e += 12;
  };
  entry(282, 5, dataAt);
  entry(283, 5, dataAt + 8);
  if (unit !== null) entry(296, 3, unit);
  for (const at of [dataAt, dataAt + 8]) {
    tiff.writeUInt32LE(res, at);
    tiff.writeUInt32LE(1, at + 4);
  }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A JPEG with the given segments right after SOI (sharp writes none of its own without metadata). */
async function jpegWith(...segments: Buffer[]): Promise<Buffer> {
  const plain = await sharp(PIXELS, RAW).jpeg().toBuffer();
  assert.notEqual(plain.readUInt16BE(2), 0xffe0, 'no JFIF segment of its own');
  return Buffer.concat([plain.subarray(0, 2), ...segments, plain.subarray(2)]);
}

async function dpiOf(name: string, bytes: Buffer): Promise<{ dpi: [number | null, number | null]; codes: string[] }> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const [rp] = await readAll(file);
  return { dpi: [rp!.page.dpiX, rp!.page.dpiY], codes: rp!.page.warnings.map((w) => w.code) };
}

test('PNG: pHYs in pixels per metre is read as dpi; aspect-only pHYs and no pHYs are no dpi', async () => {
  assert.deepEqual(await dpiOf('300.png', await pngWith({ x: 11811, y: 11811, unit: 1 })), { dpi: [300, 300], codes: [] });
  const low = await dpiOf('150.png', await pngWith({ x: 5906, y: 5906, unit: 1 }));
  assert.deepEqual(low.dpi, [150.01, 150.01]);
  assert.deepEqual(low.codes, ['LOW_DPI']);
  assert.deepEqual((await dpiOf('aniso.png', await pngWith({ x: 11811, y: 7874, unit: 1 }))).dpi, [300, 200]);
  assert.deepEqual(await dpiOf('aspect.png', await pngWith({ x: 11811, y: 11811, unit: 0 })), { dpi: [null, null], codes: ['NO_DPI'] });
  assert.deepEqual(await dpiOf('none.png', await pngWith(null)), { dpi: [null, null], codes: ['NO_DPI'] });
});

test('JPEG: JFIF density in dpi or dots/cm, none for aspect only; EXIF with its unit', async () => {
  assert.deepEqual((await dpiOf('jfif-in.jpg', await jpegWith(jfif(1, 300, 300)))).dpi, [300, 300]);
  // sharp reports density in whole dpi: 118 dots/cm is 299.72 dpi, 59 is 149.86.
  assert.deepEqual((await dpiOf('jfif-cm.jpg', await jpegWith(jfif(2, 118, 118)))).dpi, [300, 300]);
  assert.deepEqual(await dpiOf('jfif-cm-low.jpg', await jpegWith(jfif(2, 59, 59))), { dpi: [150, 150], codes: ['LOW_DPI'] });
  assert.deepEqual(await dpiOf('jfif-none.jpg', await jpegWith(jfif(0, 1, 1))), { dpi: [null, null], codes: ['NO_DPI'] });
  assert.deepEqual((await dpiOf('exif-in.jpg', await jpegWith(jfif(0, 1, 1), exif(300, 2)))).dpi, [300, 300]);
  assert.deepEqual((await dpiOf('exif-cm.jpg', await jpegWith(exif(118, 3)))).dpi, [300, 300]);
  // TIFF 6.0 (and so EXIF): a missing ResolutionUnit means inches.
  assert.deepEqual((await dpiOf('exif-default.jpg', await jpegWith(exif(200, null)))).dpi, [200, 200]);
  assert.deepEqual((await dpiOf('exif-nounit.jpg', await jpegWith(exif(300, 1)))).dpi, [null, null]);
});

test('TIFF: ResolutionUnit inch, centimetre, none', async () => {
  const tiff = (xres: number, resolutionUnit: 'inch' | 'cm') => sharp(PIXELS, RAW).tiff({ xres, yres: xres, resolutionUnit }).toBuffer();
  // sharp takes xres in pixels per millimetre whatever the unit it writes.
  assert.deepEqual((await dpiOf('in.tif', await tiff(300 / 25.4, 'inch'))).dpi, [300, 300]);
  assert.deepEqual((await dpiOf('cm.tif', await tiff(150 / 25.4, 'cm'))).dpi, [150, 150]);
  // ResolutionUnit 1 (no absolute unit): patch the unit tag sharp wrote.
  const t = await tiff(300 / 25.4, 'inch');
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? t.readUInt16LE(at) : t.readUInt16BE(at));
  const ifd = le ? t.readUInt32LE(4) : t.readUInt32BE(4);
  let patched = false;
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 296) {
      if (le) t.writeUInt16LE(1, e + 8);
      else t.writeUInt16BE(1, e + 8);
      patched = true;
    }
  }
  assert.ok(patched, 'sharp wrote a ResolutionUnit tag');
  assert.deepEqual(await dpiOf('none.tif', t), { dpi: [null, null], codes: ['NO_DPI'] });
});

test('ingest: a 150-dpi PNG gets the low-dpi warning once, a PNG without pHYs "no dpi" once, a 300-dpi PNG none', { timeout: 60_000 }, async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const files: [string, Buffer][] = [
    ['p300.png', await pngWith({ x: 11811, y: 11811, unit: 1 })],
    ['p150.png', await pngWith({ x: 5906, y: 5906, unit: 1 })],
    ['none.png', await pngWith(null)],
  ];
  for (const [name, bytes] of files) fs.writeFileSync(path.join(root, name), bytes);
  const summary = await ingest(vault, { paths: files.map(([n]) => path.join(root, n)) });
  const codes = (name: string) => {
    const item = summary.items.find((i) => i.key.endsWith(name))!;
    assert.equal(item.status, 'done', `${name}: ${item.error?.message ?? ''}`);
    return item.warnings.map((w) => w.code).filter((c) => c !== 'DUPLICATE_PAGE');
  };
  assert.deepEqual(codes('p300.png'), []);
  assert.deepEqual(codes('p150.png'), ['LOW_DPI']);
  assert.deepEqual(codes('none.png'), ['NO_DPI']);
  vault.close();
});
