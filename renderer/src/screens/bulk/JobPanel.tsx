import type { BulkJobView } from '../../../../electron/shared/contract.js';
import { roughDuration } from '../../../../electron/shared/rough-duration.js';
import { FailureNotice } from '../../components/ErrorNotice.js';
import { Stat } from '../../components/Stat.js';
import { isUnfinished } from '../../lib/bulk-job.js';
import { formatCount } from '../../lib/format.js';
import { useApp, useAppStore } from '../../store/context.js';
import { BulkOptions } from './BulkOptions.js';
import { JobStatus } from './JobStatus.js';

/** A bulk follow under way or done: progress, counts, controls and export. */
export function JobPanel({ job }: { job: BulkJobView }) {
  const busy = useApp((s) => s.bulk.busy);
  const actionError = useApp((s) => s.bulk.actionError);
  const exported = useApp((s) => s.bulk.exported);
  const store = useAppStore();
  const go = store.getState().go;
  const actions = store.getState().bulk;
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
      <JobStatus job={job} onSettings={() => go('settings')} />
      <dl className="bulk-stats">
        <Stat label="Followed" value={outcomes.followed} />
        <Stat label="Already following" value={outcomes.already_following} />
        <Stat label="Requested" value={outcomes.request_pending} />
        <Stat label="Failed" value={counts.failed} bad={counts.failed > 0} />
        <Stat label="To go" value={counts.pending + counts.in_flight} />
        {counts.cancelled > 0 ? <Stat label="Cancelled" value={counts.cancelled} /> : null}
      </dl>
      {unfinished ? <BulkOptions live /> : null}
      {actionError ? <FailureNotice title="That did not work" error={actionError} /> : null}
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
