import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import sharp, { type CreateRaw } from 'sharp';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { recordPages, type PageRow } from '../../native/catalog/records.js';
import { VaultError } from '../../native/errors.js';
import { derivedPath } from '../../native/images/derived-paths.js';
import { pageImageInput } from '../../native/ocr/queue.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { PNG_SIGNATURE, pngChunk, pngHeader } from '../harness/png.js';
import { TESTDATA, tempDir } from '../harness/temp.js';

// Ingest makes only each page's thumbnail; the normalized image (greyscale, upright, full size)
// is made from the stored page image the first time OCR or the page view asks for it.

const META = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS' };
/** EXIF orientation 5 (transposed): the one a flip/rotate mix-up gets wrong. */
const JPEG = path.join(TESTDATA, 'ingest-oddities', 'exif-orientation-examples', 'Landscape_5.jpg');
const TIFF_W = 90;
const TIFF_H = 60;

const root = tempDir();
const tiff = path.join(root, 'scans', '多页 卷.tif');
let api: VaultApi;
let session: Session;
let jpegPage: PageRow;
let tiffPages: PageRow[];

/** Three different colour pages, JPEG-compressed, each tagged orientation 6 (turned 90°). */
async function writeMultiPageTiff(file: string): Promise<void> {
  const px = Buffer.alloc(TIFF_W * TIFF_H * 3 * 3);
  for (let i = 0; i < px.length; i++) px[i] = (i * 31 + Math.floor(i / (TIFF_W * TIFF_H * 3)) * 97) % 251;
  await sharp(px, { raw: { width: TIFF_W, height: TIFF_H * 3, channels: 3, pageHeight: TIFF_H } as CreateRaw })
    .withMetadata({ orientation: 6, density: 300 })
    .tiff({ compression: 'jpeg', quality: 90 })
    .toFile(file);
}

/** What the normalized image must be, made independently: libvips' own EXIF/TIFF autoOrient, then greyscale. */
async function reference(file: string, page = 0): Promise<Buffer> {
  return sharp(file, { page }).autoOrient().toColourspace('b-w').raw().toBuffer();
}

async function checkNormalized(png: Buffer, page: PageRow, expected: Buffer): Promise<void> {
  const meta = await sharp(png).metadata();
  assert.equal(meta.format, 'png');
  assert.equal(meta.channels, 1, 'greyscale, one channel');
  assert.equal(meta.depth, 'uchar');
  const upright = page.orientation >= 5 ? [page.height, page.width] : [page.width, page.height];
  assert.deepEqual([meta.width, meta.height], upright, 'the upright page at full size');
  assert.ok((await sharp(png).toColourspace('b-w').raw().toBuffer()).equals(expected), 'the same pixels as the source, upright, in grey');
}

function hasNorm(page: PageRow): boolean {
  return fs.existsSync(derivedPath(api.vault, page.imageSha256, 'norm.png'));
}

before(async () => {
  fs.mkdirSync(path.dirname(tiff), { recursive: true });
  await writeMultiPageTiff(tiff);
  const accounts = await createVaultWithAccounts(path.join(root, 'vault'));
  api = await VaultApi.open(path.join(root, 'vault'));
  session = await api.accounts.login(accounts.archivist.username, accounts.archivist.password, 'test');
  const summary = await api.ingest.run(session, { paths: [JPEG, tiff], metadata: META });
  assert.equal(summary.status, 'done');
  const [j, t] = summary.items.map((i) => recordPages(api.vault.db, i.recordId!));
  jpegPage = j![0]!;
  tiffPages = t!;
  assert.equal(jpegPage.orientation, 5);
  assert.deepEqual(tiffPages.map((p) => [p.orientation, p.compression]), [[6, 'jpeg'], [6, 'jpeg'], [6, 'jpeg']]);
});

after(() => api.close());

test('ingest stores the thumbnail of every page but not its normalized image', () => {
  for (const p of [jpegPage, ...tiffPages]) {
    assert.ok(fs.existsSync(derivedPath(api.vault, p.imageSha256, 'thumb.jpg')));
    assert.ok(!hasNorm(p), `page ${p.pageNo}: no norm.png yet`);
  }
});

test('the OCR input is derived on first use: greyscale, orientation applied, full size', async () => {
  const input = await pageImageInput(api.vault, jpegPage.id);
  assert.equal(input.greyFile, derivedPath(api.vault, jpegPage.imageSha256, 'norm.png'));
  assert.equal(input.colourFile, api.vault.store.pathOf(jpegPage.imageSha256), 'the colour scan is still offered for red suppression');
  await checkNormalized(fs.readFileSync(input.greyFile), jpegPage, await reference(JPEG));

  const page2 = tiffPages[1]!;
  const tiffInput = await pageImageInput(api.vault, page2.id);
  await checkNormalized(fs.readFileSync(tiffInput.greyFile), page2, await reference(tiff, 1));
  assert.ok(!hasNorm(tiffPages[2]!), 'only the pages asked for are derived');
});

test('VaultApi.pageImage("normalized") derives it on first use and serves it as PNG', async () => {
  const page3 = tiffPages[2]!;
  assert.ok(!hasNorm(page3));
  const url = await api.records.pageImage(session, page3.imageSha256, 'normalized');
  assert.match(url, /^data:image\/png;base64,/);
  const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  await checkNormalized(png, page3, await reference(tiff, 2));
  assert.ok(fs.readFileSync(derivedPath(api.vault, page3.imageSha256, 'norm.png')).equals(png), 'kept for the next use');
});

