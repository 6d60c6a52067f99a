/**
 * Search as you type: what users/search found for the name being typed, and which row the arrow
 * keys point at. A search waits for a pause in typing; a newer one cancels the older in main.
 */
import { parseTarget, type ApiError, type User } from '../../../electron/shared/domain.js';
import type { FollowSlice } from './follow-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { SessionSlice } from './session-slice.js';
import type { Slice } from './slice.js';

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string }
  | { status: 'done'; query: string; users: User[] }
  | { status: 'failed'; query: string; error: ApiError };

export interface SearchSlice {
  search: SearchState;
  highlighted: number;

  /** The name input changed: keeps it, and searches for it once typing pauses. */
  typeQuery(query: string): void;
  moveHighlight(delta: number): void;
  setHighlight(index: number): void;
  /** Closes the list and stops any search, waiting or in flight. */
  closeSuggestions(): void;
  followSuggestion(index: number): Promise<void>;
}

export interface SearchOptions {
  /** The pause in typing before a search is sent. */
  searchDelayMs?: number;
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

export function createSearchSlice(
  main: MainLink,
  options: SearchOptions = {},
): Slice<SearchSlice, FollowSlice & Pick<SessionSlice, 'activeId'>> {
  const delay = options.searchDelayMs ?? 180;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Every search takes a ticket; an answer whose ticket is stale is dropped. */
  let ticket = 0;
  let inFlight: string | null = null;

  const clearTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  /** Stops waiting for the search in flight, and stops it in main too. */
  const drop = (): void => {
    ticket++;
    const requestId = inFlight;
    inFlight = null;
    if (requestId !== null) void settle(() => main.api.cancel({ requestId }));
  };

  return (set, get) => {
    const run = async (query: string): Promise<void> => {
      drop();
      const mine = ticket;
      const requestId = main.requestId();
      inFlight = requestId;
      set({ search: { status: 'loading', query }, highlighted: -1 });
      const result = await settle(() =>
        main.api.search({ accountId: get().activeId ?? undefined, query, count: 8, requestId }),
      );
      if (mine !== ticket) return;
      inFlight = null;
      if (result.ok) set({ search: { status: 'done', query, users: result.users } });
      else set({ search: { status: 'failed', query, error: result.error } });
    };

    return {
      search: { status: 'idle' },
      highlighted: -1,

      typeQuery(query) {
        get().setQuery(query);
        clearTimer();
        const searchFor = searchQueryFor(query);
        if (searchFor === null) {
          drop();
          set({ search: { status: 'idle' }, highlighted: -1 });
          return;
        }
        timer = setTimeout(() => {
          timer = null;
          void run(searchFor);
        }, delay);
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
        clearTimer();
        drop();
        set({ search: { status: 'idle' }, highlighted: -1 });
      },

      async followSuggestion(index) {
        const { search } = get();
        if (search.status !== 'done') return;
        const user = search.users[index];
        if (!user) return;
        get().setQuery(`@${user.screenName}`);
        await get().follow();
      },
    };
  };
}
