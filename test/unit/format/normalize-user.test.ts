import { describe, expect, it } from 'vitest';
import { normalizeUser } from '../../../core/format/normalize-user.js';
import type { User } from '../../../core/types.js';

function user(raw: unknown): User {
  const normalized = normalizeUser(raw);
  if (!normalized.ok) throw new Error(`expected a user: ${normalized.error}`);
  return normalized.user;
}

const base = { id: '1', screen_name: 'someone' };

describe('normalizeUser: ids', () => {
  it('prefers id_str, falls back to the id in any lossless form', () => {
    expect(user({ id: 1, id_str: '18446744073709551615', screen_name: 'a' }).id).toBe('18446744073709551615');
    expect(user({ id: '9007199254740993', screen_name: 'a' }).id).toBe('9007199254740993');
    expect(user({ id: 1401881, screen_name: 'a' }).id).toBe('1401881');
    expect(user({ id: { '#text': '42', '@_type': 'integer' }, screen_name: 'a' }).id).toBe('42');
    expect(user({ id: 7, id_str: '', screen_name: 'a' }).id).toBe('7');
  });

  it('is not a user without a usable id or screen name', () => {
    const problems = [
      [{ screen_name: 'a' }, 'has no usable id'],
      [{ id: -1, screen_name: 'a' }, 'has no usable id'],
      [{ id: 1.5, screen_name: 'a' }, 'has no usable id'],
      [{ id: 'abc', screen_name: 'a' }, 'has no usable id'],
      [{ id: 1e300, screen_name: 'a' }, 'has no usable id'],
      [{ id: '1' }, 'has no screen name'],
      [{ id: '1', screen_name: '   ' }, 'has no screen name'],
      [{ id: '1', screen_name: true }, 'has no screen name'],
      [{}, 'has no id and no screen name'],
      [[base], 'is not an object with fields'],
      ['user', 'is not an object with fields'],
      [null, 'is not an object with fields'],
    ] as const;
    for (const [raw, problem] of problems) {
      expect(normalizeUser(raw), JSON.stringify(raw)).toEqual({ ok: false, error: problem });
    }
  });
});

describe('normalizeUser: text fields', () => {
  it('keeps numeric-looking names as written', () => {
    const u = user({ id: '1', screen_name: '101010', name: '007' });
    expect(u.screenName).toBe('101010');
    expect(u.name).toBe('007');
  });

  it('decodes HTML escaping and keeps markup as text', () => {
    const u = user({
      ...base,
      name: 'Tom &amp; Jerry',
      description: '&lt;script&gt;alert(1)&lt;/script&gt; it&#8217;s &#x1F600;',
      location: '<script>alert(1)</script>',
    });
    expect(u.name).toBe('Tom & Jerry');
    expect(u.description).toBe('<script>alert(1)</script> it’s 😀');
    expect(u.location).toBe('<script>alert(1)</script>');
  });

  it('keeps emoji and right-to-left text intact', () => {
    const u = user({ ...base, name: 'مرحبا بالعالم 👋🏽', description: 'שלום \u202Eabc' });
    expect(u.name).toBe('مرحبا بالعالم 👋🏽');
    expect(u.description).toBe('שלום \u202Eabc');
  });

  it('gives null for empty, missing, null and non-text values', () => {
    const u = user({ ...base, name: '', location: null, description: { nested: 'x' }, time_zone: false });
    expect([u.name, u.location, u.description, u.timeZone]).toEqual([null, null, null, null]);
  });

  it('keeps only http(s) URLs and prefers the https profile image', () => {
    expect(user({ ...base, url: 'javascript:alert(1)' }).url).toBeNull();
    expect(user({ ...base, url: 'www.example.com' }).url).toBeNull();
    // The URL parser would repair these into http(s); they are dropped instead.
    expect(user({ ...base, url: 'ht\ttps://example.com/' }).url).toBeNull();
    expect(user({ ...base, url: '\u0001https://example.com/' }).url).toBeNull();
    expect(user({ ...base, url: 'https://exa mple.com/' }).url).toBeNull();
    expect(user({ ...base, url: 'HTTPS://example.com/' }).url).toBe('HTTPS://example.com/');
    expect(user({ ...base, url: ' https://example.com/a?b=1&amp;c=2 ' }).url).toBe('https://example.com/a?b=1&c=2');
    expect(
      user({ ...base, profile_image_url: 'http://img.example/a.png', profile_image_url_https: 'https://img.example/a.png' })
        .profileImageUrl,
    ).toBe('https://img.example/a.png');
    expect(user({ ...base, profile_image_url: 'http://img.example/a.png' }).profileImageUrl).toBe('http://img.example/a.png');
  });
});

