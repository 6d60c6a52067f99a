import { useEffect, useId, useState } from 'react';
import type { BulkItem, BulkItemState } from '../../../../electron/shared/contract.js';
import { OutcomeBadge } from '../../components/OutcomeBadge.js';
import { formatCount } from '../../lib/format.js';
import { type ItemFilter, PAGE_SIZE } from '../../store/bulk-items-slice.js';
import { useApp, useAppStore } from '../../store/context.js';

const STATE_LABEL: Record<BulkItemState, string> = {
  pending: 'Pending',
  in_flight: 'Sending',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const FILTERS = [['all', 'All'], ...Object.entries(STATE_LABEL)] as [ItemFilter, string][];

function itemBadge(item: BulkItem) {
  if (item.state === 'done') return <OutcomeBadge outcome={item.outcome ?? 'followed'} error={null} />;
  if (item.state === 'failed') return <OutcomeBadge outcome="failed" error={item.error} />;
  return <span className={item.state === 'in_flight' ? 'badge accent' : 'badge'}>{STATE_LABEL[item.state]}</span>;
}

/** The job's accounts, a page at a time, by state and by name. */
export function ItemList() {
  const items = useApp((s) => s.bulkItems.items);
  const total = useApp((s) => s.bulkItems.total);
  const filter = useApp((s) => s.bulkItems.filter);
  const page = useApp((s) => s.bulkItems.page);
  const itemsError = useApp((s) => s.bulkItems.error);
  const store = useAppStore();
  const actions = store.getState().bulkItems;
  const [search, setSearch] = useState(actions.search);
  const ids = useId();
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);

  // Typing waits for a pause before asking main; progress pushes re-render without restarting the wait.
  useEffect(() => {
    if (search === store.getState().bulkItems.search) return;
    const timer = setTimeout(() => store.getState().bulkItems.setSearch(search), 200);
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
            {FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
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