test('OCR and the page view deriving the same page at once get the same image, and no temp file is left', async () => {
  const page1 = tiffPages[0]!;
  assert.ok(!hasNorm(page1));
  const [a, b, input] = await Promise.all([
    api.records.pageImage(session, page1.imageSha256, 'normalized'),
    api.records.pageImage(session, page1.imageSha256, 'normalized'),
    pageImageInput(api.vault, page1.id),
  ]);
  assert.equal(a, b);
  assert.ok(Buffer.from(a.slice(a.indexOf(',') + 1), 'base64').equals(fs.readFileSync(input.greyFile)));
  await checkNormalized(fs.readFileSync(input.greyFile), page1, await reference(tiff, 0));
  const dir = path.dirname(input.greyFile);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

async function rejection(p: Promise<unknown>): Promise<VaultError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof VaultError, String(e));
    return e;
  }
  assert.fail('expected a VaultError');
}

test('a missing or damaged page image is a clear error, in the OCR codes for OCR', async () => {
  // The JPEG page, its derived image dropped and its stored object taken away, then cut short.
  const p = jpegPage;
  const object = api.vault.store.pathOf(p.imageSha256);
  const kept = fs.readFileSync(object);
  fs.rmSync(derivedPath(api.vault, p.imageSha256, 'norm.png'));
  const name = path.basename(object);
  try {
    fs.rmSync(object);
    const ocr = await rejection(pageImageInput(api.vault, p.id));
    assert.equal(ocr.code, 'OCR_NO_IMAGE');
    const view = await rejection(api.records.pageImage(session, p.imageSha256, 'normalized'));
    assert.equal(view.code, 'PAGE_IMAGE_MISSING');
    assert.ok(view.text.zh.includes(name) && view.text.en.includes(name), view.text.en);

    fs.writeFileSync(object, kept.subarray(0, 600));
    const bad = await rejection(pageImageInput(api.vault, p.id));
    assert.equal(bad.code, 'OCR_BAD_IMAGE');
    assert.match(bad.text.en, /cannot be read/);
    const badView = await rejection(api.records.pageImage(session, p.imageSha256, 'normalized'));
    assert.equal(badView.code, 'PAGE_IMAGE_UNREADABLE');
    assert.ok(badView.text.zh.startsWith('页面图像') && badView.text.zh.includes(name), badView.text.zh);
    assert.ok(!hasNorm(p), 'nothing is written for a page image that does not decode');
  } finally {
    fs.rmSync(object, { force: true });
    fs.writeFileSync(object, kept);
  }
  // Put back, the page is derived again.
  await checkNormalized(fs.readFileSync((await pageImageInput(api.vault, p.id)).greyFile), p, await reference(JPEG));
});

test('a lost thumbnail is made again from the stored page image, the same as ingest made it', async () => {
  for (const p of [jpegPage, tiffPages[1]!]) {
    const file = derivedPath(api.vault, p.imageSha256, 'thumb.jpg');
    const original = fs.readFileSync(file);
    fs.rmSync(file);
    const url = await api.records.pageImage(session, p.imageSha256, 'thumb');
    assert.match(url, /^data:image\/jpeg;base64,/);
    const rebuilt = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    assert.ok(rebuilt.equals(original), `page ${p.pageNo}: byte for byte what ingest wrote`);
    assert.ok(fs.readFileSync(file).equals(original), 'kept for the next use');
  }
});

test('a PNG is checked by its checksums at ingest and decoded on first use; one its writer broke is reported then', async () => {
  const dir = path.join(root, 'png');
  fs.mkdirSync(dir, { recursive: true });
  const good = path.join(dir, '第 1 页.png');
  const px = Buffer.from(Array.from({ length: 120 * 80 }, (_, i) => (i * 13) % 256));
  await sharp(px, { raw: { width: 120, height: 80, channels: 1 } }).png().withMetadata({ density: 300 }).toFile(good);
  // Valid chunks and CRCs around deflate data that is not an image: what a buggy writer makes.
  const broken = path.join(dir, '第 2 页.png');
  const shortData = zlib.deflateSync(Buffer.alloc(121 * 3)); // 3 rows of the 80 the header promises
  fs.writeFileSync(broken, Buffer.concat([PNG_SIGNATURE, pngHeader(120, 80), pngChunk('IDAT', shortData), pngChunk('IEND', Buffer.alloc(0))]));

  const summary = await api.ingest.run(session, { paths: [good, broken], metadata: META });
  assert.equal(summary.status, 'done');
  const [goodPage, brokenPage] = summary.items.map((i) => recordPages(api.vault.db, i.recordId!)[0]!);
  for (const p of [goodPage!, brokenPage!]) assert.ok(!fs.existsSync(derivedPath(api.vault, p.imageSha256, 'thumb.jpg')), 'no thumbnail made at ingest');

  const url = await api.records.pageImage(session, goodPage!.imageSha256, 'thumb');
  const thumb = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata();
  assert.deepEqual([thumb.format, thumb.width, thumb.height], ['jpeg', 120, 80]);
  await checkNormalized(fs.readFileSync((await pageImageInput(api.vault, goodPage!.id)).greyFile), goodPage!, await reference(good));

  const name = path.basename(api.vault.store.pathOf(brokenPage!.imageSha256));
  const view = await rejection(api.records.pageImage(session, brokenPage!.imageSha256, 'thumb'));
  assert.equal(view.code, 'PAGE_IMAGE_UNREADABLE');
  assert.ok(view.text.zh.includes(name) && view.text.en.includes(name), view.text.en);
  assert.equal((await rejection(pageImageInput(api.vault, brokenPage!.id))).code, 'OCR_BAD_IMAGE');
  assert.ok(fs.readFileSync(api.vault.store.pathOf(brokenPage!.imageSha256)).equals(fs.readFileSync(broken)), 'the master is kept as it came');
});
