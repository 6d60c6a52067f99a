import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type BefriendApi } from '../../electron/shared/contract.js';
import { contextBridge, ipcRenderer } from './electron-module.js';

vi.mock('electron', async () => (await import('./electron-module.js')).electronModule);

let api: BefriendApi;
beforeAll(async () => {
  await import('../../electron/preload/index.js');
  api = contextBridge.exposed.get('befriend') as BefriendApi;
});

describe('the preload', () => {
  it('exposes one frozen object of named functions: every channel and event, nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['befriend']);
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, 'onOpenProfile', 'onChanged', 'onNotice', 'onBulk'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('invokes the contract channel with the payload as given', async () => {
    const answer = await api.follow({ target: '@dougw', notify: true });
    expect(ipcRenderer.invoked.at(-1)).toEqual(['befriend:follow', { target: '@dougw', notify: true }]);
    expect(answer).toEqual({ ok: true, echoed: 'befriend:follow' });
    await api.listAccounts();
    expect(ipcRenderer.invoked.at(-1)).toEqual(['befriend:listAccounts', undefined]);
    await api.cancel({ requestId: 'r-1' });
    expect(ipcRenderer.invoked.at(-1)).toEqual(['befriend:cancel', { requestId: 'r-1' }]);
  });

  it('hands listeners the payload only (never the IPC event), and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = api.onOpenProfile((...args: unknown[]) => received.push(args));
    const payload = { target: '@dougw', accountId: null, intent: 'follow', source: 'deep-link' };
    ipcRenderer.emitter.emit('befriend:event:openProfile', { sender: 'ipc-event' }, payload);
    expect(received).toEqual([[payload]]);
    off();
    ipcRenderer.emitter.emit('befriend:event:openProfile', { sender: 'ipc-event' }, payload);
    expect(received).toHaveLength(1);
    expect(() => (api.onNotice as (l: unknown) => void)('not a function')).toThrow(TypeError);
  });
});
