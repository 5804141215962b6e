import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listRecords } from '../../native/catalog/records.js';
import { Vault } from '../../native/vault/vault.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild, runCrashTrials, vaultInconsistencies } from '../harness/crash.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const TRIALS = Number(process.env['LANTAI_CRASH_TRIALS'] ?? 50);

test(`SIGKILL at ${TRIALS} random moments of an ingest leaves the vault consistent, and re-running finishes with no duplicates`, { timeout: 20 * 60_000 }, async () => {
  const root = tempDir();
  const scans = path.join(root, 'scans 扫描件');
  // 14 items: single pages, a 6-page folder, JPEG and PNG.
  await writeTestBatch(path.join(scans, '多页文件'), 6, { start: 100 });
  for (let i = 0; i < 12; i++) await writeTestPage(path.join(scans, `单页 ${i + 1}.${i % 2 ? 'jpg' : 'png'}`), i, { width: 1240, height: 1754 });
  await writeTestPage(path.join(scans, 'wide.png'), 77, { width: 2480, height: 3508 });
  const expectedItems = 14;
  const ingestArgs = (vault: string) => [CLI, 'ingest', scans, '--vault', vault, '--fonds', 'Z109', '--year', '2016', '--retention', 'Y'];

  // A template vault (with its accounts) copied for every trial, so each kill hits a fresh
  // ingest somewhere in its run. Every child logs in as the archivist (password file, 0600).
  const template = path.join(root, 'template');
  const { env } = (await createVaultWithAccounts(template)).archivist;
  const startup = await runChild([CLI, 'jobs', '--vault', template], { env });
  assert.equal(startup.code, 0, startup.stderr);
  // Two calibration runs, the faster one counts: the first pays for cold caches, and kill
  // times beyond a warm run would let most trials finish before the kill.
  const runs = [];
  for (const name of ['calibrate-1', 'calibrate-2']) {
    fs.cpSync(template, path.join(root, name), { recursive: true });
    const run = await runChild(ingestArgs(path.join(root, name)), { env });
    assert.equal(run.code, 0, run.stderr);
    runs.push(run);
  }
  const full = runs[0]!.ms <= runs[1]!.ms ? runs[0]! : runs[1]!;

  const finishProblems = async (dir: string): Promise<string[]> => {
    const done = await runChild(ingestArgs(dir), { env });
    if (done.code !== 0) return [`re-run after the kill failed (${done.code}): ${done.stderr.slice(-1000)}`];
    const v = Vault.open(dir);
    const { records, total } = listRecords(v.db);
    v.close();
    const problems: string[] = [];
    if (total !== expectedItems) problems.push(`after re-run: ${total} records, expected ${expectedItems}`);
    const numbers = records.map((r) => r.itemNumber).join(',');
    if (numbers !== Array.from({ length: expectedItems }, (_, i) => i + 1).join(',')) problems.push(`item numbers after re-run: ${numbers}`);
    return [...problems, ...(await vaultInconsistencies(dir)).map((p) => `after re-run: ${p}`)];
  };

  const vaultOf = (trial: number) => path.join(root, `trial-${trial}`);
  const report = await runCrashTrials({
    trials: TRIALS,
    minDelayMs: Math.round(startup.ms * 0.8),
    // Ending the window just before a warm run ends keeps most kills mid-job even when the
    // machine is busier or quieter than it was during calibration.
    maxDelayMs: Math.round(full.ms * 0.95),
    env,
    command: (trial) => {
      fs.cpSync(template, vaultOf(trial), { recursive: true });
      return ingestArgs(vaultOf(trial));
    },
    afterKill: async (trial) => {
      const problems = await vaultInconsistencies(vaultOf(trial));
      problems.push(...(await finishProblems(vaultOf(trial))));
      fs.rmSync(vaultOf(trial), { recursive: true, force: true });
      return problems;
    },
  });
  console.log(`crash trials: seed=${report.seed} trials=${report.trials} killed=${report.killedMidway} finished=${report.finishedBeforeKill} inconsistencies=${report.inconsistencies.length}`);
  assert.deepEqual(report.inconsistencies, [], `replay with LANTAI_TEST_SEED=${report.seed}`);
  assert.ok(report.killedMidway >= TRIALS / 2, 'most trials must really kill mid-job');
});

test('two ingests running at once share item numbers with no gap and no duplicate', { timeout: 120_000 }, async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const { env } = (await createVaultWithAccounts(vault)).archivist;
  await writeTestBatch(path.join(root, 'a'), 12, { start: 0 });
  await writeTestBatch(path.join(root, 'b'), 12, { start: 1000 });
  const args = (dir: string) => [CLI, 'ingest', dir, '--each-file', '--vault', vault, '--year', '2016', '--retention', 'D30'];
  const [a, b] = await Promise.all([runChild(args(path.join(root, 'a')), { env }), runChild(args(path.join(root, 'b')), { env })]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const v = Vault.open(vault);
  const { records } = listRecords(v.db);
  v.close();
  assert.deepEqual(records.map((r) => r.itemNumber), Array.from({ length: 24 }, (_, i) => i + 1));
  assert.deepEqual(await vaultInconsistencies(vault), []);
});
