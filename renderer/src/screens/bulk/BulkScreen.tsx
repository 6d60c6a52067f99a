import { useEffect } from 'react';
import { Busy } from '../../components/Busy.js';
import { isUnfinished } from '../../lib/bulk-job.js';
import { useApp, useAppStore } from '../../store/context.js';
import { ComposeForm } from './ComposeForm.js';
import { ItemList } from './ItemList.js';
import { JobPanel } from './JobPanel.js';
import { MoveFollowsForm } from './MoveFollowsForm.js';
import '../../styles/bulk.css';

/** The Bulk tab: a new list, or the account's bulk follow with its accounts. */
export function BulkScreen() {
  const store = useAppStore();
  const activeId = useApp((s) => s.activeId);
  const loaded = useApp((s) => s.bulk.loaded);
  const loadError = useApp((s) => s.bulk.loadError);
  const job = useApp((s) => s.bulk.job);
  const composing = useApp((s) => s.bulk.composing);
  const moving = useApp((s) => s.move.open);

  useEffect(() => {
    void store.getState().bulk.load(activeId);
  }, [activeId, store]);
  useEffect(() => store.getState().bulk.watch(), [store]);

  const showJob = job !== null && (!composing || isUnfinished(job));
  return (
    <>
      <div className="history-toolbar">
        <h1 className="screen-title">Bulk follow</h1>
        {moving ? null : (
          <button type="button" className="button small" onClick={() => store.getState().move.begin()}>
            Move follows…
          </button>
        )}
      </div>
      <p className="screen-lede">
        Paste or import a list and Befriend follows everyone in it within the server's limits, even across a quit or a crash.
      </p>
      {loadError ? <p className="message bad">Could not load the bulk follow: {loadError.message}</p> : null}
      {!loaded ? (
        <Busy>Loading…</Busy>
      ) : moving ? (
        <MoveFollowsForm />
      ) : showJob ? (
        <>
          <JobPanel job={job} />
          <ItemList />
        </>
      ) : (
        <ComposeForm />
      )}
    </>
  );
}
