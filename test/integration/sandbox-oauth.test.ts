import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  baseStringUri,
  hmacSha1Signature,
  parseOAuthHeader,
  signatureBaseString,
} from '../../core/sandbox/oauth-signature.js';
import { parseFormPairs } from '../../core/sandbox/percent.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';

function client(consumer: { key: string; secret: string }): OAuth {
  return new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
}

interface SignOptions {
  method: string;
  url: string;
  form?: Record<string, string>;
  token?: { key: string; secret: string };
  consumer?: { key: string; secret: string };
  /** Extra oauth_* parameters carried (and signed) in the header. */
  extra?: Record<string, string>;
  timestamp?: number;
}

/** Signs with oauth-1.0a (an implementation independent of the server's) and returns the header. */
function sign(sandbox: Sandbox, options: SignOptions): string {
  const oauth = client(options.consumer ?? { key: sandbox.demo.consumerKey, secret: sandbox.demo.consumerSecret });
  const data: OAuth.Data = {
    oauth_consumer_key: oauth.consumer.key,
    oauth_nonce: oauth.getNonce(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: options.timestamp ?? oauth.getTimeStamp(),
    oauth_version: '1.0',
    ...options.extra,
  };
  if (options.token) data.oauth_token = options.token.key;
  // oauth-1.0a merges into the objects it is given: hand it copies.
  const request = { url: options.url, method: options.method, data: { ...options.form } };
  const signature = oauth.getSignature(request, options.token?.secret, { ...data });
  return oauth.toHeader({ ...data, oauth_signature: signature }).Authorization;
}

const demoToken = (sandbox: Sandbox) => ({ key: sandbox.demo.token, secret: sandbox.demo.tokenSecret });

async function send(url: string, method: string, authorization: string, form?: Record<string, string>) {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: authorization,
      ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('signature base string (RFC 5849 §3.4.1)', () => {
  it('reproduces the RFC example', () => {
    const query = parseFormPairs('b5=%3D%253D&a3=a&c%40=&a2=r%20b')!;
    const form = parseFormPairs('c2&a3=2+q')!;
    const oauth: [string, string][] = [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ];
    const base = signatureBaseString('post', baseStringUri('HTTP', 'Example.com:80', '/request'), [...query, ...form, ...oauth]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs with HMAC-SHA1 over the encoded secrets', () => {
    const expected = createHmac('sha1', 'c%26s&t%2Bs').update('BASE').digest('base64');
    expect(hmacSha1Signature('BASE', 'c&s', 't+s')).toBe(expected);
  });

  it('parses the Authorization header, dropping realm and refusing repeats', () => {
    expect(parseOAuthHeader('OAuth realm="x", oauth_nonce="a%20b", oauth_signature="c%3D"')).toEqual({
      params: { oauth_nonce: 'a b' },
      signature: 'c=',
    });
    expect(parseOAuthHeader('OAuth oauth_nonce="a", oauth_nonce="b", oauth_signature="c"')).toBeNull();
    expect(parseOAuthHeader('OAuth oauth_nonce="a"')).toBeNull();
    expect(parseOAuthHeader('OAuth oauth_nonce=a, oauth_signature="c"')).toBeNull();
    expect(parseOAuthHeader('Basic abc')).toBeNull();
  });
});

describe('OAuth 1.0a against the API', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('accepts a request signed with the demo access token', async () => {
    const url = `${sandbox.apiBase}/account/verify_credentials.json`;
    const answer = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token: demoToken(sandbox) }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ screen_name: 'demo' });
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('149');
    expect(sandbox.requests.at(-1)).toMatchObject({ auth: 'oauth', authorizationPresent: true, screenName: 'demo' });
  });

  it('covers query and form parameters, including spaces, "+", reserved characters and unicode', async () => {
    const url = `${sandbox.apiBase}/friendships/create.json?screen_name=${encodeURIComponent('dougw')}&note=${encodeURIComponent("a b+c!*'()")}`;
    const form = { follow: 'true', extra: 'Ünïcödé ☃ & = 🐦 +' };
    const answer = await send(url, 'POST', sign(sandbox, { method: 'POST', url, form, token: demoToken(sandbox) }), form);
    expect(answer.status).toBe(200);
    expect(sandbox.isFollowing('demo', 'dougw')).toEqual({ following: true, notifications: true, pending: false });
    expect(sandbox.requests.at(-1)).toMatchObject({ query: { screen_name: 'dougw', note: "a b+c!*'()" }, form });
  });

  it('refuses a tampered parameter, a wrong secret and an unknown token', async () => {
    const url = `${sandbox.apiBase}/users/show.json?screen_name=dougw`;
    const signed = sign(sandbox, { method: 'GET', url, token: demoToken(sandbox) });
    const tampered = await send(`${sandbox.apiBase}/users/show.json?screen_name=tenten`, 'GET', signed);
    expect(tampered.status).toBe(401);
    expect(JSON.parse(tampered.text).error).toBe('Incorrect signature');
    const wrongSecret = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token: { key: sandbox.demo.token, secret: 'nope' } }));
    expect(wrongSecret.status).toBe(401);
    const unknownToken = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token: { key: 'nope', secret: 'nope' } }));
    expect(unknownToken.status).toBe(401);
    const unknownConsumer = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token: demoToken(sandbox), consumer: { key: 'other', secret: 'x' } }));
    expect(unknownConsumer.status).toBe(401);
    const postAsGet = await send(url, 'GET', sign(sandbox, { method: 'POST', url, token: demoToken(sandbox) }));
    expect(postAsGet.status).toBe(401);
  });

  it('refuses a replayed nonce', async () => {
    const url = `${sandbox.apiBase}/account/verify_credentials.xml`;
    const header = sign(sandbox, { method: 'GET', url, token: demoToken(sandbox) });
    expect((await send(url, 'GET', header)).status).toBe(200);
    const replay = await send(url, 'GET', header);
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('<error>Invalid / used nonce</error>');
  });

  it('refuses a timestamp outside the window, saying so', async () => {
    const url = `${sandbox.apiBase}/account/verify_credentials.json`;
    const stale = Math.floor(Date.now() / 1000) - 301;
    const answer = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token: demoToken(sandbox), timestamp: stale }));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error).toMatch(/timestamp out of bounds/i);
    const skewed = await startSandbox({ now: () => Date.now() + 3_600_000, oauthTimestampWindowSeconds: 60 });
    try {
      const skewedUrl = `${skewed.apiBase}/account/verify_credentials.json`;
      const refused = await send(skewedUrl, 'GET', sign(skewed, { method: 'GET', url: skewedUrl, token: demoToken(skewed) }));
      expect(refused.status).toBe(401);
      expect(refused.text).toMatch(/Timestamp out of bounds/);
    } finally {
      await skewed.close();
    }
  });
});

