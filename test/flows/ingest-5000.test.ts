import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp, { type CreateRaw } from 'sharp';
import { listRecords, recordMasters, recordPages } from '../../native/catalog/records.js';
import { checkVault } from '../../native/check/check-vault.js';
import { derivedPath } from '../../native/images/derived-paths.js';
import { ensureNormalized } from '../../native/images/derived-images.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { tempDir } from '../harness/temp.js';

const PAGES = 5000;
const W = 64;
const H = 64;

/** A 5,000-page TIFF whose page i carries i in its first two pixels (so order is checkable). */
async function writeRoll(file: string): Promise<void> {
  const roll = Buffer.alloc(W * H * PAGES, 255);
  for (let i = 0; i < PAGES; i++) roll.writeUInt16LE(i, i * W * H);
  await sharp(roll, { raw: { width: W, height: H * PAGES, channels: 1, pageHeight: H } as CreateRaw })
    .toColourspace('b-w')
    .withDensity(300)
    .tiff({ compression: 'lzw' })
    .toFile(file);
}

test('a 5,000-page TIFF becomes one item of 5,000 pages in order, checks clean, with bounded memory', async () => {
  const root = tempDir();
  const file = path.join(root, '五千页 卷.tif');
  await writeRoll(file);
  const vault = await initWorkingVault(path.join(root, 'vault'));
  try {
    global.gc?.();
    const rss0 = process.memoryUsage.rss();
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
    let summary;
    try {
      summary = await ingest(vault, { paths: [file], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y' } });
    } finally {
      clearInterval(sampler);
    }
    assert.equal(summary.status, 'done');
    assert.equal(summary.items.length, 1);
    assert.equal(summary.items[0]!.pageCount, PAGES);
    const growthMb = (peak - rss0) / 1e6;
    // Holding every page image at once would be ~5000 × (4 KB raw + PNG + JPEG thumbnail) plus
    // per-page objects; streaming keeps growth to a small, page-count-independent amount.
    assert.ok(growthMb < 250, `RSS grew ${growthMb.toFixed(0)} MB while ingesting ${PAGES} pages`);

    const { records } = listRecords(vault.db);
    assert.equal(records.length, 1);
    assert.equal(records[0]!.pageCount, PAGES);
    assert.equal(recordMasters(vault.db, records[0]!.id).length, 1);
    const pages = recordPages(vault.db, records[0]!.id);
    assert.equal(pages.length, PAGES);
    pages.forEach((p, i) => {
      assert.equal(p.pageNo, i + 1);
      assert.equal(p.masterPage, i);
    });
    assert.equal(new Set(pages.map((p) => p.imageSha256)).size, PAGES, 'every page is its own image');
    // Ingest made thumbnails only; the pixels of the normalized image, made on first use, say
    // which page each is: first, middle and last.
    for (const i of [0, 1, PAGES / 2, PAGES - 1]) {
      const p = pages[i]!;
      assert.ok(fs.existsSync(derivedPath(vault, p.imageSha256, 'thumb.jpg')));
      assert.ok(!fs.existsSync(derivedPath(vault, p.imageSha256, 'norm.png')));
      const { data } = await sharp(await ensureNormalized(vault, p)).greyscale().raw().toBuffer({ resolveWithObject: true });
      assert.equal(data.readUInt16LE(0), i, `page ${i + 1} holds page ${i + 1}'s pixels`);
    }

    const report = await checkVault(vault, { quick: true });
    assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
  } finally {
    vault.close();
  }
});
