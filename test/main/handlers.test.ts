/**
 * The IPC handlers as the renderer reaches them, against the real client and the real sandbox
 * over HTTP on 127.0.0.1. Only the desktop (tray, browser, notifications) is recorded instead.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/client.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';

let dataDir: string;
let sandbox: Sandbox;
let main: HeadlessMain;

/**
 * Every sandbox stays up until the file is done: a closed sandbox's port could be given to the
 * next one while the HTTP client still holds a keep-alive socket to it.
 */
const sandboxes: Sandbox[] = [];
async function newSandbox(): Promise<Sandbox> {
  const started = await startSandbox();
  sandboxes.push(started);
  return started;
}
function kept(running: Sandbox) {
  return async () => ({ apiBase: running.apiBase, oauthBase: running.oauthBase, demo: running.demo, close: () => undefined });
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-handlers-'));
  sandbox = await newSandbox();
  main = createHeadlessMain({
    dataDir,
    startSandbox: kept(sandbox),
    takenShortcuts: ['CommandOrControl+Shift+Y'],
  });
});

afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(sandboxes.map((running) => running.close()));
});

async function startDemo() {
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
  return started.account;
}

describe('the sandbox account', () => {
  it('starts the sandbox in-process and makes its demo account active', async () => {
    const account = await startDemo();
    expect(account).toMatchObject({ sandbox: true, apiBase: sandbox.apiBase, authMode: 'basic', username: 'demo' });
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.activeId).toBe(account.id);
    expect(main.store.get('firstRunDone')).toBe(true);
  });

  it('reuses one sandbox account across repeated starts', async () => {
    const first = await startDemo();
    const second = await startDemo();
    expect(second.id).toBe(first.id);
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.accounts).toHaveLength(1);
  });
});

describe('the sandbox across launches', () => {
  it('after a restart, re-points the saved sandbox account at the new sandbox on first use', async () => {
    await startDemo();
    await main.close();
    const next = await newSandbox();
    let starts = 0;
    main = createHeadlessMain({
      dataDir,
      startSandbox: async () => {
        starts += 1;
        return kept(next)();
      },
    });
    const first = await main.handlers.follow({ target: '@dougw' });
    const second = await main.handlers.follow({ target: '@dougwfan' });
    expect(first.ok && second.ok).toBe(true);
    expect(next.isFollowing('demo', 'dougw').following).toBe(true);
    expect(starts).toBe(1);
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.accounts[0]?.apiBase).toBe(next.apiBase);
  });

  it('a sandbox that cannot start is a typed failure, and the next try starts it', async () => {
    let attempts = 0;
    await main.close();
    main = createHeadlessMain({
      dataDir,
      startSandbox: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('EADDRINUSE');
        return kept(sandbox)();
      },
    });
    const failed = await main.handlers.startSandbox();
    expect(failed).toMatchObject({ ok: false, error: { kind: 'server_error' } });
    expect(!failed.ok && failed.error.message).toMatch(/sandbox could not start/);
    const started = await main.handlers.startSandbox();
    expect(started.ok).toBe(true);
  });
});

