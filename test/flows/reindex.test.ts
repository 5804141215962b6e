import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';
import { VaultApi, type JobProgress } from '../../native/api/index.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { indexStatus } from '../../native/search/index.js';
import { addRecord } from '../unit/search/helpers.js';

test('a stale or incomplete search index is a check warning naming the fix, and lantai reindex repairs it', async () => {
  const root = tempDir();
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  await writeTestPage(path.join(root, 'scans', '关于档案安全检查的通知.png'), 1);
  const ing = await runChild([CLI, 'ingest', path.join(root, 'scans', '关于档案安全检查的通知.png')], { env: acc.archivist.env });
  assert.equal(ing.code, 0, ing.stderr);
  assert.equal((await runChild([CLI, 'check'], { env: acc.archivist.env })).code, 0);

  // As after an upgrade that changed the normalizer, or a lost index table row.
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'));
  db.prepare("UPDATE search_meta SET value = '0' WHERE key = 'normalizer_version'").run();
  db.prepare('DELETE FROM search_record').run();
  for (const t of ['search_field_bigram', 'search_field_unigram']) db.prepare(`DELETE FROM ${t}`).run();
  db.close();
  const stale = await runChild([CLI, 'check', '--json'], { env: acc.archivist.env });
  assert.equal(stale.code, 1);
  const problems = (JSON.parse(stale.stdout) as { problems: { code: string; severity: string }[] }).problems;
  assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['SEARCH_INDEX_STALE', 'warning']]);
  const before = await runChild([CLI, 'search', '安全检查', '--json'], { env: acc.archivist.env });
  assert.equal(JSON.parse(before.stdout).total, 0, 'the emptied index finds nothing');

  assert.equal((await runChild([CLI, 'reindex'], { env: acc.auditor.env })).code, 4, 'the auditor may not rebuild the index');
  const re = await runChild([CLI, 'reindex', '--json'], { env: acc.archivist.env });
  assert.equal(re.code, 0, re.stderr);
  assert.equal(JSON.parse(re.stdout).records, 1);
  assert.equal((await runChild([CLI, 'check'], { env: acc.archivist.env })).code, 0);
  const after = await runChild([CLI, 'search', '安全检查', '--json'], { env: acc.archivist.env });
  assert.equal(JSON.parse(after.stdout).total, 1);
});

test('a rebuild a migration asked for does not hold up the open: the CLI says so, searches read the text, and the reindex job is cancelled and resumed', async () => {
  const root = tempDir();
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  // Four records of 300 pages (two batches of the job), indexed, then as a migration leaves
  // the index: asked to be rebuilt.
  const vault = await openWorkingVault(vaultDir);
  const titles = ['档案安全检查通知', '设备采购清单', '会议纪要', '培训计划'];
  const added = titles.map((title, k) => addRecord(vault.db, { title, pages: Array.from({ length: 300 }, (_, i) => `${title} 第${i + 1}页 编号${k}-${i}`) }));
  vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1')").run();
  vault.close();

  const started = Date.now();
  const s = await runChild([CLI, 'search', '编号3-299', '--json'], { env: acc.archivist.env });
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stderr, /检索索引正在重建（已完成 0\/4 件）.*lantai reindex|search index is being rebuilt \(0\/4 records done\).*lantai reindex/);
  const found = JSON.parse(s.stdout) as { total: number; rebuilding: { done: number; total: number }; hits: { recordId: number; page: number }[] };
  assert.deepEqual(found.rebuilding, { done: 0, total: 4 });
  assert.deepEqual(found.hits.map((h) => [h.recordId, h.page]), [[added[3]!.id, 300]], 'found by reading the text of a record not indexed yet');
  assert.ok(Date.now() - started < 30_000);

  // The job, cancelled after its first batch: the place is kept.
  const api = await VaultApi.open(vaultDir);
  try {
    const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
    const auditor = await api.accounts.login(acc.auditor.username, acc.auditor.password, 'test');
    assert.equal(api.maintenance.startPendingRebuild(auditor), null, 'not started for someone who may not rebuild the index');
    const ctl = new AbortController();
    const progress: JobProgress[] = [];
    await assert.rejects(api.maintenance.reindex(archivist, { signal: ctl.signal, onProgress: (p) => { progress.push(p); ctl.abort(new Error('cancelled')); } }));
    assert.equal(progress[0]!.kind, 'reindex');
    assert.deepEqual([progress[0]!.done, progress[0]!.total], [2, 4]);
    const rebuild = api.maintenance.indexRebuild();
    assert.deepEqual(rebuild, { done: 2, total: 4, jobId: progress[0]!.jobId });
    assert.equal(api.jobs.get(archivist, progress[0]!.jobId).status, 'cancelled');
    const mid = api.search.query(archivist, { query: '编号0-0 OR 编号3-0' });
    assert.deepEqual(mid.rebuilding, { done: 2, total: 4 });
    assert.deepEqual(mid.hits.map((h) => h.recordId).sort((a, b) => a - b), [added[0]!.id, added[3]!.id], 'one record from the index, one from its text');
  } finally {
    api.close();
  }

  // The CLI names the job to resume, and resuming it finishes the rebuild under the same job.
  const s2 = await runChild([CLI, 'search', '会议纪要'], { env: acc.archivist.env });
  const jobId = Number(/lantai resume (\d+)/.exec(s2.stderr)?.[1]);
  assert.ok(jobId > 0, s2.stderr);
  assert.match(s2.stdout, /检索索引正在重建，已完成 2\/4 件|being rebuilt, 2\/4 records done/);
  const r = await runChild([CLI, 'resume', String(jobId), '--json'], { env: acc.archivist.env });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /lantai resume/, 'the command that rebuilds does not tell to rebuild');
  assert.equal((JSON.parse(r.stdout) as { records: number }).records, 2, 'only the records after the place');
  const jobs = JSON.parse((await runChild([CLI, 'jobs', '--json'], { env: acc.archivist.env })).stdout) as { jobs: { id: number; kind: string; status: string }[] };
  assert.equal(jobs.jobs.find((j) => j.id === jobId)?.status, 'done');
  const s3 = await runChild([CLI, 'search', '编号3-299', '--json'], { env: acc.archivist.env });
  assert.equal(s3.stderr, '');
  assert.equal((JSON.parse(s3.stdout) as { rebuilding?: unknown }).rebuilding, undefined);
  assert.equal((JSON.parse(s3.stdout) as { total: number }).total, 1);
  // (Not `lantai check`: the records above have no master files.)
  const done = await openWorkingVault(vaultDir);
  try {
    const st = indexStatus(done.db);
    assert.deepEqual([st.current, st.recordsIndexed, st.pagesIndexed], [true, 4, 1200], 'the rebuilt index is whole and current');
  } finally {
    done.close();
  }
});
