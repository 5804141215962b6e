/**
 * Closing the vault while a job runs (the window closes, the app quits, another vault is
 * opened): the job is cancelled, hands its unfinished pages back and writes its end before the
 * catalog closes, so nothing is left claimed by a job that no longer exists.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { dispatch, closeVault, newShellState } from '../../electron/main/handlers.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { writeTestBatch } from '../harness/scans.js';
import { recordingHost } from '../harness/desktop-host.js';
import { tempDir } from '../harness/temp.js';

test('closing the vault under a running OCR job ends the job as cancelled and leaves its pages pending', async () => {
  const root = tempDir();
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  await writeTestBatch(path.join(root, 'scans', '通知'), 4);
  const { host, events } = recordingHost();
  const state = newShellState();
  assert.ok((await dispatch(state, host, 'vault:open', { path: vaultDir })).ok);
  assert.ok((await dispatch(state, host, 'auth:login', { username: acc.archivist.username, password: acc.archivist.password })).ok);
  assert.ok((await dispatch(state, host, 'ingest:start', { paths: [path.join(root, 'scans')], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y', orgUnit: '办公室' } })).ok);
  // The ingest ends and starts reading the pages; close while the first page is being read.
  for (let i = 0; i < 600 && !events.some((e) => e.type === 'job:progress' && e.progress.kind === 'ocr'); i++) await new Promise((r) => setTimeout(r, 10));
  const ocr = state.api!.jobManager.running().find((j) => j.kind === 'ocr');
  assert.ok(ocr, 'the OCR job runs when the vault is closed');

  await closeVault(state);

  const db = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  try {
    const job = db.prepare('SELECT status FROM jobs WHERE id = ?').get(ocr.jobId) as { status: string };
    assert.equal(job.status, 'cancelled', 'the job wrote its end before the catalog closed');
    const claimed = db.prepare("SELECT count(*) AS n FROM ocr_queue WHERE status NOT IN ('pending', 'done')").get() as { n: number };
    assert.equal(claimed.n, 0, 'no page is left claimed');
    const pending = db.prepare("SELECT count(*) AS n FROM ocr_queue WHERE status = 'pending'").get() as { n: number };
    assert.ok(pending.n > 0, 'the pages not read are waiting for the next run');
  } finally {
    db.close();
  }
  assert.ok(events.some((e) => e.type === 'job:end' && e.end.jobId === ocr.jobId && e.end.status === 'cancelled'), 'the window heard the end');
});