describe('follow', () => {
  it('follows @dougw through the sandbox and returns spec §7 result', async () => {
    await startDemo();
    const result = await main.handlers.follow({ target: '@dougw' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.screenName).toBe('dougw');
    expect(result.user.name).toBe('Doug Williams');
    expect(typeof result.user.id).toBe('string');
    expect(result.rateLimit?.limit).toBeGreaterThan(0);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(true);
  });

  it('reports a second follow as already_following and records both in history', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw' });
    const again = await main.handlers.follow({ target: 'dougw' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.kind).toBe('already_following');
    const history = await main.handlers.listHistory();
    expect(history.ok && history.entries.map((e) => e.outcome)).toEqual(['already_following', 'followed']);
    expect(history.ok && history.entries[1]?.user?.screenName).toBe('dougw');
  });

  it('answers a second follow of the same person as already_following with the person, in that one call', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw' });
    const before = sandbox.requests.length;
    const again = await main.handlers.follow({ target: 'dougw' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'already_following', status: 403 }, user: { screenName: 'dougw', name: 'Doug Williams' } });
    expect(again.ok === false && again.rateLimit?.limit).toBeGreaterThan(0);
    // main asked the server twice (the refused follow, then users/show); the renderer asked main once
    expect(sandbox.requests.slice(before).map((r) => r.path.replace(/\.(json|xml)$/, ''))).toEqual(['/1/friendships/create', '/1/users/show']);
    const history = await main.handlers.listHistory({ limit: 1 });
    expect(history.ok && history.entries[0]).toMatchObject({ outcome: 'already_following', user: { screenName: 'dougw', name: 'Doug Williams' } });
  });

  it('answers a repeated request to a protected account as request_pending with the person', async () => {
    await startDemo();
    const first = await main.handlers.follow({ target: '@lockedbox' });
    expect(first.ok && first.user.followRequestSent).toBe(true);
    const again = await main.handlers.follow({ target: '@lockedbox' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'request_pending' }, user: { screenName: 'lockedbox', protected: true } });
  });

  it('carries no user on other failures, and null when the look-up after a refusal fails', async () => {
    await startDemo();
    const missing = await main.handlers.follow({ target: '@nobody_here_at_all' });
    expect(missing.ok === false && 'user' in missing).toBe(false);

    await main.close();
    const real = createClient();
    main = createHeadlessMain({
      dataDir,
      startSandbox: kept(sandbox),
      client: { ...real, show: async () => ({ ok: false, error: { kind: 'server_error', status: 503, code: null, message: 'down' }, rateLimit: null }) },
    });
    await main.handlers.follow({ target: '@dougw' });
    const again = await main.handlers.follow({ target: '@dougw' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'already_following' }, user: null });
    const history = await main.handlers.listHistory({ limit: 1 });
    expect(history.ok && history.entries[0]).toMatchObject({ outcome: 'already_following', user: null });
  });

  it('sends follow=true only when notify is asked', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw', notify: true });
    expect(sandbox.isFollowing('demo', 'dougw').notifications).toBe(true);
    await main.handlers.follow({ target: '@101010', format: 'xml' });
    expect(sandbox.isFollowing('demo', '101010')).toMatchObject({ following: true, notifications: false });
  });

  it('refuses an all-digits target without a choice, before anything is sent', async () => {
    await startDemo();
    const before = sandbox.requests.length;
    const result = await main.handlers.follow({ target: '101010' });
    expect(result.ok === false && result.error.kind).toBe('invalid_request');
    expect(sandbox.requests.length).toBe(before);
  });

  it('answers with typed errors from the server: unknown user → not_found, recorded as failed', async () => {
    await startDemo();
    const result = await main.handlers.follow({ target: '@nobody_here_at_all' });
    expect(result.ok === false && result.error.kind).toBe('not_found');
    const history = await main.handlers.listHistory();
    expect(history.ok && history.entries[0]).toMatchObject({ outcome: 'failed', user: null });
  });

  it('without any account says what to do instead of failing', async () => {
    const result = await main.handlers.follow({ target: '@dougw' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(!result.ok && result.error.message).toMatch(/add one, or try the sandbox/);
  });

  it('from the quick-follow window shows a notification; from the main window it does not', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw' }, { window: 'main' });
    expect(main.desktop.notifications).toEqual([]);
    await main.handlers.follow({ target: '@dougwfan' }, { window: 'quick' });
    expect(main.desktop.notifications).toMatchObject([{ screenName: 'dougwfan', outcome: 'followed' }]);
  });

  it('reads bare digits in the quick window by the quickNumericAs setting', async () => {
    await startDemo();
    await main.handlers.setSettings({ quickNumericAs: 'screen_name' });
    const result = await main.handlers.follow({ target: '101010' }, { window: 'quick' });
    expect(result.ok && result.user.screenName).toBe('101010');
  });
});

