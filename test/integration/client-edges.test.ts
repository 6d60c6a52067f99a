/**
 * What the sandbox does not do — no users/search, redirects, odd token answers — against small
 * local servers. OAuth signatures are checked with the sandbox's own verifier, which was written
 * apart from the client's signer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { createClient } from '../../core/client.js';
import { verifyOAuth } from '../../core/sandbox/authenticate.js';
import { NonceStore } from '../../core/sandbox/credentials.js';
import { parseFormPairs } from '../../core/sandbox/percent.js';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, seen };
}

const CONSUMER = { key: 'ck', secret: 'consumer secret' };
const TOKEN = { token: 'tk', tokenSecret: 'token&secret' };

function oauthAccount(apiBase: string, extra: Partial<Account> = {}): Account {
  return {
    profile: 'custom',
    apiBase,
    format: 'json',
    credentials: { mode: 'oauth', consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, ...TOKEN },
    ...extra,
  };
}

const nonces = new NonceStore(300_000);

/** Checks a request's OAuth header as a server would, with the secrets above. */
function signatureValid(req: IncomingMessage, tokenSecret: string | null = TOKEN.tokenSecret): boolean {
  const raw = req.url ?? '/';
  const mark = raw.indexOf('?');
  const checked = verifyOAuth(
    {
      method: req.method ?? 'GET',
      host: req.headers.host ?? '',
      path: mark === -1 ? raw : raw.slice(0, mark),
      query: parseFormPairs(mark === -1 ? '' : raw.slice(mark + 1)) ?? [],
      form: [],
      authorization: req.headers.authorization,
    },
    {
      consumerSecret: (key) => (key === CONSUMER.key ? CONSUMER.secret : undefined),
      tokenSecret: tokenSecret === null ? null : (token) => (token === TOKEN.token ? tokenSecret : undefined),
      nonces,
      nowMs: Date.now(),
      timestampWindowSeconds: 300,
    },
  );
  return checked.ok;
}

const USER_JSON = JSON.stringify({ id: 1401881, id_str: '1401881', screen_name: 'dougw', name: 'Doug Williams' });

describe('users/search missing on the server', () => {
  it('a 404 from users/search falls back to users/show of the query', async () => {
    const server = await serve((req, res) => {
      if (req.url?.startsWith('/api/users/search.json')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"Unknown API method."}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' });
      res.end(USER_JSON);
    });
    const result = await createClient().search(oauthAccount(`${server.origin}/api`), 'dougw');
    expect(result).toMatchObject({ ok: true, rateLimit: { limit: 60, remaining: 59 } });
    expect(result.ok && result.users.map((u) => u.screenName)).toEqual(['dougw']);
    expect(server.seen.map((s) => s.url)).toEqual(['/api/users/search.json?q=dougw&count=20', '/api/users/show.json?screen_name=dougw']);
  });

  it('GNU social\'s "No such user" (500) on the fallback is an empty list, other failures are not', async () => {
    let status = 500;
    const server = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 500 ? '{"error":"No such user found."}' : '{"error":"Could not authenticate you."}');
    });
    const gnu = oauthAccount(`${server.origin}/api`, { profile: 'gnusocial' });
    expect(await createClient().search(gnu, 'nobody')).toMatchObject({ ok: true, users: [] });
    expect(server.seen.map((s) => s.url)).toEqual(['/api/users/show.json?screen_name=nobody']);
    status = 401;
    expect(await createClient().search(gnu, 'nobody')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('a query that cannot be a screen name or id finds no one without asking', async () => {
    const server = await serve((_req, res) => res.end(USER_JSON));
    const gnu = oauthAccount(`${server.origin}/api`, { hasUserSearch: false });
    expect(await createClient().search(gnu, 'two words')).toEqual({ ok: true, users: [], rateLimit: null });
    expect(await createClient().search(gnu, '   ')).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(server.seen).toHaveLength(0);
  });
});

