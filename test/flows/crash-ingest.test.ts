import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { listRecords } from '../../native/catalog/records.js';
import { Vault } from '../../native/vault/vault.js';
import { CLI, runChild, runCrashTrials, vaultInconsistencies } from '../harness/crash.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const TRIALS = Number(process.env['LANTAI_CRASH_TRIALS'] ?? 50);
const GROUP = 10;

test(`SIGKILL at ${TRIALS} random moments of an ingest leaves the vault consistent, and re-running finishes with no duplicates`, { timeout: 20 * 60_000 }, async () => {
  const root = tempDir();
  const scans = path.join(root, 'scans 扫描件');
  // 14 items: single pages, a 6-page folder, JPEG and PNG.
  await writeTestBatch(path.join(scans, '多页文件'), 6, { start: 100 });
  for (let i = 0; i < 12; i++) await writeTestPage(path.join(scans, `单页 ${i + 1}.${i % 2 ? 'jpg' : 'png'}`), i, { width: 1240, height: 1754 });
  await writeTestPage(path.join(scans, 'wide.png'), 77, { width: 2480, height: 3508 });
  const expectedItems = 14;
  const ingestArgs = (vault: string) => [CLI, 'ingest', scans, '--vault', vault, '--fonds', 'Z109', '--year', '2016', '--retention', 'Y'];

  // Calibrate: how long one whole ingest takes here, so kills spread over all of it.
  const calibrate = path.join(root, 'calibrate');
  assert.equal((await runChild([CLI, 'init', calibrate])).code, 0);
  const full = await runChild(ingestArgs(calibrate));
  assert.equal(full.code, 0, full.stderr);

  let vault = '';
  const finish = async (dir: string) => {
    const done = await runChild(ingestArgs(dir));
    assert.equal(done.code, 0, `re-run after kills failed: ${done.stdout}\n${done.stderr}`);
    const v = Vault.open(dir);
    const { records, total } = listRecords(v.db);
    v.close();
    assert.equal(total, expectedItems, 'every item exactly once');
    assert.deepEqual(records.map((r) => r.itemNumber), Array.from({ length: expectedItems }, (_, i) => i + 1), 'no gap, no duplicate');
    assert.deepEqual(await vaultInconsistencies(dir), []);
  };

  const report = await runCrashTrials({
    trials: TRIALS,
    maxDelayMs: Math.round(full.ms * 1.1),
    minDelayMs: 150,
    command: (trial) => {
      if (trial % GROUP === 0) vault = path.join(root, `vault-${trial}`);
      return trial % GROUP === 0 ? [CLI, 'init', vault] : ingestArgs(vault);
    },
    afterKill: async (trial) => {
      if (trial % GROUP === 0) {
        // The init itself may have been killed: a vault without vault.json is simply re-created.
        if ((await runChild([CLI, 'list', '--vault', vault])).code !== 0) {
          const again = await runChild([CLI, 'init', vault]);
          if (again.code !== 0) return [`re-init after a killed init failed: ${again.stderr}`];
        }
        return [];
      }
      const problems = await vaultInconsistencies(vault);
      if (trial % GROUP === GROUP - 1) await finish(vault);
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
  assert.equal((await runChild([CLI, 'init', vault])).code, 0);
  await writeTestBatch(path.join(root, 'a'), 12, { start: 0 });
  await writeTestBatch(path.join(root, 'b'), 12, { start: 1000 });
  const args = (dir: string) => [CLI, 'ingest', dir, '--each-file', '--vault', vault, '--year', '2016', '--retention', 'D30'];
  const [a, b] = await Promise.all([runChild(args(path.join(root, 'a'))), runChild(args(path.join(root, 'b')))]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const v = Vault.open(vault);
  const { records } = listRecords(v.db);
  v.close();
  assert.deepEqual(records.map((r) => r.itemNumber), Array.from({ length: 24 }, (_, i) => i + 1));
  assert.deepEqual(await vaultInconsistencies(vault), []);
});
