/**
 * Issue 13, item 1: a far-future rate-limit reset is waited in steps a timer can hold, stops the
 * run beyond --max-wait (exit 5) or, on the desktop, beyond a day, and an absurd reset is unknown.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleepInSteps } from '../../core/bulk/clock.js';
import { runBulkCommand } from '../../core/cli/bulk-command.js';
import { readRateLimit } from '../../core/rate-limit.js';
import { MAX_TIMEOUT_MS } from '../../core/transport.js';
import { startHostileServer, userJson, type HostileServer } from './fixtures/hostile-server.js';

const DAY_MS = 24 * 60 * 60_000;

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('a wait longer than a timer can hold', () => {
  it('is waited in steps of at most 2^31-1 ms, adding up to the whole wait', async () => {
    let now = 0;
    const steps: number[] = [];
    const timer = async (ms: number): Promise<void> => {
      steps.push(ms);
      now += ms;
    };
    await sleepInSteps(26 * DAY_MS, new AbortController().signal, timer, () => now);
    expect(steps.every((ms) => ms > 0 && ms <= MAX_TIMEOUT_MS)).toBe(true);
    expect(steps.length).toBe(2);
    expect(now).toBe(26 * DAY_MS);
  });

  it('stops stepping once aborted', async () => {
    const abort = new AbortController();
    const steps: number[] = [];
    await sleepInSteps(
      100 * DAY_MS,
      abort.signal,
      async (ms) => {
        steps.push(ms);
        abort.abort();
      },
      () => 0,
    );
    expect(steps).toEqual([MAX_TIMEOUT_MS]);
  });
});

describe('absurd reset values', () => {
  it('are unknown: negative, not a number, beyond a Date, milliseconds sent as seconds', () => {
    for (const reset of ['-5', 'NaN', '1e20', '100000000000000000000', 'soon', '1764740000000', '253402300800']) {
      expect(readRateLimit(new Headers({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset }))?.resetAt, reset).toBeNull();
    }
    expect(readRateLimit(new Headers({ 'x-rate-limit-reset': '4102444800' }))?.resetAt).toBe('2100-01-01T00:00:00.000Z');
  });
});

describe('befriend bulk against a server that asks for a far-future wait', () => {
  let dir: string;
  let server: HostileServer | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-waits-'));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await rm(dir, { recursive: true, force: true });
  });

  async function bulk(extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const list = join(dir, 'list.txt');
    await writeFile(list, '@alice\n@bob\n@carol\n');
    const stdout = collector();
    const stderr = collector();
    const args = [list, '--state', join(dir, 'state'), '--server', server!.apiBase, '--format', 'json', '--username', 'demo'];
    const code = await runBulkCommand([...args, '--password-env', 'PW', ...extra], { PW: 'secret' }, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      isTTY: false,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('a 200 with nothing remaining until 2100 stops with exit 5 and the server\'s date, after one follow', async () => {
    server = await startHostileServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '4102444800' });
      response.end(userJson(request.url ?? ''));
    });
    const run = await bulk(['--max-wait', '60']);
    expect(run.code).toBe(5);
    expect(run.stdout + run.stderr).toContain('the server says to wait until 2100-01-01T00:00:00.000Z');
    expect(run.stderr).not.toContain('TimeoutOverflowWarning');
    expect(server.requests.length).toBe(1);
  });

  it('a 429 with a reset 26 days out stops with exit 5 and sends nothing more', async () => {
    const reset = Math.floor((Date.now() + 26 * DAY_MS) / 1000);
    server = await startHostileServer((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
      response.end('{"errors":[{"code":88,"message":"Rate limit exceeded"}]}');
    });
    const run = await bulk(['--max-wait', '60']);
    expect(run.code).toBe(5);
    expect(run.stdout + run.stderr).toContain(`the server says to wait until ${new Date(reset * 1000).toISOString()}`);
    expect(server.requests.length).toBe(1);
  });

  it('a reset in milliseconds (year 57,000 read as seconds) is unknown: the run goes on to the end', async () => {
    server = await startHostileServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1764740000000' });
      response.end(userJson(request.url ?? ''));
    });
    const run = await bulk(['--max-wait', '60', '--pace', '6000/min']);
    expect([run.code, server.requests.length]).toEqual([0, 3]);
  });
});