describe('signing', () => {
  it('pins timestamp and nonce from the client options, and the signature verifies', async () => {
    let valid = false;
    const server = await serve((req, res) => {
      valid = signatureValid(req);
      res.end(USER_JSON);
    });
    const now = Math.floor(Date.now() / 1000);
    const client = createClient({ now: () => now, nonce: () => 'pinned-nonce' });
    const result = await client.follow(oauthAccount(`${server.origin}/1`), { form: 'screen_name', value: 'a b+c/é' }, { notify: true });
    expect(result.ok).toBe(true);
    expect(valid).toBe(true);
    const header = server.seen[0]!.authorization!;
    expect(header).toContain('oauth_nonce="pinned-nonce"');
    expect(header).toContain(`oauth_timestamp="${now}"`);
    expect(server.seen[0]!.url).toBe('/1/friendships/create.json?screen_name=a%20b%2Bc%2F%C3%A9&follow=true');
  });

  it('a same-origin redirect is re-signed for the new URL and verifies there', async () => {
    const verdicts: boolean[] = [];
    const server = await serve((req, res) => {
      verdicts.push(signatureValid(req));
      if (req.url?.startsWith('/old/')) {
        res.writeHead(301, { location: req.url.replace('/old/', '/new/') + '&moved=yes' });
        res.end();
        return;
      }
      res.end(USER_JSON);
    });
    const result = await createClient().follow(oauthAccount(`${server.origin}/old`), { form: 'user_id', value: '1401881' });
    expect(result.ok).toBe(true);
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /old/friendships/create.json?user_id=1401881',
      'POST /new/friendships/create.json?user_id=1401881&moved=yes',
    ]);
    expect(verdicts).toEqual([true, true]);
  });

  it('a follow redirected to another origin is bad_response naming it, and nothing reaches it (issue 13)', async () => {
    const other = await serve((_req, res) => res.end(USER_JSON));
    const server = await serve((req, res) => {
      res.writeHead(307, { location: `${other.origin}${req.url}` });
      res.end();
    });
    const basic: Account = {
      profile: 'custom',
      apiBase: `${server.origin}/1`,
      format: 'json',
      credentials: { mode: 'basic', username: 'alice', password: 'secret' },
    };
    for (const account of [basic, oauthAccount(`${server.origin}/1`)]) {
      const result = await createClient().follow(account, { form: 'screen_name', value: 'dougw' });
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad_response', message: expect.stringContaining(other.origin) } });
    }
    expect(server.seen.map((s) => s.authorization?.split(' ')[0])).toEqual(['Basic', 'OAuth']);
    expect(other.seen).toEqual([]);
  });
});

describe('the PIN flow against odd servers', () => {
  it('request_token: signed with the consumer only, oauth_callback=oob in the header', async () => {
    let valid = false;
    const server = await serve((req, res) => {
      valid = signatureValid(req, null);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('oauth_token=req%20tok&oauth_token_secret=s3&oauth_callback_confirmed=true\n');
    });
    const result = await createClient().requestToken(`${server.origin}/oauth/`, CONSUMER);
    expect(valid).toBe(true);
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/oauth/request_token' });
    expect(server.seen[0]!.authorization).toContain('oauth_callback="oob"');
    expect(result).toEqual({
      ok: true,
      token: 'req tok',
      tokenSecret: 's3',
      authorizeUrl: `${server.origin}/oauth/authorize?oauth_token=req%20tok`,
    });
  });

  it('a 2xx that is not a token answer is bad_response with its status', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Please log in</body></html>');
    });
    const result = await createClient().requestToken(`${server.origin}/oauth`, CONSUMER);
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 200 } });
    expect(Object.keys(result)).toEqual(['ok', 'error']);
  });

  it('access_token: verifier signed in the header; user_id and screen_name optional', async () => {
    let valid = false;
    const server = await serve((req, res) => {
      valid = signatureValid(req);
      res.end('oauth_token=at&oauth_token_secret=as');
    });
    const result = await createClient().accessToken(`${server.origin}/oauth`, CONSUMER, TOKEN, '0042');
    expect(valid).toBe(true);
    expect(server.seen[0]!.authorization).toContain('oauth_verifier="0042"');
    expect(server.seen[0]!.authorization).toContain('oauth_token="tk"');
    expect(result).toEqual({ ok: true, token: 'at', tokenSecret: 'as', userId: null, screenName: null });
  });

  it('a network failure is typed, not thrown', async () => {
    const server = await serve(() => undefined);
    const [listening] = servers.splice(0);
    await new Promise<void>((resolve) => listening!.close(() => resolve()));
    const result = await createClient().accessToken(`${server.origin}/oauth`, CONSUMER, TOKEN, '1');
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', status: null } });
  });
});

