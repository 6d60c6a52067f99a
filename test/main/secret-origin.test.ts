/**
 * Issue 13, item 4: a stored secret is only ever sent to the origin it was entered for. Moving an
 * account to another server, OAuth address or plain-http Basic needs its secret again, and the
 * vault itself hands a secret out only for its own origin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Credentials } from '../../core/account.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { SecretVault, type SecretCipher } from '../../core/secret-vault.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { startHostileServer, type HostileServer } from '../integration/fixtures/hostile-server.js';

const DOUG: Credentials = { mode: 'basic', username: 'dougw', password: 'sandbox-dougw' };

let sandbox: Sandbox;
let hostile: HostileServer;
let dataDir: string;
let main: HeadlessMain;

beforeAll(async () => {
  sandbox = await startSandbox();
  hostile = await startHostileServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":1,"id_str":"1","screen_name":"dougw","name":"Doug"}');
  });
});
afterAll(async () => {
  await sandbox.close();
  await hostile.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-secret-origin-'));
  main = createHeadlessMain({ dataDir });
  hostile.requests.length = 0;
});
afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function addDoug(): Promise<string> {
  const added = await main.handlers.addAccount({ profile: 'twitter-v1', apiBase: sandbox.apiBase, credentials: DOUG });
  if (!added.ok) throw new Error(added.error.message);
  return added.account.id;
}

describe('updateAccount', () => {
  it('refuses a new server, OAuth address or plain-http Basic without the secret, and sends nothing there', async () => {
    const id = await addDoug();
    for (const change of [
      { apiBase: hostile.apiBase },
      { apiBase: sandbox.apiBase.replace('127.0.0.1', 'localhost') },
      { oauthBase: `${hostile.origin}/oauth` },
      { allowInsecureBasic: true },
      { apiBase: hostile.apiBase, allowInsecureBasic: true },
    ]) {
      const answer = await main.handlers.updateAccount({ id, ...change });
      expect(answer, JSON.stringify(change)).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('again') } });
    }
    expect(hostile.requests).toEqual([]);
    const listed = await main.handlers.listAccounts();
    expect(listed.ok && listed.accounts.find((a) => a.id === id)).toMatchObject({ apiBase: sandbox.apiBase, oauthBase: null, allowInsecureBasic: false });
  });

  it('moves the account when the secret is given again, sending only the one given', async () => {
    const id = await addDoug();
    const moved = await main.handlers.updateAccount({
      id,
      apiBase: hostile.apiBase,
      credentials: { mode: 'basic', username: 'dougw', password: 'typed-for-the-new-server' },
    });
    expect(moved.ok).toBe(true);
    const sent = hostile.requests.map((r) => Buffer.from((r.authorization ?? '').replace(/^Basic /, ''), 'base64').toString());
    expect(sent).toEqual(['dougw:typed-for-the-new-server']);
  });

  it('keeps a change of path on the same origin with the stored secret', async () => {
    const id = await addDoug();
    const answer = await main.handlers.updateAccount({ id, apiBase: `${sandbox.apiBase}/` });
    expect(answer.ok).toBe(true);
  });
});

describe('the secret vault', () => {
  const identity: SecretCipher = {
    backend: async () => 'keychain',
    encrypt: async (text) => new TextEncoder().encode(text),
    decrypt: async (bytes) => ({ result: new TextDecoder().decode(bytes), shouldReEncrypt: false }),
  };
  function vaultOn(secrets: { value: Record<string, string> }): SecretVault {
    return new SecretVault({
      cipher: identity,
      store: { read: () => secrets.value, write: (next) => (secrets.value = next) },
      persistWithoutKeyring: () => false,
    });
  }

  it('hands a secret out only for the origin it was entered for, across a restart', async () => {
    const disk = { value: {} as Record<string, string> };
    await vaultOn(disk).put('a1', 'https://social.example', DOUG);
    const again = vaultOn(disk);
    expect(await again.get('a1', 'https://evil.example')).toBeNull();
    expect(await again.get('a1', 'http://social.example')).toBeNull();
    expect(await again.get('a1', 'https://social.example')).toEqual(DOUG);
  });

  it('binds a secret saved before origins were kept to its account\'s origin on first read', async () => {
    const disk = { value: { a1: Buffer.from(JSON.stringify(DOUG)).toString('base64') } };
    expect(await vaultOn(disk).get('a1', 'https://social.example')).toEqual(DOUG);
    const again = vaultOn(disk);
    expect(await again.get('a1', 'https://evil.example')).toBeNull();
    expect(await again.get('a1', 'https://social.example')).toEqual(DOUG);
  });
});
