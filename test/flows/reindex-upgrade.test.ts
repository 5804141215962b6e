/**
 * Upgrades without surprises (issue 15, part 3): a migration that asks for the search index to
 * be rebuilt (0190, bracket runs) leaves the open quick; the rebuild is the persisted `reindex`
 * job, with progress on the command line, that survives a SIGKILL and goes on from its place;
 * meanwhile searches say so and find by reading the text.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { main } from '../../native/cli/main.js';
import { migrate } from '../../native/db/migrate.js';
import { latestSchemaVersion, migrations } from '../../native/db/migrations/index.js';
import { VaultApi } from '../../native/api/index.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { indexStatus, rebuildCursor, rebuildPending } from '../../native/search/index.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, REPO, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { addRecord } from '../unit/search/helpers.js';

const root = tempDir();

/** Tables, indexes and triggers the steps after `version` create (found on a scratch database). */
function createdAfter(version: number): { type: string; name: string }[] {
  const db = new Database(':memory:');
  try {
    const names = (): { type: string; name: string }[] => db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type DESC").all() as { type: string; name: string }[];
    migrate(db, ':memory:', migrations.filter((m) => m.version <= version));
    const before = new Set(names().map((o) => `${o.type}:${o.name}`));
    migrate(db, ':memory:', migrations.filter((m) => m.version > version));
    // Triggers and indexes go before the tables they belong to.
    return names().filter((o) => !before.has(`${o.type}:${o.name}`)).sort((a, b) => (a.type === 'table' ? 1 : 0) - (b.type === 'table' ? 1 : 0));
  } finally {
    db.close();
  }
}

async function lantai(args: string[], env: Record<string, string>, isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...env, LANG: 'en_US.UTF-8' }, isTTY });
  return { code, out, err };
}

