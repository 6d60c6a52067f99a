import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/bulk/csv.js';
import { runBulkCommand } from '../../core/cli/bulk-command.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { runBefriend, type Run } from '../cli/run-befriend.js';

const BEFRIEND = join(import.meta.dirname, '..', '..', 'core', 'cli', 'befriend.ts');

type CliRun = Run;

/** The command from source in its own process: for a restart of the server under it, and Ctrl+C. */
function spawnSource(
  args: string[],
  options: { password: string; onStdout?: (text: string, child: ChildProcess) => void } = { password: '' },
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BEFRIEND, ...args], {
      env: { ...process.env, BULK_PW: options.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command in this process, with the password in BULK_PW. */
function befriend(args: string[], options: { password: string }): Promise<CliRun> {
  return runBefriend(args, { BULK_PW: options.password });
}

async function ordinaryUsers(sandbox: Sandbox, count: number): Promise<string[]> {
  const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
  return users
    .map((u) => u.screenName)
    .filter((name) => name !== sandbox.demo.screenName && !HARD_CASE_SCREEN_NAMES.includes(name))
    .slice(0, count);
}

function apiRequests(sandbox: Sandbox): number {
  return sandbox.requests.filter((r) => r.path.startsWith('/1/')).length;
}

describe('befriend bulk, against the sandbox', () => {
  let dir: string;
  const sandboxes: Sandbox[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-bulk-cli-'));
  });
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
    const sandbox = await startSandbox(options);
    sandboxes.push(sandbox);
    return sandbox;
  }

  function bulkArgs(sandbox: { apiBase: string; demo: { username: string } }, list: string, state: string): string[] {
    return ['bulk', list, '--state', state, '--server', sandbox.apiBase, '--username', sandbox.demo.username, '--password-env', 'BULK_PW'];
  }

  it('keeps under a limit of 30 per window with no refusal, then resumes as a no-op when run again', async () => {
    // Two-second windows: even a slow machine sends 30 follows well within one, so the limit is reached.
    const sandbox = await sandboxWith({ rateLimit: { limit: 30, windowSeconds: 2 } });
    const names = await ordinaryUsers(sandbox, 75);
    const list = join(dir, 'list.txt');
    await writeFile(list, names.map((n) => `@${n}`).join('\n'));
    const state = join(dir, 'state');

    const run = await befriend(bulkArgs(sandbox, list, state), { password: sandbox.demo.password });
    expect(run.code, run.stderr).toBe(0);
    const stats = sandbox.stats();
    expect(stats.rateLimited).toBe(0);
    expect(names.map((n) => stats.followRequests[n])).toEqual(Array(75).fill(1));
    const itemLines = run.stdout.split('\n').filter((l) => l.startsWith('line '));
    expect(itemLines).toHaveLength(75);
    expect(itemLines[0]).toBe(`line 1: @${names[0]} followed`);
    expect(run.stderr).toMatch(/rate limit is used up: waiting until/);

    const results = parseCsv(await readFile(join(state, 'results.csv'), 'utf8'));
    if (!results.ok) throw new Error(results.message);
    expect(results.records.slice(1).map((r) => r.fields[4])).toEqual(Array(75).fill('done'));

    const again = await befriend(bulkArgs(sandbox, list, state), { password: sandbox.demo.password });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 new, 75 from an earlier run.*75 already done, 0 to go/s);
    expect(sandbox.stats().followRequests[names[0]!]).toBe(1);
  }, 120_000);

  it('carries on when the server restarts mid-run on the same port', async () => {
    const first = await sandboxWith({ rateLimit: null, faults: { latencyMs: 15 } });
    const port = Number(new URL(first.origin).port);
    const names = await ordinaryUsers(first, 150);
    const list = join(dir, 'list.txt');
    await writeFile(list, names.map((n) => `@${n}`).join('\n'));

    let restarting: Promise<Sandbox> | null = null;
    const run = await spawnSource(bulkArgs(first, list, join(dir, 'state')), {
      password: first.demo.password,
      onStdout: (text) => {
        if (restarting === null && text.split('\n').length > 40) {
          restarting = first
            .close()
            .then(() => new Promise((resolve) => setTimeout(resolve, 400)))
            .then(() => sandboxWith({ port, rateLimit: null, faults: { latencyMs: 15 } }));
        }
      },
    });
    expect(restarting).not.toBeNull();
    const second = await restarting!;
    expect(run.code, run.stderr).toBe(0);
    const before = first.stats().followRequests;
    const after = second.stats().followRequests;
    // Each account reached at least one of the two servers; only the requests cut off by the restart reach both.
    expect(names.filter((n) => (before[n] ?? 0) + (after[n] ?? 0) === 0)).toEqual([]);
    expect(names.filter((n) => (before[n] ?? 0) > 0 && (after[n] ?? 0) > 0).length).toBeLessThanOrEqual(2);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(Object.keys(after).length).toBeGreaterThan(20);
    expect(run.stdout).toMatch(/150 followed|1[0-9]{2} followed, [0-9]+ already followed/);
  }, 120_000);

  it('refuses an unwritable state directory before sending anything', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, '@dougw\n');
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const inTheWay = await befriend(bulkArgs(sandbox, list, join(blocker, 'state')), { password: sandbox.demo.password });
    expect(inTheWay.code).toBe(2);
    expect(inTheWay.stderr).toMatch(/Cannot create the state directory .*a file is in the way.*\nNothing was sent\./s);

    // Read-only for this process. Root may write anywhere file modes forbid, so as root use sysfs,
    // where no one may create a directory.
    const asRoot = process.getuid?.() === 0;
    const readOnly = asRoot ? `/sys/befriend-bulk-state-${process.pid}` : join(dir, 'read-only');
    if (!asRoot) {
      await mkdir(readOnly);
      await chmod(readOnly, 0o555);
    }
    const denied = await befriend(bulkArgs(sandbox, list, readOnly), { password: sandbox.demo.password });
    expect(denied.code, denied.stderr).toBe(2);
    expect(denied.stderr).toMatch(/Cannot (create|write) the state directory .*(permission denied|read-only).*\nNothing was sent\./s);
    expect(apiRequests(sandbox)).toBe(0);
  }, 120_000);

  it('reports bad lines by number, never sends them, and exits 1', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, '@dougw\nnot valid!\n@silent\nhttps://example.com/a/b\n');
    const run = await befriend(bulkArgs(sandbox, list, join(dir, 'state')), { password: sandbox.demo.password });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^line 2: "not valid!": .*\(skipped\)$/m);
    expect(run.stderr).toMatch(/^line 4: "https:\/\/example.com\/a\/b": .*\(skipped\)$/m);
    expect(Object.keys(sandbox.stats().followRequests).sort()).toEqual(['dougw', 'silent']);
    expect(run.stdout).toMatch(/2 followed, 0 already followed, 0 requested, 0 failed, 0 left, 2 bad lines/);
  }, 120_000);

  it('signs in with OAuth and asks for XML when told to', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, 'user_id,screen_name\n1401881,dougw\n,silent\n');
    const { demo } = sandbox;
    const { code, stdout } = await runBefriend(
      ['bulk', list, '--state', join(dir, 'state'), '--server', sandbox.apiBase, '--format', 'xml',
        '--consumer-key', demo.consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS'],
      { CS: demo.consumerSecret, TOKEN: demo.token, TS: demo.tokenSecret },
    );
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^line 2: 1401881 followed$/m);
    const follows = sandbox.requests.filter((r) => r.path.startsWith('/1/friendships/create'));
    expect(follows.map((r) => [r.path, r.auth])).toEqual([
      ['/1/friendships/create.xml', 'oauth'],
      ['/1/friendships/create.xml', 'oauth'],
    ]);
  }, 120_000);

  it('stops with exit 3 when the credentials are refused, and resumes once they are right', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, '@dougw\n@silent\n');
    const state = join(dir, 'state');
    const refused = await befriend(bulkArgs(sandbox, list, state), { password: 'wrong' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/sign in again/);
    expect(refused.stdout).toMatch(/0 followed, .* 2 left/);
    const resumed = await befriend(bulkArgs(sandbox, list, state), { password: sandbox.demo.password });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(sandbox.stats().followRequests).toEqual({ dougw: 1, silent: 1 });
  }, 120_000);

  it('draws a progress bar on a terminal', async () => {
    const sandbox = await sandboxWith({});
    const names = await ordinaryUsers(sandbox, 12);
    const list = join(dir, 'list.txt');
    await writeFile(list, names.map((n) => `@${n}`).join('\n'));
    let stdout = '';
    let stderr = '';
    const sink = (append: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          append(chunk.toString());
          done();
        },
      });
    const code = await runBulkCommand(bulkArgs(sandbox, list, join(dir, 'state')).slice(1), { BULK_PW: sandbox.demo.password }, {
      stdout: sink((t) => (stdout += t)),
      stderr: sink((t) => (stderr += t)),
      isTTY: true,
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('\r[########################] 12/12 · followed 12 · already 0 · requested 0 · failed 0');
    expect(stdout).not.toMatch(/^line /m);
  });

  it('stops cleanly on Ctrl+C (exit 130) and finishes when run again, following nobody twice', async () => {
    const sandbox = await sandboxWith({ rateLimit: null, faults: { latencyMs: 20 } });
    const names = await ordinaryUsers(sandbox, 100);
    const list = join(dir, 'list.txt');
    await writeFile(list, names.map((n) => `@${n}`).join('\n'));
    const state = join(dir, 'state');
    let interrupted = false;
    const first = await spawnSource(bulkArgs(sandbox, list, state), {
      password: sandbox.demo.password,
      onStdout: (text, child) => {
        if (!interrupted && text.split('\n').length > 20) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toMatch(/Stopping after the requests in flight/);
    const followedFirst = Object.keys(sandbox.stats().followRequests).length;
    expect(followedFirst).toBeLessThan(100);
    const second = await befriend(bulkArgs(sandbox, list, state), { password: sandbox.demo.password });
    expect(second.code, second.stderr).toBe(0);
    expect(names.map((n) => sandbox.stats().followRequests[n])).toEqual(Array(100).fill(1));
  }, 120_000);

  it('previews a list without following anyone or writing state', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, '@dougw\n@silent\nnot valid!\n@nobody_here_at_all\n@DOUGW\n');
    const state = join(dir, 'state');
    const before = await befriend(bulkArgs(sandbox, list, state), { password: sandbox.demo.password });
    expect(before.code).toBe(1);
    const { followRequests } = sandbox.stats();
    await writeFile(list, '@dougw\n@silent\nnot valid!\n@nobody_here_at_all\n@DOUGW\n@tenten\n');
    const preview = await befriend([...bulkArgs(sandbox, list, join(dir, 'unused')), '--preview'], { password: sandbox.demo.password });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/4 accounts to follow, 1 duplicates, 1 bad lines/);
    expect(preview.stdout).toMatch(/Looked up 4: 2 already followed \(lines 1, 2\), 0 already requested, 1 unknown or suspended \(lines 4\)/);
    expect(sandbox.stats().followRequests).toEqual(followRequests);
    await expect(readFile(join(dir, 'unused', 'queue.json'))).rejects.toThrow();
  }, 120_000);

  it('answers usage errors with exit 2 and a reason', async () => {
    const sandbox = await sandboxWith({});
    const list = join(dir, 'list.txt');
    await writeFile(list, '@dougw\n');
    const noState = await befriend(['bulk', list, '--server', sandbox.apiBase, '--username', 'demo', '--password-env', 'BULK_PW'], { password: 'x' });
    expect(noState.code).toBe(2);
    expect(noState.stderr).toMatch(/--state <dir> is required/);
    const badPace = await befriend([...bulkArgs(sandbox, list, join(dir, 's')), '--pace', 'fast'], { password: 'x' });
    expect(badPace.code).toBe(2);
    expect(badPace.stderr).toMatch(/--pace takes a rate like 30\/min/);
    const missing = await befriend(bulkArgs(sandbox, join(dir, 'nope.txt'), join(dir, 's')), { password: 'x' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.txt/);
    expect(apiRequests(sandbox)).toBe(0);
  }, 120_000);
});
