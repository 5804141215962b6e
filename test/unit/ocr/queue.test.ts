import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { getRecord, recordPages } from '../../../native/catalog/records.js';
import { listSuggestions } from '../../../native/extract/suggestion-store.js';
import { derivedPath } from '../../../native/images/derived-paths.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { runOcrQueue, type OcrProgress } from '../../../native/ocr/queue.js';
import { queueCounts, queueRows } from '../../../native/ocr/queue-store.js';
import type { OcrLayout } from '../../../native/ocr/types.js';
import { search } from '../../../native/search/index.js';
import { cer } from './cer.js';
import { vaultWithDocument } from './helpers.js';

let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 2 });
});
after(async () => {
  await pool.terminate();
});

test('ingest queues the pages and makes the catalog fields searchable at once', async () => {
  const { vault, recordId, pageIds } = await vaultWithDocument(2);
  try {
    assert.deepEqual(queueRows(vault.db, { recordId }).map((r) => [r.pageId, r.status]), pageIds.map((id) => [id, 'pending']));
    assert.deepEqual(search(vault.db, '关于档案安全的意见').hits.map((h) => h.recordId), [recordId], 'the title is searchable before OCR');
  } finally {
    vault.close();
  }
});

test('OCR stores text, lines, words with boxes, versions and settings; search finds the text; extraction suggests fields', async () => {
  const { vault, recordId, pageIds, groundTruth } = await vaultWithDocument(2);
  try {
    const normFiles = recordPages(vault.db, recordId).map((p) => derivedPath(vault, p.imageSha256, 'norm.png'));
    assert.deepEqual(normFiles.map((f) => fs.existsSync(f)), [false, false], 'ingest does not make the normalized images');
    const events: OcrProgress[] = [];
    const s = await runOcrQueue(vault, { pool, onProgress: (p) => events.push(p), progressIntervalMs: 0 });
    assert.deepEqual(normFiles.map((f) => fs.existsSync(f)), [true, true], 'OCR made them on first use');
    assert.equal(s.done, 2);
    assert.equal(s.failed, 0);
    assert.deepEqual(s.recordsCompleted, [recordId]);
    assert.deepEqual(queueCounts(vault.db, recordId), { pending: 0, running: 0, done: 2, failed: 0 });
    assert.deepEqual(events.at(-1), { done: 2, failed: 0, total: 2, running: 0 });
    const rows = vault.db.prepare('SELECT * FROM page_text ORDER BY page_id').all() as Record<string, string | number>[];
    assert.deepEqual(rows.map((r) => r['page_id']), pageIds);
    rows.forEach((r, i) => {
      assert.ok(cer(String(r['text']), groundTruth[i]!) < 0.08, `page ${i + 1}: ${String(r['text'])}`);
      const layout = JSON.parse(String(r['layout'])) as OcrLayout;
      assert.ok(layout.lines.length >= 3);
      for (const line of layout.lines) for (const w of line.words) assert.equal(String(r['text']).slice(w.start, w.end), w.text);
      assert.equal(r['engine'], 'tesseract.js');
      assert.match(String(r['engine_version']), /tesseract\.js \d.*tesseract \d/);
      assert.match(String(r['model_version']), /chi_sim .*sha256:/);
      assert.ok(Array.isArray((JSON.parse(String(r['settings'])) as { steps: unknown }).steps));
    });
    const hit = search(vault.db, '档案实体安全').hits[0];
    assert.equal(hit?.recordId, recordId);
    // One box per line the hit touches, about six characters (120 dpi, 16 pt ≈ 27 px) wide in all.
    const width = (hit?.boxes ?? []).reduce((sum, b) => sum + (b[2] - b[0]), 0);
    assert.ok(width > 4 * 27 && width < 8 * 27, `the hit maps back to boxes on the page: ${JSON.stringify(hit?.boxes)}`);
    const fields = new Map(listSuggestions(vault.db, recordId).map((x) => [x.field, x.value]));
    assert.equal(fields.get('docNumber'), '档发〔2016〕6号');
    assert.equal(fields.get('title'), '关于进一步加强档案安全工作的意见');
    assert.equal(getRecord(vault.db, recordId)?.classifiedHold, false);
  } finally {
    vault.close();
  }
});

test('a 秘密★10年 mark on page 1 puts the record under 涉密 hold once its text is read', async () => {
  const { vault, recordId } = await vaultWithDocument(1, { mark: '秘密★10年' });
  try {
    assert.equal(getRecord(vault.db, recordId)?.classifiedHold, false);
    await runOcrQueue(vault, { pool });
    assert.equal(getRecord(vault.db, recordId)?.classifiedHold, true);
    const mark = listSuggestions(vault.db, recordId).find((x) => x.field === 'classification');
    assert.equal(mark?.value, '秘密★10年');
  } finally {
    vault.close();
  }
});

test('a page whose derived image is corrupt is retried, then marked failed with the reason; the other pages are done', async () => {
  const { vault, recordId } = await vaultWithDocument(3);
  try {
    const pages = recordPages(vault.db, recordId);
    const bad = pages[1]!;
    const damaged = derivedPath(vault, bad.imageSha256, 'norm.png');
    fs.mkdirSync(path.dirname(damaged), { recursive: true }); // a PNG page has no derived file yet
    fs.writeFileSync(damaged, Buffer.from('\x89PNG\r\n\x1a\n not really a png'));
    const s = await runOcrQueue(vault, { pool, maxRetries: 2 });
    assert.equal(s.done, 2);
    assert.equal(s.failed, 1);
    assert.equal(s.retried, 2);
    const row = queueRows(vault.db, { recordId }).find((r) => r.pageId === bad.id)!;
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.error?.code, 'OCR_BAD_IMAGE');
    assert.match(row.error?.message.en ?? '', /cannot be read/);
    assert.deepEqual(s.failures.map((f) => [f.pageNo, f.error.code]), [[2, 'OCR_BAD_IMAGE']]);
    assert.deepEqual(s.recordsCompleted, [], 'no extraction while a page has no text');
    // Fixed (the derived file removed: it is re-derived from the stored page image) and retried.
    fs.rmSync(derivedPath(vault, bad.imageSha256, 'norm.png'));
    const again = await runOcrQueue(vault, { pool, retryFailed: true });
    assert.equal(again.done, 1);
    assert.deepEqual(again.recordsCompleted, [recordId]);
    assert.ok(fs.existsSync(derivedPath(vault, bad.imageSha256, 'norm.png')));
  } finally {
    vault.close();
  }
});

test('cancel hands unfinished pages back; the next run finishes them', async () => {
  const { vault, recordId } = await vaultWithDocument(3);
  try {
    const controller = new AbortController();
    const s = await runOcrQueue(vault, {
      workers: 1,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.done >= 1) controller.abort();
      },
    });
    assert.equal(s.cancelled, true);
    const c = queueCounts(vault.db, recordId);
    assert.equal(c.running, 0, 'nothing left marked running');
    assert.ok(c.pending >= 1 && c.done >= 1, JSON.stringify(c));
    const rest = await runOcrQueue(vault, { pool });
    assert.equal(rest.done, c.pending);
    assert.deepEqual(queueCounts(vault.db, recordId), { pending: 0, running: 0, done: 3, failed: 0 });
  } finally {
    vault.close();
  }
});
