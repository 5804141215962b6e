/**
 * `npx lantai` runs the prebuilt CLI bundle when it is current and the TypeScript sources
 * otherwise (issue 14): the bundle answers a search exactly as the sources do, and a bundle
 * older than any of its sources (or missing a source, or without its build stamp) is never run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { generateSampleScans } from '../../native/samples/index.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { REPO } from '../harness/crash.js';
import { tempDir, TESTDATA } from '../harness/temp.js';

const work = tempDir();

function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', NODE_OPTIONS: '', ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('bin.mjs runs the bundle only while no source it was built from has changed or gone', () => {
  // A checkout in miniature: the real bin.mjs and prebuilt.mjs, sources and a bundle that say which ran.
  const root = path.join(work, 'checkout');
  const cli = path.join(root, 'native', 'cli');
  const dist = path.join(root, 'electron', 'dist');
  fs.mkdirSync(cli, { recursive: true });
  fs.mkdirSync(dist, { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
  for (const f of ['bin.mjs', 'prebuilt.mjs']) fs.copyFileSync(path.join(REPO, 'native', 'cli', f), path.join(cli, f));
  fs.writeFileSync(path.join(cli, 'app-launcher.ts'), 'export function provideAppLauncher(_: unknown): void {}\n');
  fs.writeFileSync(path.join(cli, 'main.ts'), "export async function main(args: string[]): Promise<number> { console.log(`sources ${args.join(' ')}`); return 3; }\n");
  fs.writeFileSync(path.join(dist, 'cli.mjs'), "console.log(`bundle ${process.argv.slice(2).join(' ')}`); process.exitCode = 4;\n");
  const stamp = (startedAt: number) => fs.writeFileSync(path.join(dist, 'cli.sources.json'), JSON.stringify({ startedAt, inputs: ['native/cli/app-launcher.ts', 'native/cli/main.ts'] }));
  const run = (env: NodeJS.ProcessEnv = {}) => node([path.join(cli, 'bin.mjs'), 'search', '档案'], env);

  stamp(Date.now() + 60_000);
  assert.deepEqual(run(), { code: 4, out: 'bundle search 档案\n', err: '' });
  assert.equal(run({ LANTAI_CLI_SOURCES: '1' }).out, 'sources search 档案\n', 'a developer can ask for the sources');

  // A source edited after the build: the stale bundle is not run.
  const later = new Date(Date.now() + 120_000);
  fs.utimesSync(path.join(cli, 'main.ts'), later, later);
  assert.deepEqual(run(), { code: 3, out: 'sources search 档案\n', err: '' });
  stamp(Date.now() + 180_000);
  assert.equal(run().out, 'bundle search 档案\n');

  // A source gone, or the stamp gone: the sources.
  fs.renameSync(path.join(cli, 'app-launcher.ts'), path.join(cli, 'app-launcher.bak'));
  const gone = run();
  fs.renameSync(path.join(cli, 'app-launcher.bak'), path.join(cli, 'app-launcher.ts'));
  assert.notEqual(gone.out, 'bundle search 档案\n');
  assert.equal(run().out, 'bundle search 档案\n');
  fs.rmSync(path.join(dist, 'cli.sources.json'));
  assert.equal(run().out, 'sources search 档案\n');
});

let acc: TestAccounts;
const app = path.join(work, 'app');

before(async () => {
  const built = spawnSync(process.execPath, [path.join(REPO, 'build', 'bundle.mjs'), path.join(app, 'electron', 'dist')], { stdio: 'inherit' });
  assert.equal(built.status, 0);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  acc = await createVaultWithAccounts(path.join(work, 'vault'));
});

test('the bundled CLI answers a search exactly as the TypeScript sources do', { timeout: 240_000 }, async () => {
  const samples = path.join(work, 'samples');
  const manifest = await generateSampleScans(samples, { documents: 2, maxPagesPerDocument: 1, seedsDir: null });
  const sources = (args: string[]) => node([path.join(REPO, 'native', 'cli', 'bin.mjs'), ...args], { ...acc.archivist.env, LANTAI_CLI_SOURCES: '1' });
  const bundle = (args: string[]) => node([path.join(app, 'electron', 'dist', 'cli.mjs'), ...args], acc.archivist.env);
  for (const [i, doc] of manifest.documents.entries()) {
    const r = (i === 0 ? sources : bundle)(['ingest', path.join(samples, doc.folder), '--fonds', 'Z109', '--year', '2016', '--retention', 'Y', '--title', `通知测试件${i}`]);
    assert.equal(r.code, 0, r.err);
  }
  for (const args of [['search', '测试件', '--json'], ['search', '通知'], ['search', '测试件1', '--json'], ['search', '(']]) {
    const a = sources(args);
    const b = bundle(args);
    const same = (s: string) => s.replace(/"tookMs": [\d.]+/, '"tookMs": 0').replace(/\d+(\.\d+)? ms/g, 'N ms');
    assert.equal(b.code, a.code, args.join(' '));
    assert.equal(same(b.out), same(a.out), args.join(' '));
    assert.equal(b.err, a.err, args.join(' '));
  }
  assert.equal((JSON.parse(bundle(['search', '测试件', '--json']).out) as { total: number }).total, 2);
});

test('the bundled CLI keeps V8 code cache beside its engine, for that engine only, and a damaged or foreign cache is remade', () => {
  const dist = path.join(app, 'electron', 'dist');
  const cache = path.join(dist, 'cli-engine.cache');
  const engine = path.join(dist, 'cli-engine.cjs');
  const search = () => node([path.join(dist, 'cli.mjs'), 'search', '测试件', '--json'], acc.archivist.env);
  const header = () => fs.readFileSync(cache).subarray(0, fs.readFileSync(cache).indexOf(10)).toString('latin1').split(' ');
  const expected = search().out;
  assert.ok(fs.existsSync(cache), 'a run leaves the cache');
  const stat = fs.statSync(engine);
  assert.deepEqual(header().slice(0, 6), ['lantai-cli-cache', '1', String(stat.size), String(stat.mtimeMs), process.version, process.arch]);
  const made = fs.statSync(cache).mtimeMs;
  const answer = (s: string) => s.replace(/"tookMs": [\d.]+/, '"tookMs": 0');
  assert.equal(answer(search().out), answer(expected));
  assert.equal(fs.statSync(cache).mtimeMs, made, 'a good cache is read, not rewritten');
  // Code from the cache still imports ES-module packages: a PDF's pages are read by pdf.js.
  const pdf = node([path.join(dist, 'cli.mjs'), 'ingest', path.join(TESTDATA, 'ingest-oddities', 'ocrmypdf', 'cardinal.pdf'), '--fonds', 'Z109', '--year', '2016', '--retention', 'Y', '--title', 'PDF件'], acc.archivist.env);
  assert.equal(pdf.code, 0, pdf.err);
  assert.match(pdf.out, /4 pages/);

  // A damaged cache (one byte of the code changed) is not used, and is made again.
  const bytes = fs.readFileSync(cache);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
  fs.writeFileSync(cache, bytes);
  const damaged = search();
  assert.equal(damaged.code, 0, damaged.err);
  assert.equal(answer(damaged.out), answer(expected));
  assert.notDeepEqual(fs.readFileSync(cache), bytes, 'remade');

  // The cache of another engine (here: the same file given a new time, as a rebuild would) is not used.
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(engine, later, later);
  assert.equal(answer(search().out), answer(expected));
  assert.equal(header()[3], String(fs.statSync(engine).mtimeMs), 'remade for the engine as it is now');
});

test('a bundled search loads none of the libraries only other commands need', () => {
  // Node's require() is what the engine loads packages and built-ins through: a preload logs each.
  const tracer = path.join(work, 'trace-require.cjs');
  const log = path.join(work, 'required.txt');
  fs.writeFileSync(tracer, `const M = require('node:module'); const fs = require('node:fs'); const load = M._load;
M._load = function (request, ...rest) { fs.appendFileSync(${JSON.stringify(log)}, request + '\\n'); return load.call(this, request, ...rest); };\n`);
  const r = node(['--require', tracer, path.join(app, 'electron', 'dist', 'cli.mjs'), 'search', '测试件', '--json'], acc.archivist.env);
  assert.equal(r.code, 0, r.err);
  const required = new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean));
  assert.ok(required.has('better-sqlite3'), 'the tracer sees the engine\'s requires');
  const heavy = ['sharp', 'exceljs', 'pdfkit', 'node-forge', 'qrcode', 'tesseract.js', '@napi-rs/canvas', 'pdfjs-dist', 'node:child_process', 'node:worker_threads', 'node:zlib'];
  assert.deepEqual([...required].filter((m) => heavy.some((h) => m === h || m.startsWith(`${h}/`))), []);
});
