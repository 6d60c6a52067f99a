import { describe, expect, it } from 'vitest';
import { parseUserBody, parseUsersBody } from '../../../core/format/parse-user-body.js';
import type { ApiError, User } from '../../../core/types.js';
import { DOUG_JSON, DOUG_USER, DOUG_XML } from '../../fixtures/doug-williams.js';

async function userOf(text: string, format: 'xml' | 'json'): Promise<User> {
  const parsed = await parseUserBody(text, format);
  if (!parsed.ok) throw new Error(`expected a user: ${parsed.error.message}`);
  return parsed.user;
}

async function errorOf(text: string, format: 'xml' | 'json'): Promise<ApiError> {
  const parsed = await parseUserBody(text, format);
  if (parsed.ok) throw new Error('expected an error');
  return parsed.error;
}

function xmlUser(fields: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<user>${fields}</user>`;
}

describe('parseUserBody: the documentation example in both formats', () => {
  it('normalizes Doug Williams from XML to the spec §7 shape', async () => {
    expect(await userOf(DOUG_XML, 'xml')).toEqual(DOUG_USER);
  });

  it('normalizes Doug Williams from JSON to the same shape', async () => {
    expect(await userOf(DOUG_JSON, 'json')).toEqual(DOUG_USER);
  });

  it('reads the XML with CRLF line ends the same', async () => {
    expect(await userOf(DOUG_XML.replace(/\n/g, '\r\n'), 'xml')).toEqual(DOUG_USER);
  });
});

describe('parseUserBody: hard cases, XML', () => {
  it('keeps screen name 101010 and name 007 as text', async () => {
    const u = await userOf(xmlUser('<id>1</id><screen_name>101010</screen_name><name>007</name>'), 'xml');
    expect([u.screenName, u.name]).toEqual(['101010', '007']);
  });

  it('keeps ids beyond 2^53 exact', async () => {
    expect((await userOf(xmlUser('<id>18446744073709551615</id><screen_name>a</screen_name>'), 'xml')).id).toBe('18446744073709551615');
    expect((await userOf(xmlUser('<id>9007199254740993</id><screen_name>a</screen_name>'), 'xml')).id).toBe('9007199254740993');
  });

  it('reads empty elements and missing fields as null', async () => {
    const u = await userOf(xmlUser('<id>1</id><screen_name>a</screen_name><name></name><location/><followers_count></followers_count>'), 'xml');
    expect([u.name, u.location, u.followersCount, u.description, u.latestStatus]).toEqual([null, null, null, null, null]);
  });

  it('reads Rails-style typed elements and nil markers', async () => {
    const u = await userOf(
      xmlUser('<id type="integer">5</id><screen_name>a</screen_name><protected type="boolean">true</protected><location nil="true"/>'),
      'xml',
    );
    expect([u.id, u.protected, u.location]).toEqual(['5', true, null]);
  });

  it('decodes XML escaping and then the HTML escaping inside it, keeping markup as text', async () => {
    const u = await userOf(
      xmlUser('<id>1</id><screen_name>a</screen_name><name>A &amp;amp; B</name><description>&lt;script&gt;x()&lt;/script&gt; &#8217;&#x1F600;</description>'),
      'xml',
    );
    expect(u.name).toBe('A & B');
    expect(u.description).toBe('<script>x()</script> ’😀');
  });

  it('reads source as escaped text, plain text or a child element', async () => {
    const withSource = async (source: string) =>
      (await userOf(xmlUser(`<id>1</id><screen_name>a</screen_name><status><id>2</id><source>${source}</source></status>`), 'xml'))
        .latestStatus?.source;
    expect(await withSource('&lt;a href="http://www.tweetdeck.com/"&gt;TweetDeck&lt;/a&gt;')).toEqual({
      name: 'TweetDeck',
      url: 'http://www.tweetdeck.com/',
    });
    expect(await withSource('web')).toEqual({ name: 'web', url: null });
    expect(await withSource('<a href="http://identi.ca/" rel="nofollow">identi.ca</a>')).toEqual({
      name: 'identi.ca',
      url: 'http://identi.ca/',
    });
  });

  it('does not take a nested retweeted_status for the status', async () => {
    const u = await userOf(
      xmlUser(
        '<id>1</id><screen_name>a</screen_name><status><id>20</id><text>RT mine</text><retweeted_status><id>10</id><text>theirs</text><favorited>true</favorited></retweeted_status></status>',
      ),
      'xml',
    );
    expect(u.latestStatus).toMatchObject({ id: '20', text: 'RT mine', favorited: null });
  });

  it('ignores extra fields', async () => {
    const u = await userOf(xmlUser('<id>1</id><screen_name>a</screen_name><new_field><deep>x</deep></new_field>'), 'xml');
    expect(u.id).toBe('1');
  });
});

describe('parseUserBody: hard cases, JSON', () => {
  it('keeps big ids exact with and without id_str', async () => {
    expect((await userOf('{"id":18446744073709551615,"screen_name":"a"}', 'json')).id).toBe('18446744073709551615');
    expect((await userOf('{"id":9007199254740993,"screen_name":"a"}', 'json')).id).toBe('9007199254740993');
    expect((await userOf('{"id":9007199254740992,"id_str":"9007199254740993","screen_name":"a"}', 'json')).id).toBe('9007199254740993');
  });

  it("keeps the latest status's big ids exact too, and a big count is still no count", async () => {
    const status = async (fields: string) => (await userOf(`{"id":1,"screen_name":"a","status":{${fields}}}`, 'json')).latestStatus;
    expect((await status('"id":1152921504606846977,"text":"x"'))?.id).toBe('1152921504606846977');
    expect((await status('"id":1,"in_reply_to_status_id":1152921504606846977'))?.inReplyToStatusId).toBe('1152921504606846977');
    expect((await status('"id":1,"in_reply_to_user_id":1152921504606846977'))?.inReplyToUserId).toBe('1152921504606846977');
    expect((await userOf('{"id":1,"screen_name":"a","followers_count":1152921504606846977}', 'json')).followersCount).toBeNull();
    expect((await userOf('{"id":1,"screen_name":"a","followers_count":1e300,"status":{"id":1e300}}', 'json')).latestStatus).toBeNull();
  });

  it('keeps a numeric screen name given as a string', async () => {
    const u = await userOf('{"id":1,"screen_name":"101010","name":"007"}', 'json');
    expect([u.screenName, u.name]).toEqual(['101010', '007']);
  });

  it('reads null and missing fields as null', async () => {
    const u = await userOf('{"id":1,"screen_name":"a","name":null,"status":null,"followers_count":null}', 'json');
    expect([u.name, u.latestStatus, u.followersCount, u.location]).toEqual([null, null, null, null]);
  });

  it('tolerates a byte-order mark and surrounding whitespace', async () => {
    expect((await userOf('\uFEFF {"id":1,"screen_name":"a"}\n', 'json')).screenName).toBe('a');
  });

  it('reads emoji and right-to-left text from \\u escapes', async () => {
    expect((await userOf('{"id":1,"screen_name":"a","name":"\\ud83d\\ude00 \\u05e9\\u05dc\\u05d5\\u05dd"}', 'json')).name).toBe('😀 שלום');
  });
});

describe('parseUserBody: refusals', () => {
  it('says plainly what was wrong, as bad_response with no status', async () => {
    const cases: [string, 'xml' | 'json', string][] = [
      ['', 'json', "The server's answer is empty."],
      ['   ', 'xml', "The server's answer is empty."],
      ['{"id":', 'json', "The server's answer is not valid JSON."],
      ['<html><body>hi</body>', 'xml', "The server's answer is not valid XML."],
      ['[{"id":1,"screen_name":"a"}]', 'json', "The server's answer is JSON, but not a user object."],
      ['"user"', 'json', "The server's answer is JSON, but not a user object."],
      ['<status><id>1</id></status>', 'xml', "The server's answer is XML, but not a <user>."],
      ['{"id":1}', 'json', "The server's answer is not a usable user: it has no screen name."],
      ['<user><screen_name>a</screen_name></user>', 'xml', "The server's answer is not a usable user: it has no usable id."],
      ['{"screen_name":"a","id":"x1"}', 'json', "The server's answer is not a usable user: it has no usable id."],
      ['{"id":1,"screen_name":"a"}', 'xml', "The server's answer is not valid XML."],
      ['<user><id>1</id><screen_name>a</screen_name></user>', 'json', "The server's answer is not valid JSON."],
    ];
    for (const [text, format, message] of cases) {
      expect(await errorOf(text, format), `${format}: ${text}`).toEqual({ kind: 'bad_response', status: null, code: null, message });
    }
  });

  it('refuses DOCTYPE and entity bodies, never expanding them', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE user [<!ENTITY a "${'a'.repeat(1000)}">${Array.from(
      { length: 20 },
      (_, i) => `<!ENTITY e${i} "${(i === 0 ? '&a;' : `&e${i - 1};`).repeat(10)}">`,
    ).join('')}]><user><id>1</id><screen_name>&e19;</screen_name></user>`;
    const error = await errorOf(lol, 'xml');
    expect(error.kind).toBe('bad_response');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it("shows the server's words when a 2xx carries an error envelope", async () => {
    expect(await errorOf('{"errors":[{"code":89,"message":"Invalid or expired token."}]}', 'json')).toEqual({
      kind: 'bad_response',
      status: null,
      code: 89,
      message: 'The server answered with an error instead of a user: Invalid or expired token.',
    });
    expect((await errorOf('<hash><request>/1/x.xml</request><error>Not found</error></hash>', 'xml')).message).toBe(
      'The server answered with an error instead of a user: Not found',
    );
  });
});

