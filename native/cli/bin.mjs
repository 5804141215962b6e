#!/usr/bin/env node
// The `lantai` command. It runs the prebuilt bundle (`npm run build`, or `npm install`'s prepare
// step) when that bundle is current, so a command starts in a fraction of a second; otherwise
// tsx runs the TypeScript engine directly, so the CLI never needs a build step and never runs
// code older than the sources (native/cli/prebuilt.mjs).
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBundle } from './prebuilt.mjs';

// Node 22+ (Electron's) keeps V8's compiled code of the bundle between runs; Node 20 has no
// such cache and goes on as before.
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = currentBundle(root);
if (bundle) {
  // The bundle (build/cli-loader.mjs running build/cli-entry.mjs's engine) does what the lines
  // below do, and sets the exit code.
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { provideAppLauncher } = await import('./app-launcher.ts');
  // `lantai app` serves the desktop shell's UI; only the entry point may join the two (the CLI
  // itself never imports electron/), and only when that command runs.
  provideAppLauncher(async () => (await import('../../electron/browser/launch.ts')).launchApp);
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
