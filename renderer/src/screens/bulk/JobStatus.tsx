import type { BulkJobView } from '../../../../electron/shared/contract.js';
import { formatWhen } from '../../lib/format.js';

/** Where the job stands, in words; a lost sign-in leads to Settings. */
export function JobStatus({ job, onSettings }: { job: BulkJobView; onSettings: () => void }) {
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
