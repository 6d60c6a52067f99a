import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_REDIRECTS, describeNetworkError, send, type TransportRequest } from '../../core/transport.js';
import { USER_AGENT } from '../../core/version.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface TestServer {
  origin: string;
  host: string;
  seen: Seen[];
  close(): Promise<void>;
}

const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const host = `127.0.0.1:${address.port}`;
  return {
    origin: `http://${host}`,
    host,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const options = { fetch, timeoutMs: 30_000, maxBodyBytes: 1024 * 1024 };

function request(url: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  return { method: 'POST', url, accept: 'application/json', authorize: null, ...extra };
}

/** An Authorization value that depends on the exact method and URL, as an OAuth signature does. */
const signFor = (method: string, url: string): string => `Test ${method} ${url}`;

describe('a plain exchange', () => {
  it('sends Accept, User-Agent and Authorization, and reads status, headers and body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'x-rate-limit-remaining': '7' });
      res.end('{"ok":"é"}');
    });
    const exchange = await send(request(`${server.origin}/1/friendships/create.json?screen_name=dougw`, { authorize: signFor }), options);
    expect(exchange).toMatchObject({ ok: true, status: 201, body: '{"ok":"é"}', contentType: 'application/json; charset=utf-8' });
    expect(exchange.headers?.get('x-rate-limit-remaining')).toBe('7');
    expect(server.seen).toHaveLength(1);
    const [seen] = server.seen;
    expect(seen).toMatchObject({ method: 'POST', url: '/1/friendships/create.json?screen_name=dougw' });
    expect(seen!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^Befriend\/\d+\.\d+\.\d+/);
    expect(seen!.headers.accept).toBe('application/json');
    expect(seen!.headers.authorization).toBe(`Test POST ${server.origin}/1/friendships/create.json?screen_name=dougw`);
  });

  it('sends no Authorization when there is nothing to sign with', async () => {
    const server = await serve((_req, res) => res.end('x'));
    await send(request(`${server.origin}/a`), options);
    expect(server.seen[0]!.headers).not.toHaveProperty('authorization');
  });

  it('returns non-2xx answers as answers, for the caller to classify', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('no');
    });
    expect(await send(request(`${server.origin}/a`), options)).toMatchObject({ ok: true, status: 403, body: 'no' });
  });

  it('decodes the charset the server names', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml; charset=ISO-8859-1' });
      res.end(Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]));
    });
    expect(await send(request(`${server.origin}/a`), options)).toMatchObject({ ok: true, body: '<a>é</a>' });
  });
});

describe('timeouts and cancelling', () => {
  it('a server that never answers: timeout, naming the host', async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    const exchange = await send(request(`${server.origin}/slow`), { ...options, timeoutMs: 150 });
    // Its own 150 ms, not the 30 s the other exchanges here allow, however loaded the machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(exchange).toMatchObject({ ok: false, headers: null, error: { kind: 'timeout', status: null } });
    expect(!exchange.ok && exchange.error.message).toContain(server.host);
  });

  it('a body that stalls after the headers: timeout, with the status that arrived', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit': '150' });
      res.write('{"id":');
    });
    const exchange = await send(request(`${server.origin}/stall`), { ...options, timeoutMs: 200 });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'timeout', status: 200 } });
    expect(exchange.headers?.get('x-ratelimit-limit')).toBe('150');
  });

  it("the caller's signal cancels: network, \"The request was cancelled.\"", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const exchange = await send(request(`${server.origin}/slow`), { ...options, signal: controller.signal });
    expect(exchange).toEqual({
      ok: false,
      headers: null,
      error: { kind: 'network', status: null, code: null, message: 'The request was cancelled.' },
    });
  });

  it('an already cancelled signal sends nothing', async () => {
    const server = await serve((_req, res) => res.end('x'));
    const exchange = await send(request(`${server.origin}/a`), { ...options, signal: AbortSignal.abort() });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'network', message: 'The request was cancelled.' } });
    expect(server.seen).toHaveLength(0);
  });

  it('one timeout covers the whole exchange: every hop of a redirect chain carries the same signal', async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const redirecting = (async (url: string, init: RequestInit) => {
      signals.push(init.signal);
      if (url.endsWith('/final')) return new Response('done');
      return new Response(null, { status: 302, headers: { location: url.endsWith('/a') ? '/b' : '/final' } });
    }) as unknown as typeof fetch;
    const exchange = await send(request('https://social.example/a'), { ...options, fetch: redirecting, signal: new AbortController().signal });
    expect(exchange).toMatchObject({ ok: true, body: 'done' });
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
  });

  it('one caller cancelling leaves the requests of others alone', async () => {
    let answerAll!: () => void;
    const held = new Promise<void>((resolve) => (answerAll = resolve));
    const server = await serve((_req, res) => void held.then(() => res.end('late')));
    const controller = new AbortController();
    const cancelled = send(request(`${server.origin}/a`), { ...options, signal: controller.signal });
    const kept = send(request(`${server.origin}/b`), { ...options, signal: new AbortController().signal });
    const plain = send(request(`${server.origin}/c`), options);
    controller.abort();
    answerAll();
    expect(await cancelled).toMatchObject({ ok: false, error: { kind: 'network', message: 'The request was cancelled.' } });
    expect(await kept).toMatchObject({ ok: true, body: 'late' });
    expect(await plain).toMatchObject({ ok: true, body: 'late' });
  });

  it('the timeout still applies when the caller passes a signal of its own', async () => {
    const server = await serve(() => undefined);
    const exchange = await send(request(`${server.origin}/slow`), {
      ...options,
      timeoutMs: 100,
      signal: new AbortController().signal,
    });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });
});

