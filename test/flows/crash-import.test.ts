/**
 * SIGKILL at random moments of `lantai import-package`: the receiving vault holds all of the
 * package or none of it (never some records), stays consistent, and running the same import
 * again finishes it. 50 trials, the bar (about 3 minutes with the CLI bundle on a busy
 * machine); LANTAI_CRASH_TRIALS sets another number for a quick local run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Vault } from '../../native/vault/vault.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild, runCrashTrials, vaultInconsistencies } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { KEY_PASSPHRASE, makeTransferVault } from './transfer-fixture.js';

const TRIALS = Number(process.env['LANTAI_CRASH_TRIALS'] ?? 50);
const RECORDS = 6;

function recordCount(dir: string): number {
  const v = Vault.open(dir);
  try {
    return (v.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  } finally {
    v.close();
  }
}

test(`SIGKILL at ${TRIALS} random moments of an import leaves all or nothing, and re-running finishes it`, { timeout: 15 * 60_000 }, async () => {
  const root = tempDir();
  const sender = await makeTransferVault(path.join(root, 'sender'), { records: RECORDS, sm2: false });
  const pkg = path.join(root, 'package');
  await sender.api.transfer.export(sender.archivist, { selection: { year: 2016 }, output: pkg }, { approver: sender.security, keyPassphrase: KEY_PASSPHRASE });
  sender.api.close();

  const template = path.join(root, 'template');
  const { env } = (await createVaultWithAccounts(template)).archivist;
  const args = (dir: string) => [CLI, 'import-package', pkg, '--vault', dir];
  const startup = await runChild([CLI, 'jobs', '--vault', template], { env });
  assert.equal(startup.code, 0, startup.stderr);
  const runs = [];
  for (const name of ['calibrate-1', 'calibrate-2']) {
    fs.cpSync(template, path.join(root, name), { recursive: true });
    const run = await runChild(args(path.join(root, name)), { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(recordCount(path.join(root, name)), RECORDS);
    runs.push(run);
  }
  const full = Math.min(runs[0]!.ms, runs[1]!.ms);

  const vaultOf = (trial: number) => path.join(root, `trial-${trial}`);
  const report = await runCrashTrials({
    trials: TRIALS,
    minDelayMs: Math.round(startup.ms * 0.8),
    maxDelayMs: Math.round(full * 0.95),
    env,
    command: (trial) => {
      fs.cpSync(template, vaultOf(trial), { recursive: true });
      return args(vaultOf(trial));
    },
    afterKill: async (trial) => {
      const dir = vaultOf(trial);
      const problems = await vaultInconsistencies(dir);
      const n = recordCount(dir);
      if (n !== 0 && n !== RECORDS) problems.push(`after the kill: ${n} of ${RECORDS} records (an import is all or nothing)`);
      const again = await runChild(args(dir), { env });
      if (again.code !== 0) problems.push(`re-run failed (${again.code}): ${again.stderr.slice(-1000)}`);
      if (recordCount(dir) !== RECORDS) problems.push(`after re-run: ${recordCount(dir)} records, expected ${RECORDS}`);
      problems.push(...(await vaultInconsistencies(dir)).map((p) => `after re-run: ${p}`));
      fs.rmSync(dir, { recursive: true, force: true });
      return problems;
    },
  });
  console.log(`crash trials (import): seed=${report.seed} trials=${report.trials} killed=${report.killedMidway} finished=${report.finishedBeforeKill} inconsistencies=${report.inconsistencies.length}`);
  assert.deepEqual(report.inconsistencies, [], `replay with LANTAI_TEST_SEED=${report.seed}`);
  assert.ok(report.killedMidway >= 1, 'some trials must really kill mid-import');
});
