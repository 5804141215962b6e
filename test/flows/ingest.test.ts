import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listRecords, recordMasters, recordPages, recordWarnings } from '../../native/catalog/records.js';
import { checkVault } from '../../native/check/check-vault.js';
import { digestFile } from '../../native/hash/digests.js';
import { derivedPath } from '../../native/images/derived-paths.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { TESTDATA, tempDir } from '../harness/temp.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';

const META = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS' };

test('a folder per document becomes one item with ordered pages; masters kept byte for byte', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const docA = path.join(root, 'scans 扫描', '关于档案安全的通知');
  // 10.png must come after 2.png: natural page order.
  for (const n of [1, 2, 10]) await writeTestPage(path.join(docA, `${n}.png`), n);
  const single = path.join(root, 'scans 扫描', 'single.jpg');
  await writeTestPage(single, 99, { format: 'jpeg' });

  const summary = await ingest(vault, { paths: [docA, single], metadata: META });
  assert.equal(summary.status, 'done');
  assert.deepEqual(summary.items.map((i) => i.archivalCode), ['Z109-WS·2016-Y-BGS-0001', 'Z109-WS·2016-Y-BGS-0002']);
  const { records } = listRecords(vault.db);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.title, '关于档案安全的通知');
  assert.equal(records[0]!.pageCount, 3);
  const masters = recordMasters(vault.db, records[0]!.id);
  assert.deepEqual(masters.map((m) => m.originalName), ['1.png', '2.png', '10.png']);
  for (const m of masters) {
    const stored = await digestFile(vault.store.pathOf(m.sha256));
    const original = await digestFile(path.join(docA, m.originalName));
    assert.deepEqual(stored, original, 'the master is the original bytes, unchanged');
    assert.equal(m.sm3, original.sm3);
  }
  const pages = recordPages(vault.db, records[0]!.id);
  assert.deepEqual(pages.map((p) => p.pageNo), [1, 2, 3]);
  for (const p of pages) {
    assert.equal(p.dpiX, 300);
    assert.equal(p.width, 620);
    assert.match(p.sm3, /^[0-9a-f]{64}$/);
    // A PNG's checksums are its check at ingest (no decode): its thumbnail, like every page's
    // normalized image, is made on first use.
    assert.equal(fs.existsSync(derivedPath(vault, p.imageSha256, 'thumb.jpg')), p.format !== 'png', `page ${p.pageNo} (${p.format}): thumbnail`);
    assert.ok(!fs.existsSync(derivedPath(vault, p.imageSha256, 'norm.png')), 'the normalized image is made on first use, not at ingest');
  }
  const report = await checkVault(vault);
  assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
  vault.close();
});

test('running the same ingest again adds nothing: every source is recognized by its digests', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  await writeTestBatch(path.join(root, 'in', 'a'), 2);
  await writeTestBatch(path.join(root, 'in', 'b'), 3, { start: 10 });
  const first = await ingest(vault, { paths: [path.join(root, 'in')], metadata: META });
  assert.equal(first.items.filter((i) => i.status === 'done').length, 2);
  const second = await ingest(vault, { paths: [path.join(root, 'in')], metadata: META });
  assert.equal(second.status, 'done');
  assert.deepEqual(second.items.map((i) => [i.status, i.alreadyIngested]), [['skipped', true], ['skipped', true]]);
  assert.equal(listRecords(vault.db).total, 2);
  vault.close();
});

test('identical pages are reported as duplicates, inside an item and across the vault', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const doc = path.join(root, 'doc');
  await writeTestPage(path.join(doc, '1.png'), 5);
  fs.copyFileSync(path.join(doc, '1.png'), path.join(doc, '2.png'));
  await writeTestPage(path.join(doc, '3.png'), 6);
  await ingest(vault, { paths: [doc], metadata: META });
  const other = path.join(root, 'other');
  fs.mkdirSync(other);
  fs.copyFileSync(path.join(doc, '3.png'), path.join(other, '1.png'));
  await writeTestPage(path.join(other, '2.png'), 7);
  await ingest(vault, { paths: [other], metadata: META });
  const [first, second] = listRecords(vault.db).records;
  assert.deepEqual(recordWarnings(vault.db, first!.id).filter((w) => w.code === 'DUPLICATE_PAGE').map((w) => w.pageNo), [2]);
  const cross = recordWarnings(vault.db, second!.id).filter((w) => w.code === 'DUPLICATE_PAGE');
  assert.equal(cross.length, 1);
  assert.match(cross[0]!.message.en, /Z109-WS·2016-Y-BGS-0001/);
  vault.close();
});

test('a bad file fails alone with a message naming it; no partial record, no stray object', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  const inbox = path.join(root, 'in');
  await writeTestPage(path.join(inbox, '1 good.png'), 1);
  fs.copyFileSync(path.join(TESTDATA, 'ingest-oddities', 'pillow', 'truncated_jpeg.jpg'), path.join(inbox, '2 坏的.jpg'));
  await writeTestPage(path.join(inbox, '3 good.png'), 3);
  const summary = await ingest(vault, { paths: [path.join(inbox, '1 good.png'), path.join(inbox, '2 坏的.jpg'), path.join(inbox, '3 good.png')], metadata: META });
  assert.equal(summary.status, 'failed');
  assert.deepEqual(summary.items.map((i) => i.status), ['done', 'failed', 'done']);
  const failed = summary.items[1]!;
  assert.ok(failed.error!.message.includes('2 坏的.jpg'), failed.error!.message);
  // Numbers stay continuous: the failure took no item number.
  assert.deepEqual(listRecords(vault.db).records.map((r) => r.itemNumber), [1, 2]);
  const report = await checkVault(vault);
  assert.deepEqual(report.problems.filter((p) => p.severity !== 'info'), []);
  vault.close();
});

test('invalid catalog metadata is refused before any file is stored', async () => {
  const root = tempDir();
  const vault = await initWorkingVault(path.join(root, 'vault'));
  await writeTestPage(path.join(root, 'a.png'), 1);
  const summary = await ingest(vault, { paths: [path.join(root, 'a.png')], metadata: { ...META, retention: 'forever' } });
  assert.equal(summary.items[0]!.status, 'failed');
  assert.equal(summary.items[0]!.error!.code, 'INGEST_BAD_METADATA');
  assert.equal(fs.readdirSync(vault.paths.objects).filter((n) => n !== '.tmp').length, 0);
  vault.close();
});