describe('OAuth PIN flow', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  async function requestToken(): Promise<{ key: string; secret: string }> {
    const url = `${sandbox.oauthBase}/request_token`;
    const answer = await send(url, 'POST', sign(sandbox, { method: 'POST', url, extra: { oauth_callback: 'oob' } }));
    expect(answer.status).toBe(200);
    const fields = new URLSearchParams(answer.text);
    expect(fields.get('oauth_callback_confirmed')).toBe('true');
    return { key: fields.get('oauth_token')!, secret: fields.get('oauth_token_secret')! };
  }

  async function pinFor(token: string): Promise<string> {
    const page = await fetch(`${sandbox.oauthBase}/authorize?oauth_token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('@demo');
    return /id="oauth_pin">([0-9]+)</.exec(html)![1]!;
  }

  function accessToken(requestToken: { key: string; secret: string }, pin: string) {
    const url = `${sandbox.oauthBase}/access_token`;
    return send(url, 'POST', sign(sandbox, { method: 'POST', url, token: requestToken, extra: { oauth_verifier: pin } }));
  }

  it('issues a request token, shows a PIN, and trades it for an access token that works', async () => {
    const request = await requestToken();
    const pin = await pinFor(request.key);
    expect(await pinFor(request.key)).toBe(pin);
    const answer = await accessToken(request, pin);
    expect(answer.status).toBe(200);
    const fields = new URLSearchParams(answer.text);
    expect(fields.get('screen_name')).toBe('demo');
    expect(fields.get('user_id')).toBe(sandbox.demo.userId);
    const token = { key: fields.get('oauth_token')!, secret: fields.get('oauth_token_secret')! };
    const url = `${sandbox.apiBase}/account/verify_credentials.json`;
    const verified = await send(url, 'GET', sign(sandbox, { method: 'GET', url, token }));
    expect(verified.status).toBe(200);
    expect(JSON.parse(verified.text)).toMatchObject({ screen_name: 'demo' });

    const reused = await accessToken(request, pin);
    expect(reused.status).toBe(401);
  });

  it('accepts oauth_callback as a signed body parameter too', async () => {
    const url = `${sandbox.oauthBase}/request_token`;
    const form = { oauth_callback: 'oob' };
    const answer = await send(url, 'POST', sign(sandbox, { method: 'POST', url, form }), form);
    expect(answer.status).toBe(200);
  });

  it('refuses a wrong PIN, a PIN before authorization, and a callback other than oob', async () => {
    const request = await requestToken();
    expect((await accessToken(request, '0000000')).status).toBe(401);
    const pin = await pinFor(request.key);
    const wrong = await accessToken(request, pin === '1234567' ? '7654321' : '1234567');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/PIN/);
    expect((await accessToken(request, pin)).status).toBe(200);

    const url = `${sandbox.oauthBase}/request_token`;
    const withCallback = await send(url, 'POST', sign(sandbox, { method: 'POST', url, extra: { oauth_callback: 'http://evil.example/' } }));
    expect(withCallback.status).toBe(401);
    const withToken = await send(url, 'POST', sign(sandbox, { method: 'POST', url, token: demoToken(sandbox), extra: { oauth_callback: 'oob' } }));
    expect(withToken.status).toBe(401);
  });

  it('escapes what it echoes on the authorize page', async () => {
    const page = await fetch(`${sandbox.oauthBase}/authorize?oauth_token=${encodeURIComponent('<script>alert("x")</script>')}`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});
