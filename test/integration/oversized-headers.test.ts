/**
 * Issue 13: a 401 whose headers pass Node's default 16 KiB limit is `unauthorized` on the command
 * line (exit 3), not a network error; where the limit still applies, such an answer is
 * bad_response. A raw TCP server of the test's own writes the answer byte for byte.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from '../../core/transport.js';

const BEFRIEND = join(import.meta.dirname, '..', '..', 'core', 'cli', 'befriend.ts');

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

/** Answers every request with a 401 carrying `headerBytes` of WWW-Authenticate. */
async function unauthorizedWithHugeHeader(headerBytes: number): Promise<string> {
  server = createServer((socket) => {
    socket.once('data', () => {
      const body = '{"errors":[{"code":32,"message":"Could not authenticate you."}]}';
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\n' +
          `WWW-Authenticate: Basic realm="${'r'.repeat(headerBytes)}"\r\n` +
          'Content-Type: application/json\r\n' +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('a 401 with headers over 16 KiB', () => {
  it('is unauthorized on the command line: exit 3, not a network error', { timeout: 60_000 }, async () => {
    const origin = await unauthorizedWithHugeHeader(40_000);
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', BEFRIEND, 'follow', '@dougw', '--server', `${origin}/1`, '--format', 'json', '--username', 'u', '--password-env', 'PW'],
        { env: { ...process.env, PW: 'x' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.stderr).toContain('HTTP 401');
    expect(run.code).toBe(3);
  });

  it('is bad_response, not network, where the default limit still holds', async () => {
    const origin = await unauthorizedWithHugeHeader(40_000);
    const exchange = await send(
      { method: 'POST', url: `${origin}/1/friendships/create.json`, accept: 'application/json', authorize: null },
      { fetch, timeoutMs: 30_000, maxBodyBytes: 1024 * 1024 },
    );
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', message: expect.stringContaining('headers too large') } });
  });
});
