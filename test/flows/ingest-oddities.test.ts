import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { getRecordByCode, listRecords, recordPages } from '../../native/catalog/records.js';
import { checkVault } from '../../native/check/check-vault.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { writeTestPage } from '../harness/scans.js';
import { TESTDATA, tempDir } from '../harness/temp.js';
import { PNG_SIGNATURE, pngChunk, pngHeader } from '../harness/png.js';

const ODD = path.join(TESTDATA, 'ingest-oddities');

/** Files the manifest says must be refused (corrupt, truncated, crafted). */
const MUST_REFUSE = new Set([
  'pillow/crash-0c7e0e8e11ce787078f00b5b0ca409a167f070e0.tif',
  'pillow/oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif',
  'pillow/truncated_jpeg.jpg',
  'pillow/truncated_image.png',
  'pillow/broken_data_stream.png',
  'ocrmypdf/invalid.pdf',
]);

/** Page counts the manifest states for the multi-page files. */
const PAGES: Record<string, number> = {
  'pillow/g4-multi.tiff': 3,
  'pillow/multipage.tiff': 3,
  'pillow/multipage_out_of_order.tiff': 3,
  'pillow/multipage_multiple_frame_loop.tiff': 2,
  'ocrmypdf/multipage.pdf': 6,
  'ocrmypdf/cardinal.pdf': 4,
};

function manifestFiles(): string[] {
  return fs
    .readFileSync(path.join(ODD, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t')[0]!);
}

test('every ingest oddity either ingests with the right page count or is refused naming the file; nothing partial', { timeout: 300_000 }, async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const files = manifestFiles();
  assert.equal(files.length, 32);
  const summary = await ingest(vault, { paths: files.map((f) => path.join(ODD, f)), metadata: { year: 2020, retention: 'D10' } });
  const byKey = new Map(summary.items.map((i) => [path.relative(ODD, i.key), i]));
  for (const f of files) {
    const item = byKey.get(f);
    assert.ok(item, f);
    if (MUST_REFUSE.has(f)) {
      assert.equal(item.status, 'failed', `${f} must be refused`);
      assert.ok(item.error!.message.includes(path.basename(f)), `${f}: message names the file: ${item.error!.message}`);
      assert.doesNotMatch(item.error!.message, /\n\s+at /);
    } else {
      assert.equal(item.status, 'done', `${f}: ${item.error?.message ?? ''}`);
      assert.equal(item.pageCount, PAGES[f] ?? 1, f);
    }
  }
  assert.equal(listRecords(vault.db).total, files.length - MUST_REFUSE.size);

  // EXIF orientation: every Landscape_N.jpg is stored as is, but its page says how to turn it upright.
  for (let n = 1; n <= 8; n++) {
    const rec = getRecordByCode(vault.db, summary.items.find((i) => i.key.endsWith(`Landscape_${n}.jpg`))!.archivalCode!)!;
    assert.equal(recordPages(vault.db, rec.id)[0]!.orientation, n, `Landscape_${n}.jpg`);
  }
  const report = await checkVault(vault);
  assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
  vault.close();
});

test('zero-byte files, text files named .jpg, and PNGs named .jpg', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  fs.writeFileSync(path.join(root, 'empty.jpg'), '');
  fs.writeFileSync(path.join(root, 'letter.jpg'), '这不是图像 this is not an image\n');
  await writeTestPage(path.join(root, 'really a png.jpg'), 3, { format: 'png' });
  const summary = await ingest(vault, { paths: ['empty.jpg', 'letter.jpg', 'really a png.jpg'].map((f) => path.join(root, f)) });
  const [empty, letter, png] = summary.items;
  assert.equal(empty!.status, 'failed');
  assert.equal(empty!.error!.code, 'INGEST_EMPTY_FILE');
  assert.ok(empty!.error!.message.includes('empty.jpg'));
  assert.equal(letter!.status, 'failed');
  assert.equal(letter!.error!.code, 'INGEST_UNSUPPORTED_FORMAT');
  assert.equal(png!.status, 'done');
  assert.ok(png!.warnings.some((w) => w.code === 'EXTENSION_MISMATCH'));
  vault.close();
});

test('a decompression bomb is refused before it is decoded', { timeout: 60_000 }, async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  // A valid PNG header that claims 100000 × 100000 pixels (10 gigapixels) with almost no data.
  const idat = pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
  fs.writeFileSync(path.join(root, 'bomb.png'), Buffer.concat([PNG_SIGNATURE, pngHeader(100000, 100000), idat, pngChunk('IEND', Buffer.alloc(0))]));
  const started = Date.now();
  const summary = await ingest(vault, { paths: [path.join(root, 'bomb.png')] });
  assert.equal(summary.items[0]!.status, 'failed');
  assert.equal(summary.items[0]!.error!.code, 'INGEST_TOO_LARGE');
  assert.ok(Date.now() - started < 10_000, 'refused fast');
  assert.equal(listRecords(vault.db).total, 0);
  vault.close();
});
