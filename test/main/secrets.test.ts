/**
 * Secrets end to end: added through the real handlers (verified against the real sandbox),
 * encrypted through main's safeStorage cipher (safeStorage itself faked, with Electron's
 * types), and the settings file read back from disk.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/client.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { safeStorageCipher } from '../../electron/main/secrets.js';
import { fakeSafeStorage } from './electron-fakes.js';

let sandbox: Sandbox;
let dataDir: string;
const opened: HeadlessMain[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-secrets-'));
});
afterEach(async () => {
  for (const main of opened.splice(0)) await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

function open(
  safeStorage: ReturnType<typeof fakeSafeStorage>,
  platform = 'linux',
  client = createClient(),
  log?: (line: string) => void,
): HeadlessMain {
  const main = createHeadlessMain({
    dataDir,
    ...(log ? { log } : {}),
    cipher: safeStorageCipher(safeStorage, platform),
    client,
    // The file's one sandbox outlives every main opened on it.
    startSandbox: async () => ({ apiBase: sandbox.apiBase, oauthBase: sandbox.oauthBase, demo: sandbox.demo, close: () => undefined }),
  });
  opened.push(main);
  return main;
}

async function settingsFile(): Promise<string> {
  return readFile(join(dataDir, 'settings.json'), 'utf8');
}

async function addDoug(main: HeadlessMain) {
  const added = await main.handlers.addAccount({
    profile: 'twitter-v1',
    apiBase: sandbox.apiBase,
    credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
  });
  if (!added.ok) throw new Error(added.error.message);
  return added.account;
}

async function addOAuth(main: HeadlessMain) {
  const added = await main.handlers.addAccount({
    profile: 'custom',
    apiBase: sandbox.apiBase,
    oauthBase: sandbox.oauthBase,
    credentials: {
      mode: 'oauth',
      consumerKey: sandbox.demo.consumerKey,
      consumerSecret: sandbox.demo.consumerSecret,
      token: sandbox.demo.token,
      tokenSecret: sandbox.demo.tokenSecret,
    },
  });
  if (!added.ok) throw new Error(added.error.message);
  return added.account;
}

describe('with a keyring (gnome_libsecret)', () => {
  const keyring = () => fakeSafeStorage({ available: true, backend: 'gnome_libsecret' });

  it('writes only ciphertext: no password, consumer secret or token secret in the settings file', async () => {
    const main = open(keyring());
    const doug = await addDoug(main);
    const oauth = await addOAuth(main);
    expect(doug.secretPersisted).toBe(true);
    expect(oauth.secretPersisted).toBe(true);

    const text = await settingsFile();
    for (const secret of ['sandbox-dougw', sandbox.demo.consumerSecret, sandbox.demo.tokenSecret]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    }
    const file = JSON.parse(text);
    expect(Object.keys(file.secrets).sort()).toEqual([doug.id, oauth.id].sort());
    expect(file.accounts.map((a: { username: string }) => a.username)).toContain('dougw');
  });

  it('decrypts after a restart: the account follows without asking again', async () => {
    const first = open(keyring());
    const doug = await addDoug(first);
    await first.close();

    const second = open(keyring());
    const listed = await second.handlers.listAccounts();
    expect(listed.ok && listed.accounts[0]).toMatchObject({ id: doug.id, secretAvailable: true });
    expect(listed.ok && listed.secretStorage).toMatchObject({ backend: 'gnome_libsecret', secure: true, persist: true });
    const follow = await second.handlers.follow({ target: '@101010', accountId: doug.id });
    expect(follow.ok).toBe(true);
    expect(sandbox.isFollowing('dougw', '101010').following).toBe(true);
  });

  it('names the OS store on macOS and Windows', async () => {
    const mac = await safeStorageCipher(keyring(), 'darwin').backend();
    const windows = await safeStorageCipher(keyring(), 'win32').backend();
    const beforeReady = await safeStorageCipher(fakeSafeStorage({ available: true, backend: 'unknown' }), 'linux').backend();
    expect([mac, windows, beforeReady]).toEqual(['keychain', 'dpapi', 'unavailable']);
  });
});

describe('without a keyring (basic_text)', () => {
  const basicText = () => fakeSafeStorage({ available: true, backend: 'basic_text' });

  it('keeps secrets for the session only, says so, and asks again after a restart', async () => {
    const first = open(basicText());
    const doug = await addDoug(first);
    expect(doug).toMatchObject({ secretPersisted: false, secretAvailable: true });
    const state = await first.handlers.listAccounts();
    expect(state.ok && state.secretStorage).toMatchObject({ backend: 'basic_text', secure: false, persist: false });
    expect(state.ok && state.secretStorage.message).toMatch(/session only/);
    expect(JSON.parse(await settingsFile()).secrets).toEqual({});
    expect(await settingsFile()).not.toContain('sandbox-dougw');

    expect((await first.handlers.follow({ target: '@dougwfan', accountId: doug.id })).ok).toBe(true);
    await first.close();

    const second = open(basicText());
    const listed = await second.handlers.listAccounts();
    expect(listed.ok && listed.accounts[0]).toMatchObject({ id: doug.id, secretAvailable: false });
    const follow = await second.handlers.follow({ target: '@dougw', accountId: doug.id });
    expect(follow.ok === false && follow.error).toMatchObject({ kind: 'unauthorized' });
    expect(follow.ok === false && follow.error.message).toMatch(/kept for the last session only.*enter them again/);

    const reentered = await second.handlers.updateAccount({
      id: doug.id,
      credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
    });
    expect(reentered.ok && reentered.account.secretAvailable).toBe(true);
  });

  it('saves them (as ciphertext) once the person opts in, and removes them on opting out', async () => {
    const main = open(basicText());
    const doug = await addDoug(main);
    const optIn = await main.handlers.setSettings({ persistSecretsWithoutKeyring: true });
    expect(optIn.ok && optIn.status.secretStorage).toMatchObject({ persist: true, secure: false });
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.accounts[0]?.secretPersisted).toBe(true);
    const text = await settingsFile();
    expect(Object.keys(JSON.parse(text).secrets)).toEqual([doug.id]);
    expect(text).not.toContain('sandbox-dougw');

    await main.handlers.setSettings({ persistSecretsWithoutKeyring: false });
    expect(JSON.parse(await settingsFile()).secrets).toEqual({});
  });
});

describe('with no encryption at all', () => {
  it('never writes a secret, even when the person opted in', async () => {
    const main = open(fakeSafeStorage({ available: false, backend: 'basic_text' }));
    await main.handlers.setSettings({ persistSecretsWithoutKeyring: true });
    const doug = await addDoug(main);
    expect(doug.secretPersisted).toBe(false);
    const state = await main.handlers.listAccounts();
    expect(state.ok && state.secretStorage).toMatchObject({ backend: 'unavailable', persist: false });
    expect(JSON.parse(await settingsFile()).secrets).toEqual({});
  });
});

describe('the sandbox account', () => {
  it('never persists its (published) demo password', async () => {
    const main = open(fakeSafeStorage({ available: true, backend: 'kwallet5' }));
    const started = await main.handlers.startSandbox();
    expect(started.ok && started.account.secretPersisted).toBe(false);
    expect(await settingsFile()).not.toContain(sandbox.demo.password);
  });
});

describe('logs', () => {
  it('an unexpected failure is answered as data and logged without the secret or the payload', async () => {
    const lines: string[] = [];
    const throwing = {
      ...createClient(),
      verifyCredentials: () => {
        throw new Error('boom with password sandbox-dougw');
      },
    };
    const main = open(fakeSafeStorage({ available: true, backend: 'kwallet6' }), 'linux', throwing, (line) => lines.push(line));
    const result = await main.handlers.addAccount({
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      credentials: { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' },
    });
    expect(result.ok === false && result.error.kind).toBe('server_error');
    expect(lines).toEqual(['addAccount failed: Error']);
  });
});
