import type { BulkJobView } from '../../../electron/shared/contract.js';

/** Whether the job still has something to send (or to resume). */
export function isUnfinished(job: BulkJobView | null): boolean {
  return job !== null && job.progress.counts.pending + job.progress.counts.in_flight > 0;
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