describe('parseUsersBody', () => {
  const two = '<users type="array"><user><id>1</id><screen_name>one</screen_name></user><user><id>2</id><screen_name>two</screen_name></user></users>';

  it('reads XML lists of zero, one and many users', async () => {
    const names = async (text: string) => {
      const parsed = await parseUsersBody(text, 'xml');
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.users.map((u) => u.screenName);
    };
    expect(await names('<users type="array"></users>')).toEqual([]);
    expect(await names('<users/>')).toEqual([]);
    expect(await names('<users type="array"><user><id>1</id><screen_name>101010</screen_name></user></users>')).toEqual(['101010']);
    expect(await names(two)).toEqual(['one', 'two']);
  });

  it('reads JSON arrays of zero, one and many users', async () => {
    const ids = async (text: string) => {
      const parsed = await parseUsersBody(text, 'json');
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.users.map((u) => u.id);
    };
    expect(await ids('[]')).toEqual([]);
    expect(await ids('[{"id":18446744073709551615,"screen_name":"a"}]')).toEqual(['18446744073709551615']);
    expect(await ids('[{"id":1,"screen_name":"a"},{"id":18446744073709551615,"screen_name":"b"}]')).toEqual(['1', '18446744073709551615']);
    expect(await ids(`[${DOUG_JSON},{"id_str":"2","screen_name":"b"}]`)).toEqual(['1401881', '2']);
  });

  it('refuses a list with an unusable user, saying which', async () => {
    expect(await parseUsersBody('[{"id":1,"screen_name":"a"},{"id":2}]', 'json')).toEqual({
      ok: false,
      error: { kind: 'bad_response', status: null, code: null, message: "User 2 of 2 in the server's answer has no screen name." },
    });
  });

  it('refuses what is not a list', async () => {
    for (const [text, format] of [
      ['{"id":1,"screen_name":"a"}', 'json'],
      ['<user><id>1</id><screen_name>a</screen_name></user>', 'xml'],
      ['{"errors":[{"code":88,"message":"Rate limit exceeded"}]}', 'json'],
      ['nope', 'json'],
    ] as const) {
      const parsed = await parseUsersBody(text, format);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error.kind).toBe('bad_response');
    }
  });
});

