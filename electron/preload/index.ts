import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../src/app/contract';

// window.api holds exactly the contract's channels, one function each. ipcRenderer itself
// is never exposed; main validates every argument again.
const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of channelNames) {
  api[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}
contextBridge.exposeInMainWorld('api', Object.freeze(api));
