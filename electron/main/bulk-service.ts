/**
 * Bulk follows in main: one durable queue per account under `<root>/<accountId>`, its events
 * throttled for the renderers, its finished follows written to the history in batches, its
 * progress in the tray tooltip and a notification when it needs the person. Electron-free: the
 * ports below are filled by app.ts with Electron and by headless.ts without it.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../../core/account.js';
import { writeFileAtomic } from '../../core/bulk/atomic-file.js';
import { bulkResultsCsv } from '../../core/bulk/bulk-export.js';
import { BulkQueue } from '../../core/bulk/bulk-queue.js';
import type { BulkEvent, BulkItem, BulkItemFilter, BulkOwner, BulkProgress } from '../../core/bulk/bulk-types.js';
import { openFileBulkStore } from '../../core/bulk/file-bulk-store.js';
import { bulkOwnerOf } from '../../core/bulk/open-bulk-queue.js';
import type { BulkEntry } from '../../core/bulk/parse-bulk-input.js';
import type { BefriendClient } from '../../core/client-api.js';
import type { NewHistoryEntry } from '../../core/history-entry.js';
import type { Failure, Result } from '../../core/result.js';
import type { BulkJobOptions, BulkJobView } from '../shared/contract.js';
import { bulkNotificationText, bulkTrayTooltip } from './bulk-text.js';

/** The account a bulk follow runs as, resolved by the handlers (secret included). */
export interface BulkAccount {
  id: string;
  label: string;
  account: Account;
  /** The sandbox's address changes every launch: its queue is tied to the demo user alone. */
  sandbox: boolean;
}

export interface BulkServiceOptions {
  /** `<userData>/bulk`. */
  rootDir: string;
  client: BefriendClient;
  history: { addMany(entries: readonly NewHistoryEntry[]): unknown };
  /** The history changed (the tray's recent follows, the History screen). */
  onHistory(): void;
  /** Pushes a job to the renderers; called at most once per `eventIntervalMs` per account. */
  emit(accountId: string, job: BulkJobView): void;
  /** The tray tooltip, or null for the plain one. */
  setTrayTooltip(text: string | null): void;
  notify(text: { title: string; body: string }, accountId: string): void;
  notificationsEnabled(): boolean;
  log(message: string): void;
  eventIntervalMs?: number;
  historyFlushMs?: number;
}

/** Why a bulk action could not happen: another list unfinished, the disk, or no list at all. */
export interface BulkProblem {
  reason: 'busy' | 'storage' | 'none';
  message: string;
}
export type BulkFailure = Failure<BulkProblem>;
export type BulkJobAnswer = Result<{ job: BulkJobView | null }, BulkProblem>;

function refused(reason: BulkProblem['reason'], message: string): BulkFailure {
  return { ok: false, error: { reason, message } };
}

const OPTIONS_FILE = 'options.json';
const DEFAULT_OPTIONS: BulkJobOptions = { concurrency: 2, pacePerMinute: null, notify: false };

interface Job {
  accountId: string;
  label: string;
  dir: string;
  queue: BulkQueue;
  options: BulkJobOptions;
  unsubscribe: () => void;
  timer: ReturnType<typeof setTimeout> | null;
  lastEmit: number;
  /** The last state a notification was shown for, so a state reported twice notifies once. */
  notified: string | null;
}

function left(progress: BulkProgress): number {
  return progress.counts.pending + progress.counts.in_flight;
}

