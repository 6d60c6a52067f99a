import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BefriendApi, BulkItem, BulkItemState, BulkJobView } from '../../../electron/shared/contract.js';
import { roughDuration } from '../../../electron/shared/rough-duration.js';
import {
  createBulkStore,
  isUnfinished,
  PAGE_SIZE,
  type BulkActions,
  type BulkState,
  type BulkStore,
  type ItemFilter,
} from '../bulk/bulk-store.js';
import { errorTitle } from '../lib/error-copy.js';
import { formatCount, formatWhen } from '../lib/format.js';
import { useApp, useAppStore } from '../store/context.js';

/** One store per API (per window): the draft list survives switching tabs. */
const stores = new WeakMap<BefriendApi, BulkStore>();

function useBulkStore(): BulkStore {
  const app = useAppStore();
  const api = window.befriend;
  let store = stores.get(api);
  if (store === undefined) {
    store = createBulkStore(api, (message) => app.getState().announce(message));
    stores.set(api, store);
  }
  return store;
}

function useBulk<T>(store: BulkStore, selector: (state: BulkState & BulkActions) => T): T {
  return useStore(store, selector);
}

const PACES: { label: string; value: number | null }[] = [
  { label: 'As fast as the server allows', value: null },
  { label: '60 a minute', value: 60 },
  { label: '30 a minute', value: 30 },
  { label: '10 a minute', value: 10 },
  { label: '1 a minute', value: 1 },
];

const CONCURRENCY = [1, 2, 3, 4];