describe('normalizeUser: numbers, booleans, dates', () => {
  it('reads counts from numbers or digit strings, null otherwise', () => {
    const u = user({ ...base, followers_count: '1036', friends_count: 290, statuses_count: '-3', favourites_count: 'many' });
    expect([u.followersCount, u.friendsCount, u.statusesCount, u.favouritesCount]).toEqual([1036, 290, null, null]);
    expect(user({ ...base, favorites_count: 5 }).favouritesCount).toBe(5);
    expect(user({ ...base, followers_count: '18446744073709551615' }).followersCount).toBeNull();
    expect(user({ ...base, followers_count: 1.5 }).followersCount).toBeNull();
  });

  it('reads the UTC offset as a signed integer', () => {
    expect(user({ ...base, utc_offset: '-18000' }).utcOffset).toBe(-18000);
    expect(user({ ...base, utc_offset: 19800 }).utcOffset).toBe(19800);
    expect(user({ ...base, utc_offset: '' }).utcOffset).toBeNull();
  });

  it('reads booleans from JSON booleans and their text forms, null otherwise', () => {
    const u = user({ ...base, protected: 'false', verified: true, following: 'TRUE', notifications: 'yes', follow_request_sent: false });
    expect([u.protected, u.verified, u.following, u.notifications, u.followRequestSent]).toEqual([false, true, true, null, false]);
    expect(user({ ...base, protected: 1 }).protected).toBe(true);
    expect(user({ ...base, protected: '' }).protected).toBeNull();
  });

  it('converts created_at to ISO, null when unreadable', () => {
    expect(user({ ...base, created_at: 'Sun Mar 18 06:42:26 +0000 2007' }).createdAt).toBe('2007-03-18T06:42:26.000Z');
    expect(user({ ...base, created_at: 'Sun, 18 Mar 2007 06:42:26 +0000' }).createdAt).toBe('2007-03-18T06:42:26.000Z');
    expect(user({ ...base, created_at: 'not a date' }).createdAt).toBeNull();
  });

  it('reads follow_request_sent for protected accounts', () => {
    const u = user({ ...base, protected: true, following: false, follow_request_sent: true });
    expect([u.protected, u.following, u.followRequestSent]).toEqual([true, false, true]);
  });
});

describe('normalizeUser: latest status', () => {
  it("takes the user's own status, never the retweeted one's fields", () => {
    const u = user({
      ...base,
      status: {
        id_str: '20',
        text: 'RT @other: original',
        retweeted_status: { id_str: '10', text: 'original', source: 'web', truncated: true, created_at: 'Sun Mar 18 06:42:26 +0000 2007' },
      },
    });
    expect(u.latestStatus).toEqual({
      id: '20',
      text: 'RT @other: original',
      createdAt: null,
      source: null,
      truncated: null,
      favorited: null,
      inReplyToStatusId: null,
      inReplyToUserId: null,
      inReplyToScreenName: null,
    });
  });

  it('reads reply ids losslessly, preferring *_str', () => {
    const status = user({
      ...base,
      status: {
        id: '9007199254740993',
        text: 'x',
        in_reply_to_status_id: 1,
        in_reply_to_status_id_str: '18446744073709551615',
        in_reply_to_user_id: '9007199254740995',
        in_reply_to_screen_name: '101010',
      },
    }).latestStatus;
    expect(status?.id).toBe('9007199254740993');
    expect(status?.inReplyToStatusId).toBe('18446744073709551615');
    expect(status?.inReplyToUserId).toBe('9007199254740995');
    expect(status?.inReplyToScreenName).toBe('101010');
  });

  it('falls back to full_text (extended mode)', () => {
    expect(user({ ...base, status: { id: 1, full_text: 'long &amp; full' } }).latestStatus?.text).toBe('long & full');
  });

  it('is null when absent, empty or not an object', () => {
    for (const status of [undefined, null, '', 'text', [], {}, { unknown: 'x' }]) {
      expect(user({ ...base, status }).latestStatus, JSON.stringify(status)).toBeNull();
    }
  });

  it('ignores extra fields and fields inherited from Object.prototype', () => {
    const u = user(JSON.parse('{"id":"1","screen_name":"a","__proto__":{"name":"injected"},"profile_banner_url":"x","entities":{}}'));
    expect(u.name).toBeNull();
    expect(user({ id: '1', screen_name: 'a' }).latestStatus).toBeNull();
    expect(Object.keys(u).sort()).toEqual(
      [
        'id', 'screenName', 'name', 'location', 'description', 'url', 'profileImageUrl', 'protected', 'verified',
        'followersCount', 'friendsCount', 'statusesCount', 'favouritesCount', 'createdAt', 'utcOffset', 'timeZone',
        'following', 'notifications', 'followRequestSent', 'latestStatus',
      ].sort(),
    );
  });
});