describe('lookup, search, unfollow', () => {
  it('looks a user up without following', async () => {
    await startDemo();
    const result = await main.handlers.lookup({ target: `${sandbox.origin}/dougw` });
    expect(result.ok && result.user.screenName).toBe('dougw');
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
  });

  it("refuses a profile URL on another server than the account's, naming both hosts, and sends nothing", async () => {
    await startDemo();
    const before = sandbox.requests.length;
    const result = await main.handlers.follow({ target: 'https://elsewhere.example/dougw' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid_request');
      expect(result.error.message).toContain(`elsewhere.example, but this account is on ${new URL(sandbox.origin).host}`);
    }
    expect(sandbox.requests.length).toBe(before);
  });

  it('searches, with dougw first for "dougw"', async () => {
    await startDemo();
    const result = await main.handlers.search({ query: 'dougw', count: 5 });
    expect(result.ok && result.users[0]?.screenName).toBe('dougw');
  });

  it('undoes a follow and records it', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw' });
    const result = await main.handlers.unfollow({ target: '@dougw' });
    expect(result.ok).toBe(true);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
    const history = await main.handlers.listHistory({ limit: 1 });
    expect(history.ok && history.entries).toMatchObject([{ action: 'unfollow', outcome: 'unfollowed' }]);
  });
});

describe('accounts', () => {
  it('adds a Basic account only after verify_credentials accepts it', async () => {
    const wrong = await main.handlers.addAccount({
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      credentials: { mode: 'basic', username: 'dougw', password: 'not-the-password' },
    });
    expect(wrong.ok === false && wrong.error.kind).toBe('unauthorized');
    expect(main.store.get('accounts')).toEqual([]);

    const added = await main.handlers.addAccount({
      label: 'Doug',
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      format: 'xml',
      credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
    });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.account).toMatchObject({ label: 'Doug', username: 'dougw', format: 'xml', self: { screenName: 'dougw' } });
    expect(JSON.stringify(added)).not.toContain('sandbox-dougw');
  });

  it('refuses following the signed-in account itself', async () => {
    await startDemo();
    const result = await main.handlers.follow({ target: '@demo' });
    expect(result.ok === false && result.error.kind).toBe('invalid_request');
  });

  it('follows with the account the person chose, not the active one', async () => {
    const demo = await startDemo();
    const doug = await main.handlers.addAccount({
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
    });
    if (!doug.ok) throw new Error(doug.error.message);
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.activeId).toBe(doug.account.id);
    await main.handlers.follow({ target: '@101010', accountId: demo.id });
    expect(sandbox.isFollowing('demo', '101010').following).toBe(true);
    expect(sandbox.isFollowing('dougw', '101010').following).toBe(false);
  });

  it('switches, verifies, updates and removes accounts', async () => {
    const demo = await startDemo();
    const doug = await main.handlers.addAccount({
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
    });
    if (!doug.ok) throw new Error(doug.error.message);
    const switched = await main.handlers.switchAccount({ id: demo.id });
    expect(switched.ok && switched.activeId).toBe(demo.id);

    const verified = await main.handlers.verifyAccount({ id: doug.account.id });
    expect(verified.ok && verified.user.screenName).toBe('dougw');

    const renamed = await main.handlers.updateAccount({ id: doug.account.id, label: 'Doug W', notifyByDefault: true });
    expect(renamed.ok && renamed.account).toMatchObject({ label: 'Doug W', notifyByDefault: true });

    const badPassword = await main.handlers.updateAccount({
      id: doug.account.id,
      credentials: { mode: 'basic', username: 'dougw', password: 'wrong' },
    });
    expect(badPassword.ok === false && badPassword.error.kind).toBe('unauthorized');

    const removed = await main.handlers.removeAccount({ id: doug.account.id });
    expect(removed.ok && removed.accounts.map((a) => a.id)).toEqual([demo.id]);
    const missing = await main.handlers.switchAccount({ id: doug.account.id });
    expect(missing.ok === false && missing.error.kind).toBe('invalid_request');
  });

  it('adds an OAuth account through the PIN flow, opening the authorize page in the browser', async () => {
    const started = await main.handlers.startOAuth({
      profile: 'custom',
      apiBase: sandbox.apiBase,
      oauthBase: sandbox.oauthBase,
      consumerKey: sandbox.demo.consumerKey,
      consumerSecret: sandbox.demo.consumerSecret,
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(main.desktop.opened).toEqual([started.authorizeUrl]);
    expect(JSON.stringify(started)).not.toContain(sandbox.demo.consumerSecret);

    const page = await (await fetch(started.authorizeUrl)).text();
    const pin = /id="oauth_pin">([^<]+)</.exec(page)?.[1];
    expect(pin).toBeTruthy();

    const wrongPin = await main.handlers.finishOAuth({ flowId: started.flowId, pin: '000000' });
    expect(wrongPin.ok === false && wrongPin.error.kind).toBe('unauthorized');

    const finished = await main.handlers.finishOAuth({ flowId: started.flowId, pin: pin! });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;
    expect(finished.account).toMatchObject({ authMode: 'oauth', username: 'demo', self: { screenName: 'demo' } });

    const follow = await main.handlers.follow({ target: '@dougw', accountId: finished.account.id });
    expect(follow.ok).toBe(true);

    const reused = await main.handlers.finishOAuth({ flowId: started.flowId, pin: pin! });
    expect(reused.ok === false && reused.error.kind).toBe('invalid_request');
  });
});

