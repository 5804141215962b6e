#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app in Electron when its binary is here, or
// else the same app in the system's Chromium or Edge (`lantai app`), after one clear line on
// how to get Electron onto an offline PC. It never asks the `electron` package for its path:
// that package downloads the binary when it is missing, and an offline PC would only get a
// stack trace from its installer.
//   npm start [-- --vault DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron binary the `electron` package would run, if it is on disk (same rules as its index.js). */
function electronBinary(env = process.env) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidates = override
    ? [path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))]
    : relative ? [path.join(pkg, 'dist', relative)] : [];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}

const electron = electronBinary();
if (electron) {
  run(electron, [root, ...args]);
} else {
  register();
  const { browserAppMessages } = await import('../electron/browser/messages.ts');
  const { currentLang } = await import('../native/i18n/messages.ts');
  process.stderr.write(`${browserAppMessages.noElectron[currentLang(process.env)]}\n`);
  run(process.execPath, [path.join(root, 'native', 'cli', 'bin.mjs'), 'app', ...args]);
}