test('a vault indexed by normalizer 2 opens at once after migration 0190; the reindex job rebuilds it with progress, and searches meanwhile read the text', async () => {
  const vaultDir = path.join(root, 'old');
  const acc = await createVaultWithAccounts(vaultDir);
  const vault = await openWorkingVault(vaultDir);
  const titles = ['郑州市档案局通知', '设备采购清单', '会议纪要', '培训计划'];
  const added = titles.map((title, k) => addRecord(vault.db, {
    title,
    pages: Array.from({ length: 300 }, (_, i) => (k === 0 && i === 150 ? '郑州市档案局\n郑档【2015]】9号\n关于档案工作的通知' : `${title} 第${i + 1}页`)),
  }));
  // As the vault was before main's 0190: schema 180 (what later steps created is taken away
  // again, so that they run as on a real old vault), its index stamped by normalizer 2.
  for (const o of createdAfter(180)) vault.db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS "${o.name}"`);
  vault.db.prepare("UPDATE search_meta SET value = '2' WHERE key = 'normalizer_version'").run();
  vault.db.prepare("DELETE FROM search_meta WHERE key IN ('rebuild_requested', 'rebuild_cursor')").run();
  vault.db.pragma('user_version = 180');
  vault.close();

  const t0 = performance.now();
  const api = await VaultApi.open(vaultDir);
  const openMs = performance.now() - t0;
  try {
    assert.equal(api.vault.db.pragma('user_version', { simple: true }), latestSchemaVersion(), 'migrated');
    assert.equal(rebuildPending(api.vault.db), true, 'migration 0190 asked for the rebuild');
    assert.equal(rebuildCursor(api.vault.db), null, 'and the open did none of it (the job does)');
    assert.equal(indexStatus(api.vault.db).current, false);
    assert.ok(openMs < 10_000, `the open took ${Math.round(openMs)} ms`);
    assert.deepEqual(api.maintenance.indexRebuild(), { done: 0, total: 4, jobId: null });
  } finally {
    api.close();
  }

  // Searches work meanwhile: the notice on stderr, the doubled-bracket 文号 found by reading the text.
  const s = await lantai(['search', '郑档〔2015〕9号', '--json'], acc.archivist.env);
  assert.equal(s.code, 0, s.err);
  assert.match(s.err, /search index is being rebuilt \(0\/4 records done\).*lantai reindex/);
  const found = JSON.parse(s.out) as { total: number; rebuilding: unknown; hits: { recordId: number; page: number }[] };
  assert.deepEqual(found.rebuilding, { done: 0, total: 4 });
  assert.deepEqual(found.hits.map((h) => [h.recordId, h.page]), [[added[0]!.id, 151]]);

  // On a terminal the progress is rewritten in place, counting records.
  const re = await lantai(['reindex'], acc.archivist.env, true);
  assert.equal(re.code, 0, re.err);
  assert.match(re.err, /\rReindexing [1-3]\/4/, 'progress while it runs');
  assert.match(re.err, /\rReindexing 4\/4/);
  assert.match(re.out, /Search index rebuilt: 4 records, 1200 pages/);
  assert.doesNotMatch(re.err, /being rebuilt/, 'the command that rebuilds does not tell to rebuild');

  const after = await lantai(['search', '郑档〔2015〕9号', '--json'], acc.archivist.env);
  assert.equal(after.err, '');
  assert.equal((JSON.parse(after.out) as { rebuilding?: unknown }).rebuilding, undefined);
  assert.deepEqual((JSON.parse(after.out) as { hits: { recordId: number }[] }).hits.map((h) => h.recordId), [added[0]!.id]);
  const done = await openWorkingVault(vaultDir);
  try {
    const st = indexStatus(done.db);
    assert.deepEqual([st.current, st.normalizerVersion, st.recordsIndexed, st.pagesIndexed], [true, 3, 4, 1200]);
  } finally {
    done.close();
  }
});

test('lantai reindex killed mid-way keeps its place and its job: the job is interrupted, and resuming it goes on from the place', { timeout: 240_000 }, async () => {
  const vaultDir = path.join(root, 'killed');
  const acc = await createVaultWithAccounts(vaultDir);
  const vault = await openWorkingVault(vaultDir);
  vault.db.transaction(() => {
    for (let k = 0; k < 24; k++) addRecord(vault.db, { title: `卷宗${k}`, index: false, pages: Array.from({ length: 200 }, (_, i) => `卷宗${k} 第${i + 1}页 编号${k}-${i}`) });
  })();
  vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1')").run();
  vault.close();

  // SIGKILL once the place has moved twice, long before the last batch. Not at the first move:
  // the job row's progress is written just after the batch that moved the place commits, and a
  // kill between the two would find the place kept but no progress yet (a failed CI run did);
  // once a second batch has committed, the first one's progress is on disk.
  const child = spawn(process.execPath, [CLI, 'reindex'], { cwd: REPO, env: { ...process.env, ...acc.archivist.env, LANG: 'en_US.UTF-8' }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  const watch = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  let place = 0;
  let firstPlace = 0;
  try {
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      const v = watch.prepare("SELECT value FROM search_meta WHERE key = 'rebuild_cursor'").pluck().get() as string | undefined;
      if (v !== undefined && Number(v) > 0 && firstPlace === 0) firstPlace = Number(v);
      else if (v !== undefined && Number(v) > firstPlace && firstPlace > 0) {
        place = Number(v);
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    watch.close();
  }
  assert.equal(await exited, 'SIGKILL', 'killed mid-way, not finished');
  assert.ok(place > 0);

  // The job row says interrupted (the next open finds its process gone); the place is kept.
  const jobs = await runChild([CLI, 'jobs', '--json'], { env: acc.archivist.env });
  assert.equal(jobs.code, 0, jobs.stderr);
  const reindexJobs = (JSON.parse(jobs.stdout) as { jobs: { id: number; kind: string; status: string; done: number; total: number }[] }).jobs.filter((j) => j.kind === 'reindex');
  assert.equal(reindexJobs.length, 1);
  assert.equal(reindexJobs[0]!.status, 'interrupted');
  assert.ok(reindexJobs[0]!.done >= 1 && reindexJobs[0]!.total === 24, `its progress was persisted: ${reindexJobs[0]!.done}/${reindexJobs[0]!.total}`);
  const jobId = reindexJobs[0]!.id;
  const check = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  const kept = Number(check.prepare("SELECT value FROM search_meta WHERE key = 'rebuild_cursor'").pluck().get());
  check.close();
  assert.ok(kept >= place, `the place (${kept}) survived the kill`);

  // Searches say which job to resume, and find a record past the place by its text.
  const s = await runChild([CLI, 'search', '编号23-199', '--json'], { env: acc.archivist.env });
  assert.match(s.stderr, new RegExp(`lantai resume ${jobId}`));
  assert.equal((JSON.parse(s.stdout) as { total: number }).total, 1);

  // `lantai reindex` goes on under the same job, only with the records after the place.
  const r = await runChild([CLI, 'reindex', '--json'], { env: acc.archivist.env });
  assert.equal(r.code, 0, r.stderr);
  const { records } = JSON.parse(r.stdout) as { records: number };
  assert.ok(records < 24 && records === 24 - (await countUpTo(vaultDir, kept)), `indexed ${records} records after the place`);
  const end = JSON.parse((await runChild([CLI, 'jobs', '--json'], { env: acc.archivist.env })).stdout) as { jobs: { id: number; kind: string; status: string }[] };
  assert.deepEqual(end.jobs.filter((j) => j.kind === 'reindex').map((j) => [j.id, j.status]), [[jobId, 'done']], 'one reindex job, resumed and done');
  const v = await openWorkingVault(vaultDir);
  try {
    const st = indexStatus(v.db);
    assert.deepEqual([st.current, st.recordsIndexed, st.pagesIndexed], [true, 24, 4800]);
  } finally {
    v.close();
  }
});

async function countUpTo(vaultDir: string, id: number): Promise<number> {
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM records WHERE id <= ?').pluck().get(id) as number;
  } finally {
    db.close();
  }
}
