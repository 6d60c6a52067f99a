/**
 * The Bulk tab: the list being composed, its preview, and the account's bulk follow as main
 * pushes it. Its words (text, notify, cancel…) are the follow slice's too, so the slice
 * keeps everything under one key, `bulk`.
 */
import type {
  BulkJobView,
  BulkPreviewView,
  EventPayload,
  IpcFailure,
} from '../../../electron/shared/contract.js';
import type { ApiError, NumericChoice } from '../../../electron/shared/domain.js';
import { LIMITS } from '../../../electron/shared/limits.js';
import { isUnfinished, statusSentence } from '../lib/bulk-job.js';
import type { BulkItemsSlice } from './bulk-items-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { SessionSlice } from './session-slice.js';
import type { Slice } from './slice.js';

/** users/show look-ups a preview spends on "already followed": cheap, but not free on a rate limit. */
export const PREVIEW_LOOKUPS = 20;

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; preview: BulkPreviewView; text: string; numericAs: NumericChoice }
  | { status: 'failed'; error: ApiError };

export type BulkAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'export' | 'options';

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
}

export interface BulkActions {
  /** Shows this account's bulk follow; another account's list starts with its SMS default. */
  load(accountId: string | null): Promise<void>;
  /** Listens to main's progress pushes while the tab shows; returns how to stop. */
  watch(): () => void;
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
  onEvent(payload: EventPayload<'bulk'>): void;
}

export interface BulkSlice {
  bulk: BulkState & BulkActions;
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

type Needs = Pick<SessionSlice, 'accounts' | 'announce'> & BulkItemsSlice;

export function createBulkSlice(main: MainLink): Slice<BulkSlice, Needs> {
  /** Answers to an older load are dropped. */
  let loadTicket = 0;

  return (setState, getState) => {
    const get = (): BulkState & BulkActions => getState().bulk;
    const set = (patch: Partial<BulkState>): void => setState((state) => ({ bulk: { ...state.bulk, ...patch } }));
    const announce = (message: string): void => getState().announce(message);
    const items = (): BulkItemsSlice['bulkItems'] => getState().bulkItems;

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

    /** Runs a button's call to main; a failure shows under the buttons and is announced. */
    const run = async <T extends { ok: true }>(action: BulkAction, call: () => Promise<T | IpcFailure>): Promise<T | null> => {
      set({ busy: action, actionError: null });
      const result = await settle(call);
      set({ busy: null });
      if (result.ok) return result;
      set({ actionError: result.error });
      announce(result.error.message);
      return null;
    };

    const act = async (action: BulkAction, call: () => Promise<{ ok: true; job: BulkJobView | null } | IpcFailure>) => {
      const result = await run(action, call);
      if (result === null) return false;
      applyJob(result.job);
      void items().load();
      return true;
    };

    /** A new list keeps the options for its start; a job under way takes them at once. */
    const setOptions = async (patch: { pacePerMinute?: number | null; concurrency?: number }): Promise<void> => {
      set(patch);
      if (isUnfinished(get().job)) await act('options', () => main.api.bulkSetOptions({ ...account(), ...patch }));
    };

    return {
      bulk: {
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

        async load(accountId) {
          const ticket = ++loadTicket;
          // Another account: its own job. The same one again (the tab reopened): refresh in place.
          if (accountId !== get().accountId || !get().loaded) {
            // A new list starts with the account's own "notify me" default, as a single follow does.
            const chosen = getState().accounts.find((a) => a.id === accountId);
            if (chosen && accountId !== get().accountId) set({ notify: chosen.notifyByDefault });
            set({ accountId, loaded: false, loadError: null, job: null, actionError: null, exported: null });
            items().clear();
          }
          if (accountId === null) {
            set({ loaded: true });
            return;
          }
          const result = await settle(() => main.api.bulkStatus({ accountId }));
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
          if (result.job) await items().load();
        },

        watch() {
          return main.api.onBulk((payload) => get().onEvent(payload));
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

        setPace: (pacePerMinute) => setOptions({ pacePerMinute }),
        setConcurrency: (concurrency) => setOptions({ concurrency }),

        async runPreview() {
          const { text, numericAs } = get();
          if (text.trim() === '') {
            set({ fileError: 'Paste a list or import a file first.' });
            return;
          }
          set({ preview: { status: 'loading' } });
          const result = await settle(() => main.api.bulkPreview({ ...account(), text, numericAs, lookups: PREVIEW_LOOKUPS }));
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
          items().reset();
          const started = await act('start', () =>
            main.api.bulkStart({ ...account(), text, numericAs, notify, pacePerMinute, concurrency }),
          );
          if (started) {
            set({ composing: false, text: '', fileName: null, preview: { status: 'idle' } });
            announce(`Started following ${preview.preview.valid} accounts.`);
          }
        },

        pause: async () => void (await act('pause', () => main.api.bulkPause(account()))),
        resume: async () => void (await act('resume', () => main.api.bulkResume(account()))),
        cancel: async () => void (await act('cancel', () => main.api.bulkCancel(account()))),
        retryFailed: async () => void (await act('retry', () => main.api.bulkRetryFailed(account()))),

        async exportCsv() {
          set({ exported: null });
          const result = await run('export', () => main.api.bulkExportCsv(account()));
          if (result === null) return;
          set({ exported: { path: result.path, rows: result.rows } });
          if (result.path !== null) announce(`Saved ${result.rows} rows to ${result.path}.`);
        },

        newList() {
          set({ composing: true, actionError: null, exported: null });
        },

        onEvent(payload) {
          if (payload.accountId !== get().accountId) return;
          applyJob(payload.job);
          void items().load();
        },
      },
    };
  };
}
