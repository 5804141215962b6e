import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { recordWarnings } from '../../../native/catalog/records.js';
import { ingest } from '../../../native/ingest/ingest-job.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { runOcrQueue } from '../../../native/ocr/queue.js';
import { queueCounts } from '../../../native/ocr/queue-store.js';
import { inkShare, readableChars, reviewReason } from '../../../native/ocr/review.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { tempDir } from '../../harness/temp.js';

// A page with ink whose OCR text is empty or unreadable is flagged for a person's review, never
// silently done; a blank page or a page read well is not.

const root = tempDir();
let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 1 });
});
after(async () => {
  await pool.terminate();
});

/** A 1240×1754 white page (A4 at 150 dpi) with filled discs where a seal and a signature would be. */
async function inkedPage(file: string, density = 300): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/>
    <circle cx="900" cy="1300" r="160" fill="#202020"/><rect x="200" y="300" width="700" height="40" fill="#303030"/></svg>`;
  await sharp(Buffer.from(svg)).withMetadata({ density }).png().toFile(file);
}

test('ink share: a blank page has none, an inked one has some', async () => {
  const blank = path.join(root, 'blank.png');
  await sharp({ create: { width: 600, height: 800, channels: 3, background: '#ffffff' } }).png().toFile(blank);
  const inked = path.join(root, 'inked.png');
  await inkedPage(inked);
  assert.equal(await inkShare(blank), 0);
  assert.ok((await inkShare(inked)) > 0.02);
  assert.equal(readableChars('，。| — ·'), 0);
  assert.equal(readableChars('二〇一六年 3 月'), 7);
  assert.equal(await reviewReason({ text: '', meanConfidence: null }, blank), null, 'a blank page with no text is fine');
  assert.equal(await reviewReason({ text: '| —', meanConfidence: 20 }, inked), 'OCR_EMPTY_WITH_INK');
  assert.equal(await reviewReason({ text: '某某局办公室文件', meanConfidence: 12 }, inked), 'OCR_LOW_CONFIDENCE_WITH_INK');
  assert.equal(await reviewReason({ text: '某某局办公室文件', meanConfidence: 88 }, inked), null);
});

test('OCR of an inked page with no legible text: done, and flagged with a warning that names the page', async () => {
  const vault = await initWorkingVault(path.join(root, 'vault'));
  try {
    const scans = path.join(root, 'scans', '签章页');
    fs.mkdirSync(scans, { recursive: true });
    await inkedPage(path.join(scans, 'p1.png'));
    const summary = await ingest(vault, { paths: [scans], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y' } });
    const recordId = summary.items[0]!.recordId!;
    const s = await runOcrQueue(vault, { pool });
    assert.equal(s.done, 1);
    assert.deepEqual(s.review, [{ recordId, pageNo: 1, reason: 'OCR_EMPTY_WITH_INK' }]);
    assert.deepEqual(queueCounts(vault.db, recordId), { pending: 0, running: 0, done: 1, failed: 0 });
    const w = recordWarnings(vault.db, recordId).filter((x) => x.code === 'OCR_EMPTY_WITH_INK');
    assert.equal(w.length, 1);
    assert.equal(w[0]!.pageNo, 1);
    assert.match(w[0]!.message.zh, /第 1 页有墨迹/);
  } finally {
    vault.close();
  }
});
