import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { getJob } from '../../../native/jobs/job-store.js';
import { JobManager, type JobEvent } from '../../../native/jobs/manager.js';
import { main } from '../../../native/cli/main.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { createVaultWithAccounts } from '../../harness/accounts.js';
import { writeTestBatch } from '../../harness/scans.js';
import { tempDir } from '../../harness/temp.js';

test('a job is persisted, reports one progress shape with time left, and ends in the status it earned', async () => {
  const vault = await initWorkingVault(path.join(tempDir(), 'v'));
  try {
    const manager = new JobManager(vault.db);
    const events: JobEvent[] = [];
    manager.subscribe((e) => events.push(e));
    const running = manager.start('check', async (job) => {
      assert.equal(getJob(vault.db, job.jobId)?.status, 'running', 'persisted as running while it runs');
      assert.deepEqual(manager.running().map((j) => j.jobId), [job.jobId]);
      // Steps well apart from the 200 ms progress throttle (a timer may fire a millisecond early,
      // and a report 199 ms after the last emitted one waits), so reports after the first half
      // second, when there is a rate, are emitted before the last.
      for (let i = 1; i <= 6; i++) {
        await new Promise((r) => setTimeout(r, 250));
        job.report({ done: i, total: 6, message: `step ${i}` });
      }
      return 'ok';
    });
    assert.equal(await running.result, 'ok');
    const row = getJob(vault.db, running.jobId())!;
    assert.equal(row.status, 'done');
    assert.equal(row.kind, 'check');
    assert.deepEqual([row.done, row.total], [6, 6]);
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    assert.ok(progress.length >= 2);
    assert.ok(progress.every((p) => p.jobId === running.jobId() && p.kind === 'check' && p.total === 6));
    assert.ok(progress.some((p) => p.done < p.total && p.etaSeconds !== null && p.etaSeconds >= 0), 'time left is estimated once there is a rate');
    assert.deepEqual(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && e.end.status), ['done']);
    assert.deepEqual(manager.running(), []);

    // Cancelled through cancel(jobId) (the desktop) or the caller's own AbortSignal (the CLI's Ctrl-C).
    const outer = new AbortController();
    const byId = manager.start('reindex', (job) => new Promise((resolve) => job.signal.addEventListener('abort', () => resolve('stopped'))));
    const bySignal = manager.start('ocr', (job) => new Promise((resolve) => job.signal.addEventListener('abort', () => resolve('stopped'))), { signal: outer.signal });
    assert.equal(manager.cancel(byId.jobId()), true);
    outer.abort();
    await Promise.all([byId.result, bySignal.result]);
    assert.equal(getJob(vault.db, byId.jobId())!.status, 'cancelled');
    assert.equal(getJob(vault.db, bySignal.jobId())!.status, 'cancelled');

    const failing = manager.start('check', async () => {
      throw new Error('disk gone');
    });
    await assert.rejects(failing.result, /disk gone/);
    assert.equal(getJob(vault.db, failing.jobId())!.status, 'failed');
    const end = events.filter((e) => e.type === 'end').pop();
    assert.ok(end?.type === 'end' && end.end.error?.code === 'INTERNAL', 'the end carries the error as a DTO');

    // A resumed job reuses its row instead of adding one.
    const again = manager.start('reindex', async () => 'again', { existingJobId: byId.jobId() });
    await again.result;
    assert.equal(again.jobId(), byId.jobId());
    assert.equal(getJob(vault.db, byId.jobId())!.status, 'done');
  } finally {
    vault.close();
  }
});

test('lantai jobs lists every kind of long work, and lantai resume re-runs an interrupted check under the same job', async () => {
  const root = tempDir();
  const dir = path.join(root, 'v');
  const acc = await createVaultWithAccounts(dir);
  await writeTestBatch(path.join(root, 'scans', 'a'), 2);
  let out = '';
  const io = { stdout: (s: string) => void (out += s), stderr: () => undefined, env: { ...acc.archivist.env, LANG: 'C' } };
  const run = async (args: string[]) => {
    out = '';
    const code = await main([...args, '--json'], io);
    return { code, json: JSON.parse(out) as Record<string, unknown> };
  };
  assert.equal((await run(['ingest', path.join(root, 'scans')])).code, 0);
  assert.equal((await run(['check', '--quick'])).code, 0);
  const jobs = (await run(['jobs'])).json['jobs'] as { id: number; kind: string; status: string }[];
  assert.deepEqual(jobs.map((j) => [j.kind, j.status]), [['check', 'done'], ['ingest', 'done']]);

  // A check whose process died is 'interrupted' once a new process opens the vault.
  const controller = new AbortController();
  controller.abort();
  const cancelled = await main(['check'], io, controller.signal);
  assert.equal(cancelled, 5, 'a cancelled check exits as cancelled');
  const afterCancel = (await run(['jobs'])).json['jobs'] as { id: number; kind: string; status: string }[];
  const stopped = afterCancel[0]!;
  assert.deepEqual([stopped.kind, stopped.status], ['check', 'cancelled']);
  const resumed = await run(['resume', String(stopped.id)]);
  assert.equal(resumed.code, 0);
  assert.equal(resumed.json['ok'], true);
  const final = (await run(['jobs'])).json['jobs'] as { id: number; kind: string; status: string }[];
  assert.equal(final.length, afterCancel.length, 'resuming reused the job instead of adding one');
  assert.equal(final.find((j) => j.id === stopped.id)?.status, 'done');
});
