import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/run-cli.js';
import { BLOCKER_SCREEN_NAME as BLOCKER } from '../../core/sandbox/gnusocial.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { textSink } from '../support/text-sink.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The whole command line in this process, through a real sandbox. */
async function befriend(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const stdout = textSink();
  const stderr = textSink();
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const code = await runCli(args, {
    stdout,
    stderr,
    stdin,
    env: { PW: sandbox.demo.password, ...options.env },
    isTTY: false,
    waitForStop: () => Promise.resolve(),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let sandbox: Sandbox;
let gnu: string[];

beforeAll(async () => {
  sandbox = await startSandbox({ personality: 'gnusocial' });
  gnu = ['--server', sandbox.apiBase, '--profile', 'gnusocial', '--username', 'demo', '--password-env', 'PW'];
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('befriend against a GNU social server', () => {
  it('runs the sandbox as GNU social with --personality gnusocial, and refuses an unknown one', async () => {
    const run = await befriend(['sandbox', '--personality', 'gnusocial', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/index\.php\/api$/);
    const wrong = await befriend(['sandbox', '--personality', 'mastodon']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--personality must be one of twitter, gnusocial');
  });

  it('says "request sent" for a private stream, exit 0, and never "Now following"', async () => {
    const run = await befriend(['follow', `@${HARD_CASES.protected}`, ...gnu]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Follow request sent to @${HARD_CASES.protected}`);
    expect(run.stdout).not.toContain('Now following');
  });

  it("follows by GNU social's own profile URLs, /index.php/NAME and /index.php/user/ID", async () => {
    const byName = await befriend(['follow', `${sandbox.origin}/index.php/dougw`, ...gnu]);
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toContain('Now following @dougw.');
    const byId = await befriend(['follow', `${sandbox.origin}/index.php/user/101010`, ...gnu]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain('Now following @tenten.');
  });

  it('refuses a profile URL on another server, naming both hosts, and sends nothing', async () => {
    const run = await befriend(['follow', 'https://elsewhere.example/@dougw', ...gnu]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('elsewhere.example');
    expect(run.stderr).toContain(new URL(sandbox.origin).host);
    expect(sandbox.requests).toHaveLength(0);
  });

  it('takes --user-id with a name as a usage error, never as a screen name', async () => {
    const run = await befriend(['follow', 'eve', '--user-id', ...gnu]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--user-id takes a numeric user id, not "eve"');
    expect(sandbox.requests).toHaveLength(0);
  });

  it('refuses to follow yourself by id or URL (learning who you are first) and by name, for Basic and OAuth', async () => {
    const env = { CS: sandbox.demo.consumerSecret, TOKEN: sandbox.demo.token, TS: sandbox.demo.tokenSecret };
    const oauth = ['--server', sandbox.apiBase, '--profile', 'gnusocial', '--consumer-key', sandbox.demo.consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS'];
    for (const [target, flags] of [
      ['1000001', gnu],
      [`${sandbox.origin}/index.php/user/1000001`, gnu],
      ['@demo', gnu],
      ['@demo', oauth],
      ['1000001', oauth],
    ] as const) {
      const run = await befriend(['follow', target, ...flags], { env });
      expect(run.code, `${target}: ${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr).toContain('That is the account you are signed in with: you cannot follow yourself.');
    }
    expect(sandbox.requests.filter((r) => r.path.includes('friendships/create'))).toHaveLength(0);
  });

  it('shows an account answered with the target as typed: "Already following user 101010", not "@101010"', async () => {
    expect((await befriend(['follow', '101010', ...gnu])).code).toBe(0);
    const again = await befriend(['follow', '101010', ...gnu]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Already following user 101010\. \(Could not follow user: tenten is already on your list\.\)/);
  });

  it('says one follower and one status in the singular', async () => {
    const run = await befriend(['show', `@${BLOCKER}`, ...gnu]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 follower · 10 following · 1 status');
  });

  it('after a timeout, says the follow may have gone through and how to check', async () => {
    sandbox.setFaults({ latencyMs: 60_000 });
    try {
      const run = await befriend(['follow', '@dougw', ...gnu, '--timeout', '50']);
      expect(run.code).toBe(6);
      expect(run.stderr).toContain('a follow may still have gone through, so look the account up before trying again.');
      expect(run.stderr).toContain('To look them up: `befriend show @dougw` with the same options.');
    } finally {
      sandbox.setFaults({ latencyMs: 0 });
    }
  });

  it('takes --password-stdin for bulk, and tells a refused sign-in once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'befriend-real-servers-'));
    try {
      const list = join(dir, 'list.txt');
      await writeFile(list, '@dougw\n@tenten\n@silent\n');
      const stdinArgs = ['bulk', list, '--server', sandbox.apiBase, '--profile', 'gnusocial', '--username', 'demo', '--password-stdin'];
      const good = await befriend([...stdinArgs, '--state', join(dir, 'good')], { stdin: `${sandbox.demo.password}\n` });
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/3 followed/);
      const bad = await befriend([...stdinArgs, '--state', join(dir, 'bad')], { stdin: 'wrong\n' });
      expect(bad.code).toBe(3);
      expect(bad.stderr.split('\n').filter((line) => line.includes('no longer accepts these credentials'))).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
