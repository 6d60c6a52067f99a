/**
 * Bulk follows in main: one durable queue per account under `<root>/<accountId>`, its events
 * throttled for the renderers, its finished follows in the history, its progress in the tray
 * tooltip and a notification when it needs the person. Electron-free: the tray and desktop ports
 * are Electron's in app.ts and recorded in headless.ts.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/bulk/atomic-file.js';
import { BulkQueue } from '../../core/bulk/bulk-queue.js';
import type { BulkEvent, BulkItem, BulkItemFilter, BulkProgress } from '../../core/bulk/bulk-types.js';
import { openFileBulkStore } from '../../core/bulk/file-bulk-store.js';
import { bulkOwnerOf } from '../../core/bulk/bulk-owner.js';
import type { BulkEntry } from '../../core/bulk/parse-bulk-input.js';
import type { BefriendClient } from '../../core/client-api.js';
import type { HistoryLog } from '../../core/history.js';
import {
  failure,
  invalidRequest,
  type BulkJobOptions,
  type BulkJobResult,
  type BulkJobView,
  type IpcFailure,
  type IpcResult,
} from '../shared/contract.js';
import { bulkNotificationText, bulkTrayTooltip } from './bulk-text.js';
import type { ResolvedAccount } from './ipc/account-access.js';
import type { DesktopPort, TrayPort } from './services.js';

export interface BulkServiceOptions {
  /** `<userData>/bulk`. */
  rootDir: string;
  client: BefriendClient;
  history: Pick<HistoryLog, 'add'>;
  tray: Pick<TrayPort, 'refresh' | 'setTooltip'>;
  desktop: Pick<DesktopPort, 'emit' | 'notifyBulk'>;
  notificationsEnabled(): boolean;
  log(message: string): void;
}

const OPTIONS_FILE = 'options.json';
const DEFAULT_OPTIONS: BulkJobOptions = { concurrency: 2, pacePerMinute: null, notify: false };
/**
 * A limit that lifts more than a day from now stops the run rather than waiting: nobody watches a
 * desktop for weeks, and a server asking for that is more likely broken than serious.
 */
const MAX_WAIT_MS = 24 * 60 * 60_000;
/** Progress reaches the renderers at most this often per account, and always after the last change. */
const EVENT_INTERVAL_MS = 100;
/** One "history changed" per interval: ten thousand follows are not ten thousand refreshes. */
const HISTORY_INTERVAL_MS = 300;

interface Job {
  who: ResolvedAccount;
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
  readonly #opening = new Map<string, Promise<Job | IpcFailure | null>>();
  #historyTimer: ReturnType<typeof setTimeout> | null = null;
  #trayAccount: string | null = null;
  #closed = false;

  constructor(options: BulkServiceOptions) {
    this.#options = options;
  }

  #dirOf(accountId: string): string {
    return join(this.#options.rootDir, accountId);
  }

