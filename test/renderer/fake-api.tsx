/**
 * An in-memory `window.befriend` for component tests: a tiny server with a few people, one
 * account and a history, behaving like main's handlers do (typed results, never a rejection).
 * The end-to-end suite runs the real handlers; this keeps the component tests fast and exact.
 */
import type {
  AccountView,
  BefriendApi,
  EventName,
  EventPayload,
  HistoryEntry,
  IpcFailure,
  RequestOf,
  SettingsState,
} from '../../electron/shared/contract.js';
import { parseTarget } from '../../core/target.js';
import type { ApiError, ErrorKind, RateLimit, User } from '../../core/types.js';

export function makeUser(fields: Partial<User> & Pick<User, 'id' | 'screenName'>): User {
  return {
    name: null,
    location: null,
    description: null,
    url: null,
    profileImageUrl: null,
    protected: false,
    verified: false,
    followersCount: 10,
    friendsCount: 5,
    statusesCount: 1,
    favouritesCount: 0,
    createdAt: '2009-01-05T12:00:00.000Z',
    utcOffset: null,
    timeZone: null,
    following: false,
    notifications: false,
    followRequestSent: false,
    latestStatus: null,
    ...fields,
  };
}

export const DOUG = makeUser({
  id: '1401881',
  screenName: 'dougw',
  name: 'Doug Williams',
  location: 'San Francisco, CA',
  description: 'Twitter API Support.',
  url: 'http://www.igudo.com',
  profileImageUrl: 'http://a1.twimg.com/profile_images/59648642/avatar_normal.png',
  followersCount: 1036,
  friendsCount: 290,
  statusesCount: 3390,
  createdAt: '2007-03-18T06:42:26.000Z',
  latestStatus: {
    id: '1472669360',
    text: 'At least I can get your humor through tweets. RT @abdur: see http://example.com/x.',
    createdAt: '2009-04-07T22:52:51.000Z',
    source: { name: 'TweetDeck', url: 'http://www.tweetdeck.com/' },
    truncated: false,
    favorited: false,
    inReplyToStatusId: null,
    inReplyToUserId: null,
    inReplyToScreenName: null,
  },
});

export const LOCKED = makeUser({ id: '3000001', screenName: 'lockedbox', name: 'Locked Box', protected: true });
export const BINARY = makeUser({ id: '20202020', screenName: '101010', name: 'Binary Fan' });
export const TENTEN = makeUser({ id: '101010', screenName: 'tenten', name: 'Ten Ten' });
export const DOUGFAN = makeUser({ id: '1401882', screenName: 'dougwfan', name: 'Doug W. Fan Club' });

