import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { BIN, runBefriend, spawnBefriend, type Run } from './run-befriend.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let sandbox: Sandbox;
let basic: string[];
const env = { BEFRIEND_PASSWORD: 'sandbox-demo' };

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('dist/cli/befriend.js is missing: run `npm run build` (npm test does).');
  sandbox = await startSandbox();
  basic = ['--server', sandbox.apiBase, '--username', sandbox.demo.username, '--password-env', 'BEFRIEND_PASSWORD'];
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('befriend follow', () => {
  it("shows Doug's profile card and latest status, and exits 0 (a real process)", async () => {
    const run = await spawnBefriend(['follow', '@dougw', ...basic], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Doug Williams  @dougw');
    expect(run.stdout).toContain('1,036 followers');
    expect(run.stdout).toContain('At least I can get your humor through tweets.');
    expect(run.stdout).toContain('via TweetDeck');
    expect(run.stdout).toContain('Now following @dougw.');
    expect(sandbox.isFollowing('demo', 'dougw')).toMatchObject({ following: true, notifications: false });
    const create = sandbox.requests.find((r) => r.path.includes('friendships/create'));
    expect(create?.query).not.toHaveProperty('follow');
    expect(create?.userAgent).toMatch(/^Befriend\/\d+\.\d+\.\d+$/);
  });

  it('sends follow=true only with --notify', async () => {
    const run = await runBefriend(['follow', '@dougw', '--notify', ...basic], env);
    expect(run.code).toBe(0);
    expect(sandbox.requests.find((r) => r.path.includes('friendships/create'))?.query).toMatchObject({ follow: 'true' });
    expect(sandbox.isFollowing('demo', 'dougw')).toMatchObject({ following: true, notifications: true });
  });

  it('prints exactly the normalized result with --json, for success and failure', async () => {
    const first = await runBefriend(['follow', 'dougw', '--json', '--format', 'xml', ...basic], env);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(Object.keys(result).sort()).toEqual(['ok', 'rateLimit', 'user']);
    expect(result.user).toMatchObject({ id: '1401881', screenName: 'dougw', followersCount: 1036 });
    expect(result.user.latestStatus.source).toEqual({ name: 'TweetDeck', url: 'http://www.tweetdeck.com/' });
    expect(result.rateLimit.limit).toBeGreaterThan(0);

    const again = await runBefriend(['follow', 'dougw', '--json', ...basic], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'already_following', status: 403, code: null },
    });
  });

  it('takes bare digits as a user id, and --screen-name as a screen name', async () => {
    const byId = JSON.parse((await runBefriend(['show', '101010', '--json', ...basic], env)).stdout);
    const byName = JSON.parse((await runBefriend(['show', '101010', '--screen-name', '--json', ...basic], env)).stdout);
    expect(byId.user.id).toBe('101010');
    expect(byName.user.screenName).toBe('101010');
    expect(byName.user.id).not.toBe('101010');
  });

  it('keeps an id above 2^53 exact', async () => {
    const run = await runBefriend(['show', '9007199254740993', '--json', ...basic], env);
    expect(JSON.parse(run.stdout).user.id).toBe('9007199254740993');
  });

  it('reads the password from stdin with --password-stdin (a real process)', async () => {
    const run = await spawnBefriend(
      ['follow', '@dougw', '--server', sandbox.apiBase, '--username', 'demo', '--password-stdin'],
      {},
      'sandbox-demo\n',
    );
    expect(run.code).toBe(0);
  });

  it('follows with OAuth 1.0a', async () => {
    const { demo } = sandbox;
    const run = await runBefriend(
      ['follow', '@dougw', '--server', sandbox.apiBase, '--consumer-key', demo.consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS'],
      { CS: demo.consumerSecret, TOKEN: demo.token, TS: demo.tokenSecret },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sandbox.requests.find((r) => r.path.includes('friendships/create'))?.auth).toBe('oauth');
  });

  it.each([
    [['follow', '@nobody_here_at_all', '--json'], 4, 'not_found'],
    [['follow', '@dougw', '--json', '--timeout', '5000'], 0, null],
  ])('exits with the documented code for %j', async (args, code, kind) => {
    const run = await runBefriend([...args, ...basic], env);
    expect(run.code).toBe(code);
    if (kind !== null) expect(JSON.parse(run.stdout).error.kind).toBe(kind);
  });

  it('exits 3 for a wrong password, with advice on stderr (a real process)', async () => {
    const run = await spawnBefriend(['follow', '@dougw', ...basic], { BEFRIEND_PASSWORD: 'wrong' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/HTTP 401/);
    expect(run.stderr).toMatch(/sign in again/);
  });

  it('exits 5 when rate limited and names the reset time', async () => {
    sandbox.setRateLimit({ limit: 1, windowSeconds: 3600 });
    try {
      expect((await runBefriend(['show', '@dougw', ...basic], env)).code).toBe(0);
      const run = await runBefriend(['follow', '@dougw', ...basic], env);
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/try again after \d{4}-\d\d-\d\dT/);
    } finally {
      sandbox.setRateLimit({ limit: 150, windowSeconds: 3600 });
    }
  });

  it('exits 6 when nothing listens at the server address', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const run = await runBefriend(
      ['follow', '@dougw', '--server', `http://127.0.0.1:${port}/1`, '--username', 'demo', '--password-env', 'BEFRIEND_PASSWORD', '--json'],
      env,
    );
    expect(run.code).toBe(6);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { kind: 'network', status: null }, rateLimit: null });
  });

  it('refuses to follow the signed-in account before sending anything', async () => {
    const run = await runBefriend(['follow', '@Demo', ...basic], env);
    expect(run.code).toBe(2);
    expect(sandbox.requests).toHaveLength(0);
  });

  it('refuses Basic over plain http to a non-loopback host unless allowed', async () => {
    const args = ['follow', '@dougw', '--server', 'http://192.0.2.1/1', '--username', 'demo', '--password-env', 'BEFRIEND_PASSWORD', '--json', '--timeout', '300'];
    const refused = await runBefriend(args, env);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.kind).toBe('invalid_request');
    const allowed = await runBefriend([...args, '--allow-insecure-basic'], env);
    expect(JSON.parse(allowed.stdout).error.kind).toMatch(/^(timeout|network)$/);
  });
});

