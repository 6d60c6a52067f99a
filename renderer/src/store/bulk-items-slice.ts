/**
 * The accounts of the bulk follow on show, a page at a time, filtered by state and by a name.
 * Kept under its own key, `bulkItems`, beside the job in `bulk`.
 */
import type { BulkItem, BulkItemState } from '../../../electron/shared/contract.js';
import type { ApiError } from '../../../electron/shared/domain.js';
import { LIMITS } from '../../../electron/shared/limits.js';
import type { BulkSlice } from './bulk-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { Slice } from './slice.js';

export const PAGE_SIZE = 50;

export type ItemFilter = BulkItemState | 'all';

export interface BulkItemsState {
  filter: ItemFilter;
  search: string;
  page: number;
  items: BulkItem[];
  total: number;
  error: ApiError | null;
}

export interface BulkItemsActions {
  setFilter(filter: ItemFilter): void;
  setSearch(search: string): void;
  setPage(page: number): void;
  load(): Promise<void>;
  /** Forgets the page (another account's job is coming). */
  clear(): void;
  /** Back to the first page of everything (a new list). */
  reset(): void;
}

export interface BulkItemsSlice {
  bulkItems: BulkItemsState & BulkItemsActions;
}

export function createBulkItemsSlice(main: MainLink): Slice<BulkItemsSlice, BulkSlice> {
  let running = false;
  let again = false;

  return (setState, getState) => {
    const get = (): BulkItemsState & BulkItemsActions => getState().bulkItems;
    const set = (patch: Partial<BulkItemsState>): void =>
      setState((state) => ({ bulkItems: { ...state.bulkItems, ...patch } }));
    const show = (patch: Partial<BulkItemsState>): void => {
      set(patch);
      void get().load();
    };

    return {
      bulkItems: {
        filter: 'all',
        search: '',
        page: 0,
        items: [],
        total: 0,
        error: null,

        setFilter: (filter) => show({ filter, page: 0 }),
        setSearch: (search) => show({ search, page: 0 }),
        setPage: (page) => show({ page: Math.max(0, page) }),

        async load() {
          // One request at a time; changes that arrive meanwhile ask for one more afterwards.
          if (running) {
            again = true;
            return;
          }
          const { accountId, job } = getState().bulk;
          const { filter, search, page } = get();
          if (job === null) return;
          running = true;
          const result = await settle(() =>
            main.api.bulkItems({
              ...(accountId === null ? {} : { accountId }),
              ...(filter === 'all' ? {} : { states: [filter] }),
              ...(search.trim() ? { search: search.trim().slice(0, LIMITS.query) } : {}),
              offset: page * PAGE_SIZE,
              limit: PAGE_SIZE,
            }),
          );
          running = false;
          if (result.ok) set({ items: result.items, total: result.total, error: null });
          else set({ error: result.error });
          if (again) {
            again = false;
            await get().load();
          }
        },

        clear() {
          set({ items: [], total: 0, page: 0 });
        },

        reset() {
          set({ filter: 'all', search: '', page: 0 });
        },
      },
    };
  };
}
