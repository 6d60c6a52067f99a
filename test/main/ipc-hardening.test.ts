/**
 * Issue 13, should-fix lines for IPC: a payload that throws while read, or is not plain data,
 * is `invalid_request`; the sender's origin must be written exactly; openExternal opens the
 * address as parsed; main refuses the system's editing and window shortcuts (the recorder too:
 * test/renderer/lib.test.tsx, "shortcut recorder keys").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../electron/main/accelerator.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { checkSender, type SenderPolicy } from '../../electron/main/ipc.js';
import { fakeInvokeEvent } from './electron-fakes.js';

let dataDir: string;
let main: HeadlessMain;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-ipc-hardening-'));
  main = createHeadlessMain({ dataDir });
});
afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('payloads', () => {
  it('a getter that throws is invalid_request, not a server error', async () => {
    const hostile = {
      get target(): string {
        throw new Error('boom');
      },
    };
    expect(await main.handlers.follow(hostile)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(await main.handlers.listAccounts()).toMatchObject({ ok: true });
  });

  it('only plain objects and arrays pass: Date, Map, Set, RegExp and Error are refused, even nested', async () => {
    for (const payload of [new Date(), new Map(), new Set(), /x/, new Error('x'), Object.create({ polluted: true })]) {
      const answer = await main.handlers.listAccounts(payload);
      expect(answer, Object.prototype.toString.call(payload)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    }
    // An Error's own fields are enumerable when assigned: a schema alone would take it for credentials.
    const credentials = Object.assign(new Error('x'), { mode: 'basic', username: 'u', password: 'p' });
    const nested = await main.handlers.addAccount({ profile: 'twitter-v1', apiBase: 'http://127.0.0.1:9/1', credentials });
    expect(nested).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('plain') } });
    expect(await main.handlers.listAccounts({})).toMatchObject({ ok: true });
    expect(await main.handlers.listAccounts(Object.create(null))).toMatchObject({ ok: true });
  });
});

describe('the sender check', () => {
  const policy: SenderPolicy = { windowOf: (id) => (id === 11 ? 'main' : null), allowedOrigins: ['app://befriend'] };

  it('compares the origin as written: no user@ part, no leading space, no look-alike', () => {
    expect(checkSender(fakeInvokeEvent(11, 'app://befriend/index.html'), policy)).toMatchObject({ ok: true });
    expect(checkSender(fakeInvokeEvent(11, 'app://befriend'), policy)).toMatchObject({ ok: true });
    for (const url of ['app://evil@befriend/index.html', 'app://evil:pw@befriend/', ' app://befriend/index.html', '\tapp://befriend/', 'APP://befriend/', 'app://befriend.evil/']) {
      expect(checkSender(fakeInvokeEvent(11, url), policy), url).toMatchObject({ ok: false });
    }
  });
});

describe('openExternal', () => {
  it('opens the address as the parser read it', async () => {
    expect(await main.handlers.openExternal({ url: 'https://exa\tmple.org/a b' })).toEqual({ ok: true });
    expect(main.desktop.opened).toEqual(['https://example.org/a%20b']);
  });
});

describe('the shortcut', () => {
  it("main refuses the system's editing and window keys", () => {
    for (const taken of ['CommandOrControl+C', 'Ctrl+V', 'Control+X', 'CmdOrCtrl+Z', 'Command+A', 'Ctrl+W', 'CommandOrControl+Q', 'Alt+F4']) {
      expect(checkAccelerator(taken), taken).toMatchObject({ ok: false, error: expect.stringContaining('every app') });
    }
    for (const free of ['CommandOrControl+Shift+C', 'Ctrl+Alt+V', 'Alt+F5', 'Ctrl+F4']) {
      expect(checkAccelerator(free), free).toMatchObject({ ok: true });
    }
  });
});
