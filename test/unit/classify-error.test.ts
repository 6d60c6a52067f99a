import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../core/classify-error.js';
import { MAX_MESSAGE_LENGTH } from '../../core/format/error-body.js';
import type { ErrorKind } from '../../core/types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

const v1Xml = (error: string, requestFirst = true) =>
  requestFirst
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <request>/1/friendships/create/dougw.xml</request>\n  <error>${error}</error>\n</hash>`
    : `<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <error>${error}</error>\n  <request>/1/friendships/create/dougw.xml</request>\n</hash>`;
const v1Json = (error: string, withRequest = true) =>
  JSON.stringify(withRequest ? { request: '/1/friendships/create/dougw.json', error } : { error });
const v11 = (code: number, message: string) => JSON.stringify({ errors: [{ code, message }] });

describe('classifyFailure: body shapes', () => {
  it('reads v1 XML with <error> after or before <request>', async () => {
    const message = 'Could not follow user: dougw is already on your list.';
    for (const body of [v1Xml(message), v1Xml(message, false)]) {
      expect(await classifyFailure(403, body, XML_TYPE)).toEqual({ kind: 'already_following', status: 403, code: null, message });
    }
  });

  it('reads v1 JSON with and without request', async () => {
    const message = 'Could not follow user: dougw is already on your list.';
    expect((await classifyFailure(403, v1Json(message), JSON_TYPE)).message).toBe(message);
    expect((await classifyFailure(403, v1Json(message, false), JSON_TYPE)).message).toBe(message);
  });

  it('reads the v1.1 envelope, taking the first error', async () => {
    expect(
      await classifyFailure(403, JSON.stringify({ errors: [{ code: 160, message: "You've already requested to follow dougw." }, { code: 1, message: 'x' }] }), JSON_TYPE),
    ).toEqual({ kind: 'request_pending', status: 403, code: 160, message: "You've already requested to follow dougw." });
  });

  it('reads XML <errors> with a code attribute and a lone <error>', async () => {
    expect(await classifyFailure(404, '<errors><error code="34">Sorry, that page does not exist</error></errors>', XML_TYPE)).toEqual({
      kind: 'not_found',
      status: 404,
      code: 34,
      message: 'Sorry, that page does not exist',
    });
    expect(await classifyFailure(401, '<error>Could not authenticate you.</error>', XML_TYPE)).toMatchObject({
      kind: 'unauthorized',
      message: 'Could not authenticate you.',
    });
  });

  it('reads an error object and a bare message', async () => {
    expect(await classifyFailure(403, '{"error":{"code":161,"message":"You are unable to follow more people at this time."}}', JSON_TYPE)).toMatchObject({
      kind: 'follow_limit',
      code: 161,
    });
    expect((await classifyFailure(503, '{"message":"Down for maintenance"}', JSON_TYPE)).message).toBe('Down for maintenance');
  });

  it('keeps plain text, decoded, trimmed and on one line', async () => {
    expect(await classifyFailure(502, '  Bad gateway:\r\n upstream &amp; proxy \n', 'text/plain')).toEqual({
      kind: 'server_error',
      status: 502,
      code: null,
      message: 'Bad gateway: upstream & proxy',
    });
  });

  it("never keeps raw HTML: the page's title, or a sentence with the status", async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>\n 503 Service &amp; Unavailable </title></head><body><h1>Oops</h1><script>x()</script></body></html>';
    expect(await classifyFailure(503, page, 'text/html')).toEqual({ kind: 'server_error', status: 503, code: null, message: '503 Service & Unavailable' });
    expect(await classifyFailure(502, '<html><body><h1>Bad Gateway</h1></body></html>', null)).toEqual({
      kind: 'server_error',
      status: 502,
      code: null,
      message: 'The server answered with HTTP status 502 and a web page instead of an API error.',
    });
    expect((await classifyFailure(404, 'Not here: <b>gone</b>', 'text/plain')).message).toBe(
      'The server answered with HTTP status 404 and a web page instead of an API error.',
    );
    expect((await classifyFailure(500, '<html><title><script>alert(1)</script></title></html>', 'text/html')).message).toBe('alert(1)');
  });

  it('says the status when there is no message at all', async () => {
    for (const body of ['', '   ', '{}', '{"request":"/1/x.json"}', '<hash><request>/1/x.xml</request><error></error></hash>']) {
      expect((await classifyFailure(500, body, null)).message, body).toBe('The server answered with HTTP status 500 and no message.');
    }
  });

  it('caps long messages and removes control characters', async () => {
    const long = (await classifyFailure(403, v1Json('x'.repeat(10_000)), JSON_TYPE)).message;
    expect(long.length).toBe(MAX_MESSAGE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    const emoji = (await classifyFailure(403, v1Json('😀'.repeat(1000)), JSON_TYPE)).message;
    expect(emoji).toMatch(/^(😀)+…$/u);
    expect((await classifyFailure(403, v1Json('red\u001b[31m text\u0007'), JSON_TYPE)).message).toBe('red [31m text');
  });
});

describe('classifyFailure: kinds', () => {
  const cases: [string, number, string, ErrorKind][] = [
    ['v1 already following (403)', 403, v1Xml('Could not follow user: dougw is already on your list.'), 'already_following'],
    ['already friends', 403, v1Json('You are already friends with dougw.'), 'already_following'],
    ['GNU social already subscribed', 403, v1Json('Already subscribed!'), 'already_following'],
    ['code 160', 403, v11(160, "You've already requested to follow dougw."), 'request_pending'],
    ['already requested, no code', 403, v1Json("You've already requested to follow dougw."), 'request_pending'],
    ['404', 404, v1Json('Not found'), 'not_found'],
    ['code 34', 404, v11(34, 'Sorry, that page does not exist'), 'not_found'],
    ['code 50 at 403', 403, v11(50, 'User not found.'), 'not_found'],
    ['code 108', 403, v11(108, 'Cannot find specified user.'), 'not_found'],
    ['GNU social 500 no such user', 500, v1Json('No such user found.', false), 'not_found'],
    ['GNU social 403 profile not found', 403, v1Json('Could not follow user: profile not found.'), 'not_found'],
    ['GNU social 403 user not found', 403, v1Xml('Could not follow user: User not found.'), 'not_found'],
    ['401', 401, v1Json('Could not authenticate you.'), 'unauthorized'],
    ['code 32', 401, v11(32, 'Could not authenticate you.'), 'unauthorized'],
    ['code 89', 401, v11(89, 'Invalid or expired token.'), 'unauthorized'],
    ['code 135', 401, v11(135, 'Timestamp out of bounds.'), 'unauthorized'],
    ['code 215 at 400', 400, v11(215, 'Bad Authentication data.'), 'unauthorized'],
    ['code 162', 403, v11(162, 'You have been blocked from following this account at the request of the user.'), 'forbidden'],
    ['code 63', 403, v11(63, 'User has been suspended.'), 'forbidden'],
    ['code 64', 403, v11(64, 'Your account is suspended and is not permitted to access this feature.'), 'forbidden'],
    ['code 326', 403, v11(326, 'To protect our users from spam and other malicious activity, this account is temporarily locked.'), 'forbidden'],
    ['GNU social 500 blocked', 500, v1Json('User has blocked you.', false), 'forbidden'],
    ['GNU social 500 unknown path id', 500, v1Json('No result found on Profile lookup.'), 'not_found'],
    ['GNU social 500 undo of a follow that is gone', 500, v1Json('Not subscribed!'), 'not_following'],
    ['v1 403 undo of a follow that is gone', 403, v1Json('You are not friends with the specified user.'), 'not_following'],
    [
      'GNU social 400 duplicate limit',
      400,
      v1Json('Too many duplicate messages too quickly; take a breather and post again in a few minutes.'),
      'rate_limited',
    ],
    ['an unknown 500 message stays a server error', 500, v1Json('Not subscribed to the newsletter, and something broke'), 'server_error'],
    ['other 403', 403, v1Json('You have been banned from subscribing.'), 'forbidden'],
    ['code 161', 403, v11(161, 'You are unable to follow more people at this time.'), 'follow_limit'],
    ['v1 follow limit, no code', 403, v1Xml('You are unable to follow more people at this time.'), 'follow_limit'],
    ['429', 429, v11(88, 'Rate limit exceeded'), 'rate_limited'],
    ['429 without a body', 429, '', 'rate_limited'],
    ['code 88 at 400 (v1)', 400, v11(88, 'Rate limit exceeded'), 'rate_limited'],
    ['v1 400 rate limit text', 400, v1Json('Rate limit exceeded. Clients may not make more than 150 requests per hour.'), 'rate_limited'],
    ['420 enhance your calm', 420, 'Enhance Your Calm', 'rate_limited'],
    ['500', 500, v1Json('Something broke'), 'server_error'],
    ['503 over capacity', 503, v11(130, 'Over capacity'), 'server_error'],
    ['over capacity at 403', 403, v1Json('Twitter is over capacity.'), 'server_error'],
    ['502 html', 502, '<html><head><title>502 Bad Gateway</title></head></html>', 'server_error'],
    ['408', 408, '', 'timeout'],
    ['other 400', 400, v11(44, 'attribute name is invalid'), 'forbidden'],
    ['410 gone', 410, v11(68, 'The Twitter REST API v1 is no longer active.'), 'forbidden'],
    ['406 not acceptable', 406, '', 'forbidden'],
    ['unfollowed redirect', 302, '', 'bad_response'],
    ['1xx', 101, '', 'bad_response'],
  ];
  for (const [name, status, body, kind] of cases) {
    it(`${name} → ${kind}`, async () => {
      const error = await classifyFailure(status, body, null);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
    });
  }

  it('classifies localized messages by code and status', async () => {
    expect((await classifyFailure(403, v11(160, 'フォローリクエストは送信済みです。'), JSON_TYPE)).kind).toBe('request_pending');
    expect((await classifyFailure(403, v11(161, '現在これ以上フォローできません。'), JSON_TYPE)).kind).toBe('follow_limit');
    expect(await classifyFailure(404, v1Json('ユーザーが見つかりません。'), JSON_TYPE)).toEqual({
      kind: 'not_found',
      status: 404,
      code: null,
      message: 'ユーザーが見つかりません。',
    });
    expect((await classifyFailure(401, v1Xml('認証できませんでした。'), XML_TYPE)).kind).toBe('unauthorized');
    expect((await classifyFailure(429, v11(88, 'リクエスト数が上限に達しました。'), JSON_TYPE)).kind).toBe('rate_limited');
    expect((await classifyFailure(403, v1Json('フォローできませんでした。'), JSON_TYPE)).kind).toBe('forbidden');
  });

  it('lets the code win over a misleading message or status', async () => {
    expect((await classifyFailure(403, v11(161, 'already on your list'), JSON_TYPE)).kind).toBe('follow_limit');
    expect((await classifyFailure(500, v11(34, 'whatever'), JSON_TYPE)).kind).toBe('not_found');
    expect((await classifyFailure(401, v1Json('Could not follow user: dougw is already on your list.'), JSON_TYPE)).kind).toBe('unauthorized');
  });

  it('accepts a code written as text', async () => {
    expect(await classifyFailure(403, '{"errors":[{"code":"160","message":"x"}]}', JSON_TYPE)).toMatchObject({ kind: 'request_pending', code: 160 });
  });
});

describe('classifyFailure: every body shape × every server-side kind', () => {
  const signals: { kind: ErrorKind; status: number; code: number; message: string }[] = [
    { kind: 'already_following', status: 403, code: 0, message: 'Could not follow user: dougw is already on your list.' },
    { kind: 'request_pending', status: 403, code: 160, message: "You've already requested to follow dougw." },
    { kind: 'not_found', status: 404, code: 34, message: 'Sorry, that page does not exist' },
    { kind: 'unauthorized', status: 401, code: 32, message: 'Could not authenticate you.' },
    { kind: 'forbidden', status: 403, code: 162, message: 'You have been blocked from following this account.' },
    { kind: 'follow_limit', status: 403, code: 161, message: 'You are unable to follow more people at this time.' },
    { kind: 'rate_limited', status: 400, code: 88, message: 'Rate limit exceeded' },
    { kind: 'server_error', status: 503, code: 130, message: 'Over capacity' },
  ];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const shapes: { name: string; type: string; withCode: boolean; body: (message: string, code: number) => string }[] = [
    { name: 'v1 XML, request first', type: XML_TYPE, withCode: false, body: (m) => v1Xml(escape(m)) },
    { name: 'v1 XML, error first', type: XML_TYPE, withCode: false, body: (m) => v1Xml(escape(m), false) },
    { name: 'v1 JSON with request', type: JSON_TYPE, withCode: false, body: (m) => v1Json(m) },
    { name: 'v1 JSON without request', type: JSON_TYPE, withCode: false, body: (m) => v1Json(m, false) },
    { name: 'v1.1 JSON', type: JSON_TYPE, withCode: true, body: (m, c) => v11(c, m) },
    { name: 'XML <errors>', type: XML_TYPE, withCode: true, body: (m, c) => `<errors><error code="${c}">${escape(m)}</error></errors>` },
    { name: 'plain text', type: 'text/plain', withCode: false, body: (m) => `${m}\n` },
    { name: 'HTML page', type: 'text/html', withCode: false, body: (m) => `<!DOCTYPE html><html><head><title>${escape(m)}</title></head><body><p>${escape(m)}</p></body></html>` },
  ];
  for (const signal of signals) {
    for (const shape of shapes) {
      it(`${signal.kind} in ${shape.name}`, async () => {
        expect(await classifyFailure(signal.status, shape.body(signal.message, signal.code), shape.type)).toEqual({
          kind: signal.kind,
          status: signal.status,
          code: shape.withCode ? signal.code : null,
          message: signal.message,
        });
      });
    }
  }
});
