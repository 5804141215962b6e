/**
 * The offline installers (issue 15, part 5). electron-builder cannot package here (no Electron
 * download), so this tests what can be: the configuration loads and passes electron-builder's
 * own validation, it carries the OCR language data and the CJK fonts, every native module is
 * unpacked from the asar, nothing publishes or updates, the installed `lantai` command finds
 * the bundled CLI, and the app's code never reaches for the network.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { languageData } from '../../native/ocr/engine.js';
import { REPO } from '../harness/crash.js';
import { DEV_ONLY, productionPackages } from '../harness/production-packages.js';
import { tempDir } from '../harness/temp.js';

const require = createRequire(import.meta.url);
const work = tempDir();
const CONFIG = path.join(REPO, 'build', 'electron-builder.json');

interface FileSet { from: string; to: string; filter?: string[] }
interface Config {
  executableName: string;
  files: string[];
  extraResources: FileSet[];
  asar: boolean;
  asarUnpack: string[];
  publish: null;
  win: { target: { target: string; arch: string[] }[]; extraFiles: FileSet[] };
  linux: { target: { target: string; arch: string[] }[]; executableName: string; extraResources: FileSet[] };
  deb: { afterInstall: string; afterRemove: string };
}
const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8')) as Config;

test('electron-builder loads the configuration and its own schema validation accepts it', async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<object>;
    validateConfiguration(config: object, logger: object): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };
  const loaded = await getConfig(REPO, CONFIG, null);
  await validateConfiguration(loaded, new DebugLogger(false));
  // The validation is real: an unknown key is refused.
  await assert.rejects(validateConfiguration({ ...loaded, autoUpdate: true }, new DebugLogger(false)), /unknown property 'autoUpdate'/);
});

test('targets: Windows x64 NSIS, Linux x64 and arm64 deb and AppImage; nothing published, no updater', () => {
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.deepEqual(config.linux.target.map((t) => [t.target, t.arch.join('+')]).sort(), [['AppImage', 'x64+arm64'], ['deb', 'x64+arm64']]);
  assert.equal(config.publish, null);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
  assert.ok(!Object.keys(pkg.dependencies).some((d) => /updater/.test(d)), 'no auto-update library');
  assert.match(pkg.scripts['dist']!, /collect-resources\.mjs.*--publish never/);
});

test('the installers carry the OCR language data and the CJK fonts, and the engine reads the language data from there', () => {
  const out = path.join(work, 'dist-resources');
  const r = spawnSync(process.execPath, [path.join(REPO, 'build', 'collect-resources.mjs'), out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const lang of ['chi_sim', 'eng']) assert.ok(fs.statSync(path.join(out, 'tessdata', lang, '4.0.0_best_int', `${lang}.traineddata.gz`)).size > 1_000_000);
  assert.ok(fs.readdirSync(path.join(out, 'fonts')).some((f) => /CJK|uming|ukai/.test(f)), 'a CJK font');
  assert.deepEqual(config.extraResources.map((e) => [e.from, e.to]), [['.cache/dist-resources/tessdata', 'tessdata'], ['.cache/dist-resources/fonts', 'fonts']]);
  assert.ok(config.files.includes('!**/node_modules/@tesseract.js-data/**'), 'the language data is shipped once, in resources/');
  const before = process.env['LANTAI_TESSDATA'];
  process.env['LANTAI_TESSDATA'] = path.join(out, 'tessdata');
  try {
    assert.equal(languageData('chi_sim', '4.0.0_best_int').file, path.join(out, 'tessdata', 'chi_sim', '4.0.0_best_int', 'chi_sim.traineddata.gz'));
  } finally {
    if (before === undefined) delete process.env['LANTAI_TESSDATA'];
    else process.env['LANTAI_TESSDATA'] = before;
  }
});

test('asarUnpack covers every .node file of the production dependencies; development tools stay out', async () => {
  const { minimatch } = require('minimatch') as { minimatch: (p: string, pattern: string, o: object) => boolean };
  assert.equal(config.asar, true);
  const nodeFiles: string[] = [];
  for (const name of productionPackages()) {
    const dir = fs.realpathSync(path.join(REPO, 'node_modules', name));
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) if (f.endsWith('.node')) nodeFiles.push(path.posix.join('node_modules', name, f.split(path.sep).join('/')));
  }
  assert.ok(nodeFiles.some((f) => f.includes('better_sqlite3.node')) && nodeFiles.some((f) => f.includes('sharp')), nodeFiles.join('\n'));
  const packed = nodeFiles.filter((f) => !config.asarUnpack.some((p) => minimatch(f, p, { dot: true })));
  assert.deepEqual(packed, [], 'native modules left inside the asar');
  for (const name of DEV_ONLY) assert.ok(config.files.includes(`!**/node_modules/${name}/**`), `${name} is left out of the app`);
});

test('`lantai` is on the PATH from the deb and beside the Windows app, running the bundled CLI', () => {
  assert.equal(config.linux.executableName, config.executableName);
  assert.deepEqual(config.linux.extraResources, [{ from: 'build/bin/lantai', to: 'bin/lantai' }]);
  assert.deepEqual(config.win.extraFiles, [{ from: 'build/bin/lantai.cmd', to: 'lantai.cmd' }]);
  assert.ok(config.files.includes('electron/dist/cli.mjs'));
  const postinst = fs.readFileSync(path.join(REPO, config.deb.afterInstall), 'utf8');
  assert.match(postinst, /ln -sf "\$app\/resources\/bin\/lantai" \/usr\/bin\/lantai/);
  assert.match(fs.readFileSync(path.join(REPO, config.deb.afterRemove), 'utf8'), /rm -f .*\/usr\/bin\/lantai/);
  const cmd = fs.readFileSync(path.join(REPO, 'build', 'bin', 'lantai.cmd'), 'utf8');
  assert.ok(cmd.includes(`"%~dp0${config.executableName}.exe" "%~dp0resources\\app.asar\\electron\\dist\\cli.mjs" %*`) && cmd.includes('ELECTRON_RUN_AS_NODE=1'));

  // The installed layout, with Node standing in for the app's Electron binary run as Node
  // (ELECTRON_RUN_AS_NODE=1 makes Electron exactly that) and the archive as a plain folder.
  const install = path.join(work, 'opt', '兰台 Lantai');
  const appDir = path.join(install, 'resources', 'app.asar');
  fs.mkdirSync(path.join(install, 'resources', 'bin'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'build', 'bin', 'lantai'), path.join(install, 'resources', 'bin', 'lantai'));
  fs.chmodSync(path.join(install, 'resources', 'bin', 'lantai'), 0o755);
  fs.writeFileSync(path.join(install, config.executableName), `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 9\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
  assert.equal(spawnSync(process.execPath, [path.join(REPO, 'build', 'bundle.mjs'), path.join(appDir, 'electron', 'dist')], { stdio: 'inherit' }).status, 0);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(appDir, 'package.json'));
  const usrBin = path.join(work, 'usr-bin');
  fs.mkdirSync(usrBin);
  fs.symlinkSync(path.join(install, 'resources', 'bin', 'lantai'), path.join(usrBin, 'lantai'));
  const r = spawnSync('lantai', ['--help'], { encoding: 'utf8', env: { ...process.env, PATH: `${usrBin}:${process.env['PATH']}`, LANTAI_LANG: 'en' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: lantai <command>/);
  assert.match(r.stdout, /app +Open the Lantai desktop UI/);
});

test('the app\'s code never reaches for the network: only the app server (127.0.0.1) touches a network module', () => {
  const out = path.join(work, 'bundles');
  assert.equal(spawnSync(process.execPath, [path.join(REPO, 'build', 'bundle.mjs'), out], { stdio: 'inherit' }).status, 0);
  const NET = /^(node:)?(http|https|http2|net|tls|dgram|dns)(\/promises)?$/;
  const ALLOWED = new Set(['electron/browser/server.ts']);
  const sources = new Set<string>();
  for (const bundle of ['main', 'cli']) {
    const meta = JSON.parse(fs.readFileSync(path.join(out, `${bundle}.meta.json`), 'utf8')) as { inputs: Record<string, { imports: { path: string }[] }> };
    for (const [input, { imports }] of Object.entries(meta.inputs)) {
      sources.add(input);
      const net = imports.filter((i) => NET.test(i.path)).map((i) => i.path);
      if (net.length > 0) assert.ok(ALLOWED.has(input), `${input} imports ${net.join(', ')}`);
    }
  }
  // Globals that reach out without an import; the page bridge fetches only its own origin.
  for (const input of sources) {
    // lazy-package:NAME and builtin:NAME inputs are build/lazy-packages.mjs's and build/builtin-modules.mjs's
    // generated stand-ins (no file; they import only node:module, or the one built-in they stand for).
    if (input.includes('node_modules') || input.startsWith('lazy-package:') || input.startsWith('builtin:') || input === 'electron/browser/page-bridge.ts') continue;
    const text = fs.readFileSync(path.join(REPO, input), 'utf8');
    assert.doesNotMatch(text, /\bfetch\(|new WebSocket|XMLHttpRequest|new EventSource/, input);
  }
  assert.ok(sources.has('electron/browser/server.ts') && sources.has('native/ocr/engine.ts'));
});