describe('ids no server issues (issue 13)', () => {
  it('beyond 2^64 − 1, or in exponent form, are bad_response in JSON and XML', async () => {
    for (const id of ['18446744073709551616', '99999999999999999999999999']) {
      expect((await errorOf(`{"id":${id},"screen_name":"a"}`, 'json')).kind, id).toBe('bad_response');
      expect((await errorOf(`{"id_str":"${id}","screen_name":"a"}`, 'json')).kind, id).toBe('bad_response');
      expect((await errorOf(xmlUser(`<id>${id}</id><screen_name>a</screen_name>`), 'xml')).kind, id).toBe('bad_response');
    }
    for (const id of ['1e21', '1.5E+30', '12345678901234567890e5']) {
      expect((await errorOf(`{"id":${id},"screen_name":"a"}`, 'json')).kind, id).toBe('bad_response');
      expect((await errorOf(`{"id_str":"${id}","screen_name":"a"}`, 'json')).kind, id).toBe('bad_response');
      expect((await errorOf(xmlUser(`<id>${id}</id><screen_name>a</screen_name>`), 'xml')).kind, id).toBe('bad_response');
    }
    expect((await userOf('{"id":18446744073709551615,"screen_name":"a"}', 'json')).id).toBe('18446744073709551615');
  });
});
