/**
 * The installed app runs bundles, not the TypeScript tree (issue 15, part 5): this copies the
 * built main process, CLI and preload (build/bundle.mjs) and the renderer into a folder with
 * only the production node_modules (no TypeScript sources, no tsx, no esbuild) and runs the
 * CLI's ingest → OCR → search there, with the check's worker-thread hashing and tesseract's
 * worker threads, under the no-network guard.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { before, test } from 'node:test';
import { generateSampleScans } from '../../native/samples/index.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { REPO } from '../harness/crash.js';
import { DEV_ONLY, productionPackages } from '../harness/production-packages.js';
import { tempDir } from '../harness/temp.js';

const work = tempDir();
const app = path.join(work, 'app 兰台');
const vault = path.join(work, 'vault');
let acc: TestAccounts;
let packages: string[] = [];

function cli(args: string[]) {
  // --preserve-symlinks: every package resolves its own imports from app/node_modules, so a
  // dependency missing from the production tree fails here as it would in the installed app.
  const r = spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', '--import', path.join(REPO, 'test', 'harness', 'no-network.mjs'), path.join(app, 'electron', 'dist', 'cli.mjs'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...acc.archivist.env, LANG: 'en_US.UTF-8', NODE_OPTIONS: '' },
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(async () => {
  const dist = path.join(app, 'electron', 'dist');
  const built = spawnSync(process.execPath, [path.join(REPO, 'build', 'bundle.mjs'), dist], { stdio: 'inherit' });
  assert.equal(built.status, 0);
  spawnSync(process.execPath, [path.join(REPO, 'build', 'bundle.mjs'), 'renderer'], { stdio: 'inherit' });
  fs.cpSync(path.join(REPO, 'renderer', 'dist'), path.join(app, 'renderer', 'dist'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(app, 'package.json'));
  packages = productionPackages();
  for (const name of packages) {
    const target = path.join(app, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(REPO, 'node_modules', name)), target, 'dir');
  }
  acc = await createVaultWithAccounts(vault);
});

test('the bundle folder holds no TypeScript and no tsx, and the main process needs only production packages and electron', () => {
  const own = fs.readdirSync(app, { recursive: true, withFileTypes: false }).map(String).filter((f) => !f.startsWith('node_modules'));
  assert.deepEqual(own.filter((f) => /\.(ts|tsx|mts)$/.test(f)), []);
  for (const name of DEV_ONLY) assert.ok(!packages.includes(name), `${name} is not in the production tree`);
  assert.ok(packages.includes('better-sqlite3') && packages.includes('tesseract.js') && packages.includes('sharp'));
  const available = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', ...packages]);
  for (const bundle of ['main', 'cli']) {
    const meta = JSON.parse(fs.readFileSync(path.join(app, 'electron', 'dist', `${bundle}.meta.json`), 'utf8')) as { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
    const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    const missing = externals.filter((p) => !available.has(p) && !available.has(p.startsWith('@') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0]!));
    assert.deepEqual(missing, [], `${bundle} imports only what the installed app has`);
  }
});

test('the bundled CLI ingests, reads with OCR (worker threads) and finds the page text, with no network', { timeout: 300_000 }, async () => {
  const samples = path.join(work, 'samples');
  const manifest = await generateSampleScans(samples, { documents: 1, maxPagesPerDocument: 1, seedsDir: null });
  const doc = manifest.documents[0]!;
  const ingest = cli(['ingest', path.join(samples, doc.folder), '--fonds', 'Z109', '--year', '2016', '--retention', 'Y', '--title', '测试件']);
  assert.equal(ingest.code, 0, ingest.err);
  const ocr = cli(['ocr', '--wait', '--json']);
  assert.equal(ocr.code, 0, ocr.err);
  assert.equal((JSON.parse(ocr.out) as { done: number }).done, 1);
  // Words of the body text (not catalog fields): found only through OCR and the index.
  const body = doc.pages[0]!.lines.filter((l) => l.role === 'body').map((l) => l.text.replace(/\s/g, '')).filter((t) => t.length >= 12);
  const words = body.slice(0, 3).map((t) => t.slice(4, 8));
  assert.equal(words.length, 3);
  let found = 0;
  for (const w of words) {
    const s = cli(['search', w, '--json']);
    assert.equal(s.code === 0 || s.code === 1, true, s.err);
    const r = JSON.parse(s.out) as { total: number; hits: { page: number | null }[] };
    if (r.total > 0 && r.hits[0]!.page === 1) found++;
  }
  assert.ok(found >= 2, `found ${found} of ${words.join(', ')} on page 1`);
  const check = cli(['check']);
  assert.equal(check.code, 0, check.out + check.err);
  assert.doesNotMatch(ingest.err + ocr.err + check.err, /NETWORK ACCESS BLOCKED/);
});
