// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../renderer/src/store/app-store.js';
import { PROGRESS_DELAY_MS } from '../../renderer/src/store/follow-slice.js';
import { searchQueryFor } from '../../renderer/src/store/search-slice.js';
import { ACCOUNT, createFakeServer, DOUG, type FakeServer, TENTEN } from './fake-api.js';

let server: FakeServer;
let store: AppStore;

async function ready(options: Parameters<typeof createFakeServer>[0] = {}): Promise<void> {
  server = createFakeServer(options);
  store = createAppStore(server.api, { searchDelayMs: 50 });
  await store.getState().init();
}

const flush = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
  vi.useRealTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('start', () => {
  it('shows the welcome screen without accounts, and the sandbox makes the app usable', async () => {
    await ready({ accounts: [] });
    expect(store.getState().screen).toBe('welcome');
    await store.getState().startSandbox();
    const state = store.getState();
    expect(state.screen).toBe('follow');
    expect(state.activeId).toBe(ACCOUNT.id);
    expect(state.announcement).toMatch(/sandbox is running/);
  });

  it('opens on the follow screen with the SMS toggle defaulting from the account', async () => {
    await ready({ accounts: [{ ...ACCOUNT, notifyByDefault: true }] });
    expect(store.getState().screen).toBe('follow');
    expect(store.getState().notify).toBe(true);
  });

  it('turns a rejected call into a typed network failure instead of throwing', async () => {
    await ready();
    const broken = { ...server.api, follow: () => Promise.reject(new Error('window closed')) };
    const brokenStore = createAppStore(broken as typeof server.api);
    await brokenStore.getState().init();
    brokenStore.getState().setQuery('@dougw');
    await brokenStore.getState().follow();
    const result = brokenStore.getState().result;
    expect(result.phase === 'failed' && result.error).toMatchObject({ kind: 'network', message: 'window closed' });
  });
});

