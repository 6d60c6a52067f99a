/**
 * The Bulk tab's state: the list being composed, its preview, and the account's bulk follow as
 * main pushes it. Lives in the lazily loaded Bulk chunk; like the app store, every call goes
 * through the injected API and a rejection becomes the same typed failure.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  BefriendApi,
  BulkItem,
  BulkItemState,
  BulkJobView,
  BulkPreviewView,
  EventPayload,
  IpcFailure,
} from '../../../electron/shared/contract.js';
import { LIMITS } from '../../../electron/shared/limits.js';
import type { ApiError, NumericChoice } from '../../../electron/shared/domain.js';

export const PAGE_SIZE = 50;
/** users/show look-ups a preview spends on "already followed": cheap, but not free on a rate limit. */
export const PREVIEW_LOOKUPS = 20;

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; preview: BulkPreviewView; text: string; numericAs: NumericChoice }
  | { status: 'failed'; error: ApiError };

export type BulkAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'export' | 'options';

export type ItemFilter = BulkItemState | 'all';

export interface BulkState {
  accountId: string | null;
  loaded: boolean;
  loadError: ApiError | null;
  job: BulkJobView | null;
  /** Showing the list form although the account has a finished job. */
  composing: boolean;
  text: string;
  fileName: string | null;
  fileError: string | null;
  numericAs: NumericChoice;
  notify: boolean;
  pacePerMinute: number | null;
  concurrency: number;
  preview: PreviewState;
  busy: BulkAction | null;
  actionError: ApiError | null;
  exported: { path: string | null; rows: number } | null;
  filter: ItemFilter;
  search: string;
  page: number;
  items: BulkItem[];
  itemsTotal: number;
  itemsError: ApiError | null;
}

