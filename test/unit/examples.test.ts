/**
 * The real recorded responses in test/fixtures/recorded (copied from the shared examples; the
 * folder's README names each one's source), with the concrete values each must come to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../core/classify-error.js';
import { parseUserBody } from '../../core/format/parse-user-body.js';
import { readRateLimit } from '../../core/rate-limit.js';
import type { User } from '../../core/types.js';

const EXAMPLES = new URL('../fixtures/recorded/', import.meta.url);

function example(name: string): string {
  return readFileSync(new URL(name, EXAMPLES), 'utf8');
}

async function userOf(text: string, format: 'xml' | 'json'): Promise<User> {
  const parsed = await parseUserBody(text, format);
  if (!parsed.ok) throw new Error(`expected a user: ${parsed.error.message}`);
  return parsed.user;
}

const PHLY_XML = 'phly-twitter-friendships-create-with-status-v1-2008.xml';
const PYTHON_JSON = 'python-twitter-friendships-create-v1-2007.json';
const TWEEPY_JSON = 'tweepy-friendships-create-v1.1-2014.json';
const TWEEPY_HEADERS = 'tweepy-friendships-create-v1.1-2014.hdr.json';
const ALREADY_XML = 'rubygem-twitter-friendships-create-already-following-v1-2008.xml';
const RATE_LIMIT_JSON = 'rubygem-twitter-error-rate-limit-exceeded-v1.json';
const BAD_AUTH_JSON = 'tweepy-error-215-bad-auth-v1.1.json';

describe('recorded server answers', () => {
  it('are all covered here', () => {
    const files = readdirSync(EXAMPLES).filter((name) => name !== 'README.md').sort();
    expect(files).toEqual(
      [PHLY_XML, PYTHON_JSON, TWEEPY_JSON, TWEEPY_HEADERS, ALREADY_XML, RATE_LIMIT_JSON, BAD_AUTH_JSON].sort(),
    );
  });

  it(`${PHLY_XML}: a v1 XML user with CRLF line ends, empty elements as null, its status nested`, async () => {
    const text = example(PHLY_XML);
    expect(text).toContain('\r\n');
    expect(await userOf(text, 'xml')).toEqual({
      id: '16935247',
      screenName: 'zftestuser1',
      name: 'zftestuser1',
      location: null,
      description: null,
      url: null,
      profileImageUrl: 'http://static.twitter.com/images/default_profile_normal.png',
      protected: false,
      verified: null,
      followersCount: 1,
      friendsCount: null,
      statusesCount: null,
      favouritesCount: null,
      createdAt: null,
      utcOffset: null,
      timeZone: null,
      following: null,
      notifications: null,
      followRequestSent: null,
      latestStatus: {
        id: '972616227',
        text: 'Oh Boy',
        createdAt: '2008-10-23T20:48:33.000Z',
        source: { name: 'web', url: null },
        truncated: false,
        favorited: false,
        inReplyToStatusId: null,
        inReplyToUserId: null,
        inReplyToScreenName: null,
      },
    });
  });

  it(`${PYTHON_JSON}: a 2007 JSON user without *_str fields`, async () => {
    const text = example(PYTHON_JSON);
    expect(text).not.toContain('_str');
    expect(await userOf(text, 'json')).toEqual({
      id: '673483',
      screenName: 'dewitt',
      name: 'DeWitt',
      location: 'San Francisco, CA',
      description: 'Indeterminate things',
      url: 'http://unto.net/',
      profileImageUrl: 'http://assets0.twitter.com/system/user/profile_image/673483/normal/me.jpg?1171965914',
      protected: false,
      verified: null,
      followersCount: null,
      friendsCount: null,
      statusesCount: null,
      favouritesCount: null,
      createdAt: null,
      utcOffset: null,
      timeZone: null,
      following: null,
      notifications: null,
      followRequestSent: null,
      latestStatus: {
        id: '89586072',
        text: "If a theme song played when I walked around all day, I'd want it to be All My Friends by LCD Soundsystem.",
        createdAt: '2007-06-03T19:50:23.000Z',
        source: null,
        truncated: null,
        favorited: null,
        inReplyToStatusId: null,
        inReplyToUserId: null,
        inReplyToScreenName: null,
      },
    });
  });

  it(`${TWEEPY_JSON}: a v1.1 follow that says following: false still parses as the user`, async () => {
    const user = await userOf(example(TWEEPY_JSON), 'json');
    expect(user).toMatchObject({
      id: '783214',
      screenName: 'twitter',
      name: 'Twitter',
      url: 'http://t.co/5iRhy7wTgu',
      profileImageUrl: 'https://pbs.twimg.com/profile_images/530553072594874368/7f9QErOD_normal.png',
      protected: false,
      verified: true,
      followersCount: 33620548,
      friendsCount: 101,
      statusesCount: 1845,
      favouritesCount: 21,
      createdAt: '2007-02-20T14:35:54.000Z',
      utcOffset: -28800,
      timeZone: 'Pacific Time (US & Canada)',
      following: false,
      notifications: false,
      followRequestSent: false,
    });
    expect(user.latestStatus).toEqual({
      id: '537644262628663296',
      text: 'We love a good bird reference. Cast your vote to help the @WhiteHouse select the National Thanksgiving Turkey: https://t.co/wMP98fpiEw',
      createdAt: '2014-11-26T16:29:15.000Z',
      source: { name: 'TweetDeck', url: 'https://about.twitter.com/products/tweetdeck' },
      truncated: false,
      favorited: false,
      inReplyToStatusId: null,
      inReplyToUserId: null,
      inReplyToScreenName: null,
    });
  });

  it(`${TWEEPY_JSON}: the status id beyond 2^53 stays exact without its id_str too`, async () => {
    const withoutTwins = example(TWEEPY_JSON).replace(/"id_str":"[0-9]+",/g, '');
    expect(withoutTwins).not.toContain('"id_str"');
    expect((await userOf(withoutTwins, 'json')).latestStatus?.id).toBe('537644262628663296');
  });

  it(`${TWEEPY_HEADERS}: no rate-limit headers means no rate limit`, () => {
    const recorded = JSON.parse(example(TWEEPY_HEADERS)) as { headers: Record<string, string | string[]> };
    const headers = new Headers();
    for (const [name, value] of Object.entries(recorded.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    expect(headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(readRateLimit(headers)).toBeNull();
  });

  it(`${ALREADY_XML}: 403 v1 XML is already_following`, async () => {
    expect(await classifyFailure(403, example(ALREADY_XML), 'application/xml; charset=utf-8')).toEqual({
      kind: 'already_following',
      status: 403,
      code: null,
      message: 'Could not follow user: billymeltdown is already on your list.',
    });
  });

  it(`${RATE_LIMIT_JSON}: v1's 400 without request is rate_limited`, async () => {
    expect(await classifyFailure(400, example(RATE_LIMIT_JSON), 'application/json; charset=utf-8')).toEqual({
      kind: 'rate_limited',
      status: 400,
      code: null,
      message: 'Rate limit exceeded',
    });
  });

  it(`${BAD_AUTH_JSON}: code 215 at 400 is unauthorized`, async () => {
    expect(await classifyFailure(400, example(BAD_AUTH_JSON), 'application/json; charset=utf-8')).toEqual({
      kind: 'unauthorized',
      status: 400,
      code: 215,
      message: 'Bad Authentication data.',
    });
  });

  it('error bodies are not users and users are not errors', async () => {
    for (const name of [ALREADY_XML, RATE_LIMIT_JSON, BAD_AUTH_JSON]) {
      const parsed = await parseUserBody(example(name), name.endsWith('.xml') ? 'xml' : 'json');
      expect(parsed.ok, name).toBe(false);
      if (!parsed.ok) expect(parsed.error.kind).toBe('bad_response');
    }
  });
});
