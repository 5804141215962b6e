#!/usr/bin/env node
// Bundles the desktop shell (after `tsc -b` typechecked it): the Electron main process
// (ESM, node_modules left external so native addons load from node_modules), the `lantai`
// command (ESM, likewise: what the installed app runs as its CLI, with no tsx and no
// TypeScript), the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules), and
// the renderer (one classic script + index.html with the CSP, loadable from file:// with no
// server and no network).
//   node build/bundle.mjs            all three
//   node build/bundle.mjs renderer   only the renderer (the UI tests build this)
//   node build/bundle.mjs OUTDIR     main, CLI and preload into OUTDIR instead of electron/dist (tests)
//   node build/bundle.mjs cli        only the CLI into electron/dist (what `npx lantai` runs when current)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { builtinStandIns } from './builtin-modules.mjs';
import { lazyPackages } from './lazy-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

/**
 * The CSP the Electron window enforces, read from electron/main/security.ts (its one source), so
 * the <meta> in index.html cannot drift from it.
 */
async function windowCsp() {
  const built = await esbuild.build({ entryPoints: [path.join(root, 'electron', 'main', 'security.ts')], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'warning' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return mod.CSP;
}

const common = { bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: false };

async function main() {
  const out = only && only !== 'renderer' ? path.resolve(only) : path.join(root, 'electron', 'dist');
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'electron', 'main', 'main.ts')],
    outfile: path.join(out, 'main.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
  }).then((r) => fs.writeFileSync(path.join(out, 'main.meta.json'), JSON.stringify(r.metafile)));
  await cli(out);
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'electron', 'preload', 'preload.ts')],
    outfile: path.join(out, 'preload.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
  });
}

/**
 * esbuild escapes non-ASCII in strings but leaves it in regular expressions (the 档号 separators,
 * 密级 marks, Chinese words): one such character makes V8 hold the whole engine as a two-byte
 * string and read it through the slow UTF-8 path at every start. Escaped by UTF-16 unit, the
 * same in a regex (with or without the u flag), a string or an identifier; the bundle has no
 * raw template strings for it to change.
 */
function asciiOnly(code) {
  if (code.includes('String.raw')) throw new Error('cli bundle: String.raw would change under asciiOnly()');
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The `lantai` command's bundle: the engine (cli-engine.cjs, one CommonJS file, so that
 * build/cli-loader.mjs can run it through V8's code cache on Node 20) and its loader (cli.mjs,
 * the file every caller runs), and the stamp native/cli/prebuilt.mjs checks before
 * `npx lantai` runs it in a checkout: when the build started and every source it was made from
 * (paths relative to the checkout), so an edited source makes the bundle stale at once.
 */
async function cli(out) {
  const startedAt = Date.now();
  const r = await esbuild.build({
    ...common,
    absWorkingDir: root,
    entryPoints: [path.join(root, 'build', 'cli-entry.mjs')],
    outfile: path.join(out, 'cli-engine.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    plugins: [lazyPackages, builtinStandIns],
    logOverride: { 'import-is-undefined': 'error' },
    // A fifth less to read and parse at every start; names are kept, so a stack trace still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    // The sources are ES modules: strict code throughout, as they ran before (esbuild marks only
    // the modules it wraps), and what they ask of import.meta is the engine file's place.
    define: { 'import.meta.url': '__lantaiEngineUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: '"use strict";\nconst __lantaiEngineUrl = require("node:url").pathToFileURL(__filename).href;' },
    metafile: true,
    write: false,
  });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'cli-engine.cjs'), asciiOnly(withLoaderImports(r.outputFiles[0].text, r.metafile)));
  const loader = await esbuild.build({
    ...common,
    absWorkingDir: root,
    entryPoints: [path.join(root, 'build', 'cli-loader.mjs')],
    outfile: path.join(out, 'cli.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
  });
  // A cache made from an earlier engine would be refused by its header; gone is simpler.
  fs.rmSync(path.join(out, 'cli-engine.cache'), { force: true });
  const meta = { inputs: { ...r.metafile.inputs, ...loader.metafile.inputs }, outputs: { ...r.metafile.outputs, ...loader.metafile.outputs } };
  fs.writeFileSync(path.join(out, 'cli.meta.json'), JSON.stringify(meta));
  // The checkout's own files (not node_modules, not the generated stand-ins of lazy-packages.mjs
  // and builtin-modules.mjs).
  const inputs = Object.keys(meta.inputs).filter((f) => !f.split(/[\\/]/).includes('node_modules') && fs.existsSync(path.join(root, f)));
  fs.writeFileSync(path.join(out, 'cli.sources.json'), JSON.stringify({ startedAt, inputs }));
}

/**
 * The engine's import() of an ES-module package (pdf.js), made through the loader's own import()
 * (build/cli-loader.mjs passes it in as __lantaiImport): Node 20 loses a vm.Script's dynamic
 * import callback when the script comes from V8's code cache ("A dynamic import callback was
 * not specified"). Every such import the metafile lists must be found and replaced.
 */
function withLoaderImports(text, metafile) {
  const specifiers = new Set(Object.values(metafile.inputs).flatMap((i) => i.imports.filter((m) => m.external && m.kind === 'dynamic-import').map((m) => m.path)));
  let out = text;
  for (const spec of specifiers) {
    const call = `import(${JSON.stringify(spec)})`;
    if (!out.includes(call)) throw new Error(`build/bundle.mjs: the CLI engine's ${call} was not found to hand to the loader`);
    out = out.split(call).join(`__lantaiImport(${JSON.stringify(spec)})`);
  }
  return out;
}

/**
 * Each file replaced in one rename, never removed first: a running app (or a test beside this
 * build, or a second build) reading renderer/dist sees the old file or the new, never none.
 */
function writeAtomically(file, data) {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
}

async function renderer() {
  const out = path.join(root, 'renderer', 'dist');
  fs.mkdirSync(out, { recursive: true });
  const built = await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'renderer', 'src', 'main.tsx')],
    outfile: path.join(out, 'app.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  for (const f of built.outputFiles) writeAtomically(f.path, f.contents);
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${await windowCsp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>兰台 Lantai</title>
<style>html,body,#root{height:100%;margin:0}</style>
</head>
<body>
<div id="root"></div>
<script src="app.js"></script>
</body>
</html>
`;
  writeAtomically(path.join(out, 'index.html'), html);
}

if (only === 'cli') await cli(path.join(root, 'electron', 'dist'));
else if (only !== 'renderer') await main();
if (!only || only === 'renderer') await renderer();