  /** Whether the account has a queue open or kept on disk, without opening it. */
  async hasSaved(accountId: string): Promise<boolean> {
    if (this.#jobs.has(accountId)) return true;
    return access(join(this.#dirOf(accountId), 'queue.json')).then(
      () => true,
      () => false,
    );
  }

  /** The account's job, opening a kept one (paused when unfinished); null when there is none. */
  async status(who: ResolvedAccount): Promise<BulkJobResult> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    return { ok: true, job: job && this.#view(job) };
  }

  async start(who: ResolvedAccount, entries: readonly BulkEntry[], options: Partial<BulkJobOptions>): Promise<BulkJobResult> {
    const existing = await this.#jobFor(who);
    if (existing !== null && 'error' in existing) return existing;
    if (existing !== null) {
      if (left(existing.queue.progress()) > 0) {
        return invalidRequest(`${who.label} has a bulk follow that is not finished: resume it, or cancel it before starting another list.`);
      }
      await this.#discard(existing);
    }
    const opened = await this.#open(who, {
      concurrency: options.concurrency ?? DEFAULT_OPTIONS.concurrency,
      pacePerMinute: options.pacePerMinute ?? null,
      notify: options.notify ?? DEFAULT_OPTIONS.notify,
    });
    if ('error' in opened) return opened;
    try {
      await writeFileAtomic(join(opened.dir, OPTIONS_FILE), JSON.stringify(opened.options));
    } catch (error) {
      await this.#discard(opened);
      return failure('server_error', `Cannot write ${opened.dir}: ${(error as Error).message}. Nothing was sent.`);
    }
    const added = await opened.queue.add(entries);
    if (!added.ok) {
      await this.#discard(opened);
      return failure('server_error', `${added.error.message} Nothing was sent.`);
    }
    this.#run(opened.queue.start());
    return { ok: true, job: this.#view(opened) };
  }

  /** Acts on the account's list, refused when it has none; a run the action starts goes on by itself. */
  async act(who: ResolvedAccount, action: (queue: BulkQueue) => Promise<unknown> | void): Promise<BulkJobResult> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    if (job === null) return invalidRequest(`${who.label} has no bulk follow: start one first.`);
    const running = action(job.queue);
    if (running) this.#run(running);
    return { ok: true, job: this.#view(job) };
  }

  async setOptions(who: ResolvedAccount, options: { concurrency?: number; pacePerMinute?: number | null }): Promise<BulkJobResult> {
    const answer = await this.act(who, (queue) => queue.setOptions(options));
    const job = this.#jobs.get(who.id);
    if (!answer.ok || !job) return answer;
    Object.assign(job.options, options);
    await writeFileAtomic(join(job.dir, OPTIONS_FILE), JSON.stringify(job.options)).catch((error: unknown) =>
      this.#options.log(`bulk options not saved: ${(error as Error).name}`),
    );
    return { ok: true, job: this.#view(job) };
  }

  /** A page of the account's list (all of it without a limit); empty when it has none. */
  async items(who: ResolvedAccount, filter: BulkItemFilter): Promise<IpcResult<{ total: number; items: BulkItem[] }>> {
    const job = await this.#jobFor(who);
    if (job !== null && 'error' in job) return job;
    return { ok: true, ...(job ? job.queue.listItems(filter) : { total: 0, items: [] }) };
  }

  /** Lets requests in flight finish, writes every queue down, lets go of the directories. */
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
    if (this.#historyTimer) clearTimeout(this.#historyTimer);
  }

  #run(running: Promise<unknown>): void {
    running.catch((error: unknown) => this.#options.log(`bulk queue stopped: ${(error as Error).name}`));
  }

  async #jobFor(who: ResolvedAccount): Promise<Job | IpcFailure | null> {
    const open = this.#jobs.get(who.id);
    if (open) return open;
    let opening = this.#opening.get(who.id);
    if (opening === undefined) {
      opening = this.#reopen(who).finally(() => this.#opening.delete(who.id));
      this.#opening.set(who.id, opening);
    }
    return opening;
  }

  /** The list kept on disk, if any; one left unfinished by a quit or a crash comes back paused. */
  async #reopen(who: ResolvedAccount): Promise<Job | IpcFailure | null> {
    if (!(await this.hasSaved(who.id))) return null;
    const job = await this.#open(who, await readOptions(this.#dirOf(who.id)));
    if ('error' in job) return job;
    if (left(job.queue.progress()) > 0) job.queue.pause();
    this.#schedule(job);
    return job;
  }

