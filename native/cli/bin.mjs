#!/usr/bin/env node
// The `lantai` command. tsx runs the TypeScript engine directly, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { provideAppLauncher } = await import('./app-launcher.ts');
// `lantai app` serves the desktop shell's UI; only the entry point may join the two (the CLI
// itself never imports electron/), and only when that command runs.
provideAppLauncher(async () => (await import('../../electron/browser/launch.ts')).launchApp);
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
