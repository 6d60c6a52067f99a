/**
 * Issue 13, item 5: no file the app or the command line writes holds a secret. Runs bulk follows
 * from the command line (Basic and OAuth) and through main's handlers (an OAuth account), with
 * known secrets, then reads every file left in their directories; and an old state file with
 * `oauth:<token>` as its owner is rewritten the moment it is opened.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { openBulkQueue } from '../../core/bulk/open-bulk-queue.js';
import { runBulkCommand } from '../../core/cli/bulk-command.js';
import { createClient } from '../../core/client.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain } from '../../electron/main/headless.js';

const sink = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Every file under `dir`, with its path. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const found: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.push({ path, text: await readFile(path, 'latin1') });
  }
  return found;
}

async function expectNoSecret(dir: string, secrets: readonly string[]): Promise<number> {
  const files = await filesUnder(dir);
  for (const file of files) {
    for (const secret of secrets) expect(file.text.includes(secret), `${secret} in ${file.path}`).toBe(false);
  }
  return files.length;
}

describe('secrets on disk', () => {
  let dir: string;
  let sandbox: Sandbox;
  let names: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-no-secret-'));
    sandbox = await startSandbox({ rateLimit: null });
    const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    names = users.map((u) => u.screenName).filter((n) => n !== sandbox.demo.screenName && !HARD_CASE_SCREEN_NAMES.includes(n)).slice(0, 6);
  });
  afterEach(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const secrets = (): string[] => [sandbox.demo.password, sandbox.demo.consumerSecret, sandbox.demo.token, sandbox.demo.tokenSecret];

  it('are in no file the command line writes, with Basic or OAuth', async () => {
    const list = join(dir, 'list.txt');
    await writeFile(list, names.map((n) => `@${n}`).join('\n'));
    const io = { stdout: sink(), stderr: sink(), isTTY: false };
    const env = { PW: sandbox.demo.password, CS: sandbox.demo.consumerSecret, TOKEN: sandbox.demo.token, TS: sandbox.demo.tokenSecret };
    const common = ['--server', sandbox.apiBase, '--format', 'json'];
    const basic = ['--username', sandbox.demo.username, '--password-env', 'PW'];
    const oauth = ['--consumer-key', sandbox.demo.consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS'];
    expect(await runBulkCommand([list, '--state', join(dir, 'basic'), ...common, ...basic], env, io)).toBe(0);
    expect(await runBulkCommand([list, '--state', join(dir, 'oauth'), ...common, ...oauth], env, io)).toBe(0);
    expect(await expectNoSecret(dir, secrets())).toBeGreaterThanOrEqual(5);
  });

  it('are in no file main writes for an OAuth account and its bulk follow', async () => {
    const dataDir = join(dir, 'userData');
    const main = createHeadlessMain({ dataDir });
    try {
      const added = await main.handlers.addAccount({
        profile: 'custom',
        apiBase: sandbox.apiBase,
        oauthBase: sandbox.oauthBase,
        credentials: { mode: 'oauth', consumerKey: sandbox.demo.consumerKey, consumerSecret: sandbox.demo.consumerSecret, token: sandbox.demo.token, tokenSecret: sandbox.demo.tokenSecret },
      });
      if (!added.ok) throw new Error(added.error.message);
      const started = await main.handlers.bulkStart({ text: names.map((n) => `@${n}`).join('\n') });
      if (!started.ok) throw new Error(started.error.message);
      await expect.poll(async () => {
        const status = await main.handlers.bulkStatus({});
        return status.ok && status.job?.progress.status.state;
      }, { timeout: 30_000 }).toBe('finished');
      expect(await main.handlers.follow({ target: '@dougw' })).toMatchObject({ ok: true });
    } finally {
      await main.close();
    }
    expect(await expectNoSecret(dataDir, secrets())).toBeGreaterThanOrEqual(3);
  });

  it('an old state file with the token as its owner is rewritten on open, and still resumes', async () => {
    const state = join(dir, 'old');
    await mkdir(state);
    const account: Account = {
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      format: 'json',
      credentials: { mode: 'oauth', consumerKey: sandbox.demo.consumerKey, consumerSecret: sandbox.demo.consumerSecret, token: sandbox.demo.token, tokenSecret: sandbox.demo.tokenSecret },
    };
    const old = {
      format: 'befriend-bulk-queue',
      version: 1,
      generation: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      owner: { apiBase: sandbox.apiBase, user: `oauth:${sandbox.demo.token}` },
      items: [{ line: 1, input: `@${names[0]}`, target: { form: 'screen_name', value: names[0] }, state: 'pending', outcome: null, error: null, attempts: 0, user: null, updatedAt: null }],
    };
    await writeFile(join(state, 'queue.json'), JSON.stringify(old));
    const opened = await openBulkQueue({ stateDir: state, client: createClient(), account });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await readFile(join(state, 'queue.json'), 'utf8')).not.toContain(sandbox.demo.token);
    expect((await opened.queue.start()).state).toBe('finished');
    await opened.queue.close();
    await expectNoSecret(state, secrets());
  });
});
