/**
 * The only bridge between a page and main: named functions from the contract, each one
 * `ipcRenderer.invoke` on its channel, and event subscriptions that hand over the payload only
 * (never the IPC event, never `ipcRenderer` itself). Bundled into one CommonJS file because
 * sandboxed preloads cannot load modules; the contract it bundles is plain names and types, so
 * the file stays a few kilobytes (payloads are checked in main).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNEL_NAMES,
  createBefriendApi,
  EVENT_NAMES,
  ipcChannel,
  ipcEventChannel,
  isChannelName,
  isEventName,
} from '../shared/contract.js';

const api = createBefriendApi(
  { channels: CHANNEL_NAMES, events: EVENT_NAMES },
  (name, payload) => {
    if (!isChannelName(name)) return Promise.reject(new Error(`unknown channel ${name}`));
    return ipcRenderer.invoke(ipcChannel(name), payload);
  },
  (name, listener) => {
    if (!isEventName(name)) throw new Error(`unknown event ${name}`);
    const channel = ipcEventChannel(name);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
);

contextBridge.exposeInMainWorld('befriend', api);