  async #open(who: ResolvedAccount, options: BulkJobOptions): Promise<Job | IpcFailure> {
    if (this.#closed) return failure('server_error', 'Befriend is quitting.');
    const dir = this.#dirOf(who.id);
    // The sandbox's address changes every launch: its queue is tied to the demo user alone.
    const owner = who.sandbox ? { apiBase: 'sandbox', user: bulkOwnerOf(who.account).user } : bulkOwnerOf(who.account);
    const opened = await openFileBulkStore(dir, owner);
    if (!opened.ok) {
      const message =
        opened.error.kind === 'owner_mismatch'
          ? `The bulk follow kept for ${who.label} was started as another user or on another server, so it cannot go on as this account. It is kept in ${dir}.`
          : `${opened.error.message} Nothing was sent.`;
      return failure('server_error', message);
    }
    const queue = new BulkQueue({ client: this.#options.client, account: who.account, store: opened.store, maxWaitMs: MAX_WAIT_MS, ...options });
    const job: Job = { who, dir, queue, options, timer: null, lastEmit: 0, notified: null, unsubscribe: () => undefined };
    job.unsubscribe = queue.subscribe((event) => this.#onEvent(job, event));
    this.#jobs.set(who.id, job);
    return job;
  }

  /** Closes a job and deletes its directory: its results go with it (the person starts a new list). */
  async #discard(job: Job): Promise<void> {
    this.#jobs.delete(job.who.id);
    job.unsubscribe();
    if (job.timer) clearTimeout(job.timer);
    await job.queue.close();
    await rm(job.dir, { recursive: true, force: true }).catch((error: unknown) =>
      this.#options.log(`bulk state not removed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`),
    );
    if (this.#trayAccount === job.who.id) {
      this.#trayAccount = null;
      this.#options.tray.setTooltip(null);
    }
  }

  #onEvent(job: Job, event: BulkEvent): void {
    if (event.type === 'item') {
      if (event.item.state === 'done' || event.item.state === 'failed') this.#recordHistory(job, event.item);
      return;
    }
    const state = event.type === 'status' ? event.status.state : null;
    if (state === 'finished' || state === 'cancelled' || state === 'needs_sign_in') {
      if (job.notified !== state && this.#options.notificationsEnabled()) {
        const text = bulkNotificationText(job.queue.progress(), job.who.label);
        if (text) this.#options.desktop.notifyBulk(text, job.who.id);
      }
      job.notified = state;
    } else if (state === 'running') {
      job.notified = null;
    }
    this.#schedule(job);
  }

  #schedule(job: Job): void {
    if (job.timer !== null) return;
    const wait = Math.max(0, job.lastEmit + EVENT_INTERVAL_MS - Date.now());
    job.timer = setTimeout(() => {
      job.timer = null;
      job.lastEmit = Date.now();
      if (this.#jobs.get(job.who.id) !== job) return;
      const view = this.#view(job);
      this.#trayAccount = job.who.id;
      this.#options.tray.setTooltip(bulkTrayTooltip(view.progress));
      this.#options.desktop.emit('bulk', { accountId: job.who.id, job: view });
    }, wait);
  }

  #view(job: Job): BulkJobView {
    const progress = job.queue.progress();
    // A queue opened after a restart with nothing left has not run in this session: say how it ended.
    if (progress.status.state === 'idle' && progress.total > 0 && left(progress) === 0) {
      progress.status = { state: progress.counts.cancelled > 0 ? 'cancelled' : 'finished', reason: null, until: null, message: null };
    }
    return { accountId: job.who.id, accountLabel: job.who.label, options: { ...job.options }, progress };
  }

  #recordHistory(job: Job, item: BulkItem): void {
    this.#options.history.add({
      action: 'follow',
      accountId: job.who.id,
      accountLabel: job.who.label,
      target: item.user ? `@${item.user.screenName}` : item.input,
      outcome: item.state === 'done' ? (item.outcome ?? 'followed') : 'failed',
      user: null,
      error: item.error && { kind: item.error.kind, status: item.error.status, code: null, message: item.error.message },
    });
    this.#historyTimer ??= setTimeout(() => {
      this.#historyTimer = null;
      this.#options.tray.refresh();
      this.#options.desktop.emit('changed', { topic: 'history' });
    }, HISTORY_INTERVAL_MS);
  }
}
