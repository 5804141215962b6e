#!/usr/bin/env node
// The one test entry point (npm test, and .ci/run calls it): typecheck, lint, then every test
// file under node's test runner. Engine tests (unit/, flows/) run under the no-network guard;
// e2e tests drive Debian's Chromium and record every request themselves.
//   npm test                     everything
//   npm test -- test/unit/x.test.ts …   only those files (no typecheck/lint)
//   npm run test:e2e             only the UI tests (test/e2e, Chromium; no typecheck/lint)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBundle } from '../native/cli/prebuilt.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const e2eOnly = process.argv.includes('--e2e');
const args = process.argv.slice(2).filter((a) => a !== '--e2e');

function step(name, cmd, cmdArgs, env = {}) {
  console.log(`\n== ${name}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function collect(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...collect(p));
    else if (/\.test\.(ts|mjs)$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const testEnv = { LANTAI_TEST: '1', OMP_THREAD_LIMIT: '1', TZ: 'Asia/Shanghai' };
const nodeTest = (files, extra = []) => [
  '--import', 'tsx', ...extra, '--test', '--test-reporter=spec', '--test-concurrency=2', ...files,
];

// The UI speed test builds a 100k-page vault (minutes of indexing) and times the screen: it
// runs alone after the others, so it neither slows them nor is timed beside their browsers.
const SPEED = path.join('test', 'e2e', 'ui-speed.test.ts');
const runE2e = () => {
  const e2e = collect('test/e2e');
  const others = e2e.filter((f) => f !== SPEED);
  if (others.length > 0) step('UI tests (Chromium)', process.execPath, nodeTest(others), testEnv);
  if (e2e.includes(SPEED)) step('UI speed on a 100k-page vault (Chromium)', process.execPath, nodeTest([SPEED]), testEnv);
};

if (e2eOnly && args.length === 0) {
  runE2e();
  console.log('\nUI tests passed');
  process.exit(0);
}

if (args.length > 0) {
  const guard = args.some((f) => f.includes(`${path.sep}e2e${path.sep}`) || f.includes('/e2e/')) ? [] : ['--import', './test/harness/no-network.mjs'];
  step('selected tests', process.execPath, nodeTest(args, guard), testEnv);
  process.exit(0);
}

step('typecheck', bin('tsc'), ['-b']);
// Tests that run `lantai` in child processes (the crash trials: hundreds of them) start it the
// way a user does, through native/cli/bin.mjs: the bundle when current, else tsx compiling the
// sources (seconds each). Build it first, so they run the code as it ships, at its speed.
if (!currentBundle(root)) step('CLI bundle', process.execPath, [path.join('build', 'bundle.mjs'), 'cli']);
step('lint', bin('eslint'), ['--max-warnings=0', '.']);
const engine = [...collect('test/unit'), ...collect('test/flows')];
step('engine tests (network guarded)', process.execPath, nodeTest(engine, ['--import', './test/harness/no-network.mjs']), testEnv);
runE2e();
console.log('\nall test stages passed');