describe('settings, shortcut, history, desktop', () => {
  it('changes settings and reports where data lives', async () => {
    const result = await main.handlers.setSettings({ trayEnabled: false, theme: 'dark' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toMatchObject({ trayEnabled: false, theme: 'dark', shortcut: 'CommandOrControl+Alt+F' });
    expect(result.status).toMatchObject({ trayActive: false, dataDir });
    const settingsFile = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
    expect(settingsFile.settings.theme).toBe('dark');
  });

  it('keeps the previous shortcut when the new one is taken', async () => {
    const ok = await main.handlers.setShortcut({ accelerator: 'ctrl+alt+b' });
    expect(ok).toEqual({ ok: true, accelerator: 'Ctrl+Alt+B' });
    const taken = await main.handlers.setShortcut({ accelerator: 'CommandOrControl+Shift+Y' });
    expect(taken.ok === false && taken.error.message).toMatch(/Keeping Ctrl\+Alt\+B/);
    const settings = await main.handlers.getSettings();
    expect(settings.ok && settings.settings.shortcut).toBe('Ctrl+Alt+B');
    expect(settings.ok && settings.status.shortcutActive).toBe('Ctrl+Alt+B');
    const test = await main.handlers.testShortcut({ accelerator: 'CommandOrControl+Shift+Y' });
    expect(test).toMatchObject({ ok: true, available: false });
  });

  it('clears the history', async () => {
    await startDemo();
    await main.handlers.follow({ target: '@dougw' });
    const cleared = await main.handlers.clearHistory();
    expect(cleared).toEqual({ ok: true, entries: [] });
    const listed = await main.handlers.listHistory();
    expect(listed.ok && listed.entries).toEqual([]);
    expect(main.desktop.events.some((e) => e.name === 'changed')).toBe(true);
  });

  it('opens only http(s) addresses', async () => {
    expect(await main.handlers.openExternal({ url: 'https://example.org/x' })).toEqual({ ok: true });
    const refused = await main.handlers.openExternal({ url: 'file:///etc/passwd' });
    expect(refused.ok === false && refused.error.kind).toBe('invalid_request');
    const js = await main.handlers.openExternal({ url: 'javascript:alert(1)' });
    expect(js.ok).toBe(false);
    expect(main.desktop.opened).toEqual(['https://example.org/x']);
  });

  it('shows a profile in the main window and closes the quick window on request', async () => {
    await main.handlers.showInMain({ target: '@dougw' }, { window: 'quick' });
    expect(main.desktop.shown).toEqual([{ target: '@dougw', accountId: null, intent: 'show', source: 'quick-follow' }]);
    await main.handlers.closeQuickFollow(undefined, { window: 'quick' });
    expect(main.desktop.quickClosed).toBe(1);
  });
});
