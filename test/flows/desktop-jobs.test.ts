/**
 * The desktop's long jobs run in the main process (the handler table): the index rebuild a
 * migration asked for starts after a login by someone who may rebuild it, its progress and end
 * come as job events, and a cancelled job is resumed by its kind through jobs:resume, the same
 * engine call as `lantai resume ID`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { dispatch, closeVault, newShellState } from '../../electron/main/handlers.js';
import type { Channel, Req, Res, VaultEvent } from '../../electron/contract.js';
import { createJob } from '../../native/jobs/job-store.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { recordingHost } from '../harness/desktop-host.js';
import { tempDir } from '../harness/temp.js';
import { addRecord } from '../unit/search/helpers.js';

const root = tempDir();

test('the index rebuild runs as a job of the main process after the login, and is cancelled and resumed through jobs:resume', async () => {
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  const vault = await openWorkingVault(vaultDir);
  for (const title of ['档案安全检查通知', '设备采购清单', '会议纪要', '培训计划']) addRecord(vault.db, { title, pages: Array.from({ length: 300 }, (_, i) => `${title} 第${i + 1}页`) });
  vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1')").run();
  const exportJob = createJob(vault.db, 'export', {}, 'export:test', []);
  vault.close();

  const { host, events } = recordingHost();
  const state = newShellState();
  const desk = async <C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> => {
    const r = await dispatch(state, host, channel, request);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}`), { code: r.error.code });
    return r.value as Res<C>;
  };
  const ended = (jobId: number) => new Promise<string>((resolve) => {
    const poll = () => {
      const e = events.find((x): x is Extract<VaultEvent, { type: 'job:end' }> => x.type === 'job:end' && x.end.jobId === jobId);
      if (e) resolve(e.end.status);
      else setTimeout(poll, 20);
    };
    poll();
  });
  try {
    await desk('vault:open', { path: vaultDir });
    // The auditor may not rebuild the index: nothing starts.
    await desk('auth:login', { username: acc.auditor.username, password: acc.auditor.password });
    assert.deepEqual(state.api!.jobManager.running().filter((j) => j.kind === 'reindex'), [], 'not started for the auditor');

    await desk('auth:login', { username: acc.archivist.username, password: acc.archivist.password });
    const [job] = (await desk('jobs:running', undefined)).filter((j) => j.kind === 'reindex');
    assert.ok(job, 'the rebuild started with the login');
    assert.equal((await desk('jobs:cancel', { jobId: job.jobId })).cancelled, true);
    assert.equal(await ended(job.jobId), 'cancelled');
    const rows = await desk('jobs:list', undefined);
    assert.equal(rows.find((r) => r.id === job.jobId)?.status, 'cancelled');
    const during = await desk('search:query', { query: '培训计划 第300页' });
    assert.ok(during.rebuilding && during.rebuilding.total === 4 && during.rebuilding.done < 4, 'searches say the index is being rebuilt');
    assert.equal(during.total, 1, 'and find the last record by reading it');

    // Refusals come back at once, in words.
    await assert.rejects(desk('jobs:resume', { jobId: 999_999 }), { code: 'JOB_NOT_FOUND' });
    await assert.rejects(desk('jobs:resume', { jobId: exportJob }), { code: 'JOB_NOT_RESUMABLE' });

    events.length = 0;
    assert.deepEqual(await desk('jobs:resume', { jobId: job.jobId }), { jobId: job.jobId, kind: 'reindex' });
    assert.equal(await ended(job.jobId), 'done', 'resumed under the same job and finished');
    assert.ok(events.some((e) => e.type === 'job:progress' && e.progress.jobId === job.jobId && e.progress.kind === 'reindex' && e.progress.total === 4), 'progress reached the window');
    const after = await desk('search:query', { query: '会议纪要' });
    assert.equal(after.rebuilding, undefined);
    assert.equal(after.total, 1);
  } finally {
    await closeVault(state);
  }
});
