import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { VaultError } from '../../../native/errors.js';
import { inspectSource, readPages } from '../../../native/images/read/index.js';
import { TESTDATA, tempDir } from '../../harness/temp.js';
import { PNG_SIGNATURE, pngChunk, pngHeader } from '../../harness/png.js';
import { checkDerived, normalizedOf, readAll, rejectsWith } from './helpers.js';

const ODD = path.join(TESTDATA, 'ingest-oddities');

/** A valid PNG whose header claims width×height; its few IDAT bytes would inflate to gigabytes. */
function bombPng(width: number, height: number): Buffer {
  const rows = zlib.deflateSync(Buffer.alloc(width + 1), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, pngHeader(width, height), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A little-endian TIFF whose one directory claims width×height, 8-bit grey, one strip. */
function bombTiff(width: number, height: number): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 4, 1, width], [257, 4, 1, height], [258, 3, 1, 8], [259, 3, 1, 1], [262, 3, 1, 1],
    [273, 4, 1, 8], [277, 3, 1, 1], [278, 4, 1, height], [279, 4, 1, 16],
  ];
  const ifdAt = 8 + 16;
  const b = Buffer.alloc(ifdAt + 2 + entries.length * 12 + 4);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifdAt, 4);
  b.writeUInt16LE(entries.length, ifdAt);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdAt + 2 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    if (type === 3) b.writeUInt16LE(value, at + 8);
    else b.writeUInt32LE(value, at + 8);
  });
  return b;
}

test('a zero-byte file is refused as empty', async () => {
  const file = path.join(tempDir(), '空 文件.jpg');
  fs.writeFileSync(file, '');
  await rejectsWith(inspectSource(file), 'INGEST_EMPTY_FILE', file);
  await rejectsWith(readAll(file), 'INGEST_EMPTY_FILE', file);
});

test('a text file named .jpg is refused by its content, not its name', async () => {
  const file = path.join(tempDir(), '说明 letter.jpg');
  fs.writeFileSync(file, '这不是图片，是一封信。\nThis is a letter, not a scan.\n');
  const e = await rejectsWith(inspectSource(file), 'INGEST_UNSUPPORTED_FORMAT', file);
  assert.match(e.text.en, /text file/);
  assert.match(e.text.zh, /文本文件/);
  await rejectsWith(readAll(file), 'INGEST_UNSUPPORTED_FORMAT', file);
});

test('other formats are named when refused (GIF, ZIP/OFD, unknown bytes)', async () => {
  const dir = tempDir();
  const gif = path.join(dir, 'a.png');
  fs.writeFileSync(gif, Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(20)]));
  assert.match((await rejectsWith(inspectSource(gif), 'INGEST_UNSUPPORTED_FORMAT', gif)).text.en, /GIF/);
  const ofd = path.join(dir, 'b.ofd');
  fs.writeFileSync(ofd, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(20)]));
  assert.match((await rejectsWith(inspectSource(ofd), 'INGEST_UNSUPPORTED_FORMAT', ofd)).text.en, /ZIP/);
  const bin = path.join(dir, 'c.tif');
  fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 0xff]));
  assert.match((await rejectsWith(inspectSource(bin), 'INGEST_UNSUPPORTED_FORMAT', bin)).text.en, /0001020304050607/);
});

test('a missing file is INGEST_UNREADABLE naming it', async () => {
  const file = path.join(tempDir(), '不存在.tif');
  await rejectsWith(inspectSource(file), 'INGEST_UNREADABLE', file);
  await rejectsWith(readAll(file), 'INGEST_UNREADABLE', file);
});

test('a PNG named .jpg reads fine, with an EXTENSION_MISMATCH warning', async () => {
  const file = path.join(tempDir(), '扫描 001.jpg');
  const png = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 240, g: 240, b: 240 } } })
    .toColourspace('b-w').png().withDensity(300).toBuffer();
  fs.writeFileSync(file, png);
  const info = await inspectSource(file);
  assert.deepEqual(info, { format: 'png', pageCount: 1, extensionMismatch: true });
  const [rp, ...rest] = await readAll(file);
  assert.equal(rest.length, 0);
  assert.equal(rp!.page.format, 'png');
  assert.ok(rp!.page.bytes.equals(png));
  assert.equal(rp!.page.dpiX, 300);
  const w = rp!.page.warnings.find((x) => x.code === 'EXTENSION_MISMATCH');
  assert.ok(w, 'warned');
  assert.ok(w.message.en.includes('.jpg') && w.message.en.includes('PNG') && w.message.zh.includes('扫描 001.jpg'));
  // An 8-bit greyscale PNG is its own normalized image.
  assert.ok((await normalizedOf(rp!)).equals(png));
  await checkDerived(rp!);
});