describe('progress, only once an answer is slow', () => {
  // Time moves only when a test says: the delay before progress shows is counted exactly.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  const follows = () => server.calls.filter((c) => c.channel === 'follow');

  it('keeps the last card until the next follow has waited PROGRESS_DELAY_MS, then shows it under way', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    const doug = store.getState().result;
    expect(doug).toMatchObject({ phase: 'done', user: { screenName: 'dougw' } });

    server.hold = true;
    store.getState().setQuery('@tenten');
    const running = store.getState().follow();
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
    expect(store.getState().busy).toEqual({ kind: 'follow', target: '@tenten' });
    expect(store.getState().result).toBe(doug);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getState().result).toEqual({ phase: 'running', target: '@tenten' });

    server.release();
    await running;
    expect(store.getState().result).toMatchObject({ phase: 'done', user: { id: TENTEN.id }, outcome: 'followed' });
    expect(store.getState().busy).toBeNull();
  });

  it('goes straight to the card when the answer is quicker: no progress in between, none after', async () => {
    await ready();
    const phases: string[] = [];
    store.subscribe((state) => phases.push(state.result.phase));
    server.hold = true;
    store.getState().setQuery('@dougw');
    const running = store.getState().follow();
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
    server.release();
    await running;
    await vi.advanceTimersByTimeAsync(10 * PROGRESS_DELAY_MS);
    expect(store.getState().result).toMatchObject({ phase: 'done', user: { id: DOUG.id } });
    expect(phases).not.toContain('running');
  });

  it('shows a slow look-up as "looking" after the same delay', async () => {
    await ready();
    server.hold = true;
    const looking = store.getState().lookup('@dougw');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
    expect(store.getState().result).toEqual({ phase: 'idle' });
    expect(store.getState().busy).toEqual({ kind: 'lookup', target: '@dougw' });
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getState().result).toEqual({ phase: 'looking', target: '@dougw' });
    server.release();
    await looking;
    expect(store.getState().result).toMatchObject({ phase: 'preview', user: { id: DOUG.id } });
  });

  it('sends one follow however often Follow is pressed before the answer, shown or not', async () => {
    await ready();
    server.hold = true;
    store.getState().setQuery('@dougw');
    const first = store.getState().follow();
    await store.getState().follow();
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
    await store.getState().follow();
    expect(follows()).toHaveLength(1);
    server.release();
    await first;
    expect(store.getState().result).toMatchObject({ phase: 'done', outcome: 'followed' });
  });

  it('cancels before any progress showed, and never shows it after', async () => {
    await ready();
    server.hold = true;
    store.getState().setQuery('@dougw');
    const running = store.getState().follow();
    await vi.advanceTimersByTimeAsync(1);
    await store.getState().cancel();
    await running;
    await vi.advanceTimersByTimeAsync(10 * PROGRESS_DELAY_MS);
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@dougw', late: false });
    expect(server.calls.filter((c) => c.channel === 'cancel')).toHaveLength(1);
  });

  it('lets the next follow go once the one under way is put aside (dismiss)', async () => {
    await ready();
    server.hold = true;
    store.getState().setQuery('@dougw');
    void store.getState().follow();
    await vi.advanceTimersByTimeAsync(1);
    store.getState().dismiss();
    expect(store.getState().busy).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * PROGRESS_DELAY_MS);
    expect(store.getState().result).toEqual({ phase: 'idle' });

    server.hold = false;
    server.release();
    store.getState().setQuery('@tenten');
    await store.getState().follow();
    expect(follows().map((c) => (c.request as { target: string }).target)).toEqual(['@dougw', '@tenten']);
    expect(store.getState().result).toMatchObject({ phase: 'done', user: { id: TENTEN.id } });
  });

  it('puts a follow under way aside for a card from history, and never shows its progress after', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    await store.getState().loadHistory();
    const [entry] = store.getState().history;
    server.hold = true;
    store.getState().setQuery('@tenten');
    void store.getState().follow();
    await vi.advanceTimersByTimeAsync(1);
    store.getState().reopen(entry!);
    expect(store.getState().busy).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * PROGRESS_DELAY_MS);
    expect(store.getState().result).toMatchObject({ phase: 'preview', origin: 'history', user: { id: DOUG.id } });
    server.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().result).toMatchObject({ phase: 'preview', origin: 'history', user: { id: DOUG.id } });
  });

  it('replaces progress already showing with that of the next at once, so Cancel stops the one under way', async () => {
    await ready();
    server.hold = true;
    void store.getState().lookup('@dougw');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
    expect(store.getState().result).toEqual({ phase: 'looking', target: '@dougw' });
    store.getState().setQuery('@tenten');
    void store.getState().follow();
    expect(store.getState().result).toEqual({ phase: 'running', target: '@tenten' });
    await store.getState().cancel();
    const followId = (follows()[0]!.request as { requestId: string }).requestId;
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: followId }]);
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@tenten', late: false });
  });
});

