/**
 * Every channel fed what a hostile or buggy page could send: wrong types, huge strings,
 * `__proto__` and other unknown keys, non-objects. Each answer is a typed `invalid_request`,
 * nothing is sent to the server, nothing throws, and main keeps answering afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { invokeChannel } from '../../electron/main/ipc/handlers.js';
import { REQUEST_SCHEMAS } from '../../electron/main/ipc/schemas.js';
import { CHANNEL_NAMES, EVENT_NAMES, LIMITS, type BefriendApi, type ChannelName, type RequestOf } from '../../electron/shared/contract.js';

let dataDir: string;
let sandbox: Sandbox;
let main: HeadlessMain;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-bad-input-'));
  sandbox = await startSandbox();
  main = createHeadlessMain({ dataDir, startSandbox: async () => sandbox });
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
});

afterAll(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One well-formed request per channel; the table must name every channel (compile-time). */
const VALID: { [K in ChannelName]: Exclude<RequestOf<K>, undefined> } = {
  follow: { target: '@dougw', numericAs: 'screen_name', idInPath: false, notify: false, format: 'json', accountId: 'a1', requestId: 'r1' },
  lookup: { target: '@dougw', format: 'xml', requestId: 'r2' },
  search: { query: 'doug', count: 5, format: 'json', requestId: 'r3' },
  unfollow: { target: '@dougw' },
  cancel: { requestId: 'r1' },
  listAccounts: {},
  addAccount: {
    label: 'x',
    profile: 'twitter-v1',
    apiBase: 'http://127.0.0.1:1/1',
    oauthBase: 'http://127.0.0.1:1/oauth',
    format: 'json',
    notifyByDefault: false,
    allowInsecureBasic: false,
    hasUserSearch: true,
    credentials: { mode: 'basic', username: 'u', password: 'p' },
  },
  updateAccount: { id: 'a1', label: 'y', notifyByDefault: true },
  removeAccount: { id: 'a1' },
  switchAccount: { id: 'a1' },
  verifyAccount: { id: 'a1' },
  startOAuth: { profile: 'custom', apiBase: 'http://127.0.0.1:1/1', consumerKey: 'k', consumerSecret: 's' },
  finishOAuth: { flowId: 'f1', pin: '123456' },
  startSandbox: {},
  getSettings: {},
  setSettings: { theme: 'dark' },
  listHistory: { limit: 3 },
  clearHistory: {},
  setShortcut: { accelerator: 'Ctrl+Alt+F' },
  testShortcut: { accelerator: 'Ctrl+Alt+F' },
  openExternal: { url: 'https://example.org' },
  showInMain: { target: '@dougw' },
  closeQuickFollow: {},
  bulkPreview: { text: '@dougw\n@jack', numericAs: 'user_id', lookups: 2, accountId: 'a1' },
  bulkStart: { text: '@dougw', concurrency: 2, pacePerMinute: 30, notify: false, numericAs: 'screen_name' },
  bulkPause: { accountId: 'a1' },
  bulkResume: { accountId: 'a1' },
  bulkCancel: { accountId: 'a1' },
  bulkRetryFailed: { accountId: 'a1' },
  bulkSetOptions: { concurrency: 3, pacePerMinute: null },
  bulkStatus: { accountId: 'a1' },
  bulkItems: { states: ['done', 'failed'], search: 'doug', offset: 0, limit: 50 },
  bulkExportCsv: { accountId: 'a1' },
  moveFollowsPreview: { fromAccountId: 'a1', toAccountId: 'a2' },
  moveFollowsStart: { fromAccountId: 'a1', toAccountId: 'a2', concurrency: 2, pacePerMinute: null, notify: true },
};

const HUGE = 'x'.repeat(1_000_000);

function variants(valid: Record<string, unknown>): [string, unknown][] {
  const bad: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['a string', 'follow @dougw'],
    ['an array', [valid]],
    ['a function-looking string', '() => process.exit()'],
    ['an unknown field', { ...valid, extra: true }],
    ['a __proto__ key', JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(valid).slice(1)}`.replace(/,}$/, '}'))],
    ['a constructor key', { ...valid, constructor: { prototype: { polluted: true } } }],
  ];
  for (const [key, value] of Object.entries(valid)) {
    bad.push([`${key} as an object`, { ...valid, [key]: { nested: value } }]);
    // A bulk list may be megabytes long: its text is huge only past its own cap.
    const huge = key === 'text' ? 'x'.repeat(LIMITS.bulkText + 1) : HUGE;
    bad.push([`${key} huge`, { ...valid, [key]: typeof value === 'object' ? { mode: HUGE } : huge }]);
    if (typeof value === 'string') bad.push([`${key} as a number`, { ...valid, [key]: 7 }]);
  }
  return bad;
}

function expectInvalid(result: unknown): void {
  expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request', status: null, code: null } });
  const message = (result as { error: { message: string } }).error.message;
  expect(message.length).toBeLessThan(600);
  expect(message).not.toContain('xxxxxxxxxx');
}

describe('every channel refuses bad payloads with invalid_request', () => {
  it('covers exactly the contract channels', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  for (const name of CHANNEL_NAMES) {
    it(name, async () => {
      const before = sandbox.requests.length;
      for (const [what, payload] of variants(VALID[name] as Record<string, unknown>)) {
        const answer = main.handlers[name](payload);
        await expect(answer, `${name} with ${what}`).resolves.toBeDefined();
        expectInvalid(await answer);
      }
      expect(sandbox.requests.length).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('accepts the well-formed request of every channel (the schemas are not simply closed)', () => {
    for (const name of CHANNEL_NAMES) {
      expect(REQUEST_SCHEMAS[name].safeParse(VALID[name]).success, name).toBe(true);
    }
  });

  it('never throws on arbitrary values, and main still follows afterwards', async () => {
    const names = CHANNEL_NAMES.filter((n) => n !== 'startSandbox' && n !== 'clearHistory' && n !== 'closeQuickFollow');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything({ withObjectString: true, withNullPrototype: true }), async (name, payload) => {
        const result = (await main.handlers[name](payload)) as { ok: unknown };
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    const follow = await main.handlers.follow({ target: '@dougwfan' });
    expect(follow.ok).toBe(true);
  });

  it('refuses unknown channel names from transports that carry them as data', async () => {
    expectInvalid(await invokeChannel(main.handlers, 'constructor', {}));
    expectInvalid(await invokeChannel(main.handlers, '__proto__', {}));
    expectInvalid(await invokeChannel(main.handlers, 42, {}));
    const listed = (await invokeChannel(main.handlers, 'listAccounts', {})) as { ok: boolean };
    expect(listed.ok).toBe(true);
  });
});

describe('the renderer API type', () => {
  it('has one function per channel and one subscription per event', () => {
    expectTypeOf<keyof BefriendApi>().toEqualTypeOf<ChannelName | 'onOpenProfile' | 'onChanged' | 'onNotice' | 'onBulk'>();
    expectTypeOf<BefriendApi['follow']>().parameter(0).toEqualTypeOf<RequestOf<'follow'>>();
    expectTypeOf<Parameters<BefriendApi['listAccounts']>>().toEqualTypeOf<[request?: RequestOf<'listAccounts'>]>();
    expect(EVENT_NAMES).toEqual(['openProfile', 'changed', 'notice', 'bulk']);
  });
});