test('decompression bombs are refused from the header, before any pixel is allocated', async () => {
  const dir = tempDir();
  const png = path.join(dir, '炸弹 bomb.png');
  fs.writeFileSync(png, bombPng(100_000, 100_000));
  assert.ok(fs.statSync(png).size < 2000);
  const rssBefore = process.memoryUsage().rss;
  const e = await rejectsWith(inspectSource(png), 'INGEST_TOO_LARGE', png, 1);
  assert.match(e.text.en, /100000×100000/);
  await rejectsWith(readAll(png), 'INGEST_TOO_LARGE', png, 1);
  const tif = path.join(dir, 'bomb.tif');
  fs.writeFileSync(tif, bombTiff(60_000, 60_000));
  await rejectsWith(inspectSource(tif), 'INGEST_TOO_LARGE', tif, 1);
  await rejectsWith(readAll(tif), 'INGEST_TOO_LARGE', tif, 1);
  // 10 GB of pixels were never allocated.
  assert.ok(process.memoryUsage().rss - rssBefore < 500e6);
  // The limit is a setting: the same picture passes a higher one up to the decode.
  const small = path.join(dir, 'small.png');
  fs.writeFileSync(small, bombPng(2000, 2000));
  await rejectsWith(inspectSource(small, { maxPixels: 1e6 }), 'INGEST_TOO_LARGE', small, 1);
  assert.equal((await inspectSource(small)).pageCount, 1);
});

test('Chinese characters and spaces in paths work, and errors name such paths', async () => {
  const dir = path.join(tempDir(), '档案 扫描', '二〇一六 年');
  fs.mkdirSync(dir, { recursive: true });
  const copies: [string, string, number][] = [
    ['pillow/g4-multi.tiff', '第一 卷.tiff', 3],
    ['ocrmypdf/ccitt.pdf', '文书 档案.pdf', 1],
    ['pillow/hopper_orientation_6.jpg', '照片 六.jpg', 1],
  ];
  for (const [from, to, pages] of copies) {
    const file = path.join(dir, to);
    fs.copyFileSync(path.join(ODD, from), file);
    assert.equal((await inspectSource(file)).pageCount, pages);
    const read = await readAll(file);
    assert.equal(read.length, pages);
    for (const rp of read) await checkDerived(rp);
  }
  const bad = path.join(dir, '损坏 的.png');
  fs.copyFileSync(path.join(ODD, 'pillow/truncated_image.png'), bad);
  await rejectsWith(readAll(bad), 'INGEST_CORRUPT', bad, 1);
});

test('page and pixel limits are enforced with their own codes', async () => {
  const g4 = path.join(ODD, 'pillow/g4-multi.tiff');
  await rejectsWith(inspectSource(g4, { maxPages: 2 }), 'INGEST_TOO_MANY_PAGES', g4);
  await rejectsWith(readAll(g4, { limits: { maxPages: 2 } }), 'INGEST_TOO_MANY_PAGES', g4);
  const pdf = path.join(ODD, 'ocrmypdf/multipage.pdf');
  await rejectsWith(inspectSource(pdf, { maxPages: 5 }), 'INGEST_TOO_MANY_PAGES', pdf);
  const pport = path.join(ODD, 'pillow/pport_g4.tif');
  const e = await rejectsWith(readAll(pport, { limits: { maxPixels: 1e6 } }), 'INGEST_TOO_LARGE', pport, 1);
  assert.match(e.text.en, /2548×3296/);
  const ccitt = path.join(ODD, 'ocrmypdf/ccitt.pdf');
  await rejectsWith(readAll(ccitt, { limits: { maxPixels: 1e6 } }), 'INGEST_TOO_LARGE', ccitt, 1);
  const jpg = path.join(ODD, 'exif-orientation-examples/Landscape_3.jpg');
  await rejectsWith(inspectSource(jpg, { maxPixels: 1e6 }), 'INGEST_TOO_LARGE', jpg, 1);
});

test('a PDF page over the time limit is INGEST_TIMEOUT naming the page', async () => {
  const pdf = path.join(ODD, 'ocrmypdf/ccitt.pdf');
  await rejectsWith(readAll(pdf, { limits: { timeoutSeconds: 0.001 } }), 'INGEST_TIMEOUT', pdf, 1);
});

test('cancelling stops between pages with the signal reason, not a VaultError', async () => {
  const g4 = path.join(ODD, 'pillow/g4-multi.tiff');
  const ac = new AbortController();
  const seen: number[] = [];
  let caught: unknown;
  try {
    for await (const rp of readPages(g4, { signal: ac.signal })) {
      seen.push(rp.page.index);
      ac.abort();
    }
  } catch (e) {
    caught = e;
  }
  assert.deepEqual(seen, [0]);
  assert.ok(caught instanceof Error && caught.name === 'AbortError', String(caught));
  assert.ok(!(caught instanceof VaultError));
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(readAll(path.join(ODD, 'ocrmypdf/cardinal.pdf'), { signal: pre.signal }), (e: Error) => e.name === 'AbortError');
  // Stopping early (break) closes the reader: the file can be read again at once.
  for await (const _ of readPages(path.join(ODD, 'ocrmypdf/cardinal.pdf'))) break;
  assert.equal((await readAll(path.join(ODD, 'ocrmypdf/cardinal.pdf'))).length, 4);
});
