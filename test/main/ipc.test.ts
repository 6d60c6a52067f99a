import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { checkSender, registerIpcHandlers, type SenderPolicy } from '../../electron/main/ipc.js';
import { CHANNEL_NAMES, ipcChannel } from '../../electron/shared/contract.js';
import { fakeInvokeEvent, fakeIpcMain } from './electron-fakes.js';

const MAIN_ID = 11;
const QUICK_ID = 12;
const policy: SenderPolicy = {
  windowOf: (id) => (id === MAIN_ID ? 'main' : id === QUICK_ID ? 'quick' : null),
  allowedOrigins: ['app://befriend'],
};

let dataDir: string;
let main: HeadlessMain;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-ipc-'));
  main = createHeadlessMain({ dataDir });
});
afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('checkSender', () => {
  it('accepts the main frame of our windows on our origin, telling which window', () => {
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'app://befriend/index.html'), policy)).toEqual({ ok: true, context: { window: 'main' } });
    expect(checkSender(fakeInvokeEvent(QUICK_ID, 'app://befriend/quick.html'), policy)).toEqual({ ok: true, context: { window: 'quick' } });
  });

  it('refuses other contents, subframes, foreign origins and vanished frames', () => {
    expect(checkSender(fakeInvokeEvent(99, 'app://befriend/index.html'), policy)).toMatchObject({ ok: false });
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'app://befriend/index.html', { subframe: true }), policy)).toMatchObject({ ok: false });
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'https://evil.example/'), policy)).toMatchObject({ ok: false });
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'app://evil/index.html'), policy)).toMatchObject({ ok: false });
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'file:///etc/index.html'), policy)).toMatchObject({ ok: false });
    expect(checkSender(fakeInvokeEvent(MAIN_ID, 'app://befriend/index.html', { frameGone: true }), policy)).toMatchObject({ ok: false });
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel, and removes them', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerIpcHandlers(ipcMain, main.handlers, policy, () => undefined);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a foreign sender with invalid_request, runs nothing, and logs no payload', async () => {
    const ipcMain = fakeIpcMain();
    const lines: string[] = [];
    registerIpcHandlers(ipcMain, main.handlers, policy, (line) => lines.push(line));
    const handler = ipcMain.handlers.get(ipcChannel('setSettings'))!;
    const answer = await handler(fakeInvokeEvent(MAIN_ID, 'https://evil.example/'), { theme: 'dark' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(main.store.get('settings').theme).toBe('system');
    expect(lines).toEqual(['refused setSettings from a sender that is foreign origin']);
  });

  it('passes the calling window on to the handler', async () => {
    const ipcMain = fakeIpcMain();
    registerIpcHandlers(ipcMain, main.handlers, policy, () => undefined);
    const handler = ipcMain.handlers.get(ipcChannel('setSettings'))!;
    const answer = await handler(fakeInvokeEvent(QUICK_ID, 'app://befriend/quick.html'), { theme: 'light' });
    expect(answer).toMatchObject({ ok: true, settings: { theme: 'light' } });
    const show = ipcMain.handlers.get(ipcChannel('closeQuickFollow'))!;
    await show(fakeInvokeEvent(QUICK_ID, 'app://befriend/quick.html'), undefined);
    expect(main.desktop.quickClosed).toBe(1);
  });
});