export const ACCOUNT: AccountView = {
  id: 'acct-1',
  label: 'Sandbox (demo)',
  profile: 'custom',
  apiBase: 'http://127.0.0.1:9/1',
  oauthBase: null,
  authMode: 'basic',
  username: 'demo',
  format: 'json',
  notifyByDefault: false,
  allowInsecureBasic: false,
  hasUserSearch: true,
  self: { id: '1000001', screenName: 'demo' },
  sandbox: true,
  secretPersisted: false,
  secretAvailable: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const SETTINGS: SettingsState = {
  settings: {
    shortcut: 'CommandOrControl+Alt+F',
    shortcutEnabled: true,
    trayEnabled: true,
    notificationsEnabled: true,
    quickNumericAs: 'user_id',
    persistSecretsWithoutKeyring: false,
    theme: 'system',
  },
  status: {
    shortcutActive: 'CommandOrControl+Alt+F',
    shortcutProblem: null,
    trayActive: true,
    secretStorage: { backend: 'gnome_libsecret', secure: true, persist: true, message: 'Kept in your keyring.' },
    platform: 'linux',
    dataDir: '/home/me/.config/Befriend',
  },
};

function fail(kind: ErrorKind, message: string, status: number | null = null, rateLimit: RateLimit | null = null): IpcFailure {
  const error: ApiError = { kind, status, code: null, message };
  return { ok: false, error, rateLimit };
}

/** A follow the test holds open, to see the running state and to answer out of order. */
export interface Pending<T> {
  resolve(value?: T): void;
}

export interface FakeServer {
  api: BefriendApi;
  users: User[];
  accounts: AccountView[];
  activeId: string | null;
  following: Set<string>;
  /** Every call, in order: channel and request. */
  calls: { channel: string; request: unknown }[];
  /** When set, the next follow answers with this failure. */
  nextFailure: IpcFailure | null;
  /** When set, every search answers with this failure. */
  failSearch: IpcFailure | null;
  /** When true, calls wait until `release()` (or answer in the order the test picks), or until cancelled. */
  hold: boolean;
  held: (() => void)[];
  release(index?: number): void;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Adds (or replaces) a channel's handler, for screens with their own fake (bulk follow). */
  handle(channel: string, handler: (request: never) => Promise<unknown>): void;
}

export function createFakeServer(options: { accounts?: AccountView[]; users?: User[] } = {}): FakeServer {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const history: HistoryEntry[] = [];
  const server: FakeServer = {
    api: undefined as unknown as BefriendApi,
    users: options.users ?? [DOUG, DOUGFAN, LOCKED, BINARY, TENTEN],
    accounts: options.accounts ?? [ACCOUNT],
    activeId: (options.accounts ?? [ACCOUNT])[0]?.id ?? null,
    following: new Set(),
    calls: [],
    nextFailure: null,
    failSearch: null,
    hold: false,
    held: [],
    release(index) {
      if (index === undefined) {
        const all = server.held.splice(0);
        all.forEach((go) => go());
      } else {
        const [go] = server.held.splice(index, 1);
        go?.();
      }
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    handle(channel, handler) {
      api[channel] = handler;
    },
  };

  /** Held calls by request id, as main keeps them: `cancel` ends one with the cancelled error. */
  const inFlight = new Map<string, () => void>();
  const CANCELLED = fail('network', 'The request was cancelled.');

  const gate = async (requestId?: string): Promise<'go' | 'cancelled'> => {
    if (!server.hold) return 'go';
    return new Promise((done) => {
      const go = () => {
        if (requestId !== undefined) inFlight.delete(requestId);
        done('go');
      };
      server.held.push(go);
      if (requestId !== undefined) {
        inFlight.set(requestId, () => {
          server.held.splice(server.held.indexOf(go), 1);
          done('cancelled');
        });
      }
    });
  };

  const find = (target: string, numericAs?: 'screen_name' | 'user_id'): User | IpcFailure => {
    const parsed = parseTarget(target, { numericAs });
    if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
    const { form, value } = parsed.target;
    const user = server.users.find((u) =>
      form === 'user_id' ? u.id === value : u.screenName.toLowerCase() === value.toLowerCase(),
    );
    return user ?? fail('not_found', 'Not found', 404);
  };

  const accountsState = () => ({
    ok: true as const,
    accounts: server.accounts,
    activeId: server.activeId,
    secretStorage: SETTINGS.status.secretStorage,
  });

  const record = (entry: Omit<HistoryEntry, 'id' | 'at' | 'accountId' | 'accountLabel'>) => {
    history.unshift({
      id: String(history.length + 1),
      at: new Date().toISOString(),
      accountId: server.activeId ?? '',
      accountLabel: server.accounts.find((a) => a.id === server.activeId)?.label ?? '',
      ...entry,
    });
  };

  const api: Record<string, unknown> = {};
  const handlers: Record<string, (request: never) => Promise<unknown>> = {
    async follow(request: RequestOf<'follow'>) {
      server.calls.push({ channel: 'follow', request });
      if ((await gate(request.requestId)) === 'cancelled') return CANCELLED;
      if (server.nextFailure) {
        const failure = server.nextFailure;
        server.nextFailure = null;
        record({ action: 'follow', target: request.target, outcome: 'failed', user: null, error: failure.error });
        return failure;
      }
      const found = find(request.target, request.numericAs);
      if ('ok' in found) {
        record({ action: 'follow', target: request.target, outcome: 'failed', user: null, error: found.error });
        return found;
      }
      if (server.following.has(found.id)) {
        return fail('already_following', `Could not follow user: ${found.screenName} is already on your list.`, 403);
      }
      const user = { ...found, followRequestSent: found.protected === true };
      if (!found.protected) server.following.add(found.id);
      record({
        action: 'follow',
        target: request.target,
        outcome: found.protected ? 'request_pending' : 'followed',
        user,
        error: null,
      });
      return { ok: true, user, rateLimit: null };
    },
    async lookup(request: RequestOf<'lookup'>) {
      server.calls.push({ channel: 'lookup', request });
      if ((await gate(request.requestId)) === 'cancelled') return CANCELLED;
      const found = find(request.target, request.numericAs);
      if ('ok' in found) return found;
      return { ok: true, user: { ...found, following: server.following.has(found.id) }, rateLimit: null };
    },
    async search(request: RequestOf<'search'>) {
      server.calls.push({ channel: 'search', request });
      if ((await gate(request.requestId)) === 'cancelled') return CANCELLED;
      if (server.failSearch) return server.failSearch;
      const q = request.query.toLowerCase();
      const users = server.users.filter((u) => u.screenName.toLowerCase().startsWith(q) || (u.name ?? '').toLowerCase().startsWith(q));
      return { ok: true, users, rateLimit: null };
    },
    async unfollow(request: RequestOf<'unfollow'>) {
      server.calls.push({ channel: 'unfollow', request });
      await gate();
      const found = find(request.target, request.numericAs);
      if ('ok' in found) return found;
      server.following.delete(found.id);
      record({ action: 'unfollow', target: request.target, outcome: 'unfollowed', user: found, error: null });
      return { ok: true, user: found, rateLimit: null };
    },
    async cancel(request: RequestOf<'cancel'>) {
      server.calls.push({ channel: 'cancel', request });
      const stop = inFlight.get(request.requestId);
      inFlight.delete(request.requestId);
      stop?.();
      return { ok: true, cancelled: stop !== undefined };
    },
    async listAccounts() {
      return accountsState();
    },
    async switchAccount(request: RequestOf<'switchAccount'>) {
      server.calls.push({ channel: 'switchAccount', request });
      if (!server.accounts.some((a) => a.id === request.id)) return fail('invalid_request', 'No such account.');
      server.activeId = request.id;
      return accountsState();
    },
    async startSandbox() {
      server.calls.push({ channel: 'startSandbox', request: {} });
      await gate();
      server.accounts = [ACCOUNT];
      server.activeId = ACCOUNT.id;
      return { ok: true, account: ACCOUNT, apiBase: ACCOUNT.apiBase };
    },
    async getSettings() {
      return { ok: true, ...SETTINGS };
    },
    async listHistory() {
      return { ok: true, entries: [...history] };
    },
    async clearHistory() {
      history.length = 0;
      return { ok: true, entries: [] };
    },
    async showInMain(request: RequestOf<'showInMain'>) {
      server.calls.push({ channel: 'showInMain', request });
      return { ok: true };
    },
    async closeQuickFollow() {
      server.calls.push({ channel: 'closeQuickFollow', request: {} });
      return { ok: true };
    },
    async openExternal(request: RequestOf<'openExternal'>) {
      server.calls.push({ channel: 'openExternal', request });
      return { ok: true };
    },
  };

  for (const [name, handler] of Object.entries(handlers)) api[name] = handler;
  for (const event of ['openProfile', 'changed', 'notice', 'bulk']) {
    api[`on${event[0]!.toUpperCase()}${event.slice(1)}`] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    };
  }
  server.api = new Proxy(api, {
    get(target, name: string) {
      if (name in target) return target[name];
      return async () => fail('invalid_request', `The fake has no ${name}.`);
    },
  }) as unknown as BefriendApi;
  return server;
}
