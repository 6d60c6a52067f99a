/**
 * Whatever a server sends, the body parsers and the failure classifier answer with a well-formed
 * typed result, never an exception; and one user sent as JSON or as XML comes to the same `User`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../core/classify-error.js';
import { MAX_MESSAGE_LENGTH } from '../../../core/format/error-body.js';
import { parseUserBody, parseUsersBody } from '../../../core/format/parse-user-body.js';
import { ERROR_KINDS, type ApiError, type Format, type LatestStatus, type User } from '../../../core/types.js';
import { DOUG_JSON, DOUG_XML } from '../../fixtures/doug-williams.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function expectNullable(value: unknown, check: (present: unknown) => boolean, what: string): void {
  expect(value === null || check(value), `${what}: ${String(value)}`).toBe(true);
}

const isText = (v: unknown) => typeof v === 'string' && v !== '' && v === v.trim();
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isDigits = (v: unknown) => typeof v === 'string' && /^[0-9]+$/.test(v);
const isWebUrl = (v: unknown) => typeof v === 'string' && /^https?:/i.test(new URL(v).protocol);

function expectStatus(status: LatestStatus): void {
  expect(Object.keys(status).sort()).toEqual(
    ['createdAt', 'favorited', 'id', 'inReplyToScreenName', 'inReplyToStatusId', 'inReplyToUserId', 'source', 'text', 'truncated'],
  );
  expectNullable(status.id, isDigits, 'status id');
  expectNullable(status.text, isText, 'status text');
  expectNullable(status.createdAt, (v) => ISO_DATE.test(String(v)), 'status createdAt');
  expectNullable(status.truncated, isBoolean, 'truncated');
  expectNullable(status.favorited, isBoolean, 'favorited');
  expectNullable(status.inReplyToStatusId, isDigits, 'inReplyToStatusId');
  expectNullable(status.inReplyToUserId, isDigits, 'inReplyToUserId');
  expectNullable(status.inReplyToScreenName, isText, 'inReplyToScreenName');
  if (status.source !== null) {
    expect(status.source.name).not.toBe('');
    expectNullable(status.source.url, isWebUrl, 'source url');
  }
}

function expectUser(user: User): void {
  expect(isDigits(user.id), `id ${user.id}`).toBe(true);
  expect(isText(user.screenName), `screenName ${user.screenName}`).toBe(true);
  for (const key of ['name', 'location', 'description', 'timeZone'] as const) expectNullable(user[key], isText, key);
  for (const key of ['url', 'profileImageUrl'] as const) expectNullable(user[key], isWebUrl, key);
  for (const key of ['followersCount', 'friendsCount', 'statusesCount', 'favouritesCount'] as const) {
    expectNullable(user[key], isCount, key);
  }
  for (const key of ['protected', 'verified', 'following', 'notifications', 'followRequestSent'] as const) {
    expectNullable(user[key], isBoolean, key);
  }
  expectNullable(user.utcOffset, (v) => Number.isSafeInteger(v), 'utcOffset');
  expectNullable(user.createdAt, (v) => ISO_DATE.test(String(v)), 'createdAt');
  if (user.latestStatus !== null) expectStatus(user.latestStatus);
}

function expectBadResponse(error: ApiError): void {
  expect(error.kind).toBe('bad_response');
  expect(error.status).toBeNull();
  expectNullable(error.code, (v) => Number.isSafeInteger(v), 'code');
  expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
}

async function expectWellFormedBodies(text: string): Promise<void> {
  for (const format of ['json', 'xml'] as const) {
    const one = await parseUserBody(text, format);
    if (one.ok) expectUser(one.user);
    else expectBadResponse(one.error);
    const many = await parseUsersBody(text, format);
    if (many.ok) many.users.forEach(expectUser);
    else expectBadResponse(many.error);
  }
}

function expectWellFormedFailure(error: ApiError, status: number): void {
  expect(ERROR_KINDS).toContain(error.kind);
  expect(error.status).toBe(status);
  expectNullable(error.code, (v) => Number.isSafeInteger(v), 'code');
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH + 100);
  expect(error.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
}

/** Text XML 1.0 can carry as written (no other controls, no \r, which XML turns into \n). */
const XML_TEXT = /^[\t\n\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

const tricky = fc.constantFrom('&amp;', '&lt;b&gt;', '&#8217;', '&#x1F600;', '<script>alert(1)</script>', '101010', '007', ' ', '\t', 'مرحبا', '👋🏽', '&nbsp;', ']]>');
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), tricky), { maxLength: 5 })
  .map((parts) => parts.join(''))
  .filter((s) => XML_TEXT.test(s));