const FILTERS: { value: ItemFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'in_flight', label: 'Sending' },
  { value: 'done', label: 'Done' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

function Options({ store, live }: { store: BulkStore; live: boolean }) {
  const notify = useBulk(store, (s) => s.notify);
  const pace = useBulk(store, (s) => s.pacePerMinute);
  const concurrency = useBulk(store, (s) => s.concurrency);
  const actions = store.getState();
  const ids = useId();
  return (
    <div className="bulk-options">
      <div className="field">
        <label htmlFor={`${ids}-pace`}>Pace</label>
        <select
          id={`${ids}-pace`}
          className="select"
          value={pace === null ? '' : String(pace)}
          onChange={(event) => void actions.setPace(event.target.value === '' ? null : Number(event.target.value))}
        >
          {PACES.map((option) => (
            <option key={option.label} value={option.value === null ? '' : String(option.value)}>
              {option.label}
            </option>
          ))}
          {pace !== null && !PACES.some((option) => option.value === pace) ? <option value={String(pace)}>{pace} a minute</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-concurrency`}>Requests at once</label>
        <select
          id={`${ids}-concurrency`}
          className="select"
          value={String(concurrency)}
          onChange={(event) => void actions.setConcurrency(Number(event.target.value))}
        >
          {CONCURRENCY.map((value) => (
            <option key={value} value={String(value)}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {live ? null : (
        <label className="switch bulk-sms">
          <input type="checkbox" role="switch" checked={notify} onChange={(event) => actions.setNotify(event.target.checked)} />
          Also send their updates to my phone (SMS)
        </label>
      )}
    </div>
  );
}

function PreviewPanel({ store }: { store: BulkStore }) {
  const preview = useBulk(store, (s) => s.preview);
  if (preview.status === 'idle') return null;
  if (preview.status === 'loading') {
    return (
      <p className="running">
        <span className="spinner" aria-hidden="true" /> Reading the list…
      </p>
    );
  }
  if (preview.status === 'failed') {
    return (
      <div className="notice danger" data-kind={preview.error.kind}>
        <p className="notice-title">This list cannot be read</p>
        <p className="server-words">{preview.error.message}</p>
      </div>
    );
  }
  const p = preview.preview;
  return (
    <section className="bulk-preview" aria-label="Preview">
      <dl className="bulk-stats">
        <div className="stat">
          <dt>To follow</dt>
          <dd>{formatCount(p.valid)}</dd>
        </div>
        <div className="stat">
          <dt>Bad lines</dt>
          <dd className={p.badCount > 0 ? 'bad-count' : undefined}>{formatCount(p.badCount)}</dd>
        </div>
        <div className="stat">
          <dt>Duplicates</dt>
          <dd>{formatCount(p.duplicateCount)}</dd>
        </div>
        {p.checked > 0 ? (
          <div className="stat">
            <dt>Already followed (of {formatCount(p.checked)} checked)</dt>
            <dd>{formatCount(p.alreadyFollowingLines.length)}</dd>
          </div>
        ) : null}
      </dl>
      {p.badCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Bad lines, skipped</h3>
          <ul aria-label="Bad lines">
            {p.bad.map((line) => (
              <li key={line.line}>
                <span className="line-no">Line {line.line}</span> <bdi className="line-input">{line.input}</bdi>{' '}
                <span className="line-why">{line.message}</span>
              </li>
            ))}
          </ul>
          {p.badCount > p.bad.length ? <p className="hint-line">and {formatCount(p.badCount - p.bad.length)} more</p> : null}
        </div>
      ) : null}
      {p.duplicateCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Duplicates, followed once</h3>
          <ul aria-label="Duplicate lines">
            {p.duplicates.map((line) => (
              <li key={line.line}>
                <span className="line-no">Line {line.line}</span> <bdi className="line-input">{line.input}</bdi>{' '}
                <span className="line-why">repeats line {line.firstLine}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.alreadyFollowingLines.length > 0 ? (
        <p className="hint-line">
          Already followed: line{p.alreadyFollowingLines.length > 1 ? 's' : ''} {p.alreadyFollowingLines.slice(0, 20).join(', ')}
          {p.alreadyFollowingLines.length > 20 ? '…' : ''}. They are kept in the list and count as done at once.
        </p>
      ) : null}
    </section>
  );
}

function Compose({ store }: { store: BulkStore }) {
  const text = useBulk(store, (s) => s.text);
  const fileName = useBulk(store, (s) => s.fileName);
  const fileError = useBulk(store, (s) => s.fileError);
  const numericAs = useBulk(store, (s) => s.numericAs);
  const preview = useBulk(store, (s) => s.preview);
  const busy = useBulk(store, (s) => s.busy);
  const actionError = useBulk(store, (s) => s.actionError);
  const actions = store.getState();
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const fresh = preview.status === 'done' && preview.text === text && preview.numericAs === numericAs;
  const count = fresh ? preview.preview.valid : 0;

  return (
    <form
      className="card bulk-compose"
      aria-label="New bulk follow"
      onSubmit={(event) => {
        event.preventDefault();
        void (fresh ? actions.start() : actions.runPreview());
      }}
    >
      <div className="field">
        <label htmlFor={`${ids}-list`}>Accounts to follow</label>
        <textarea
          id={`${ids}-list`}
          className="input bulk-text"
          rows={8}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder={'@name, user id or profile URL: one a line\nor a CSV with a screen_name column, or following.js'}
          aria-describedby={`${ids}-hint`}
          value={text}
          onChange={(event) => actions.setText(event.target.value)}
        />
        <p id={`${ids}-hint`} className="field-hint">
          Plain text, a CSV export with a screen_name or user_id column, or following.js from a Twitter archive.
          {fileName ? ` Imported from ${fileName}.` : ''}
        </p>
      </div>
      <div className="bulk-row">
        <input
          ref={fileRef}
          id={`${ids}-file`}
          className="visually-hidden"
          type="file"
          accept=".txt,.csv,.js,.json,text/plain,text/csv"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void actions.importFile(file);
            event.target.value = '';
          }}
        />
        <button type="button" className="button small" onClick={() => fileRef.current?.click()}>
          Import a file…
        </button>
        <fieldset className="segmented" aria-label="A number on its own line is a">
          <label>
            <input
              type="radio"
              name={`${ids}-numeric`}
              checked={numericAs === 'user_id'}
              onChange={() => actions.setNumericAs('user_id')}
            />
            Numbers are user ids
          </label>
          <label>
            <input
              type="radio"
              name={`${ids}-numeric`}
              checked={numericAs === 'screen_name'}
              onChange={() => actions.setNumericAs('screen_name')}
            />
            Numbers are names
          </label>
        </fieldset>
      </div>
      {fileError ? <p className="message bad">{fileError}</p> : null}
      <PreviewPanel store={store} />
      <Options store={store} live={false} />
      {actionError ? (
        <div className="notice danger" data-kind={actionError.kind}>
          <p className="notice-title">Could not start</p>
          <p className="server-words">{actionError.message}</p>
        </div>
      ) : null}
      <div className="form-actions">
        {fresh ? (
          <button type="submit" className="button primary" disabled={count === 0 || busy === 'start'}>
            {busy === 'start' ? <span className="spinner" aria-hidden="true" /> : null}
            Follow {formatCount(count)} {count === 1 ? 'account' : 'accounts'}
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={text.trim() === '' || preview.status === 'loading'}>
            Preview
          </button>
        )}
        {fresh ? (
          <button type="button" className="button" onClick={() => void actions.runPreview()}>
            Preview again
          </button>
        ) : null}
      </div>
    </form>
  );
}

function StatusLine({ job, onSettings }: { job: BulkJobView; onSettings: () => void }) {
  const { status } = job.progress;
  const until = status.until ? formatWhen(status.until) : null;
  switch (status.state) {
    case 'waiting': {
      const what =
        status.reason === 'follow_limit'
          ? `You have reached the number of accounts you may follow for now: paused until ${until ?? 'the limit lifts'}.`
          : status.reason === 'rate_limit'
            ? `Waiting for the rate limit to reset until ${until ?? 'the server allows more'}.`
            : `The server is not answering properly: trying again at ${until ?? 'a moment'}.`;
      return <p className="bulk-status warning">{what}</p>;
    }
    case 'needs_sign_in':
      return (
        <div className="notice warning" data-state="needs_sign_in">
          <p className="notice-title">Sign in again to continue</p>
          <p>The server no longer accepts this account's sign-in. Enter it again in Settings, then resume.</p>
          <div className="notice-actions">
            <button type="button" className="button small" onClick={onSettings}>
              Open Settings
            </button>
          </div>
        </div>
      );
    case 'paused':
      return <p className="bulk-status">Paused: nothing more is sent until you resume.</p>;
    case 'cancelled':
      return <p className="bulk-status">Cancelled: the rest of the list was not sent.</p>;
    case 'finished':
      return <p className="bulk-status ok">Finished.</p>;
    case 'stopped':
      return <p className="bulk-status warning server-words">{status.message ?? 'Stopped.'}</p>;
    default:
      return <p className="bulk-status">Following…</p>;
  }
}

const STATE_LABEL: Record<BulkItemState, string> = {
  pending: 'Pending',
  in_flight: 'Sending',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function itemBadge(item: BulkItem) {
  if (item.state === 'done') {
    switch (item.outcome) {
      case 'request_pending':
        return <span className="badge warning">Request sent</span>;
      case 'already_following':
        return <span className="badge">Already following</span>;
      default:
        return <span className="badge success">Followed</span>;
    }
  }
  if (item.state === 'failed') {
    return <span className="badge danger-badge">{item.error ? errorTitle(item.error.kind) : 'Failed'}</span>;
  }
  return <span className={item.state === 'in_flight' ? 'badge accent' : 'badge'}>{STATE_LABEL[item.state]}</span>;
}

function ItemList({ store }: { store: BulkStore }) {
  const items = useBulk(store, (s) => s.items);
  const total = useBulk(store, (s) => s.itemsTotal);
  const filter = useBulk(store, (s) => s.filter);
  const page = useBulk(store, (s) => s.page);
  const itemsError = useBulk(store, (s) => s.itemsError);
  const actions = store.getState();
  const [search, setSearch] = useState(store.getState().search);
  const ids = useId();
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);

  // Typing waits for a pause before asking main; progress pushes re-render without restarting the wait.
  useEffect(() => {
    if (search === store.getState().search) return;
    const timer = setTimeout(() => store.getState().setSearch(search), 200);
    return () => clearTimeout(timer);
  }, [search, store]);

  return (
    <section className="card bulk-items" aria-labelledby={`${ids}-title`}>
      <div className="bulk-items-head">
        <h2 id={`${ids}-title`} className="section-title">
          Accounts
        </h2>
        <div className="bulk-filters">
          <label className="visually-hidden" htmlFor={`${ids}-filter`}>
            Show
          </label>
          <select
            id={`${ids}-filter`}
            className="select"
            value={filter}
            onChange={(event) => actions.setFilter(event.target.value as ItemFilter)}
          >
            {FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`${ids}-search`}>
            Find in the list
          </label>
          <input
            id={`${ids}-search`}
            className="input"
            type="search"
            placeholder="Find a name"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </div>
      {itemsError ? <p className="message bad">Could not load the list: {itemsError.message}</p> : null}
      {total === 0 ? (
        <p className="hint-line">Nothing here.</p>
      ) : (
        <ul className="bulk-list" aria-label="Accounts in this bulk follow">
          {items.map((item) => (
            <li key={item.index} className="bulk-item" data-state={item.state}>
              <span className="line-no">{item.line}</span>
              <span className="bulk-item-main">
                <bdi className="bulk-item-name">{item.user ? `@${item.user.screenName}` : item.input}</bdi>
                {item.error && item.state !== 'done' ? <span className="bulk-item-why server-words">{item.error.message}</span> : null}
              </span>
              {itemBadge(item)}
            </li>
          ))}
        </ul>
      )}
      {total > PAGE_SIZE ? (
        <nav className="bulk-pager" aria-label="Pages">
          <button type="button" className="button small" disabled={page === 0} onClick={() => actions.setPage(page - 1)}>
            Previous
          </button>
          <span className="hint-line" aria-live="polite">
            {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
          </span>
          <button type="button" className="button small" disabled={last >= total} onClick={() => actions.setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function JobPanel({ store, job }: { store: BulkStore; job: BulkJobView }) {
  const busy = useBulk(store, (s) => s.busy);
  const actionError = useBulk(store, (s) => s.actionError);
  const exported = useBulk(store, (s) => s.exported);
  const go = useAppStore().getState().go;
  const actions = store.getState();
  const { counts, outcomes, total, status, etaSeconds } = job.progress;
  const handled = counts.done + counts.failed + counts.cancelled;
  const percent = total === 0 ? 100 : Math.round((handled / total) * 100);
  const unfinished = isUnfinished(job);
  const running = status.state === 'running' || status.state === 'waiting';
  const canResume = unfinished && !running;
  const eta = unfinished && running && etaSeconds !== null && etaSeconds > 0 ? `${roughDuration(etaSeconds)} left` : null;

  return (
    <section className="card bulk-job" aria-label="Bulk follow progress" data-state={status.state}>
      <div className="bulk-job-head">
        <p className="bulk-count">
          <strong>
            {formatCount(handled)} of {formatCount(total)}
          </strong>{' '}
          {eta ? <span className="hint-line">· {eta}</span> : null}
        </p>
        <span className="hint-line">{job.accountLabel}</span>
      </div>
      <div
        className="bulk-bar"
        role="progressbar"
        aria-label="Accounts handled"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={handled}
        aria-valuetext={`${handled} of ${total}`}
      >
        <span className="bulk-bar-done" style={{ width: `${total === 0 ? 0 : (counts.done / total) * 100}%` }} />
        <span className="bulk-bar-failed" style={{ width: `${total === 0 ? 0 : ((counts.failed + counts.cancelled) / total) * 100}%` }} />
      </div>
      <span className="visually-hidden">{percent}%</span>
      <StatusLine job={job} onSettings={() => go('settings')} />
      <dl className="bulk-stats">
        <div className="stat">
          <dt>Followed</dt>
          <dd>{formatCount(outcomes.followed)}</dd>
        </div>
        <div className="stat">
          <dt>Already following</dt>
          <dd>{formatCount(outcomes.already_following)}</dd>
        </div>
        <div className="stat">
          <dt>Requested</dt>
          <dd>{formatCount(outcomes.request_pending)}</dd>
        </div>
        <div className="stat">
          <dt>Failed</dt>
          <dd className={counts.failed > 0 ? 'bad-count' : undefined}>{formatCount(counts.failed)}</dd>
        </div>
        <div className="stat">
          <dt>To go</dt>
          <dd>{formatCount(counts.pending + counts.in_flight)}</dd>
        </div>
        {counts.cancelled > 0 ? (
          <div className="stat">
            <dt>Cancelled</dt>
            <dd>{formatCount(counts.cancelled)}</dd>
          </div>
        ) : null}
      </dl>
      {unfinished ? <Options store={store} live /> : null}
      {actionError ? (
        <div className="notice danger" data-kind={actionError.kind}>
          <p className="notice-title">That did not work</p>
          <p className="server-words">{actionError.message}</p>
        </div>
      ) : null}
      <div className="form-actions">
        {running && unfinished ? (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void actions.pause()}>
            Pause
          </button>
        ) : null}
        {canResume ? (
          <button type="button" className="button primary" disabled={busy !== null} onClick={() => void actions.resume()}>
            Resume
          </button>
        ) : null}
        {unfinished ? (
          <button type="button" className="button danger" disabled={busy !== null} onClick={() => void actions.cancel()}>
            Cancel
          </button>
        ) : null}
        {counts.failed + (unfinished ? 0 : counts.cancelled) > 0 ? (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void actions.retryFailed()}>
            Retry failed ({formatCount(counts.failed + (unfinished ? 0 : counts.cancelled))})
          </button>
        ) : null}
        <button type="button" className="button" disabled={busy !== null} onClick={() => void actions.exportCsv()}>
          Export CSV
        </button>
        {!unfinished ? (
          <button type="button" className="button quiet" onClick={() => actions.newList()}>
            New list
          </button>
        ) : null}
      </div>
      {exported && exported.path ? (
        <p className="message ok">
          Saved {formatCount(exported.rows)} rows to <bdi>{exported.path}</bdi>.
        </p>
      ) : null}
    </section>
  );
}

export function BulkScreen() {
  const store = useBulkStore();
  const activeId = useApp((s) => s.activeId);
  const loaded = useBulk(store, (s) => s.loaded);
  const loadError = useBulk(store, (s) => s.loadError);
  const job = useBulk(store, (s) => s.job);
  const composing = useBulk(store, (s) => s.composing);

  const app = useAppStore();
  useEffect(() => {
    // A new list starts with the account's own "notify me" default, as a single follow does.
    const account = app.getState().accounts.find((a) => a.id === activeId);
    if (account && store.getState().accountId !== activeId) store.getState().setNotify(account.notifyByDefault);
    void store.getState().load(activeId);
  }, [activeId, store, app]);

  useEffect(() => window.befriend.onBulk((payload) => store.getState().onEvent(payload)), [store]);

  const showJob = job !== null && (!composing || isUnfinished(job));
  return (
    <>
      <div className="history-toolbar">
        <h1 className="screen-title">Bulk follow</h1>
      </div>
      <p className="screen-lede">
        Paste or import a list and Befriend follows everyone in it within the server's limits, even across a quit or a crash.
      </p>
      {loadError ? <p className="message bad">Could not load the bulk follow: {loadError.message}</p> : null}
      {!loaded ? (
        <p className="running">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      ) : showJob ? (
        <>
          <JobPanel store={store} job={job} />
          <ItemList store={store} />
        </>
      ) : (
        <Compose store={store} />
      )}
    </>
  );
}
