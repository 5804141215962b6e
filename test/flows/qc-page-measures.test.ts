// Issue 13's speed goal: a digitization project's scanning (ingest with measure) measures each
// page for machine QC while it holds the page's bytes (page_measures, by the image's SHA-256,
// migration 0270), and the machine checks use those measures instead of decoding the stored
// image again; with or without them the findings are the same, and a row of another measuring
// version is measured again. Plain ingest does not measure (it stays as fast as it was).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { nowIso } from '../../native/db/database.js';
import { insertProject, linkRecord, listItems } from '../../native/digitization/projects.js';
import { MEASURES_VERSION, measurePage } from '../../native/images/page-measures.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { insertBatch } from '../../native/qc/batches.js';
import { runMachineChecks } from '../../native/qc/machine.js';
import type { MachineSummary } from '../../native/qc/types.js';
import type { Vault } from '../../native/vault/vault.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const scans = path.join(root, 'scans');
let vault: Vault;
let records: { recordId: number; archivalCode: string }[] = [];
let plainImages: string[] = [];

interface MeasureRow {
  sha: string;
  version: number;
  ink: number;
  sharpness: number;
  skew: number;
  hash: string;
}

const rows = (): MeasureRow[] =>
  vault.db.prepare('SELECT image_sha256 AS sha, version, ink, sharpness, skew, hash FROM page_measures ORDER BY image_sha256').all() as MeasureRow[];
/** The pages of the measured ingest (the plain one's excluded). */
const pageImages = (): { sha: string; pageNo: number; code: string }[] =>
  (vault.db.prepare('SELECT p.image_sha256 AS sha, p.page_no AS pageNo, r.archival_code AS code FROM pages p JOIN records r ON r.id = p.record_id ORDER BY r.id, p.page_no').all() as { sha: string; pageNo: number; code: string }[])
    .filter((p) => !plainImages.includes(p.sha));

before(async () => {
  // Pages the checks flag (blank, skewed, blurred, low resolution, the same sheet twice), in JPEG and PNG.
  await writeQcPage(path.join(scans, 'a', '1.jpg'), 'text', 1);
  await writeQcPage(path.join(scans, 'a', '2.jpg'), 'blank');
  await writeQcPage(path.join(scans, 'a', '3.png'), 'skewed', 2);
  await writeQcPage(path.join(scans, 'b', '1.png'), 'blurred', 3);
  await writeQcPage(path.join(scans, 'b', '2.jpg'), 'low-dpi', 4);
  await writeQcPage(path.join(scans, 'b', '3.png'), 'text', 1);
  await writeQcPage(path.join(scans, 'b', '4.jpg'), 'colour', 5);
  vault = await initWorkingVault(path.join(root, 'vault'));
  const metadata = { fondsCode: 'Z109', year: 2016, retention: 'Y', orgUnit: 'BGS' };
  await writeQcPage(path.join(scans, 'plain', '1.jpg'), 'text', 9);
  const plain = await ingest(vault, { paths: [path.join(scans, 'plain')], metadata });
  assert.equal(plain.status, 'done');
  plainImages = pageImages().map((p) => p.sha);
  const summary = await ingest(vault, { paths: [path.join(scans, 'a'), path.join(scans, 'b')], metadata, measure: true });
  assert.equal(summary.status, 'done');
  records = summary.items.map((i) => ({ recordId: i.recordId!, archivalCode: i.archivalCode! }));
  const at = nowIso();
  vault.db.prepare("INSERT INTO accounts (username, password_hash, password_changed_at, created_at, updated_at) VALUES ('qc', 'scrypt$test', ?, ?, ?)").run(at, at, at);
});
after(() => vault?.close());

let batches = 0;
/** A new project and batch over the ingested records, machine-checked; the findings without the batch's id. */
async function check(): Promise<MachineSummary> {
  const at = nowIso();
  const pid = insertProject(vault.db, { name: `p${++batches}`, inHouse: true, items: records.map((r) => ({ archivalCode: r.archivalCode })) }, 1, at);
  const items = listItems(vault.db, pid);
  items.forEach((it, i) => linkRecord(vault.db, it.id, records[i]!.recordId));
  const batch = insertBatch(vault.db, pid, { minDpi: 300, colourMode: 'grey', samplePercent: 5, passMark: 95 }, items.map((it, i) => ({ itemId: it.id, recordId: records[i]!.recordId })), 1, at);
  return { ...(await runMachineChecks(vault, batch)), batchId: 0 };
}

test('a digitization scan stores, for every page image, the measures the machine checks would make from the stored image; plain ingest none', async () => {
  const images = pageImages();
  assert.equal(images.length, 7);
  assert.equal(plainImages.length, 1);
  assert.ok(!rows().some((r) => r.sha === plainImages[0]), 'plain ingest does not measure');
  const stored = rows();
  assert.deepEqual(stored.map((r) => r.sha), [...new Set(images.map((p) => p.sha))].sort(), 'one row per page image');
  for (const r of stored) {
    assert.equal(r.version, MEASURES_VERSION);
    const fresh = await measurePage(vault.store.pathOf(r.sha));
    assert.deepEqual({ ink: r.ink, sharpness: r.sharpness, skew: r.skew, hash: r.hash }, fresh, `page image ${r.sha}`);
  }
});

test('the machine checks give the same findings from the stored measures as from decoding every page', async () => {
  const withStored = await check();
  assert.ok(withStored.counts.blank === 1 && withStored.counts.skew === 1 && withStored.counts.blur === 1, JSON.stringify(withStored.counts));
  assert.ok(withStored.counts.resolution >= 1 && withStored.counts.colour_mode === 1 && withStored.counts.duplicate === 1, JSON.stringify(withStored.counts));
  const kept = rows();
  vault.db.prepare('DELETE FROM page_measures').run();
  const measured = await check();
  assert.deepEqual(measured, withStored);
  assert.deepEqual(rows(), kept, 'the pages the checks measured are stored by their digest, as ingest stores them');
});

test('the checks read the stored row (a doctored one shows), and a row of another measuring version is measured again', async () => {
  const target = pageImages()[0]!;
  const honest = rows().find((r) => r.sha === target.sha)!;
  assert.ok(honest.ink > 0.05, 'a text page');
  // A row claiming the text page is blank: the checks believe it, so they did not decode the page.
  vault.db.prepare('UPDATE page_measures SET ink = 0 WHERE image_sha256 = ?').run(target.sha);
  const doctored = await check();
  assert.ok(doctored.findings.some((f) => f.check === 'blank' && f.archivalCode === target.code && f.pageNo === target.pageNo), 'the stored measures were used');
  // The same row from an older measuring code: measured again, and stored again at the current version.
  vault.db.prepare('UPDATE page_measures SET version = ? WHERE image_sha256 = ?').run(MEASURES_VERSION - 1, target.sha);
  const again = await check();
  assert.ok(!again.findings.some((f) => f.check === 'blank' && f.archivalCode === target.code && f.pageNo === target.pageNo), 'the stale row was not used');
  assert.deepEqual(rows().find((r) => r.sha === target.sha), honest, 'measured again and stored at the current version');
});
