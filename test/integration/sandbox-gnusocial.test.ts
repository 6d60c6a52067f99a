import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOCKER_SCREEN_NAME, GNU_SOCIAL_MESSAGES } from '../../core/sandbox/gnusocial.js';
import { DUPLICATE_WINDOW_MS } from '../../core/sandbox/personality.js';
import { HARD_CASES, SandboxOptionsError, startSandbox, type Sandbox } from '../../core/sandbox/server.js';

let sandbox: Sandbox;
let clock = Date.UTC(2026, 0, 1);

const auth = () => `Basic ${Buffer.from(`${sandbox.demo.username}:${sandbox.demo.password}`).toString('base64')}`;

async function call(path: string, method = 'GET'): Promise<{ status: number; type: string; text: string; json: () => any }> {
  const response = await fetch(`${sandbox.origin}${path}`, { method, headers: { Authorization: auth() } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

const api = (path: string, method = 'GET') => call(`/index.php/api/${path}`, method);

beforeAll(async () => {
  sandbox = await startSandbox({ personality: 'gnusocial', now: () => clock });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('the gnusocial sandbox', () => {
  it('serves the API under /index.php/api, with statusnet_profile_url on every user', async () => {
    expect(sandbox.apiBase).toBe(`${sandbox.origin}/index.php/api`);
    const answer = await api('users/show.json?screen_name=dougw');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      screen_name: 'dougw',
      statusnet_profile_url: `${sandbox.origin}/index.php/dougw`,
    });
    const xml = await api('users/show.xml?screen_name=dougw');
    expect(xml.text).toContain(`<statusnet_profile_url>${sandbox.origin}/index.php/dougw</statusnet_profile_url>`);
    expect((await call('/1/users/show.json?screen_name=dougw')).status).toBe(404);
  });

  it('answers a follow of a private stream with 200, protected and not following, and no follow_request_sent', async () => {
    const answer = await api(`friendships/create.json?screen_name=${HARD_CASES.protected}`, 'POST');
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ protected: true, following: false });
    expect(body).not.toHaveProperty('follow_request_sent');
    expect(sandbox.isFollowing('demo', HARD_CASES.protected)).toMatchObject({ following: false, pending: true });
  });

  it('follows an open account and says following', async () => {
    const answer = await api('friendships/create.json?screen_name=dougw', 'POST');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ following: true });
  });

  it('subscribes every user to themselves: a self-follow is "already on your list"', async () => {
    const me = await api('account/verify_credentials.json');
    expect(me.json()).toMatchObject({ screen_name: 'demo', following: true });
    const answer = await api('friendships/create.json?user_id=1000001', 'POST');
    expect(answer.status).toBe(403);
    expect(answer.json().error).toBe('Could not follow user: demo is already on your list.');
  });

  it("answers with GNU social's own statuses and texts for unknown people, blocks and undone follows", async () => {
    expect(await api('friendships/create.json?screen_name=nobody_here', 'POST')).toMatchObject({ status: 500 });
    expect((await api('friendships/create.json?screen_name=nobody_here', 'POST')).json().error).toBe(GNU_SOCIAL_MESSAGES.noSuchUser);
    const byPathId = await api('friendships/create/999999999.json', 'POST');
    expect([byPathId.status, byPathId.json().error]).toEqual([500, 'No result found on Profile lookup.']);
    const blocked = await api(`friendships/create.json?screen_name=${BLOCKER_SCREEN_NAME}`, 'POST');
    expect([blocked.status, blocked.json().error]).toEqual([500, 'User has blocked you.']);
    const gone = await api('friendships/destroy.json?screen_name=dougw', 'POST');
    expect([gone.status, gone.json().error]).toEqual([500, 'Not subscribed!']);
  });

  it('refuses a follow shortly after an undo of the same person, and takes it a minute later', async () => {
    await api('friendships/create.json?screen_name=dougw', 'POST');
    expect((await api('friendships/destroy.json?screen_name=dougw', 'POST')).status).toBe(200);
    const again = await api('friendships/create.json?screen_name=dougw', 'POST');
    expect([again.status, again.json().error]).toEqual([400, GNU_SOCIAL_MESSAGES.duplicate]);
    expect((await api('friendships/create.json?screen_name=tenten', 'POST')).status).toBe(200);
    clock += DUPLICATE_WINDOW_MS;
    expect((await api('friendships/create.json?screen_name=dougw', 'POST')).status).toBe(200);
  });

  it('answers addresses outside the API, the base missing /api included, with an HTML 404 page', async () => {
    for (const path of ['/index.php/friendships/create.json?screen_name=dougw', '/index.php/dougw', '/nothing']) {
      const answer = await call(path, path.includes('create') ? 'POST' : 'GET');
      expect(answer.status).toBe(404);
      expect(answer.type).toMatch(/^text\/html/);
      expect(answer.text).toMatch(/^<!DOCTYPE html>/);
    }
  });

  it('has no users/search and no users/lookup (404), as GNU social; statuses/friends lists follows', async () => {
    expect((await api('users/search.json?q=doug')).status).toBe(404);
    expect((await api('users/lookup.json?screen_name=dougw')).status).toBe(404);
    sandbox.seedFollows('demo', ['dougw']);
    const friends = await api('statuses/friends.json?screen_name=demo');
    expect(friends.status).toBe(200);
    expect(JSON.stringify(friends.json())).toContain('"screen_name":"dougw"');
  });

  it('is refused when the personality is unknown', async () => {
    await expect(startSandbox({ personality: 'mastodon' as never })).rejects.toBeInstanceOf(SandboxOptionsError);
  });
});
