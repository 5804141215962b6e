// npm run bench -- ingest [--pages N] [--small N,N] [--large] [--concurrency N] [--keep]
// Ingest throughput on realistic 300-dpi A4 scans (native/samples: greyscale and colour PNG and
// JPEG, skew, noise) against the cheapest thing a person could do with the same files in the
// same run: `cp -r` them and `sha256sum` them (child processes). The ingest runs in a child
// process into a fresh vault (no OCR) that reports its own time and peak RSS (VmHWM). Then the
// scaling run: peak RSS for batches of 1,000 and 5,000 small pages (A4 with --large), to show
// memory stays flat as the batch grows. Goal: ≥ 20 pages/s, ≤ 2× baseline, < 400 MB at 5,000.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../native/ingest/ingest-job.js';
import { generateSampleScans } from '../../native/samples/index.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { writeTestPage } from '../harness/scans.js';

const here = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

// Child mode: ingest one folder into a new vault and report time, pages and peak RSS.
if (args[0] === '--child') {
  const [, vaultDir, source, concurrency] = args;
  const vault = await initWorkingVault(vaultDir!);
  const t0 = performance.now();
  const summary = await ingest(vault, { paths: [source!], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y' } }, concurrency ? { concurrency: Number(concurrency) } : {});
  const secs = (performance.now() - t0) / 1000;
  vault.close();
  const pages = summary.items.reduce((n, i) => n + (i.pageCount ?? 0), 0);
  process.stdout.write(`${JSON.stringify({ secs, pages, items: summary.items.length, failed: summary.failed, status: summary.status, peakMb: vmHwmMb() })}\n`);
  process.exit(0);
}

const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const PAGES = Number(arg('pages') ?? 200);
const SMALL = (arg('small') ?? '1000,5000').split(',').map(Number);
const LARGE = args.includes('--large');
/** Items ingested at once (default: the engine's). */
const CONCURRENCY = arg('concurrency');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai bench 导入-'));
if (!args.includes('--keep')) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, cmdArgs: string[]): Promise<{ secs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ secs: (performance.now() - t0) / 1000, stdout }) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

interface ChildReport { secs: number; pages: number; items: number; failed: number; status: string; peakMb: number }

async function ingestInChild(source: string, name: string): Promise<ChildReport & { wall: number }> {
  const r = await run(process.execPath, ['--import', 'tsx', here, '--child', path.join(dir, `vault ${name}`), source, ...(CONCURRENCY ? [CONCURRENCY] : [])]);
  const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildReport;
  if (report.status !== 'done' || report.failed > 0) throw new Error(`ingest of ${name} did not finish cleanly: ${r.stdout}`);
  return { ...report, wall: r.secs };
}

function filesUnder(d: string): string[] {
  return fs.readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

// 1. Realistic scans.
const scans = path.join(dir, 'scans');
let t0 = performance.now();
const manifest = await generateSampleScans(scans, { documents: PAGES, totalPages: PAGES });
fs.rmSync(path.join(scans, 'manifest.json'));
const files = filesUnder(scans);
const mb = files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1e6;
console.log(`generated ${files.length} pages in ${manifest.documents.length} items (${mb.toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// 2. Baseline: copy, then hash, the same files (cold-ish: the copy is read once by cp, once by sha256sum).
const cp = await run('cp', ['-r', scans, path.join(dir, 'copy')]);
const sum = await run('sha256sum', filesUnder(path.join(dir, 'copy')));
const baseline = cp.secs + sum.secs;
console.log(`baseline: cp -r ${cp.secs.toFixed(2)} s + sha256sum ${sum.secs.toFixed(2)} s = ${baseline.toFixed(2)} s (${(files.length / baseline).toFixed(0)} pages/s)`);

// 3. Ingest.
const main = await ingestInChild(scans, 'a4');
const pagesPerS = main.pages / main.secs;
console.log(`ingest: ${main.pages} pages, ${main.items} items in ${main.secs.toFixed(2)} s (child wall ${main.wall.toFixed(2)} s) = ${pagesPerS.toFixed(1)} pages/s, ${(main.secs / baseline).toFixed(2)}× baseline, peak RSS ${main.peakMb.toFixed(0)} MB`);

// 4. Scaling: the same engine on bigger batches (100-page folders), peak RSS should stay flat.
const scaling: Record<number, number> = {};
let made = 0;
for (const n of SMALL) {
  const batch = path.join(dir, `batch ${n}`);
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const file = path.join(batch, `件${String(Math.floor(i / 100) + 1).padStart(3, '0')}`, `${String((i % 100) + 1).padStart(4, '0')}.png`);
    // Distinct pages (index never repeats across batches), else later items are skipped as already ingested.
    await writeTestPage(file, made++, LARGE ? { width: 2480, height: 3508 } : { width: 310, height: 438 });
  }
  const gen = (performance.now() - t0) / 1000;
  const r = await ingestInChild(batch, `batch ${n}`);
  scaling[n] = r.peakMb;
  console.log(`batch of ${n} ${LARGE ? 'A4' : 'small'} pages (generated in ${gen.toFixed(0)} s): ingest ${(r.pages / r.secs).toFixed(0)} pages/s, peak RSS ${r.peakMb.toFixed(0)} MB`);
  fs.rmSync(batch, { recursive: true, force: true });
}

const last = SMALL[SMALL.length - 1]!;
console.log(`goal: ≥ 20 pages/s ${pagesPerS >= 20 ? 'met' : 'MISSED'}, ≤ 2× baseline ${main.secs / baseline <= 2 ? 'met' : 'MISSED'}, < 400 MB at ${last} pages ${scaling[last]! < 400 ? 'met' : 'MISSED'}`);
console.log(`BENCH ingest pages_per_s=${pagesPerS.toFixed(1)} baseline_ratio=${(main.secs / baseline).toFixed(2)} peak_rss_mb=${main.peakMb.toFixed(0)} rss_${last}_mb=${scaling[last]!.toFixed(0)}${SMALL.length > 1 ? ` rss_${SMALL[0]}_mb=${scaling[SMALL[0]!]!.toFixed(0)}` : ''}`);
