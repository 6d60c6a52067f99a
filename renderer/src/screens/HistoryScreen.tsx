import { useState } from 'react';
import { Avatar } from '../components/Avatar.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { formatExact, formatWhen } from '../lib/format.js';
import { useApp, useAppStore } from '../store/context.js';

export function HistoryScreen() {
  const entries = useApp((s) => s.history);
  const loaded = useApp((s) => s.historyLoaded);
  const error = useApp((s) => s.historyError);
  const actions = useAppStore().getState();
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <div className="history-toolbar">
        <h1 className="screen-title">History</h1>
        {confirming ? (
          <div className="form-actions" role="group" aria-label="Confirm clearing the history">
            <span className="message">Clear all {entries.length} entries? The follows themselves stay.</span>
            <button
              type="button"
              className="button small danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void actions.clearHistory();
              }}
            >
              Clear
            </button>
            <button type="button" className="button small quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button small danger"
            disabled={entries.length === 0}
            onClick={() => setConfirming(true)}
          >
            Clear history
          </button>
        )}
      </div>
      {error ? <p className="message bad">Could not load the history: {error.message}</p> : null}
      {loaded && entries.length === 0 ? (
        <p className="empty-state">No follows yet. The people you follow will be listed here.</p>
      ) : (
        <ul className="history-list" aria-label="Recent follows">
          {entries.map((entry) => {
            const name = entry.user?.name ?? entry.user?.screenName ?? entry.target;
            const handle = entry.user ? `@${entry.user.screenName}` : null;
            return (
              <li key={entry.id} className="history-item">
                <button type="button" className="history-entry" onClick={() => actions.reopen(entry)}>
                  <Avatar url={entry.user?.profileImageUrl ?? null} name={name} size={36} />
                  <span className="history-main">
                    <span className="history-target">
                      <bdi>{name}</bdi>{' '}
                      {handle ? <span className="history-meta">{handle}</span> : null}
                    </span>
                    <span className="history-meta">
                      <time dateTime={entry.at} title={formatExact(entry.at) ?? undefined}>
                        {formatWhen(entry.at)}
                      </time>{' '}
                      · {entry.accountLabel}
                    </span>
                  </span>
                  <OutcomeBadge outcome={entry.outcome} error={entry.error} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