describe('follow', () => {
  it('follows, shows the card, offers Undo and announces it', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    const { result, announcement } = store.getState();
    expect(result).toMatchObject({ phase: 'done', outcome: 'followed', undo: 'available' });
    expect(result.phase === 'done' && result.user?.screenName).toBe('dougw');
    expect(announcement).toBe('Now following @dougw.');
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({
      target: '@dougw',
      accountId: ACCOUNT.id,
      notify: false,
    });
  });

  it('sends notify=true when the SMS toggle is on', async () => {
    await ready();
    store.getState().setNotify(true);
    store.getState().setQuery('dougw');
    await store.getState().follow();
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ notify: true });
  });

  it('asks which one bare digits mean, then sends the choice', async () => {
    await ready();
    store.getState().setQuery('101010');
    await store.getState().follow();
    expect(store.getState().choiceNeeded).toBe(true);
    expect(server.calls.filter((c) => c.channel === 'follow')).toHaveLength(0);

    store.getState().setNumericAs('user_id');
    await store.getState().follow();
    const result = store.getState().result;
    expect(result.phase === 'done' && result.user?.screenName).toBe('tenten');
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ numericAs: 'user_id' });
  });

  it('forgets the digits choice once the input is not digits any more', async () => {
    await ready();
    store.getState().setQuery('101010');
    store.getState().setNumericAs('screen_name');
    store.getState().setQuery('@dougw');
    expect(store.getState().numericAs).toBeNull();
  });

  it('refuses input that is not a name, id or URL before sending', async () => {
    await ready();
    store.getState().setQuery('not/a name');
    await store.getState().follow();
    expect(store.getState().inputError).toMatch(/only letters, digits/);
    expect(server.calls.filter((c) => c.channel === 'follow')).toHaveLength(0);
  });

  it('shows a protected account as a request sent, without Undo', async () => {
    await ready();
    store.getState().setQuery('@lockedbox');
    await store.getState().follow();
    expect(store.getState().result).toMatchObject({ phase: 'done', outcome: 'request_pending', undo: 'unavailable' });
  });

  it('treats already following as a neutral outcome, with the card from the same answer', async () => {
    await ready();
    server.following.add(DOUG.id);
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    const result = store.getState().result;
    expect(result).toMatchObject({ phase: 'done', outcome: 'already_following', undo: 'unavailable' });
    expect(result.phase === 'done' && result.user?.name).toBe('Doug Williams');
    expect(store.getState().announcement).toBe('You already follow @dougw.');
    expect(server.calls.map((c) => c.channel)).toEqual(['follow']);
  });

  it('without a card when main could not look them up: the outcome names the target as typed', async () => {
    await ready();
    server.following.add(DOUG.id);
    server.cardLookupFails = true;
    store.getState().setQuery(' @DougW ');
    await store.getState().follow();
    expect(store.getState().result).toMatchObject({ phase: 'done', outcome: 'already_following', user: null, target: '@DougW' });
    expect(store.getState().announcement).toBe('You already follow @DougW.');
    expect(server.calls.map((c) => c.channel)).toEqual(['follow']);
  });

  it('keeps the error and the rate limit of a failure', async () => {
    await ready();
    server.nextFailure = {
      ok: false,
      error: { kind: 'rate_limited', status: 429, code: 88, message: 'Rate limit exceeded.' },
      rateLimit: { limit: 150, remaining: 0, resetAt: '2030-01-01T10:00:00.000Z' },
    };
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    expect(store.getState().result).toMatchObject({
      phase: 'failed',
      error: { kind: 'rate_limited' },
      rateLimit: { resetAt: '2030-01-01T10:00:00.000Z' },
      retry: 'follow',
    });
    await store.getState().retry();
    expect(store.getState().result).toMatchObject({ phase: 'done', outcome: 'followed' });
  });

  it('Cancel cancels the follow in main by its request id, and says the server may have acted', async () => {
    await ready();
    server.hold = true;
    store.getState().setQuery('@dougw');
    const running = store.getState().follow();
    await flush();
    expect(store.getState().busy).toEqual({ kind: 'follow', target: '@dougw' });
    const cancelling = store.getState().cancel();
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@dougw', late: false });
    await cancelling;
    await running;
    const followId = (server.calls.find((c) => c.channel === 'follow')?.request as { requestId?: string }).requestId;
    expect(followId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: followId }]);
    expect(server.held).toHaveLength(0);
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@dougw', late: false });
    expect(store.getState().busy).toBeNull();
    expect(store.getState().announcement).toMatch(/^Follow cancelled\. If the server had already received it/);
    await store.getState().loadHistory();
    expect(store.getState().history).toEqual([]);
  });

  it('says when Cancel came too late, because main had already finished the follow', async () => {
    await ready();
    server.hold = true;
    server.handle('cancel', async () => ({ ok: true, cancelled: false }));
    store.getState().setQuery('@dougw');
    const running = store.getState().follow();
    await flush();
    await store.getState().cancel();
    expect(store.getState().announcement).toMatch(/^Too late to cancel/);
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@dougw', late: true });
    server.release();
    await running;
    expect(store.getState().result).toEqual({ phase: 'cancelled', target: '@dougw', late: true });
  });

  it('gives each request its own id', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    await store.getState().lookup('@lockedbox');
    const ids = server.calls
      .filter((c) => c.channel === 'follow' || c.channel === 'lookup')
      .map((c) => (c.request as { requestId?: string }).requestId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(server.calls.some((c) => c.channel === 'cancel')).toBe(false);
  });

  it('Undo unfollows by id and says so', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    await store.getState().undo();
    expect(store.getState().result).toMatchObject({ phase: 'done', undo: 'done' });
    expect(server.calls.find((c) => c.channel === 'unfollow')?.request).toMatchObject({
      target: DOUG.id,
      numericAs: 'user_id',
    });
    expect(server.following.has(DOUG.id)).toBe(false);
  });
});