const id = fc.bigInt(0n, 2n ** 64n - 1n);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twitterDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
  });
const source = fc.oneof(
  text,
  fc.tuple(fc.webUrl(), text).map(([url, name]) => `<a href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" rel="nofollow">${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a>`),
);

/** A field is present with a value, present but empty (null in JSON), or missing. */
function maybe<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof(value, fc.constant(null), fc.constant(undefined));
}

const statusFields = fc.record({
  id,
  text: maybe(text),
  created_at: maybe(twitterDate),
  source: maybe(source),
  truncated: maybe(fc.boolean()),
  favorited: maybe(fc.boolean()),
  in_reply_to_status_id: maybe(id),
  in_reply_to_user_id: maybe(id),
  in_reply_to_screen_name: maybe(text),
});

const userFields = fc.record({
  id,
  screen_name: text,
  name: maybe(text),
  location: maybe(text),
  description: maybe(text),
  url: maybe(fc.webUrl()),
  protected: maybe(fc.boolean()),
  verified: maybe(fc.boolean()),
  followers_count: maybe(fc.nat()),
  friends_count: maybe(fc.nat()),
  created_at: maybe(twitterDate),
  utc_offset: maybe(fc.integer({ min: -50400, max: 50400 })),
  time_zone: maybe(text),
  following: maybe(fc.boolean()),
  follow_request_sent: maybe(fc.boolean()),
  status: maybe(statusFields),
  extra_field: maybe(text),
});

type Fields = Record<string, unknown>;

/** JSON as a server writes it: integers as bare literals, however long. */
function toJson(fields: Fields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    let literal: string;
    if (typeof value === 'bigint') literal = value.toString();
    else if (typeof value === 'object' && value !== null) literal = toJson(value as Fields);
    else literal = JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${literal}`);
  }
  return `{${parts.join(',')}}`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toXmlFields(fields: Fields): string {
  let xml = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) xml += `<${key}></${key}>`;
    else if (typeof value === 'object') xml += `<${key}>${toXmlFields(value as Fields)}</${key}>`;
    else xml += `<${key}>${escapeXml(String(value))}</${key}>`;
  }
  return xml;
}

const toXml = (fields: Fields) => `<?xml version="1.0" encoding="UTF-8"?>\n<user>${toXmlFields(fields)}</user>`;

describe('properties: both formats agree', () => {
  it('one user as JSON and as XML normalizes to the same User, ids exact', async () => {
    await fc.assert(
      fc.asyncProperty(userFields, async (fields) => {
        const fromJson = await parseUserBody(toJson(fields), 'json');
        const fromXml = await parseUserBody(toXml(fields), 'xml');
        expect(fromXml.ok).toBe(fromJson.ok);
        if (fromJson.ok && fromXml.ok) {
          expect(fromXml.user).toEqual(fromJson.user);
          expect(fromJson.user.id).toBe(fields.id.toString());
          expectUser(fromJson.user);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('properties: nothing makes the body parsers throw', () => {
  it('random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (body) => expectWellFormedBodies(body)),
      { numRuns: 300 },
    );
  });

  it('truncated and spliced documents', async () => {
    const documents = fc.oneof(
      fc.constantFrom(DOUG_XML, DOUG_JSON),
      userFields.map(toJson),
      userFields.map(toXml),
    );
    await fc.assert(
      fc.asyncProperty(documents, fc.nat(), fc.string({ maxLength: 8 }), fc.boolean(), async (document, at, insert, truncate) => {
        const cut = at % (document.length + 1);
        await expectWellFormedBodies(truncate ? document.slice(0, cut) : document.slice(0, cut) + insert + document.slice(cut));
      }),
      { numRuns: 300 },
    );
  });

  it('random field types', async () => {
    const keys = ['id', 'id_str', 'screen_name', 'name', 'url', 'followers_count', 'protected', 'created_at', 'utc_offset', 'status', 'source', 'text', 'profile_image_url'];
    const anyValue = fc.anything({ maxDepth: 3, withBigInt: false });
    const raw = fc.dictionary(fc.constantFrom(...keys), anyValue);
    const withStatus = fc.tuple(raw, raw).map(([user, status]) => ({ ...user, status }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(raw, withStatus), async (fields) => {
        let body: string;
        try {
          body = JSON.stringify(fields);
        } catch {
          return;
        }
        if (body === undefined) return;
        await expectWellFormedBodies(body);
        await expectWellFormedBodies(`[${body},${body}]`);
      }),
      { numRuns: 300 },
    );
  });

  it('huge numbers stay exact wherever they are, up to the 2^64 − 1 an id can be (issue 13)', async () => {
    const MAX_ID = 2n ** 64n - 1n;
    await fc.assert(
      fc.asyncProperty(fc.bigInt(-(10n ** 40n), 10n ** 40n), async (n) => {
        const size = n < 0n ? -n : n;
        const body = `{"id":${size},"screen_name":"a","followers_count":${n},"status":{"id":${n},"text":"x"}}`;
        const parsed = await parseUserBody(body, 'json');
        // An id beyond what any server issues is a broken answer, not an account.
        expect(parsed.ok).toBe(size <= MAX_ID);
        if (parsed.ok) {
          expect(parsed.user.id).toBe(size.toString());
          expect(parsed.user.followersCount).toBe(n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null);
          expect(parsed.user.latestStatus?.id ?? null).toBe(n >= 0n ? n.toString() : null);
        } else {
          expect(parsed.error.kind).toBe('bad_response');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deep nesting: 100 000 levels, quickly', async () => {
    const depth = 100_000;
    const bodies = [
      '['.repeat(depth) + ']'.repeat(depth),
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      `{"id":1,"screen_name":"a","status":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      '<a>'.repeat(depth) + '</a>'.repeat(depth),
      `<users>${'<user>'.repeat(depth)}${'</user>'.repeat(depth)}</users>`,
      '['.repeat(depth),
      '<a>'.repeat(depth),
    ];
    for (const body of bodies) {
      const started = performance.now();
      await expectWellFormedBodies(body);
      expectWellFormedFailure(await classifyFailure(500, body, null), 500);
      // Linear work takes well under a second; a quadratic parser would take minutes. The budget
      // between the two leaves room for a loaded machine.
      expect(performance.now() - started).toBeLessThan(30_000);
    }
  });

  it('pathological markup stays linear', async () => {
    const size = 1 << 19;
    for (const body of ['<'.repeat(size), '<title'.repeat(size / 8), '<a href="'.repeat(size / 16), '&'.repeat(size), '&#'.repeat(size / 2)]) {
      const started = performance.now();
      await expectWellFormedBodies(body);
      expectWellFormedFailure(await classifyFailure(502, body, 'text/html'), 502);
      expectWellFormedFailure(await classifyFailure(502, body, null), 502);
      // As above: far from quadratic, whatever the machine's load.
      expect(performance.now() - started, body.slice(0, 10)).toBeLessThan(30_000);
    }
  });
});

