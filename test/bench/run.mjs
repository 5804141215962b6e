#!/usr/bin/env node
// npm run bench -- <name> [args…]: runs test/bench/<name>.bench.ts under tsx, one process, with
// OMP_THREAD_LIMIT=1 so native tesseract baselines do not thrash on two cores.
// npm run bench (no name) lists the benchmarks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, `${name}.bench.ts`), ...rest], {
  stdio: 'inherit',
  env: { ...process.env, OMP_THREAD_LIMIT: '1', LANTAI_BENCH: '1' },
});
process.exit(r.status ?? 1);
