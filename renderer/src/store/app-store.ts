/**
 * The main window's state and everything it does. Components read slices and call actions; every
 * call out of the renderer goes through the injected `window.befriend` API, so tests hand in their
 * own. IPC never rejects by contract, but a torn-down window can still reject: `settle` turns that
 * into the same typed failure.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AccountView,
  BefriendApi,
  EventPayload,
  HistoryEntry,
  IpcFailure,
  SecretStorageStatus,
  SettingsState,
} from '../../../electron/shared/contract.js';
import { type ApiError, followOutcome, type FollowOutcome, type NumericChoice, parseTarget, profileFromHistory, type RateLimit, type User, type UserResult } from '../../../electron/shared/domain.js';
import { errorTitle } from '../lib/error-copy.js';

export type Screen = 'loading' | 'welcome' | 'follow' | 'bulk' | 'history' | 'settings';

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string }
  | { status: 'done'; query: string; users: User[] }
  | { status: 'failed'; query: string; error: ApiError };

export type UndoState = 'available' | 'running' | 'done' | 'unavailable';

export type ResultState =
  | { phase: 'idle' }
  | { phase: 'running'; target: string }
  | { phase: 'looking'; target: string }
  | { phase: 'preview'; user: User; origin: 'lookup' | 'history'; entry: HistoryEntry | null }
  | {
      phase: 'done';
      user: User | null;
      outcome: FollowOutcome;
      accountId: string | null;
      undo: UndoState;
      undoError: ApiError | null;
    }
  | { phase: 'failed'; error: ApiError; rateLimit: RateLimit | null; retry: 'follow' | 'lookup' };

/** Something main (or loading) wants the person to see, shown above the screen until dismissed. */
export interface Banner {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface AppState {
  screen: Screen;
  banner: Banner | null;
  accounts: AccountView[];
  activeId: string | null;
  secretStorage: SecretStorageStatus | null;
  settings: SettingsState | null;
  sandboxStarting: boolean;
  sandboxError: ApiError | null;

  query: string;
  numericAs: NumericChoice | null;
  /** Set when Follow was pressed on bare digits without choosing; the form asks. */
  choiceNeeded: boolean;
  notify: boolean;
  inputError: string | null;
  search: SearchState;
  highlighted: number;
  /** What shows below the form: progress, a card, or an error. */
  result: ResultState;

  history: HistoryEntry[];
  historyLoaded: boolean;
  historyError: ApiError | null;

  /** The latest sentence for the live region; `announceSeq` makes repeats audible. */
  announcement: string;
  announceSeq: number;
  /** Bumped to ask the search input to take focus (Ctrl/Cmd+K, "Edit the name"). */
  focusSearchSeq: number;
}

export interface AppActions {
  init(): Promise<void>;
  go(screen: Exclude<Screen, 'loading'>): void;
  startSandbox(): Promise<void>;
  refreshAccounts(): Promise<void>;
  switchAccount(id: string): Promise<void>;
  setQuery(query: string): void;
  setNumericAs(choice: NumericChoice): void;
  setNotify(on: boolean): void;
  moveHighlight(delta: number): void;
  setHighlight(index: number): void;
  closeSuggestions(): void;
  followSuggestion(index: number): Promise<void>;
  follow(): Promise<void>;
  cancel(): Promise<void>;
  undo(): Promise<void>;
  lookup(target: string, numericAs?: NumericChoice): Promise<void>;
  retry(): Promise<void>;
  dismiss(): void;
  focusSearch(): void;
  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  reopen(entry: HistoryEntry): void;
  refreshSettings(): Promise<void>;
  setSettingsState(state: SettingsState): void;
  announce(message: string): void;
  showBanner(banner: Banner | null): void;
  openProfile(payload: EventPayload<'openProfile'>): Promise<void>;
}

export type AppStore = StoreApi<AppState & AppActions>;

export interface AppStoreOptions {
  searchDelayMs?: number;
}

const DIGITS = /^[0-9]+$/;

function isAmbiguous(query: string): boolean {
  return DIGITS.test(query.trim());
}

/** What users/search gets for what was typed: the name without `@`, or the name in a profile URL. */
export function searchQueryFor(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '' || trimmed === '@') return null;
  if (/^https?:\/\//i.test(trimmed)) {
    const parsed = parseTarget(trimmed);
    return parsed.ok ? parsed.target.value : null;
  }
  return trimmed.startsWith('@') ? trimmed.slice(1) : trimmed;
}

