// window.vault: the renderer's only door, exposing exactly the contract's channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, isChannel, type Channel, type Req, type VaultBridge, type VaultEvent } from '../contract.js';

const bridge: VaultBridge = {
  invoke: <C extends Channel>(channel: C, request: Req<C>) => {
    if (!isChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(IPC_INVOKE, channel, request);
  },
  on: (listener: (event: VaultEvent) => void) => {
    const h = (_e: IpcRendererEvent, event: VaultEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT, h);
    return () => ipcRenderer.off(IPC_EVENT, h);
  },
};

contextBridge.exposeInMainWorld('vault', bridge);