describe('properties: nothing makes classifyFailure throw', () => {
  const message = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tricky);
  const code = fc.oneof(fc.integer(), fc.constantFrom(32, 34, 50, 63, 64, 88, 89, 108, 130, 135, 160, 161, 162, 215, 326), fc.string(), fc.double());
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc.tuple(message, code).map(([m, c]) => JSON.stringify({ errors: [{ code: c, message: m }] })),
    fc.tuple(message, fc.boolean()).map(([m, r]) => JSON.stringify(r ? { request: '/1/x.json', error: m } : { error: m })),
    message.map((m) => `<hash><error>${escapeXml(m)}</error><request>/1/x.xml</request></hash>`),
    fc.tuple(message, code).map(([m, c]) => `<errors><error code="${escapeXml(String(c))}">${escapeXml(m)}</error></errors>`),
    message.map((m) => `<html><head><title>${m}</title></head><body>${m}</body></html>`),
    fc.anything().map((v) => {
      try {
        return JSON.stringify(v) ?? '';
      } catch {
        return '';
      }
    }),
  );
  const contentType = fc.option(fc.oneof(fc.string(), fc.constantFrom('application/json', 'text/html; charset=utf-8', 'application/xml', 'text/plain')));

  it('any status, body and content type give one well-formed ApiError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 999 }), body, contentType, async (status, text, type) => {
        expectWellFormedFailure(await classifyFailure(status, text, type), status);
      }),
      { numRuns: 500 },
    );
  });

  it('every 4xx and 5xx maps to a kind that is not a transport or client-side one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 400, max: 599 }), body, async (status, text) => {
        expect(['network', 'invalid_request', 'bad_response']).not.toContain((await classifyFailure(status, text, null)).kind);
      }),
      { numRuns: 300 },
    );
  });
});

describe('properties: format is honoured', () => {
  it('a JSON user is never read as XML and the other way round', async () => {
    await fc.assert(
      fc.asyncProperty(userFields, async (fields) => {
        const cases: [string, Format][] = [
          [toJson(fields), 'xml'],
          [toXml(fields), 'json'],
        ];
        for (const [body, format] of cases) expect((await parseUserBody(body, format)).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