async function readOptions(dir: string): Promise<BulkJobOptions> {
  try {
    const saved = JSON.parse(await readFile(join(dir, OPTIONS_FILE), 'utf8')) as Partial<BulkJobOptions>;
    return {
      concurrency: Number.isInteger(saved.concurrency) && saved.concurrency! > 0 ? saved.concurrency! : DEFAULT_OPTIONS.concurrency,
      pacePerMinute: typeof saved.pacePerMinute === 'number' && saved.pacePerMinute > 0 ? saved.pacePerMinute : null,
      notify: saved.notify === true,
    };
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

export class BulkService {
  readonly #options: BulkServiceOptions;
  readonly #jobs = new Map<string, Job>();
  /** Opening the same account's queue twice at once would race for its directory. */
  readonly #opening = new Map<string, Promise<Job | BulkFailure | null>>();
  #pendingHistory: NewHistoryEntry[] = [];
  #historyTimer: ReturnType<typeof setTimeout> | null = null;
  #trayAccount: string | null = null;
  #closed = false;

  constructor(options: BulkServiceOptions) {
    this.#options = options;
  }

  dirOf(accountId: string): string {
    return join(this.#options.rootDir, accountId);
  }

  /** Whether the account has a queue open or kept on disk, without opening it. */
  async hasSaved(accountId: string): Promise<boolean> {
    if (this.#jobs.has(accountId)) return true;
    return access(join(this.dirOf(accountId), 'queue.json')).then(
      () => true,
      () => false,
    );
  }

  /** The account's job, opening a kept one (paused when unfinished); null when there is none. */
  async status(who: BulkAccount): Promise<BulkJobAnswer> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    return { ok: true, job: job && this.#view(job) };
  }

  async start(who: BulkAccount, entries: readonly BulkEntry[], options: Partial<BulkJobOptions>): Promise<BulkJobAnswer> {
    const existing = await this.#jobFor(who);
    if (existing !== null && 'error' in existing) return existing;
    if (existing !== null) {
      if (left(existing.queue.progress()) > 0) {
        return refused('busy', `${who.label} has a bulk follow that is not finished: resume it, or cancel it before starting another list.`);
      }
      await this.#discard(existing);
    }
    const chosen: BulkJobOptions = {
      concurrency: options.concurrency ?? DEFAULT_OPTIONS.concurrency,
      pacePerMinute: options.pacePerMinute ?? null,
      notify: options.notify ?? DEFAULT_OPTIONS.notify,
    };
    const opened = await this.#open(who, chosen);
    if ('error' in opened) return opened;
    try {
      await writeFileAtomic(join(opened.dir, OPTIONS_FILE), JSON.stringify(chosen));
    } catch (error) {
      await this.#discard(opened);
      return refused('storage', `Cannot write ${opened.dir}: ${(error as Error).message}. Nothing was sent.`);
    }
    const added = await opened.queue.add(entries);
    if (!added.ok) {
      await this.#discard(opened);
      return refused('storage', `${added.error.message} Nothing was sent.`);
    }
    this.#run(opened.queue.start());
    return { ok: true, job: this.#view(opened) };
  }

  async pause(who: BulkAccount): Promise<BulkJobAnswer> {
    return this.#act(who, (job) => job.queue.pause());
  }

  async resume(who: BulkAccount): Promise<BulkJobAnswer> {
    return this.#act(who, (job) => this.#run(job.queue.resume(who.account)));
  }

  async cancel(who: BulkAccount): Promise<BulkJobAnswer> {
    return this.#act(who, (job) => job.queue.cancel());
  }

  async retryFailed(who: BulkAccount): Promise<BulkJobAnswer> {
    return this.#act(who, (job) => this.#run(job.queue.retryFailed()));
  }

  async setOptions(who: BulkAccount, options: { concurrency?: number; pacePerMinute?: number | null }): Promise<BulkJobAnswer> {
    const answer = await this.#act(who, (job) => {
      job.queue.setOptions(options);
      if (options.concurrency !== undefined) job.options.concurrency = options.concurrency;
      if (options.pacePerMinute !== undefined) job.options.pacePerMinute = options.pacePerMinute;
    });
    const job = this.#jobs.get(who.id);
    if (answer.ok && job) {
      await writeFileAtomic(join(job.dir, OPTIONS_FILE), JSON.stringify(job.options)).catch((error: unknown) =>
        this.#options.log(`bulk options not saved: ${(error as Error).name}`),
      );
    }
    return answer;
  }

  async items(who: BulkAccount, filter: BulkItemFilter): Promise<Result<{ total: number; items: BulkItem[] }, BulkProblem>> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    if (job === null) return { ok: true, total: 0, items: [] };
    return { ok: true, ...job.queue.listItems(filter) };
  }

  async csv(who: BulkAccount): Promise<Result<{ csv: string; rows: number }, BulkProblem>> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    if (job === null) return refused('none', `${who.label} has no bulk follow to export.`);
    const items = job.queue.allItems();
    return { ok: true, csv: bulkResultsCsv(items), rows: items.length };
  }

  /** Lets requests in flight finish, writes every queue down, hands the last follows to the history, lets go of the directories. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#opening.values()]);
    const jobs = [...this.#jobs.values()];
    this.#jobs.clear();
    await Promise.all(
      jobs.map(async (job) => {
        const error = await job.queue.close();
        if (error) this.#options.log(`bulk queue not saved: ${error.kind}`);
        job.unsubscribe();
        if (job.timer) clearTimeout(job.timer);
      }),
    );
    this.#flushHistory();
  }

  async #act(who: BulkAccount, action: (job: Job) => void): Promise<BulkJobAnswer> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    if (job === null) return refused('none', `${who.label} has no bulk follow: start one first.`);
    action(job);
    return { ok: true, job: this.#view(job) };
  }

  #run(running: Promise<unknown>): void {
    running.catch((error: unknown) => this.#options.log(`bulk queue stopped: ${(error as Error).name}`));
  }

  async #jobFor(who: BulkAccount): Promise<Job | BulkFailure | null> {
    const open = this.#jobs.get(who.id);
    if (open) return open;
    const opening = this.#opening.get(who.id);
    if (opening) return opening;
    const next = (async (): Promise<Job | BulkFailure | null> => {
      if (!(await this.hasSaved(who.id))) return null;
      const job = await this.#open(who, await readOptions(this.dirOf(who.id)));
      if ('error' in job) return job;
      // Left unfinished by a quit or a crash: back, paused, until the person resumes it.
      if (left(job.queue.progress()) > 0) job.queue.pause();
      this.#schedule(job);
      return job;
    })();
    this.#opening.set(who.id, next);
    try {
      return await next;
    } finally {
      this.#opening.delete(who.id);
    }
  }

  async #open(who: BulkAccount, options: BulkJobOptions): Promise<Job | BulkFailure> {
    if (this.#closed) return refused('storage', 'Befriend is quitting.');
    const dir = this.dirOf(who.id);
    const owner: BulkOwner = who.sandbox ? { apiBase: 'sandbox', user: bulkOwnerOf(who.account).user } : bulkOwnerOf(who.account);
    const opened = await openFileBulkStore(dir, owner);
    if (!opened.ok) {
      const message =
        opened.error.kind === 'owner_mismatch'
          ? `The bulk follow kept for ${who.label} was started as another user or on another server, so it cannot go on as this account. It is kept in ${dir}.`
          : `${opened.error.message} Nothing was sent.`;
      return refused('storage', message);
    }
    const queue = new BulkQueue({
      client: this.#options.client,
      account: who.account,
      store: opened.store,
      concurrency: options.concurrency,
      pacePerMinute: options.pacePerMinute,
      notify: options.notify,
    });
    const job: Job = {
      accountId: who.id,
      label: who.label,
      dir,
      queue,
      options: { ...options },
      unsubscribe: () => undefined,
      timer: null,
      lastEmit: 0,
      notified: null,
    };
    job.unsubscribe = queue.subscribe((event) => this.#onEvent(job, event));
    this.#jobs.set(who.id, job);
    return job;
  }

  /** Closes a job and deletes its directory: its results go with it (the person starts a new list). */
  async #discard(job: Job): Promise<void> {
    this.#jobs.delete(job.accountId);
    job.unsubscribe();
    if (job.timer) clearTimeout(job.timer);
    await job.queue.close();
    await rm(job.dir, { recursive: true, force: true }).catch((error: unknown) =>
      this.#options.log(`bulk state not removed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`),
    );
    if (this.#trayAccount === job.accountId) {
      this.#trayAccount = null;
      this.#options.setTrayTooltip(null);
    }
  }

  #onEvent(job: Job, event: BulkEvent): void {
    if (event.type === 'item') {
      const { item } = event;
      if (item.state === 'done' || item.state === 'failed') this.#recordHistory(job, item);
      return;
    }
    if (event.type === 'status') {
      const state = event.status.state;
      if (state === 'finished' || state === 'cancelled' || state === 'needs_sign_in') {
        if (job.notified !== state && this.#options.notificationsEnabled()) {
          const text = bulkNotificationText(job.queue.progress(), job.label);
          if (text) this.#options.notify(text, job.accountId);
        }
        job.notified = state;
      } else if (state === 'running') {
        job.notified = null;
      }
    }
    this.#schedule(job);
  }

  /** At most one push per interval, and always one after the last change. */
  #schedule(job: Job): void {
    if (job.timer !== null) return;
    const interval = this.#options.eventIntervalMs ?? 100;
    const wait = Math.max(0, job.lastEmit + interval - Date.now());
    job.timer = setTimeout(() => {
      job.timer = null;
      job.lastEmit = Date.now();
      if (this.#jobs.get(job.accountId) !== job) return;
      const view = this.#view(job);
      this.#trayAccount = job.accountId;
      this.#options.setTrayTooltip(bulkTrayTooltip(view.progress));
      this.#options.emit(job.accountId, view);
    }, wait);
  }

  #view(job: Job): BulkJobView {
    const progress = job.queue.progress();
    // A queue opened after a restart with nothing left has not run in this session: say how it ended.
    if (progress.status.state === 'idle' && progress.total > 0 && left(progress) === 0) {
      progress.status = { state: progress.counts.cancelled > 0 ? 'cancelled' : 'finished', reason: null, until: null, message: null };
    }
    return { accountId: job.accountId, accountLabel: job.label, options: { ...job.options }, progress };
  }

  #recordHistory(job: Job, item: BulkItem): void {
    this.#pendingHistory.push({
      action: 'follow',
      accountId: job.accountId,
      accountLabel: job.label,
      target: item.user ? `@${item.user.screenName}` : item.input,
      outcome: item.state === 'done' ? (item.outcome ?? 'followed') : 'failed',
      user: null,
      error: item.error && { kind: item.error.kind, status: item.error.status, code: null, message: item.error.message },
    });
    if (this.#historyTimer === null) {
      this.#historyTimer = setTimeout(() => {
        this.#historyTimer = null;
        this.#flushHistory();
      }, this.#options.historyFlushMs ?? 300);
    }
  }

  /** One history batch, and one "history changed", per interval: ten thousand follows are not ten thousand refreshes. */
  #flushHistory(): void {
    if (this.#historyTimer) clearTimeout(this.#historyTimer);
    this.#historyTimer = null;
    const batch = this.#pendingHistory;
    this.#pendingHistory = [];
    if (batch.length === 0) return;
    this.#options.history.addMany(batch);
    this.#options.onHistory();
  }
}