describe('the body cap', () => {
  const cap = 64 * 1024;

  it('refuses a declared Content-Length over the cap', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(cap + 1) });
      res.end('x'.repeat(cap + 1));
    });
    const exchange = await send(request(`${server.origin}/big`), { ...options, maxBodyBytes: cap });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 200 } });
    expect(!exchange.ok && exchange.error.message).toMatch(/too large/);
  });

  it('counts an undeclared (chunked, endless) body and cancels the stream', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'y'.repeat(16 * 1024);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => {
        clearInterval(timer);
        closed();
      });
    });
    const exchange = await send(request(`${server.origin}/endless`), { ...options, maxBodyBytes: cap });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 200 } });
    expect(!exchange.ok && exchange.error.message).toContain('too large (over 65536 bytes)');
    await serverSawClose;
  });

  it('counts a body sent without Content-Length or chunking (read until close)', async () => {
    const server = await serve((req) => {
      req.socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${'z'.repeat(cap * 2)}`);
    });
    const exchange = await send(request(`${server.origin}/unframed`), { ...options, maxBodyBytes: cap });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 200 } });
  });

  it('accepts a body of exactly the cap', async () => {
    const server = await serve((_req, res) => res.end('w'.repeat(cap)));
    const exchange = await send(request(`${server.origin}/exact`), { ...options, maxBodyBytes: cap });
    expect(exchange.ok && exchange.body.length).toBe(cap);
  });
});

describe('network failures', () => {
  it('a refused port: network, naming host and port', async () => {
    const server = await serve(() => undefined);
    await server.close();
    const exchange = await send(request(`${server.origin}/a`), options);
    expect(exchange).toMatchObject({ ok: false, headers: null, error: { kind: 'network', status: null } });
    expect(!exchange.ok && exchange.error.message).toBe(`${server.host} refused the connection.`);
  });

  it('a connection reset before any answer: network', async () => {
    const server = await serve((req) => req.socket.destroy());
    const exchange = await send(request(`${server.origin}/a`), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'network', status: null } });
    expect(!exchange.ok && exchange.error.message).toContain(server.host);
  });

  it('a connection cut in the middle of the body: network, with the status that arrived', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":', () => req.socket.destroy());
    });
    const exchange = await send(request(`${server.origin}/cut`), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'network', status: 200 } });
  });

  it('an unknown host: network, naming the host', async () => {
    const exchange = await send(request('http://befriend-test.invalid/1/x.json'), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(!exchange.ok && exchange.error.message).toContain('befriend-test.invalid');
  });

  it('describes errors from Node and from Electron by their code', () => {
    const node = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
    expect(describeNetworkError(node, 'a.example').message).toContain('Could not find the server a.example');
    const tls = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }) });
    expect(describeNetworkError(tls, 'a.example').message).toContain('TLS');
    const electron = new Error('net::ERR_CONNECTION_REFUSED');
    expect(describeNetworkError(electron, 'a.example').message).toBe('a.example refused the connection.');
    expect(describeNetworkError(new Error('boom'), 'a.example')).toMatchObject({ kind: 'network' });
  });

  it('never throws, even when fetch itself throws synchronously', async () => {
    const throwing = (() => {
      throw new Error('broken fetch');
    }) as unknown as typeof fetch;
    const exchange = await send(request('http://127.0.0.1:9/a'), { ...options, fetch: throwing });
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});

describe('redirects, followed by hand', () => {
  it('to another origin: bad_response naming where, and nothing sent there (issue 13)', async () => {
    const other = await serve((_req, res) => res.end('{"from":"other"}'));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/landing?x=1` });
      res.end();
    });
    const signed: string[] = [];
    const exchange = await send(
      request(`${server.origin}/start`, { authorize: (m, u) => (signed.push(u), signFor(m, u)) }),
      options,
    );
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 302, message: expect.stringContaining(`to another server, ${other.origin}`) } });
    expect(other.seen).toHaveLength(0);
    expect(signed).toEqual([`${server.origin}/start`]);
  });

  it('from https to plain http: bad_response saying so (issue 13)', async () => {
    const downgrading = (async () =>
      new Response(null, { status: 301, headers: { location: 'http://social.example/friendships/create.json' } })) as unknown as typeof fetch;
    const exchange = await send(request('https://social.example/friendships/create.json'), { ...options, fetch: downgrading });
    expect(exchange).toMatchObject({
      ok: false,
      error: { kind: 'bad_response', message: expect.stringContaining('from https to plain http, http://social.example') },
    });
  });

  it('to the same origin: re-signed for the new URL, method kept (307)', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(307, { location: '/final?screen_name=dougw' });
        res.end();
        return;
      }
      const expected = `Test POST ${server.origin}/final?screen_name=dougw`;
      res.writeHead(req.headers.authorization === expected ? 200 : 401);
      res.end(req.method);
    });
    const exchange = await send(request(`${server.origin}/start`, { authorize: signFor }), options);
    expect(exchange).toMatchObject({ ok: true, status: 200, body: 'POST' });
    expect(server.seen.map((s) => s.method)).toEqual(['POST', 'POST']);
  });

  it.each([301, 302, 308])('%i keeps the method', async (status) => {
    const server = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(status, { location: '/final' });
        res.end();
      } else res.end(req.method);
    });
    expect(await send(request(`${server.origin}/start`), options)).toMatchObject({ ok: true, body: 'POST' });
  });

  it('303 turns into a GET, signed as a GET', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(303, { location: '/final' });
        res.end();
      } else res.end(req.method);
    });
    const exchange = await send(request(`${server.origin}/start`, { authorize: signFor }), options);
    expect(exchange).toMatchObject({ ok: true, body: 'GET' });
    expect(server.seen[1]!.headers.authorization).toBe(`Test GET ${server.origin}/final`);
  });

  it('a foreign origin that would redirect back is never reached', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: `${other.origin}/bounce` });
        res.end();
      } else res.end(req.headers.authorization ?? 'none');
    });
    const other = await serve((_req, res) => {
      res.writeHead(302, { location: `${server.origin}/friendships/create.json?screen_name=evil` });
      res.end();
    });
    const exchange = await send(request(`${server.origin}/start`, { authorize: signFor }), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response' } });
    expect([server.seen.length, other.seen.length]).toEqual([1, 0]);
  });

  it(`a loop: bad_response after ${MAX_REDIRECTS} redirects`, async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: '/again' });
      res.end();
    });
    const exchange = await send(request(`${server.origin}/again`), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 302 } });
    expect(!exchange.ok && exchange.error.message).toContain('redirected more than 5 times');
    expect(server.seen).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a redirect to something that is not http(s): bad_response', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    });
    const exchange = await send(request(`${server.origin}/a`), options);
    expect(exchange).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 302 } });
  });

  it("a fetch that cannot show redirects (Electron's net.fetch, a browser's opaque redirect): bad_response, nothing followed", async () => {
    const electronLike = (async () => {
      throw new Error('Redirect was cancelled');
    }) as unknown as typeof fetch;
    const rejected = await send(request('https://social.example/api/x.json'), { ...options, fetch: electronLike });
    expect(rejected).toMatchObject({ ok: false, error: { kind: 'bad_response', status: null } });
    expect(!rejected.ok && rejected.error.message).toContain('social.example redirected');

    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response;
    const browserLike = (async () => opaque) as unknown as typeof fetch;
    const hidden = await send(request('https://social.example/api/x.json'), { ...options, fetch: browserLike });
    expect(hidden).toMatchObject({ ok: false, error: { kind: 'bad_response', status: null } });
  });

  it('a 3xx without Location is an answer like any other', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    expect(await send(request(`${server.origin}/a`), options)).toMatchObject({ ok: true, status: 304 });
  });
});
