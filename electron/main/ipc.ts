// The only ipcMain glue: one invoke channel into the shared handler table, one event channel
// out. Kept this thin because the UI tests cannot run Electron; everything else they cover.
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type VaultEvent } from '../contract.js';
import { dispatch, type HandlerHost, type ShellState } from './handlers.js';
import { isOwnUrl } from './security.js';

export function registerIpc(state: ShellState, host: Omit<HandlerHost, 'emit'>, window: BrowserWindow, rendererDir: string): void {
  const full: HandlerHost = { ...host, emit: (event: VaultEvent) => { if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event); } };
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, request: unknown) => {
    // Only our own page in our own window may call in.
    if (event.sender !== window.webContents || !isOwnUrl(event.senderFrame?.url ?? '', rendererDir)) return { ok: false, error: { code: 'FORBIDDEN', message: { zh: '拒绝来自未知页面的请求。', en: 'Request from an unknown page refused.' }, details: {} } };
    return dispatch(state, full, channel, request);
  });
}
