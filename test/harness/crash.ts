/**
 * Crash harness: runs a job in a child process, kills it with SIGKILL at a random moment,
 * then asks the caller what is inconsistent. Reused by every job kind (ingest now; export,
 * backup and migration later): give it the command and the checker.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkVault } from '../../native/check/check-vault.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { runSeed, seededRandom } from './random.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(REPO, 'native', 'cli', 'bin.mjs');

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>`; when killAfterMs is given, SIGKILLs it then (if it is still running).
 * `lantai` children need credentials: pass an account's env from test/harness/accounts.ts
 * (LANTAI_USER + LANTAI_PASSWORD_FILE), or input for --password-stdin.
 */
export function runChild(args: string[], options: { killAfterMs?: number; env?: Record<string, string>; cwd?: string; input?: string } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => {
      if (child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, killed, ms: Date.now() - started, stdout, stderr });
    });
  });
}

export interface CrashTrialOptions {
  trials: number;
  /** The node arguments of the job for this trial. */
  command: (trial: number) => string[];
  /** Kill uniformly at random in [minDelayMs, maxDelayMs] after the start. */
  minDelayMs?: number;
  maxDelayMs: number;
  /** After each kill: a list of inconsistencies (empty when consistent). */
  afterKill: (trial: number, run: ChildRun) => Promise<string[]>;
  env?: Record<string, string>;
  seed?: number;
}

export interface CrashReport {
  seed: number;
  trials: number;
  killedMidway: number;
  finishedBeforeKill: number;
  inconsistencies: { trial: number; delayMs: number; problems: string[] }[];
}

export async function runCrashTrials(o: CrashTrialOptions): Promise<CrashReport> {
  const seed = o.seed ?? runSeed();
  const random = seededRandom(seed);
  const report: CrashReport = { seed, trials: o.trials, killedMidway: 0, finishedBeforeKill: 0, inconsistencies: [] };
  for (let trial = 0; trial < o.trials; trial++) {
    const min = o.minDelayMs ?? 0;
    const delayMs = Math.round(min + random() * (o.maxDelayMs - min));
    const run = await runChild(o.command(trial), { killAfterMs: delayMs, ...(o.env ? { env: o.env } : {}) });
    if (run.killed) report.killedMidway++;
    else report.finishedBeforeKill++;
    if (!run.killed && run.code !== 0 && run.code !== 1) {
      report.inconsistencies.push({ trial, delayMs, problems: [`job exited ${run.code}: ${run.stderr.slice(-2000)}`] });
    }
    const problems = await o.afterKill(trial, run);
    if (problems.length > 0) report.inconsistencies.push({ trial, delayMs, problems });
  }
  return report;
}

/** The vault-level consistency verdict used after every kill: recovery on open, then a full check. */
export async function vaultInconsistencies(dir: string): Promise<string[]> {
  const vault = await openWorkingVault(dir);
  try {
    const report = await checkVault(vault);
    return report.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message.en}`);
  } finally {
    vault.close();
  }
}

/**
 * Runs `node <args>` and SIGKILLs it delayMs after started() first returns true (polled every
 * 5 ms): a kill placed inside the job's own work, whatever the child's start-up took (tsx,
 * opening the vault, logging in: seconds on a busy machine, and varying). `started` tells
 * whether the trigger was seen before the child ended.
 */
export function runChildKilledAfterStart(args: string[], options: { started: () => boolean; delayMs: number; env?: Record<string, string> }): Promise<ChildRun & { started: boolean; msAfterStart: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    let started = false;
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      let yes = false;
      try {
        yes = options.started();
      } catch {
        // The trigger's file may be mid-rename or the catalog busy: ask again at the next tick.
      }
      if (!yes) return;
      clearInterval(poll);
      started = true;
      startedAt = Date.now();
      timer = setTimeout(() => {
        if (child.exitCode === null) {
          killed = true;
          child.kill('SIGKILL');
        }
      }, options.delayMs);
    }, 5);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, killed, started, ms: Date.now() - t0, msAfterStart: started ? Date.now() - startedAt : 0, stdout, stderr });
    });
  });
}