export interface BulkActions {
  load(accountId: string | null): Promise<void>;
  setText(text: string): void;
  importFile(file: File): Promise<void>;
  setNumericAs(choice: NumericChoice): void;
  setNotify(on: boolean): void;
  setPace(perMinute: number | null): Promise<void>;
  setConcurrency(value: number): Promise<void>;
  runPreview(): Promise<void>;
  start(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  retryFailed(): Promise<void>;
  exportCsv(): Promise<void>;
  newList(): void;
  setFilter(filter: ItemFilter): void;
  setSearch(search: string): void;
  setPage(page: number): void;
  loadItems(): Promise<void>;
  onEvent(payload: EventPayload<'bulk'>): void;
}

export type BulkStore = StoreApi<BulkState & BulkActions>;

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

/** Whether the job still has something to send (or to resume). */
export function isUnfinished(job: BulkJobView | null): boolean {
  if (job === null) return false;
  const { counts } = job.progress;
  return counts.pending + counts.in_flight > 0;
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

export function createBulkStore(api: BefriendApi, announce: (message: string) => void): BulkStore {
  /** Answers to an older load or items request are dropped. */
  let loadTicket = 0;
  let itemsTicket = 0;
  let itemsRunning = false;
  let itemsAgain = false;

  return createStore<BulkState & BulkActions>()((set, get) => {
    const account = (): { accountId?: string } => {
      const id = get().accountId;
      return id === null ? {} : { accountId: id };
    };

    const applyJob = (job: BulkJobView | null): void => {
      const before = get().job;
      set({ job });
      if (job !== null && (before === null || before.progress.status.state !== job.progress.status.state)) {
        const sentence = statusSentence(job);
        if (sentence) announce(sentence);
      }
    };

    const act = async (
      action: BulkAction,
      call: () => Promise<{ ok: true; job: BulkJobView | null } | IpcFailure>,
    ): Promise<boolean> => {
      set({ busy: action, actionError: null });
      const result = await settle(call);
      set({ busy: null });
      if (!result.ok) {
        set({ actionError: result.error });
        announce(result.error.message);
        return false;
      }
      applyJob(result.job);
      void get().loadItems();
      return true;
    };

    return {
      accountId: null,
      loaded: false,
      loadError: null,
      job: null,
      composing: false,
      text: '',
      fileName: null,
      fileError: null,
      numericAs: 'user_id',
      notify: false,
      pacePerMinute: null,
      concurrency: 2,
      preview: { status: 'idle' },
      busy: null,
      actionError: null,
      exported: null,
      filter: 'all',
      search: '',
      page: 0,
      items: [],
      itemsTotal: 0,
      itemsError: null,

      async load(accountId) {
        const ticket = ++loadTicket;
        // Another account: its own job. The same one again (the tab reopened): refresh in place.
        if (accountId !== get().accountId || !get().loaded) {
          set({ accountId, loaded: false, loadError: null, job: null, items: [], itemsTotal: 0, page: 0, actionError: null, exported: null });
        }
        if (accountId === null) {
          set({ loaded: true });
          return;
        }
        const result = await settle(() => api.bulkStatus({ accountId }));
        if (ticket !== loadTicket) return;
        if (!result.ok) {
          set({ loaded: true, loadError: result.error });
          return;
        }
        const sameJob = get().job !== null;
        set({ loaded: true, loadError: null, job: result.job });
        if (result.job && !sameJob) {
          set({
            concurrency: result.job.options.concurrency,
            pacePerMinute: result.job.options.pacePerMinute,
            notify: result.job.options.notify,
          });
        }
        if (result.job) await get().loadItems();
      },

      setText(text) {
        set({ text, fileError: null });
      },

      async importFile(file) {
        if (file.size > LIMITS.bulkText) {
          set({ fileError: `${file.name} is too large: a list can be at most ${Math.round(LIMITS.bulkText / 1_000_000)} MB.` });
          return;
        }
        try {
          const text = await readText(file);
          set({ text, fileName: file.name, fileError: null, preview: { status: 'idle' } });
          announce(`Imported ${file.name}. Preview it to check the list.`);
        } catch {
          set({ fileError: `${file.name} could not be read.` });
        }
      },

      setNumericAs(choice) {
        set({ numericAs: choice });
      },

      setNotify(on) {
        set({ notify: on });
      },

      async setPace(perMinute) {
        set({ pacePerMinute: perMinute });
        if (isUnfinished(get().job)) await act('options', () => api.bulkSetOptions({ ...account(), pacePerMinute: perMinute }));
      },

      async setConcurrency(value) {
        set({ concurrency: value });
        if (isUnfinished(get().job)) await act('options', () => api.bulkSetOptions({ ...account(), concurrency: value }));
      },

      async runPreview() {
        const { text, numericAs } = get();
        if (text.trim() === '') {
          set({ fileError: 'Paste a list or import a file first.' });
          return;
        }
        set({ preview: { status: 'loading' } });
        const result = await settle(() => api.bulkPreview({ ...account(), text, numericAs, lookups: PREVIEW_LOOKUPS }));
        if (get().text !== text) return;
        if (!result.ok) {
          set({ preview: { status: 'failed', error: result.error } });
          announce(result.error.message);
          return;
        }
        set({ preview: { status: 'done', preview: result.preview, text, numericAs } });
        const { valid, badCount, duplicateCount } = result.preview;
        announce(`${valid} to follow, ${badCount} bad ${badCount === 1 ? 'line' : 'lines'}, ${duplicateCount} ${duplicateCount === 1 ? 'duplicate' : 'duplicates'}.`);
      },

      async start() {
        const { text, numericAs, notify, pacePerMinute, concurrency, preview } = get();
        if (preview.status !== 'done' || preview.text !== text || preview.numericAs !== numericAs) return;
        const started = await act('start', () =>
          api.bulkStart({ ...account(), text, numericAs, notify, pacePerMinute, concurrency }),
        );
        if (started) {
          set({ composing: false, text: '', fileName: null, preview: { status: 'idle' }, filter: 'all', search: '', page: 0 });
          announce(`Started following ${preview.preview.valid} accounts.`);
        }
      },

      pause: async () => void (await act('pause', () => api.bulkPause(account()))),
      resume: async () => void (await act('resume', () => api.bulkResume(account()))),
      cancel: async () => void (await act('cancel', () => api.bulkCancel(account()))),
      retryFailed: async () => void (await act('retry', () => api.bulkRetryFailed(account()))),

      async exportCsv() {
        set({ busy: 'export', actionError: null, exported: null });
        const result = await settle(() => api.bulkExportCsv(account()));
        set({ busy: null });
        if (!result.ok) {
          set({ actionError: result.error });
          announce(result.error.message);
          return;
        }
        set({ exported: { path: result.path, rows: result.rows } });
        if (result.path !== null) announce(`Saved ${result.rows} rows to ${result.path}.`);
      },

      newList() {
        set({ composing: true, actionError: null, exported: null });
      },

      setFilter(filter) {
        set({ filter, page: 0 });
        void get().loadItems();
      },

      setSearch(search) {
        set({ search, page: 0 });
        void get().loadItems();
      },

      setPage(page) {
        set({ page: Math.max(0, page) });
        void get().loadItems();
      },

      async loadItems() {
        // One request at a time; changes that arrive meanwhile ask for one more afterwards.
        if (itemsRunning) {
          itemsAgain = true;
          return;
        }
        const { job, filter, search, page } = get();
        if (job === null) return;
        itemsRunning = true;
        const ticket = ++itemsTicket;
        const result = await settle(() =>
          api.bulkItems({
            ...account(),
            ...(filter === 'all' ? {} : { states: [filter] }),
            ...(search.trim() ? { search: search.trim().slice(0, LIMITS.query) } : {}),
            offset: page * PAGE_SIZE,
            limit: PAGE_SIZE,
          }),
        );
        itemsRunning = false;
        if (ticket === itemsTicket) {
          if (result.ok) set({ items: result.items, itemsTotal: result.total, itemsError: null });
          else set({ itemsError: result.error });
        }
        if (itemsAgain) {
          itemsAgain = false;
          await get().loadItems();
        }
      },

      onEvent(payload) {
        if (payload.accountId !== get().accountId) return;
        applyJob(payload.job);
        void get().loadItems();
      },
    };
  });
}

/** What the live region says when the job changes state. */
export function statusSentence(job: BulkJobView): string | null {
  const { status, counts, outcomes, total } = job.progress;
  switch (status.state) {
    case 'finished':
      return `Bulk follow finished: ${outcomes.followed} followed, ${outcomes.already_following} already followed, ${outcomes.request_pending} requested, ${counts.failed} failed.`;
    case 'cancelled':
      return `Bulk follow cancelled: ${counts.done} of ${total} done.`;
    case 'paused':
      return 'Bulk follow paused.';
    case 'needs_sign_in':
      return 'Bulk follow stopped: sign in again in Settings, then resume.';
    case 'waiting':
    case 'stopped':
      return status.message;
    default:
      return null;
  }
}