function rejected(reason: unknown): IpcFailure {
  const message = reason instanceof Error ? reason.message : 'The app did not answer.';
  return { ok: false, error: { kind: 'network', status: null, code: null, message }, rateLimit: null };
}

async function settle<T>(call: () => Promise<T>): Promise<T | IpcFailure> {
  try {
    return await call();
  } catch (reason) {
    return rejected(reason);
  }
}

const FOLLOW_CANCELLED =
  'Follow cancelled. If the server had already received it, the follow may still have happened: check their profile.';
const TOO_LATE_TO_CANCEL = 'Too late to cancel: the follow had already finished. History shows how it went.';

function outcomeSentence(outcome: FollowOutcome, user: User | null, target: string): string {
  const who = user ? `@${user.screenName}` : target;
  switch (outcome) {
    case 'followed':
      return `Now following ${who}.`;
    case 'request_pending':
      return `Follow request sent to ${who}; it waits for their approval.`;
    case 'already_following':
      return `You already follow ${who}.`;
  }
}

export function createAppStore(api: BefriendApi, options: AppStoreOptions = {}): AppStore {
  const searchDelay = options.searchDelayMs ?? 180;
  let searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** Every search and follow takes a ticket; an answer whose ticket is stale is dropped. */
  let searchTicket = 0;
  let followTicket = 0;
  /**
   * Each search, lookup and follow carries a request id so main can abort it. Unique within this
   * window even across a reload, while main may still be running the old page's requests.
   */
  const idPrefix = Math.random().toString(36).slice(2, 10) || 'r';
  let requestCount = 0;
  const newRequestId = (): string => `${idPrefix}-${++requestCount}`;
  let searchRequest: string | null = null;
  /** What Cancel stops: the follow, or a lookup (before a follow, or after one for the card). */
  let followRequest: { id: string; what: 'follow' | 'lookup' } | null = null;

  return createStore<AppState & AppActions>()((set, get) => {
    const activeAccount = (): AccountView | null =>
      get().accounts.find((account) => account.id === get().activeId) ?? null;

    const applyAccounts = (accounts: AccountView[], activeId: string | null, storage: SecretStorageStatus | null): void => {
      const previous = get().activeId;
      set({ accounts, activeId, secretStorage: storage ?? get().secretStorage });
      if (activeId !== previous) {
        const account = accounts.find((a) => a.id === activeId);
        set({ notify: account?.notifyByDefault ?? false });
      }
    };

    const clearSearchTimer = (): void => {
      if (searchTimer !== null) clearTimeout(searchTimer);
      searchTimer = null;
    };

    /** Stops waiting for the search in flight, and stops it in main too. */
    const dropSearch = (): void => {
      searchTicket++;
      const requestId = searchRequest;
      searchRequest = null;
      if (requestId !== null) void settle(() => api.cancel({ requestId }));
    };

    const runSearch = async (query: string): Promise<void> => {
      dropSearch();
      const ticket = searchTicket;
      const requestId = newRequestId();
      searchRequest = requestId;
      set({ search: { status: 'loading', query }, highlighted: -1 });
      const result = await settle(() =>
        api.search({ accountId: get().activeId ?? undefined, query, count: 8, requestId }),
      );
      if (ticket !== searchTicket) return;
      searchRequest = null;
      if (result.ok) set({ search: { status: 'done', query, users: result.users } });
      else set({ search: { status: 'failed', query, error: result.error } });
    };

    const showLookup = async (
      target: string,
      numericAs: NumericChoice | undefined,
      ticket: number,
      accountId: string | null = get().activeId,
    ) => {
      const requestId = newRequestId();
      followRequest = { id: requestId, what: 'lookup' };
      const result = await settle(() => api.lookup({ accountId: accountId ?? undefined, target, numericAs, requestId }));
      if (ticket !== followTicket) return null;
      followRequest = null;
      return result;
    };

    const finishFollow = async (
      sent: Promise<UserResult | IpcFailure>,
      target: string,
      numericAs: NumericChoice | undefined,
      accountId: string | null,
      ticket: number,
    ): Promise<void> => {
      const result = await sent;
      if (ticket !== followTicket) return;
      followRequest = null;
      const outcome = followOutcome(result);
      if (outcome === null) {
        const failure = result as IpcFailure;
        set({ result: { phase: 'failed', error: failure.error, rateLimit: failure.rateLimit, retry: 'follow' } });
        get().announce(`${errorTitle(failure.error.kind)}. ${failure.error.message}`);
        return;
      }
      let user = result.ok ? result.user : null;
      if (user === null) {
        const found = await showLookup(target, numericAs, ticket, accountId);
        if (found === null) return;
        user = found.ok ? found.user : null;
      }
      set({
        result: {
          phase: 'done',
          user,
          outcome,
          accountId,
          undo: outcome === 'followed' && user !== null ? 'available' : 'unavailable',
          undoError: null,
        },
        search: { status: 'idle' },
      });
      get().announce(outcomeSentence(outcome, user, target));
      if (get().historyLoaded) void get().loadHistory();
    };

    return {
      screen: 'loading',
      banner: null,
      accounts: [],
      activeId: null,
      secretStorage: null,
      settings: null,
      sandboxStarting: false,
      sandboxError: null,
      query: '',
      numericAs: null,
      choiceNeeded: false,
      notify: false,
      inputError: null,
      search: { status: 'idle' },
      highlighted: -1,
      result: { phase: 'idle' },
      history: [],
      historyLoaded: false,
      historyError: null,
      announcement: '',
      announceSeq: 0,
      focusSearchSeq: 0,

      async init() {
        const [accounts, settings] = await Promise.all([
          settle(() => api.listAccounts()),
          settle(() => api.getSettings()),
        ]);
        if (settings.ok) set({ settings: { settings: settings.settings, status: settings.status } });
        if (!accounts.ok) {
          set({
            screen: 'welcome',
            banner: { level: 'error', message: `Your accounts could not be loaded: ${accounts.error.message}` },
          });
          return;
        }
        applyAccounts(accounts.accounts, accounts.activeId, accounts.secretStorage);
        set({ screen: accounts.accounts.length === 0 ? 'welcome' : 'follow' });
      },

      go(screen) {
        set({ screen });
        if (screen === 'history') void get().loadHistory();
        if (screen === 'settings') void get().refreshSettings();
        if (screen === 'follow') get().focusSearch();
      },

      async startSandbox() {
        set({ sandboxStarting: true, sandboxError: null });
        const result = await settle(() => api.startSandbox());
        set({ sandboxStarting: false });
        if (!result.ok) {
          set({ sandboxError: result.error });
          get().announce(`The sandbox did not start. ${result.error.message}`);
          return;
        }
        await get().refreshAccounts();
        set({ screen: 'follow' });
        get().announce('The sandbox is running. Try following @dougw.');
        get().focusSearch();
      },

      async refreshAccounts() {
        const result = await settle(() => api.listAccounts());
        if (result.ok) applyAccounts(result.accounts, result.activeId, result.secretStorage);
      },

      async switchAccount(id) {
        const result = await settle(() => api.switchAccount({ id }));
        if (!result.ok) {
          get().announce(`Could not switch account. ${result.error.message}`);
          return;
        }
        applyAccounts(result.accounts, result.activeId, result.secretStorage);
        const account = activeAccount();
        if (account) get().announce(`Following as ${account.label}.`);
      },

      setQuery(query) {
        const ambiguous = isAmbiguous(query);
        set({
          query,
          inputError: null,
          numericAs: ambiguous ? get().numericAs : null,
          choiceNeeded: ambiguous ? get().choiceNeeded : false,
        });
        clearSearchTimer();
        const searchFor = searchQueryFor(query);
        if (searchFor === null) {
          dropSearch();
          set({ search: { status: 'idle' }, highlighted: -1 });
          return;
        }
        searchTimer = setTimeout(() => {
          searchTimer = null;
          void runSearch(searchFor);
        }, searchDelay);
      },

      setNumericAs(choice) {
        set({ numericAs: choice, choiceNeeded: false, inputError: null });
      },

      setNotify(on) {
        set({ notify: on });
      },

      moveHighlight(delta) {
        const { search, highlighted } = get();
        if (search.status !== 'done' || search.users.length === 0) return;
        const count = search.users.length;
        const next = highlighted < 0 && delta < 0 ? count - 1 : (highlighted + delta + count) % count;
        set({ highlighted: next });
      },

      setHighlight(index) {
        set({ highlighted: index });
      },

      closeSuggestions() {
        clearSearchTimer();
        dropSearch();
        set({ search: { status: 'idle' }, highlighted: -1 });
      },

      async followSuggestion(index) {
        const { search } = get();
        if (search.status !== 'done') return;
        const user = search.users[index];
        if (!user) return;
        set({ query: `@${user.screenName}`, numericAs: null, choiceNeeded: false });
        await get().follow();
      },

      async follow() {
        const { query, numericAs, result: follow } = get();
        if (follow.phase === 'running') return;
        const parsed = parseTarget(query, { numericAs: numericAs ?? undefined });
        if (!parsed.ok) {
          if (parsed.ambiguous) {
            set({ choiceNeeded: true, inputError: null });
            get().announce(`${query.trim()} could be a screen name or a user id: choose which.`);
          } else {
            set({ inputError: parsed.error.message });
            get().announce(parsed.error.message);
          }
          return;
        }
        get().closeSuggestions();
        const target = query.trim();
        const ticket = ++followTicket;
        const accountId = get().activeId;
        const choice = isAmbiguous(target) ? (numericAs ?? undefined) : undefined;
        const requestId = newRequestId();
        followRequest = { id: requestId, what: 'follow' };
        // The request leaves before React draws the spinner, so rendering never delays it.
        const sent = settle(() =>
          api.follow({ accountId: accountId ?? undefined, target, numericAs: choice, notify: get().notify, requestId }),
        );
        set({ result: { phase: 'running', target }, inputError: null });
        await finishFollow(sent, target, choice, accountId, ticket);
      },

      async cancel() {
        const { result: follow } = get();
        if (follow.phase !== 'running' && follow.phase !== 'looking') return;
        followTicket++;
        const pending = followRequest;
        followRequest = null;
        set({ result: { phase: 'idle' } });
        get().focusSearch();
        const cancelling = pending && settle(() => api.cancel({ requestId: pending.id }));
        if (follow.phase === 'looking') {
          get().announce('Lookup cancelled.');
          return;
        }
        // Only the card's lookup was left: the follow itself had finished.
        if (pending?.what !== 'follow' || !cancelling) {
          get().announce(TOO_LATE_TO_CANCEL);
          return;
        }
        get().announce(FOLLOW_CANCELLED);
        const answer = await cancelling;
        if (answer.ok && !answer.cancelled) get().announce(TOO_LATE_TO_CANCEL);
      },

      async undo() {
        const { result: follow } = get();
        if (follow.phase !== 'done' || follow.undo !== 'available' || follow.user === null) return;
        const user = follow.user;
        set({ result: { ...follow, undo: 'running', undoError: null } });
        const result = await settle(() =>
          api.unfollow({ accountId: follow.accountId ?? undefined, target: user.id, numericAs: 'user_id' }),
        );
        const current = get().result;
        if (current.phase !== 'done' || current.user !== user) return;
        if (result.ok) {
          set({ result: { ...current, undo: 'done', undoError: null } });
          get().announce(`Unfollowed @${user.screenName}.`);
        } else {
          set({ result: { ...current, undo: 'available', undoError: result.error } });
          get().announce(`Undo failed. ${result.error.message}`);
        }
        if (get().historyLoaded) void get().loadHistory();
      },

      async lookup(target, numericAs) {
        get().closeSuggestions();
        const ticket = ++followTicket;
        set({ result: { phase: 'looking', target }, screen: 'follow' });
        const result = await showLookup(target, numericAs, ticket);
        if (result === null) return;
        if (result.ok) {
          set({ result: { phase: 'preview', user: result.user, origin: 'lookup', entry: null } });
          get().announce(`Showing @${result.user.screenName}.`);
        } else {
          set({ result: { phase: 'failed', error: result.error, rateLimit: result.rateLimit, retry: 'lookup' } });
          get().announce(`${errorTitle(result.error.kind)}. ${result.error.message}`);
        }
      },

      async retry() {
        const { result: follow, query, numericAs } = get();
        if (follow.phase !== 'failed') return;
        if (follow.retry === 'lookup') {
          const parsed = parseTarget(query, { numericAs: numericAs ?? undefined });
          if (parsed.ok) await get().lookup(query.trim(), numericAs ?? undefined);
          return;
        }
        await get().follow();
      },

      dismiss() {
        set({ result: { phase: 'idle' } });
        get().focusSearch();
      },

      focusSearch() {
        set((state) => ({ focusSearchSeq: state.focusSearchSeq + 1 }));
      },

      async loadHistory() {
        const result = await settle(() => api.listHistory({ limit: 200 }));
        if (result.ok) set({ history: result.entries, historyLoaded: true, historyError: null });
        else set({ historyError: result.error });
      },

      async clearHistory() {
        const result = await settle(() => api.clearHistory());
        if (result.ok) {
          set({ history: result.entries, historyLoaded: true, historyError: null });
          get().announce('History cleared.');
        } else {
          set({ historyError: result.error });
        }
      },

      reopen(entry) {
        followTicket++;
        if (entry.user === null) {
          get().setQuery(entry.target);
          set({ screen: 'follow', result: { phase: 'idle' } });
          get().focusSearch();
          return;
        }
        set({
          screen: 'follow',
          query: `@${entry.user.screenName}`,
          search: { status: 'idle' },
          result: { phase: 'preview', user: profileFromHistory(entry.user), origin: 'history', entry },
        });
        get().announce(`Showing @${entry.user.screenName} from history.`);
      },

      async refreshSettings() {
        const result = await settle(() => api.getSettings());
        if (result.ok) set({ settings: { settings: result.settings, status: result.status } });
      },

      setSettingsState(state) {
        set({ settings: state });
      },

      showBanner(banner) {
        set({ banner });
        if (banner) get().announce(banner.message);
      },

      announce(message) {
        set((state) => ({ announcement: message, announceSeq: state.announceSeq + 1 }));
      },

      async openProfile(payload) {
        if (payload.accountId !== null && payload.accountId !== get().activeId) {
          await get().switchAccount(payload.accountId);
        }
        const digitsMean: NumericChoice =
          payload.source === 'quick-follow' ? (get().settings?.settings.quickNumericAs ?? 'user_id') : 'screen_name';
        const numericAs = isAmbiguous(payload.target) ? digitsMean : undefined;
        set({ query: payload.target, numericAs: numericAs ?? null });
        await get().lookup(payload.target, numericAs);
      },
    };
  });
}
