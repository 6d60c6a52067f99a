/**
 * An in-memory `window.befriend` for component tests: a tiny server with a few people, one
 * account and a history, behaving like main's handlers do (typed results, never a rejection).
 * It is a `BefriendApi` by construction: a channel left out, or an answer of the wrong shape,
 * does not compile. The end-to-end suite runs the real handlers; this keeps the component tests
 * fast and exact.
 */
import type {
  AccountView,
  BefriendApi,
  ChannelName,
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

export const SETTINGS: SettingsState = {
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

/** The channels, replaceable (`handle`) after a store took the API: screens with their own fake use it. */
type Channels = { -readonly [K in ChannelName]: BefriendApi[K] };

export interface FakeServer {
  api: BefriendApi;
  users: User[];
  accounts: AccountView[];
  activeId: string | null;
  following: Set<string>;
  settings: SettingsState;
  /** Every call that acts or asks the server, in order: channel and request. */
  calls: { channel: ChannelName; request: unknown }[];
  /** When set, the next follow answers with this failure. */
  nextFailure: IpcFailure | null;
  /** When set, every search answers with this failure. */
  failSearch: IpcFailure | null;
  /** When true, main's own look-up for an "already following" card fails: the answer has `user: null`. */
  cardLookupFails: boolean;
  /**
   * When true, follows, look-ups, searches, unfollows and the sandbox wait until `release()`
   * (or answer in the order the test picks), or until cancelled.
   */
  hold: boolean;
  held: (() => void)[];
  release(index?: number): void;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  handle<K extends ChannelName>(channel: K, handler: BefriendApi[K]): void;
}

export function createFakeServer(options: { accounts?: AccountView[]; users?: User[] } = {}): FakeServer {
  const listeners: { [K in EventName]: Set<(payload: EventPayload<K>) => void> } = {
    openProfile: new Set(),
    changed: new Set(),
    notice: new Set(),
    bulk: new Set(),
  };
  const history: HistoryEntry[] = [];
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

  const settingsState = () => ({ ok: true as const, ...server.settings });

  const account = (id: string): AccountView | IpcFailure =>
    server.accounts.find((a) => a.id === id) ?? fail('invalid_request', 'No such account.');

  /** Keeps the entry and tells the windows, as main does. */
  const record = (entry: Omit<HistoryEntry, 'id' | 'at' | 'accountId' | 'accountLabel'>) => {
    history.unshift({
      id: String(history.length + 1),
      at: new Date().toISOString(),
      accountId: server.activeId ?? '',
      accountLabel: server.accounts.find((a) => a.id === server.activeId)?.label ?? '',
      ...entry,
    });
    server.emit('changed', { topic: 'history' });
  };

  const noBulkFollow = async () => fail('invalid_request', 'No bulk follow.');

  const channels: Channels = {
    async follow(request) {
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
        const user = server.cardLookupFails ? null : { ...found, following: true };
        record({ action: 'follow', target: request.target, outcome: 'already_following', user, error: null });
        const refusal = fail('already_following', `Could not follow user: ${found.screenName} is already on your list.`, 403);
        return { ...refusal, user };
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
    async lookup(request) {
      server.calls.push({ channel: 'lookup', request });
      if ((await gate(request.requestId)) === 'cancelled') return CANCELLED;
      const found = find(request.target, request.numericAs);
      if ('ok' in found) return found;
      return { ok: true, user: { ...found, following: server.following.has(found.id) }, rateLimit: null };
    },
    async search(request) {
      server.calls.push({ channel: 'search', request });
      if ((await gate(request.requestId)) === 'cancelled') return CANCELLED;
      if (server.failSearch) return server.failSearch;
      const q = request.query.toLowerCase();
      const users = server.users.filter((u) => u.screenName.toLowerCase().startsWith(q) || (u.name ?? '').toLowerCase().startsWith(q));
      return { ok: true, users, rateLimit: null };
    },
    async unfollow(request) {
      server.calls.push({ channel: 'unfollow', request });
      await gate();
      const found = find(request.target, request.numericAs);
      if ('ok' in found) return found;
      server.following.delete(found.id);
      record({ action: 'unfollow', target: request.target, outcome: 'unfollowed', user: found, error: null });
      return { ok: true, user: found, rateLimit: null };
    },
    async cancel(request) {
      server.calls.push({ channel: 'cancel', request });
      const stop = inFlight.get(request.requestId);
      inFlight.delete(request.requestId);
      stop?.();
      return { ok: true, cancelled: stop !== undefined };
    },

    async listAccounts() {
      return accountsState();
    },
    async addAccount(request) {
      server.calls.push({ channel: 'addAccount', request });
      const added: AccountView = {
        ...ACCOUNT,
        id: `acct-${server.accounts.length + 1}`,
        label: request.label ?? request.apiBase,
        profile: request.profile,
        apiBase: request.apiBase,
        username: request.credentials.mode === 'basic' ? request.credentials.username : null,
        sandbox: false,
      };
      server.accounts = [...server.accounts, added];
      server.activeId = added.id;
      return { ok: true, account: added };
    },
    async updateAccount(request) {
      server.calls.push({ channel: 'updateAccount', request });
      const found = account(request.id);
      if ('ok' in found) return found;
      const { credentials: _secret, oauthBase, ...changes } = request;
      const updated = { ...found, ...changes, oauthBase: oauthBase === undefined ? found.oauthBase : oauthBase };
      server.accounts = server.accounts.map((a) => (a.id === found.id ? updated : a));
      return { ok: true, account: updated };
    },
    async removeAccount(request) {
      server.calls.push({ channel: 'removeAccount', request });
      const found = account(request.id);
      if ('ok' in found) return found;
      server.accounts = server.accounts.filter((a) => a.id !== found.id);
      if (server.activeId === found.id) server.activeId = server.accounts[0]?.id ?? null;
      return accountsState();
    },
    async switchAccount(request) {
      server.calls.push({ channel: 'switchAccount', request });
      const found = account(request.id);
      if ('ok' in found) return found;
      server.activeId = found.id;
      return accountsState();
    },
    async verifyAccount(request) {
      server.calls.push({ channel: 'verifyAccount', request });
      const found = account(request.id);
      if ('ok' in found) return found;
      return { ok: true, user: makeUser({ id: found.self?.id ?? '1', screenName: found.username ?? 'me' }), rateLimit: null };
    },
    async startOAuth(request) {
      server.calls.push({ channel: 'startOAuth', request });
      return { ok: true, flowId: 'flow-1', authorizeUrl: `${request.apiBase}/oauth/authorize` };
    },
    async finishOAuth(request) {
      server.calls.push({ channel: 'finishOAuth', request });
      return fail('unauthorized', 'The PIN was not accepted.', 401);
    },
    async startSandbox() {
      server.calls.push({ channel: 'startSandbox', request: {} });
      await gate();
      server.accounts = [ACCOUNT];
      server.activeId = ACCOUNT.id;
      return { ok: true, account: ACCOUNT, apiBase: ACCOUNT.apiBase };
    },

    async getSettings() {
      return settingsState();
    },
    async setSettings(request) {
      server.calls.push({ channel: 'setSettings', request });
      server.settings = { ...server.settings, settings: { ...server.settings.settings, ...request } };
      return settingsState();
    },
    async setShortcut(request) {
      server.calls.push({ channel: 'setShortcut', request });
      server.settings = {
        settings: { ...server.settings.settings, shortcut: request.accelerator },
        status: { ...server.settings.status, shortcutActive: request.accelerator },
      };
      return { ok: true, accelerator: request.accelerator };
    },
    async testShortcut(request) {
      server.calls.push({ channel: 'testShortcut', request });
      return { ok: true, accelerator: request.accelerator, available: true, reason: null };
    },

    async listHistory() {
      return { ok: true, entries: [...history] };
    },
    async clearHistory() {
      history.length = 0;
      return { ok: true, entries: [] };
    },

    async openExternal(request) {
      server.calls.push({ channel: 'openExternal', request });
      return { ok: true };
    },
    async showInMain(request) {
      server.calls.push({ channel: 'showInMain', request });
      return { ok: true };
    },
    async closeQuickFollow() {
      server.calls.push({ channel: 'closeQuickFollow', request: {} });
      return { ok: true };
    },

    bulkPreview: noBulkFollow,
    bulkStart: noBulkFollow,
    bulkPause: noBulkFollow,
    bulkResume: noBulkFollow,
    bulkCancel: noBulkFollow,
    bulkRetryFailed: noBulkFollow,
    bulkSetOptions: noBulkFollow,
    bulkStatus: async () => ({ ok: true, job: null }),
    bulkItems: async () => ({ ok: true, total: 0, items: [] }),
    bulkExportCsv: noBulkFollow,
    moveFollowsPreview: noBulkFollow,
    moveFollowsStart: noBulkFollow,
  };

  const subscribe =
    <K extends EventName>(name: K) =>
    (listener: (payload: EventPayload<K>) => void): (() => void) => {
      listeners[name].add(listener);
      return () => listeners[name].delete(listener);
    };

  const server: FakeServer = {
    api: Object.assign(channels, {
      onOpenProfile: subscribe('openProfile'),
      onChanged: subscribe('changed'),
      onNotice: subscribe('notice'),
      onBulk: subscribe('bulk'),
    }),
    users: options.users ?? [DOUG, DOUGFAN, LOCKED, BINARY, TENTEN],
    accounts: options.accounts ?? [ACCOUNT],
    activeId: (options.accounts ?? [ACCOUNT])[0]?.id ?? null,
    following: new Set(),
    settings: structuredClone(SETTINGS),
    calls: [],
    nextFailure: null,
    failSearch: null,
    cardLookupFails: false,
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
      for (const listener of listeners[name]) listener(payload);
    },
    handle(channel, handler) {
      channels[channel] = handler;
    },
  };
  return server;
}
