import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/run-cli.js';
import { HARD_CASES, passwordFor, startSandbox, type Sandbox } from '../../core/sandbox/server.js';

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

async function cli(args: string[], stdinText = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const env = { FROM_PW: passwordFor('demo'), TO_PW: passwordFor('demo'), WRONG: 'nope' };
  const code = await runCli(args, { stdout, stderr, stdin, env, isTTY: false, waitForStop: () => new Promise(() => undefined) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('befriend copy-follows', () => {
  let source: Sandbox;
  let destination: Sandbox;
  let dir: string;
  let from: string[];
  let to: string[];
  const followed = ['dougw', 'tenten', HARD_CASES.emoji, HARD_CASES.numberLike];
  let missing: string[];

  beforeAll(async () => {
    source = await startSandbox({ directorySize: 40, rateLimit: null, graph: { idsPerPage: 3 } });
    destination = await startSandbox({ directorySize: 30, rateLimit: null });
    const users = (await (await fetch(`${source.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    missing = users.slice(-3).map((u) => u.screenName);
    from = ['--from-server', source.apiBase, '--from-username', 'demo', '--from-password-env', 'FROM_PW'];
    to = ['--to-server', destination.apiBase, '--to-username', 'demo', '--to-password-env', 'TO_PW', '--to-format', 'xml'];
    dir = await mkdtemp(join(tmpdir(), 'befriend-copy-cli-'));
  });

  beforeEach(() => {
    source.reset();
    destination.reset();
    source.seedFollows('demo', [...followed, ...missing]);
  });

  afterAll(async () => {
    await source.close();
    await destination.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('previews the counts across pages and lists the names missing on the destination, following no one', async () => {
    destination.seedFollows('demo', ['dougw']);
    const run = await cli(['copy-follows', ...from, ...to, '--preview']);
    expect(run.stderr).not.toMatch(/befriend copy-follows:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The source follows 7: 3 to follow, 1 already followed, 3 not found, 0 ambiguous; matched by screen name');
    expect(run.stdout).toContain(`Not found on the destination: ${missing.map((n) => `@${n}`).join(', ')}`);
    expect(source.requests.filter((r) => r.path === '/1/friends/ids.json')).toHaveLength(3);
    expect(destination.stats().followRequests).toEqual({});
  });

  it('follows the matched people once, exits 1 for the unmatched, and a second run sends nothing new', async () => {
    const state = join(dir, 'state');
    const run = await cli(['copy-follows', ...from, ...to, '--state', state]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4 followed, 0 already followed, 0 requested, 0 failed, 0 left, 3 not matched.');
    expect(destination.stats().followRequests).toEqual(Object.fromEntries(followed.map((n) => [n, 1])));
    const csv = await readFile(join(state, 'results.csv'), 'utf8');
    expect(csv).toContain('@dougw');
    const again = await cli(['copy-follows', ...from, ...to, '--state', state]);
    expect(again.stdout).toContain('The source follows 7: 0 to follow, 4 already followed');
    expect(Object.values(destination.stats().followRequests)).toEqual([1, 1, 1, 1]);
  });

  it('reads one side’s password from stdin', async () => {
    const stdinFrom = ['--from-server', source.apiBase, '--from-username', 'demo', '--from-password-stdin'];
    const run = await cli(['copy-follows', ...stdinFrom, ...to, '--preview'], `${passwordFor('demo')}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The source follows 7');
  });

  it('refuses secrets on the command line, a missing --state and a sign-in it cannot use, with bulk’s exit codes', async () => {
    const secret = await cli(['copy-follows', ...from, ...to, '--to-password=x', '--preview']);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain('--to-password is refused');
    for (const flag of ['--from-token', '--to-token-secret', '--from-consumer-secret']) {
      const refused = await cli(['copy-follows', ...from, ...to, flag, 'tok-123-secret', '--preview']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${flag} is refused`);
      expect(refused.stderr + refused.stdout).not.toContain('tok-123-secret');
    }
    const noState = await cli(['copy-follows', ...from, ...to]);
    expect(noState.code).toBe(2);
    expect(noState.stderr).toContain('--state <dir> is required');
    const noAuth = await cli(['copy-follows', ...from, '--to-server', destination.apiBase, '--preview']);
    expect(noAuth.code).toBe(2);
    expect(noAuth.stderr).toContain('--to-…: Sign in with --to-username');
    const wrong = await cli(['copy-follows', ...from, '--to-server', destination.apiBase, '--to-username', 'demo', '--to-password-env', 'WRONG', '--state', join(dir, 'x')]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('befriend copy-follows: the --to- account: ');
    expect(wrong.stderr).toContain('Nothing was followed.');
    expect(destination.stats().followRequests).toEqual({});
  });
});
