import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_USER_ID } from '../../core/sandbox/directory.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function get(sandbox: Sandbox, path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${sandbox.origin}${path}`, {
    headers: { Authorization: basic(sandbox.demo.username, sandbox.demo.password) },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const xml = new XMLParser({ parseTagValue: false, ignoreAttributes: false });

describe('sandbox follow-graph reads', () => {
  let sandbox: Sandbox;
  let names: string[];

  beforeAll(async () => {
    sandbox = await startSandbox({ directorySize: 300, rateLimit: null, graph: { idsPerPage: 50, usersPerPage: 20 } });
    const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    names = users.map((u) => u.screenName).filter((n) => n !== 'demo' && n !== HARD_CASES.suspended).slice(0, 120);
    sandbox.seedFollows('demo', names);
  });

  afterAll(() => sandbox.close());

  it('pages friends/ids with cursors until next_cursor is 0, ids as strings when asked', async () => {
    const seen: string[] = [];
    let cursor = '-1';
    const previous: string[] = [];
    for (let page = 0; page < 10 && cursor !== '0'; page += 1) {
      const answer = await get(sandbox, `/1/friends/ids.json?cursor=${cursor}&stringify_ids=true`);
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.text) as { ids: unknown[]; next_cursor_str: string; previous_cursor_str: string };
      expect(body.ids.every((id) => typeof id === 'string')).toBe(true);
      seen.push(...(body.ids as string[]));
      previous.push(body.previous_cursor_str);
      cursor = body.next_cursor_str;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(previous[0]).toBe('0');
    // The previous cursor of the third page brings back the second.
    const back = JSON.parse((await get(sandbox, `/1/friends/ids.json?cursor=${previous[2]}&stringify_ids=true`)).text) as { ids: string[] };
    expect(back.ids).toEqual(seen.slice(50, 100));
  });

  it('writes ids as exact numbers without stringify_ids, and as <id_list> in XML', async () => {
    expect(names).toContain(HARD_CASES.bigId);
    const json = await get(sandbox, '/1/friends/ids.json?cursor=-1');
    expect(json.text).toMatch(new RegExp(`[[,]${BIG_USER_ID}[,\\]]`));
    expect((await get(sandbox, '/1/friends/ids.json?cursor=100')).text).toMatch(/"next_cursor":0,/);
    const answer = await get(sandbox, '/1/friends/ids.xml?cursor=-1');
    const doc = xml.parse(answer.text) as { id_list: { ids: { id: string[] }; next_cursor: string; previous_cursor: string } };
    expect(doc.id_list.ids.id).toHaveLength(50);
    expect(doc.id_list.next_cursor).toBe('50');
    expect(doc.id_list.previous_cursor).toBe('0');
  });

  it('answers a bare list without a cursor (GNU social pages by page and count)', async () => {
    const answer = JSON.parse((await get(sandbox, '/1/friends/ids.json?page=2&count=10')).text) as number[];
    expect(answer).toHaveLength(10);
    const friends = JSON.parse((await get(sandbox, '/1/statuses/friends.json?page=1')).text) as { screen_name: string }[];
    expect(friends.map((u) => u.screen_name)).toEqual(names.slice(0, 20));
  });

  it('pages statuses/friends with cursors in both formats', async () => {
    const json = JSON.parse((await get(sandbox, '/1/statuses/friends.json?cursor=20')).text) as {
      users: { screen_name: string; following: boolean }[];
      next_cursor_str: string;
    };
    expect(json.users.map((u) => u.screen_name)).toEqual(names.slice(20, 40));
    expect(json.users.every((u) => u.following)).toBe(true);
    expect(json.next_cursor_str).toBe('40');
    const doc = xml.parse((await get(sandbox, '/1/statuses/friends.xml?cursor=-1')).text) as {
      users_list: { users: { user: { screen_name: string }[] }; next_cursor: string };
    };
    expect(doc.users_list.users.user.map((u) => u.screen_name)).toEqual(names.slice(0, 20));
    expect(doc.users_list.next_cursor).toBe('20');
  });

  it('looks up to 100 users by id or name, skipping unknown ones, in JSON and XML', async () => {
    const byName = JSON.parse((await get(sandbox, `/1/users/lookup.json?screen_name=${names[0]},nobody_here,${names[1]}`)).text) as {
      screen_name: string;
    }[];
    expect(byName.map((u) => u.screen_name)).toEqual([names[0], names[1]]);
    const byId = xml.parse((await get(sandbox, `/1/users/lookup.xml?user_id=${BIG_USER_ID}`)).text) as { users: { user: { id: string } } };
    expect(byId.users.user.id).toBe(BIG_USER_ID);
    expect((await get(sandbox, '/1/users/lookup.json?screen_name=nobody_here')).status).toBe(404);
    expect((await get(sandbox, '/1/users/lookup.json')).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => String(i + 1)).join(',');
    const refused = await get(sandbox, `/1/users/lookup.json?user_id=${tooMany}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'Too many terms specified in query.' });
  });

  it('refuses a bad cursor with a typed error', async () => {
    const answer = await get(sandbox, '/1/friends/ids.json?cursor=abc');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'Invalid cursor.' });
  });
});

describe('two sandbox servers, one without users/lookup', () => {
  let limited: Sandbox;
  let gnu: Sandbox;

  beforeAll(async () => {
    limited = await startSandbox({ rateLimit: { limit: 2, windowSeconds: 3600 } });
    gnu = await startSandbox({ graph: { usersLookup: false, cursors: false, usersPerPage: 1 } });
  });

  afterAll(async () => {
    await limited.close();
    await gnu.close();
  });

  it('counts the reads against the rate limit and says so in the headers', async () => {
    const first = await get(limited, '/1/friends/ids.json?cursor=-1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await get(limited, '/1/users/lookup.json?screen_name=dougw');
    const refused = await get(limited, '/1/friends/ids.json?cursor=-1');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset')).toMatch(/^[0-9]+$/);
  });

  it('seeds follows through the admin route, refusing unknown names and changing nothing then', async () => {
    const post = (body: unknown) =>
      fetch(`${gnu.origin}/_sandbox/follows`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const refused = await post({ follower: 'tenten', targets: ['dougw', 'nobody_here'] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'No sandbox user "nobody_here".' });
    expect((await post({ follower: 'tenten', targets: 'dougw' })).status).toBe(400);
    expect((await post({ follower: 'tenten', targets: ['dougw', 'bigid'] })).status).toBe(200);
    const auth = { Authorization: basic('tenten', 'sandbox-tenten') };
    const ids = await (await fetch(`${gnu.origin}/1/friends/ids.json?cursor=-1&stringify_ids=true`, { headers: auth })).json();
    expect(ids).toEqual(['1401881', BIG_USER_ID]);
  });

  it('answers users/lookup 404 where it is turned off, while statuses/friends works', async () => {
    gnu.seedFollows('demo', ['dougw', 'tenten']);
    expect((await get(gnu, '/1/users/lookup.json?screen_name=dougw')).status).toBe(404);
    // `cursor` is ignored, as GNU social does: a bare list, paged by number.
    const friends = JSON.parse((await get(gnu, '/1/statuses/friends.json?cursor=-1')).text) as { screen_name: string }[];
    expect(friends.map((u) => u.screen_name)).toEqual(['dougw']);
    const second = JSON.parse((await get(gnu, '/1/statuses/friends.json?cursor=-1&page=2')).text) as { screen_name: string }[];
    expect(second.map((u) => u.screen_name)).toEqual(['tenten']);
    expect(gnu.origin).not.toBe(limited.origin);
  });
});
