// The entry of the bundled `lantai` command's engine (electron/dist/cli-engine.cjs, built by
// build/bundle.mjs and loaded by build/cli-loader.mjs, which is electron/dist/cli.mjs): what
// native/cli/bin.mjs does in a checkout, without tsx. The installed app runs it with its own
// Electron binary as Node (ELECTRON_RUN_AS_NODE=1, see build/bin/), so the native modules
// rebuilt for Electron load in the CLI too.
import fs from 'node:fs';
import path from 'node:path';
import { provideAppLauncher } from '../native/cli/app-launcher.ts';
import { main } from '../native/cli/main.ts';

/** Runs one `lantai` command line; resolves to its exit code (the loader sets it). */
export function run(argv) {
  // resources/app.asar/electron/dist/cli-engine.cjs → resources/: the OCR language data and the
  // CJK fonts are shipped there as plain files (build/electron-builder.json, extraResources).
  // Only there: the same bundle also runs in a checkout (native/cli/bin.mjs), whose parent
  // folder is nobody's resources.
  const resources = path.resolve(import.meta.dirname, '..', '..', '..');
  const installed = ['app.asar', 'app'].includes(path.basename(path.resolve(import.meta.dirname, '..', '..')));
  if (installed) for (const [name, dir] of [['LANTAI_TESSDATA', 'tessdata'], ['LANTAI_FONTS_DIR', 'fonts']]) {
    if (!process.env[name] && fs.existsSync(path.join(resources, dir))) process.env[name] = path.join(resources, dir);
  }
  provideAppLauncher(async () => (await import('../electron/browser/launch.ts')).launchApp);
  return main(argv);
}
