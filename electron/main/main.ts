/**
 * Electron entry: app lifecycle and the one window. Everything the window can do goes through
 * handlers.ts; this file only creates, hardens and closes things.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { closeVault, newShellState } from './handlers.js';
import { registerIpc } from './ipc.js';
import { hardenContents, hardenSession, webPreferences } from './security.js';

// electron/dist/main.js → the project root is two levels up.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const rendererDir = path.join(root, 'renderer', 'dist');
const state = newShellState();

// The installed app carries the OCR language data and CJK fonts as plain files in resources/
// (build/electron-builder.json, extraResources); the engine finds them through these variables.
if (app.isPackaged) {
  for (const [name, dir] of [['LANTAI_TESSDATA', 'tessdata'], ['LANTAI_FONTS_DIR', 'fonts']] as const) {
    const full = path.join(process.resourcesPath, dir);
    if (!process.env[name] && fs.existsSync(full)) process.env[name] = full;
  }
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => hardenContents(contents));

async function choosePaths(window: BrowserWindow, kind: 'files' | 'folder' | 'vault'): Promise<string[]> {
  const properties: ('openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory')[] =
    kind === 'files' ? ['openFile', 'multiSelections'] : kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openDirectory', 'createDirectory'];
  const r = await dialog.showOpenDialog(window, { properties });
  return r.canceled ? [] : r.filePaths;
}

async function createWindow(): Promise<void> {
  hardenSession(session.defaultSession, rendererDir);
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '兰台 Lantai',
    show: false,
    webPreferences: webPreferences(path.join(here, 'preload.cjs')),
  });
  registerIpc(state, { device: os.hostname(), choosePaths: (kind) => choosePaths(window, kind) }, window, rendererDir);
  window.once('ready-to-show', () => window.show());
  await window.loadFile(path.join(rendererDir, 'index.html'));
}

app.whenReady().then(createWindow, (e: unknown) => {
  console.error(e);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
// The catalog closes once cancelled jobs have handed their work back; quitting does not wait
// for it (a job cut short is found and resumed at the next open).
app.on('before-quit', () => void closeVault(state));