describe('search as you type', () => {
  it('maps what was typed to a search query', () => {
    expect(searchQueryFor('@dougw')).toBe('dougw');
    expect(searchQueryFor('  dou ')).toBe('dou');
    expect(searchQueryFor('https://twitter.com/dougw')).toBe('dougw');
    expect(searchQueryFor('http://social.example/index.php/dougw')).toBe('dougw');
    expect(searchQueryFor('@')).toBeNull();
    expect(searchQueryFor('')).toBeNull();
  });

  // The pause in typing is a timer: these tests move the clock themselves.
  const DELAY = 50;
  const searches = () => server.calls.filter((c) => c.channel === 'search').map((c) => c.request as { query: string; requestId: string });

  it('waits for a pause in typing, then lists matches', async () => {
    await ready();
    vi.useFakeTimers();
    store.getState().typeQuery('d');
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    store.getState().typeQuery('do');
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    store.getState().typeQuery('dou');
    expect(searches()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(store.getState().search.status).toBe('done');
    expect(searches()).toEqual([{ accountId: ACCOUNT.id, query: 'dou', count: 8, requestId: expect.any(String) }]);
    const search = store.getState().search;
    expect(search.status === 'done' && search.users.map((u) => u.screenName)).toEqual(['dougw', 'dougwfan']);
  });

  it('cancels a search in main once a newer one supersedes it', async () => {
    await ready();
    vi.useFakeTimers();
    server.hold = true;
    store.getState().typeQuery('doug');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(server.held).toHaveLength(1);
    store.getState().typeQuery('lock');
    await vi.advanceTimersByTimeAsync(DELAY);
    const [older, newer] = searches();
    expect(searches()).toHaveLength(2);
    expect(older!.requestId).not.toBe(newer!.requestId);
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: older!.requestId }]);
    expect(server.held).toHaveLength(1);
    server.release();
    await vi.advanceTimersByTimeAsync(0);
    const search = store.getState().search;
    expect(search.status === 'done' && search.query).toBe('lock');
    expect(search.status === 'done' && search.users.map((u) => u.screenName)).toEqual(['lockedbox']);
  });

  it('forgets the list once the input is emptied, and stops the search waiting to go', async () => {
    await ready();
    vi.useFakeTimers();
    store.getState().typeQuery('doug');
    store.getState().typeQuery('');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(searches()).toHaveLength(0);
    expect(store.getState().search).toEqual({ status: 'idle' });
  });

  it('moves the highlight with wrap-around and follows the highlighted row', async () => {
    await ready();
    vi.useFakeTimers();
    store.getState().typeQuery('dougw');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(store.getState().search.status).toBe('done');
    store.getState().moveHighlight(-1);
    expect(store.getState().highlighted).toBe(1);
    store.getState().moveHighlight(1);
    expect(store.getState().highlighted).toBe(0);
    await store.getState().followSuggestion(1);
    const result = store.getState().result;
    expect(result.phase === 'done' && result.user?.screenName).toBe('dougwfan');
    expect(store.getState().search).toEqual({ status: 'idle' });
  });
});

describe('history', () => {
  it('loads, reopens an entry as a card, and clears', async () => {
    await ready();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    await store.getState().loadHistory();
    const [entry] = store.getState().history;
    expect(entry).toMatchObject({ outcome: 'followed', target: '@dougw', accountLabel: ACCOUNT.label });
    store.getState().reopen(entry!);
    expect(store.getState().result).toMatchObject({ phase: 'preview', origin: 'history' });
    expect(store.getState().query).toBe('@dougw');
    await store.getState().clearHistory();
    expect(store.getState().history).toEqual([]);
  });

  it('keeps the history it has loaded in step with what main says changed, while it listens', async () => {
    await ready();
    await store.getState().loadHistory();
    const stop = store.getState().listen();
    store.getState().setQuery('@dougw');
    await store.getState().follow();
    await flush();
    expect(store.getState().history.map((e) => e.target)).toEqual(['@dougw']);
    stop();
    store.getState().setQuery('@lockedbox');
    await store.getState().follow();
    await flush();
    expect(store.getState().history.map((e) => e.target)).toEqual(['@dougw']);
  });

  it('shows a profile main asks for (tray, deep link) without following it', async () => {
    await ready();
    await store.getState().openProfile({ target: 'dougw', accountId: null, intent: 'follow', source: 'deep-link' });
    expect(store.getState().result).toMatchObject({ phase: 'preview', origin: 'lookup' });
    expect(server.calls.filter((c) => c.channel === 'follow')).toHaveLength(0);
  });
});