describe('client options and refusals', () => {
  it('sends through the injected fetch', async () => {
    const server = await serve((_req, res) => res.end(USER_JSON));
    const urls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const result = await createClient({ fetch: counting }).show(oauthAccount(`${server.origin}/1`), { form: 'id', value: 'dougw' });
    expect(result.ok).toBe(true);
    expect(urls).toEqual([`${server.origin}/1/users/show/dougw.json`]);
  });

  it('signs Basic with the credentials as they are now, even when changed in place', async () => {
    const server = await serve((_req, res) => res.end(USER_JSON));
    const credentials = { mode: 'basic' as const, username: 'demo', password: 'first' };
    const account: Account = { profile: 'custom', apiBase: `${server.origin}/1`, format: 'json', credentials };
    const client = createClient();
    await client.show(account, { form: 'id', value: 'dougw' });
    await client.show(account, { form: 'id', value: 'dougw' });
    credentials.password = 'second';
    await client.show(account, { form: 'id', value: 'dougw' });
    await client.show({ ...account, credentials: { ...credentials, username: 'other' } }, { form: 'id', value: 'dougw' });
    const sent = server.seen.map((s) => Buffer.from(s.authorization!.replace(/^Basic /, ''), 'base64').toString());
    expect(sent).toEqual(['demo:first', 'demo:first', 'demo:second', 'other:second']);
  });

  it('caps the body at maxBodyBytes', async () => {
    const server = await serve((_req, res) => res.end(USER_JSON));
    const result = await createClient({ maxBodyBytes: 16 }).show(oauthAccount(`${server.origin}/1`), { form: 'id', value: 'dougw' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_response', status: 200 } });
  });

  it('resolves with invalid_request, never rejects, on malformed input from outside', async () => {
    const client = createClient();
    const broken = [
      client.follow(undefined as unknown as Account, { form: 'screen_name', value: 'dougw' }),
      client.follow(oauthAccount('https://x.example/1'), undefined as unknown as { form: 'id'; value: string }),
      client.search(oauthAccount('https://x.example/1'), undefined as unknown as string),
      client.requestToken('https://x.example/oauth', undefined as unknown as { key: string; secret: string }),
      client.accessToken('https://x.example/oauth', CONSUMER, undefined as unknown as typeof TOKEN, '1234'),
      client.accessToken('https://x.example/oauth', CONSUMER, TOKEN, undefined as unknown as string),
    ];
    for (const result of await Promise.all(broken)) {
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request', status: null } });
    }
  });

  it('refuses Basic over http to another host and a bad timeout, sending nothing', async () => {
    const urls: string[] = [];
    const recording: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(USER_JSON);
    };
    const client = createClient({ fetch: recording });
    const insecure: Account = {
      profile: 'gnusocial',
      apiBase: 'http://social.example/api',
      format: 'json',
      credentials: { mode: 'basic', username: 'alice', password: 'secret' },
    };
    expect(await client.follow(insecure, { form: 'screen_name', value: 'dougw' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request', status: null },
      rateLimit: null,
    });
    expect((await client.follow({ ...insecure, allowInsecureBasic: true }, { form: 'screen_name', value: 'dougw' })).ok).toBe(true);
    expect(
      await client.follow({ ...insecure, apiBase: 'https://social.example/api' }, { form: 'screen_name', value: 'x' }, { timeoutMs: 0 }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    // Longer than a Node timer can wait: it would fire at once, not never.
    const secure: Account = { ...insecure, apiBase: 'https://social.example/api' };
    for (const timeoutMs of [2 ** 31, 1.5, Number.NaN]) {
      const refused = await client.follow(secure, { form: 'screen_name', value: 'x' }, { timeoutMs });
      expect(refused, String(timeoutMs)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
      expect(!refused.ok && refused.error.message).toContain('whole number of milliseconds from 1 to 2147483647');
    }
    expect((await client.follow(secure, { form: 'screen_name', value: 'longest' }, { timeoutMs: 2 ** 31 - 1 })).ok).toBe(true);
    expect(urls).toEqual([
      'http://social.example/api/friendships/create.json?screen_name=dougw',
      'https://social.example/api/friendships/create.json?screen_name=longest',
    ]);
  });
});
