import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../core/bulk/clock.js';
import { openBulkQueue } from '../../core/bulk/open-bulk-queue.js';
import { runBulkCommand } from '../../core/cli/bulk-command.js';
import { createClient } from '../../core/client.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { textSink } from '../support/text-sink.js';

let sandbox: Sandbox;
let dir: string;
let runs = 0;

async function bulk(lines: string[], extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  runs += 1;
  const list = join(dir, `list-${runs}.txt`);
  await writeFile(list, lines.join('\n'));
  const stdout = textSink();
  const stderr = textSink();
  const args = [list, '--state', join(dir, `state-${runs}`), '--server', sandbox.apiBase, '--profile', 'gnusocial'];
  const code = await runBulkCommand([...args, '--username', 'demo', '--password-env', 'PW', ...extra], { PW: sandbox.demo.password }, {
    stdout,
    stderr,
    isTTY: false,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

beforeAll(async () => {
  sandbox = await startSandbox({ personality: 'gnusocial', rateLimit: null });
  dir = await mkdtemp(join(tmpdir(), 'befriend-bulk-gnusocial-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

describe('befriend bulk against a GNU social server', () => {
  it('counts a private stream as requested, and a second run still does not count it as followed', async () => {
    const first = await bulk([`@${HARD_CASES.protected}`, '@dougw']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`line 1: @${HARD_CASES.protected} request pending`);
    expect(first.stdout).toMatch(/1 followed, 0 already followed, 1 requested, 0 failed/);
    const second = await bulk([`@${HARD_CASES.protected}`, '@dougw']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/0 followed, 1 already followed, 1 requested, 0 failed/);
  }, 30_000);

  it("reads GNU social's profile URLs, and lists one on another server as a bad line with its number", async () => {
    const run = await bulk([`${sandbox.origin}/index.php/dougw`, 'https://elsewhere.example/@tenten', `${sandbox.origin}/index.php/user/101010`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 2: "https:\/\/elsewhere\.example\/@tenten": That profile is on elsewhere\.example, but this account is on 127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/2 followed, 0 already followed, 0 requested, 0 failed, 0 left, 1 bad lines/);
    expect(sandbox.isFollowing('demo', 'tenten').following).toBe(true);
  }, 30_000);

  it("backs off from GNU social's duplicate limit (no reset time) and follows once it has passed", async () => {
    // One virtual clock for the queue and the server: the queue's wait is what moves it on.
    let now = Date.UTC(2026, 0, 1);
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const server = await startSandbox({ personality: 'gnusocial', rateLimit: null, now: () => now });
    try {
      const client = createClient();
      const account = { profile: 'gnusocial' as const, apiBase: server.apiBase, format: 'json' as const, credentials: { mode: 'basic' as const, username: 'demo', password: server.demo.password } };
      const dougw = { form: 'screen_name' as const, value: 'dougw' };
      expect((await client.follow(account, dougw)).ok).toBe(true);
      expect((await client.unfollow(account, dougw)).ok).toBe(true);
      const opened = await openBulkQueue({ stateDir: join(dir, 'duplicate-state'), client, account, clock, random: () => 0.5 });
      if (!opened.ok) throw new Error(opened.error.message);
      const { queue } = opened;
      await queue.add([{ line: 1, input: '@dougw', target: dougw }]);
      const status = await queue.start();
      await queue.close();
      expect(status.state).toBe('finished');
      expect(queue.progress().outcomes.followed).toBe(1);
      const creates = server.requests.filter((r) => r.path.endsWith('friendships/create.json'));
      expect(creates.map((r) => r.status)).toEqual([200, 400, 200]);
      expect(creates[2]!.at - creates[1]!.at).toBeGreaterThanOrEqual(60_000);
    } finally {
      await server.close();
    }
  }, 30_000);

  it('lists yourself as a bad line in the preview, by name or by id, not as "already followed"', async () => {
    const run = await bulk(['@dougw', '@demo', '1000001', `${sandbox.origin}/index.php/user/1000001`], ['--preview']);
    expect(run.stderr).toMatch(/line 2: "@demo": That is the account you are signed in with: you cannot follow yourself\. \(skipped\)/);
    expect(run.stderr).toMatch(/line 3: "1000001": That is the account/);
    expect(run.stderr).toMatch(/line 4: ".*\/index\.php\/user\/1000001": That is the account/);
    expect(run.stdout).toMatch(/1 accounts to follow, 0 duplicates, 3 bad lines/);
    expect(run.stdout).toMatch(/0 already followed/);
  }, 30_000);
});