describe('befriend usage errors', () => {
  it.each([
    [['follow', '@dougw', '--password', 'hunter2'], /never taken from the command line/],
    [['follow', '@dougw', '--password=hunter2'], /never taken from the command line/],
    [['follow'], /exactly one target/],
    [['follow', 'a/b', '--server', 'http://127.0.0.1:1/1', '--username', 'u', '--password-env', 'P'], /screen name has only/],
    [['follow', '@x', '--server', 'http://127.0.0.1:1/1', '--username', 'u', '--password-env', 'UNSET_VAR'], /named by --password-env is not set/],
    [['follow', '@x', '--server', 'http://127.0.0.1:1/1'], /Sign in with/],
    [['follow', '@x', '--frobnicate'], /Unknown option/],
    [['follow', '@x', '--timeout', 'soon'], /--timeout takes a whole number/],
    [['follow', '@x', '--server', 'http://127.0.0.1:1/1', '--format', 'yaml', '--username', 'u', '--password-env', 'P'], /--format must be xml or json/],
    [['follow', '@x', '--profile', 'twitter-v1.1', '--format', 'xml', '--username', 'u', '--password-env', 'P'], /xml|format/i],
    [['follow', '@x', '--profile', 'mastodon'], /Unknown --profile/],
    [['follow', '@x', '--screen-name', '--user-id'], /Choose one of/],
    [['frobnicate'], /Unknown command/],
    [[], /Usage:/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const run = await runBefriend(args, { P: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers a usage error with a typed invalid_request when --json is given', async () => {
    const run = await runBefriend(['follow', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { kind: 'invalid_request' }, rateLimit: null });
  });

  it('exits 2 for a usage error, with no stack (a real process)', async () => {
    const run = await spawnBefriend(['follow', '@x', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help and version', async () => {
    expect((await runBefriend(['--help'])).stdout).toContain('befriend follow <target>');
    expect((await runBefriend(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('befriend sandbox', () => {
  it('prints one JSON line with the API base and demo credentials, serves it, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`sandbox exited early (${code})`)));
    });
    const printed = JSON.parse(line);
    expect(Object.keys(printed).sort()).toEqual(['apiBase', 'password', 'username']);
    expect(printed.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/1$/);
    const run = await runBefriend(
      ['follow', '@dougw', '--server', printed.apiBase, '--username', printed.username, '--password-env', 'PW'],
      { PW: printed.password },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Doug Williams');
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('works through npx --no-install from the checkout', async () => {
    const run = await new Promise<Run>((resolve) => {
      const child = spawn('npx', ['--no-install', 'befriend', '--version'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
