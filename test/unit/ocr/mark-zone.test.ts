import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { getRecord } from '../../../native/catalog/records.js';
import { ingest } from '../../../native/ingest/ingest-job.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { runOcrQueue } from '../../../native/ocr/queue.js';
import { generateSampleScans } from '../../../native/samples/index.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { tempDir } from '../../harness/temp.js';

let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 2 });
});
after(async () => {
  await pool.terminate();
});

test('a 秘密★10年 mark alone in the top corner of a real-size scan is read and puts the record under 涉密 hold', async () => {
  const root = tempDir();
  const scans = path.join(root, 'scans');
  const manifest = await generateSampleScans(scans, { documents: 5, maxPagesPerDocument: 1 });
  const secret = manifest.documents.find((d) => d.classification === '秘密');
  const open = manifest.documents.find((d) => d.classification === '公开');
  assert.ok(secret && open, 'the sample set has a classified and an open document');
  const vault = await initWorkingVault(path.join(root, 'vault'));
  try {
    const summary = await ingest(vault, { paths: [path.join(scans, secret.folder), path.join(scans, open.folder)] });
    assert.equal(summary.failed, 0);
    const [secretId, openId] = summary.items.map((i) => i.recordId!);
    const ocr = await runOcrQueue(vault, { pool });
    assert.equal(ocr.failed, 0);
    assert.equal(getRecord(vault.db, secretId!)?.classifiedHold, true, 'the classified document is held');
    assert.equal(getRecord(vault.db, openId!)?.classifiedHold, false, 'the open document is not');
    const text = (vault.db.prepare('SELECT t.text FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.record_id = ?').get(secretId) as { text: string }).text;
    assert.match(text.split('\n')[0]!, /^秘密.?10年$/, `the mark is the first line of page 1: ${text.slice(0, 40)}`);
  } finally {
    vault.close();
  }
});
